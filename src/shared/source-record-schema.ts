/**
 * zod schemas for SourceRecord (src/shared/domain.ts): the runtime check for records that come
 * from a connector, an import or the demo workspace before ingest trusts them.
 *
 * The schemas are strict (unknown keys are an error) and deliberately tolerant of real-world data
 * inside the fields: an email address is any non-empty string (mail in the wild is not RFC-clean),
 * a call's customerNumber may be raw digits when it could not be normalised. What they do insist
 * on is what ingest relies on: the discriminant, a non-empty sourceKey, finite epoch-ms times,
 * whole non-negative durations with billSec <= durationSec, and the closed enums.
 *
 * The type assertions at the end fail to compile when domain.ts and these schemas drift apart.
 */
import { z } from 'zod';
import type {
  AttachmentMeta,
  CallRecord,
  ChatRecord,
  EmailRecord,
  FlagsRecord,
  RemovalRecord,
  SourceRecord,
} from './domain';

const text = z.string();
const nonEmpty = z.string().min(1);
/** Epoch milliseconds: a finite integer (1970 onwards; the year 3000 is a generous ceiling). */
const epochMs = z.number().int().min(0).max(32_503_680_000_000);
const seconds = z.number().int().min(0);

export const directionSchema = z.enum(['inbound', 'outbound', 'internal']);
export const callOutcomeSchema = z.enum(['answered', 'missed', 'busy', 'failed', 'voicemail']);

export const addressSchema = z.strictObject({
  name: text.optional(),
  address: nonEmpty,
});

export const attachmentMetaSchema = z.strictObject({
  partId: nonEmpty,
  filename: text,
  contentType: nonEmpty,
  size: z.number().int().min(0),
  contentId: text.optional(),
  inline: z.boolean().optional(),
});

const base = {
  sourceKey: nonEmpty,
  sourceId: nonEmpty,
};

export const emailRecordSchema = z.strictObject({
  ...base,
  type: z.literal('email'),
  folder: text,
  uid: z.number().int().min(1).optional(),
  uidValidity: z.number().int().min(1).optional(),
  messageId: nonEmpty,
  inReplyTo: nonEmpty.optional(),
  references: z.array(nonEmpty),
  subject: text,
  from: addressSchema,
  to: z.array(addressSchema),
  cc: z.array(addressSchema),
  replyTo: z.array(addressSchema).optional(),
  date: epochMs,
  direction: directionSchema,
  text,
  html: text.optional(),
  attachments: z.array(attachmentMetaSchema),
  flags: z.array(nonEmpty),
  warnings: z.array(text),
});

export const chatRecordSchema = z.strictObject({
  ...base,
  type: z.literal('chat'),
  peer: nonEmpty,
  account: nonEmpty,
  direction: directionSchema,
  body: text,
  ts: epochMs,
  stanzaId: nonEmpty,
  archiveId: nonEmpty.optional(),
  agent: text.optional(),
  peerName: text.optional(),
  warnings: z.array(text),
});

export const callRecordSchema = z
  .strictObject({
    ...base,
    type: z.literal('call'),
    customerNumber: text,
    customerName: text.optional(),
    agent: text.optional(),
    direction: directionSchema,
    outcome: callOutcomeSchema,
    start: epochMs,
    durationSec: seconds,
    billSec: seconds,
    recordingUrl: nonEmpty.optional(),
    notes: text.optional(),
    raw: z.record(z.string(), z.string()).optional(),
    warnings: z.array(text),
  })
  .refine((c) => c.billSec <= c.durationSec, {
    message: 'billSec (talk time) cannot exceed durationSec (ring + talk time)',
    path: ['billSec'],
  });

export const removalRecordSchema = z.strictObject({
  ...base,
  type: z.literal('removal'),
});

export const flagsRecordSchema = z.strictObject({
  ...base,
  type: z.literal('flags'),
  flags: z.array(nonEmpty),
});

export const sourceRecordSchema = z.discriminatedUnion('type', [
  emailRecordSchema,
  chatRecordSchema,
  callRecordSchema,
  removalRecordSchema,
  flagsRecordSchema,
]);

/** Parse one record; throws a ZodError naming the offending path. */
export function parseSourceRecord(input: unknown): SourceRecord {
  return sourceRecordSchema.parse(input);
}

// ---- compile-time drift check: schema output and domain types must be mutually assignable ------

type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Mutually assignable and the same keys (assignability alone would let an extra optional key slip). */
type Same<A, B> = Assignable<A, B> extends true ? Assignable<keyof A, keyof B> : false;
type Assert<T extends true> = T;

export type SchemaMatchesDomain = [
  Assert<Same<z.infer<typeof attachmentMetaSchema>, AttachmentMeta>>,
  Assert<Same<z.infer<typeof emailRecordSchema>, EmailRecord>>,
  Assert<Same<z.infer<typeof chatRecordSchema>, ChatRecord>>,
  Assert<Same<z.infer<typeof callRecordSchema>, CallRecord>>,
  Assert<Same<z.infer<typeof removalRecordSchema>, RemovalRecord>>,
  Assert<Same<z.infer<typeof flagsRecordSchema>, FlagsRecord>>,
  Assert<Same<z.infer<typeof sourceRecordSchema>, SourceRecord>>,
];
