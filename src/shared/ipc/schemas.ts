/**
 * zod schemas for every renderer -> main payload. Main validates each payload with these before a
 * handler sees it; the renderer gets the inferred types.
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const host = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'host name may hold letters, digits, dots, dashes and colons only');
const port = z.number().int().min(1).max(65535);
/** An email address; `name@localhost` is accepted too (loopback lab servers, local delivery). */
const emailAddress = z.union([z.email(), z.string().regex(/^[^@\s<>"]+@localhost$/i, 'an email address')]);
export const securitySchema = z.enum(['tls', 'starttls', 'plain']);

export const endpointSchema = z.object({ host, port, security: securitySchema });

const base = {
  id,
  label: z.string().min(1).max(120),
  enabled: z.boolean(),
};

export const imapSourceSchema = z.object({
  ...base,
  kind: z.literal('imap'),
  displayName: z.string().max(120),
  email: emailAddress,
  user: z.string().min(1).max(320),
  imap: endpointSchema,
  smtp: endpointSchema,
  /** Plain (unencrypted) connections are refused unless the agent allows them for a lab server. */
  allowPlain: z.boolean(),
  /** Accept self-signed certificates (lab servers). */
  allowSelfSigned: z.boolean(),
  folders: z.array(z.string().min(1).max(500)).min(1).max(50),
  sentFolder: z.string().min(1).max(500),
  signature: z.string().max(5000),
  /** Addresses that belong to the team (aliases); never treated as customers. */
  teamAddresses: z.array(emailAddress).max(200),
  /** Folder that holds the team log (team sync); empty disables team sync for this account. */
  teamFolder: z.string().max(500),
});

export const xmppSourceSchema = z.object({
  ...base,
  kind: z.literal('xmpp'),
  jid: z.string().regex(/^[^@/\s]+@[^@/\s]+$/, 'a bare JID like support@example.com'),
  host: z.union([host, z.literal('')]),
  port: z.union([port, z.literal(0)]),
  security: securitySchema,
  allowSelfSigned: z.boolean(),
  resource: z.string().min(1).max(100),
  sessionGapMinutes: z.number().int().min(1).max(24 * 60),
});

export const cdrCsvSourceSchema = z.object({
  ...base,
  kind: z.literal('cdr-csv'),
  path: z.string().min(1).max(4096),
  defaultRegion: z.string().length(2),
  /** Regular expression source matching internal extensions (agents), e.g. "^\\d{2,4}$". */
  extensionPattern: z.string().max(200),
  timeZone: z.string().max(64),
  /** URL template of the PBX's recordings ({file}, {yyyy}, {mm}, {dd}); '' = no links. */
  recordingUrl: z.string().max(1000).optional(),
});

export const cdrSqlSourceSchema = z.object({
  ...base,
  kind: z.literal('cdr-sql'),
  host,
  port,
  user: z.string().min(1).max(120),
  database: z.string().min(1).max(64).regex(/^[A-Za-z0-9_$]+$/),
  table: z.string().min(1).max(64).regex(/^[A-Za-z0-9_$]+$/),
  tls: z.enum(['required', 'preferred', 'off']),
  defaultRegion: z.string().length(2),
  extensionPattern: z.string().max(200),
  timeZone: z.string().max(64),
  /** As for cdr-csv: where FreePBX's `recordingfile` is served. */
  recordingUrl: z.string().max(1000).optional(),
});

export const columnMappingSchema = z.object({
  start: z.string().min(1),
  caller: z.string().min(1),
  callee: z.string().min(1),
  direction: z.string().optional(),
  duration: z.string().optional(),
  outcome: z.string().optional(),
  recording: z.string().optional(),
  agent: z.string().optional(),
  id: z.string().optional(),
});

export const csvGenericSourceSchema = z.object({
  ...base,
  kind: z.literal('csv-generic'),
  path: z.string().min(1).max(4096),
  presetName: z.string().max(120),
  mapping: columnMappingSchema,
  delimiter: z.enum([',', ';', '\t', '|']),
  timeZone: z.string().max(64),
  defaultRegion: z.string().length(2),
  extensionPattern: z.string().max(200),
});

export const demoSourceSchema = z.object({ ...base, kind: z.literal('demo') });

export const sourceConfigSchema = z.discriminatedUnion('kind', [
  demoSourceSchema,
  imapSourceSchema,
  xmppSourceSchema,
  cdrCsvSourceSchema,
  cdrSqlSourceSchema,
  csvGenericSourceSchema,
]);

export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type ImapSourceConfig = z.infer<typeof imapSourceSchema>;
export type XmppSourceConfig = z.infer<typeof xmppSourceSchema>;
export type CdrCsvSourceConfig = z.infer<typeof cdrCsvSourceSchema>;
export type CdrSqlSourceConfig = z.infer<typeof cdrSqlSourceSchema>;
export type CsvGenericSourceConfig = z.infer<typeof csvGenericSourceSchema>;
export type ColumnMapping = z.infer<typeof columnMappingSchema>;

const addressSchema = z.object({ name: z.string().max(300).optional(), address: emailAddress });

export const forwardedAttachmentSchema = z.object({
  sourceId: id,
  folder: z.string().min(1).max(1000),
  uid: z.number().int().min(1),
  partId: z.string().min(1).max(100).regex(/^[\d.]+$/, 'a MIME part number like 2 or 1.2'),
  filename: z.string().max(1000),
  contentType: z.string().max(300),
  size: z.number().int().min(0),
});

export const outgoingEmailSchema = z.object({
  from: addressSchema,
  to: z.array(addressSchema).min(1).max(100),
  cc: z.array(addressSchema).max(100),
  bcc: z.array(addressSchema).max(100),
  subject: z.string().max(1000),
  text: z.string().max(5_000_000),
  inReplyTo: z.string().max(1000).optional(),
  references: z.array(z.string().max(1000)).max(500),
  attachments: z.array(forwardedAttachmentSchema).max(50).optional(),
});

export const outgoingChatSchema = z.object({
  to: z.string().regex(/^[^@/\s]+@[^@/\s]+$/),
  body: z.string().min(1).max(100_000),
});

export const deliverRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('email'),
    id,
    sourceId: id,
    messageId: z.string().regex(/^<[^<>\s]+@[^<>\s]+>$/, 'a Message-ID like <x@host>'),
    attempts: z.number().int().min(0),
    payload: outgoingEmailSchema,
  }),
  z.object({
    kind: z.literal('chat'),
    id,
    sourceId: id,
    messageId: z.string().min(1).max(200),
    attempts: z.number().int().min(0),
    payload: outgoingChatSchema,
  }),
]);
export type DeliverRequest = z.infer<typeof deliverRequestSchema>;

export const pullRequestSchema = z.object({
  sourceId: id,
  cursor: z.unknown(),
  limit: z.number().int().min(1).max(5000).optional(),
});

export const saveSourceRequestSchema = z.object({
  config: sourceConfigSchema,
  /** Only on create or when the agent typed a new one; never returned. */
  password: z.string().max(1000).optional(),
});

export const testSourceRequestSchema = saveSourceRequestSchema;

export const attachmentRequestSchema = z.object({
  sourceId: id,
  folder: z.string().min(1).max(500),
  uid: z.number().int().min(1),
  partId: z.string().regex(/^\d+(\.\d+)*$/),
});

/** A remote image in an email, fetched by main after the agent allowed it (https only). */
export const remoteImageRequestSchema = z.object({
  url: z.url({ protocol: /^https$/ }).max(4096),
});

/** First rows of a CSV file for the column-mapping step (generic phone-system exports). */
export const csvPreviewRequestSchema = z.object({
  path: z.string().min(1).max(4096),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
  rows: z.number().int().min(1).max(200).optional(),
});

export const externalUrlSchema = z.object({
  url: z.url({ protocol: /^(https?|mailto|tel)$/ }),
});
