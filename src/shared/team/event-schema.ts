/**
 * The team log's wire schema (version 1). Every team-visible change travels as one envelope:
 *
 *   { v: 1, kind: 'event', id, type, author, hlc, ts, payload }
 *
 * `payload` is the TeamAction exactly as team-actions applied it (final values, not deltas
 * against unknown state). Presence ("agent is replying") is a separate, short-lived envelope
 * that is never folded into state. Validated with zod on every read: a bad message in the shared
 * folder is reported and skipped, it never stops the log.
 */
import { z } from 'zod';
import type { Customer, HandoffNote, MergeRecord, TeamAction } from '../domain';
import { isHlc } from './hlc';

export const TEAM_LOG_VERSION = 1;

/** Event ids end up in a Message-ID (`<evt-ID@switchboard>`), so they are restricted to safe characters. */
export const eventIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'an event id of letters, digits, dot, dash and underscore');
const hlcSchema = z.string().refine(isHlc, 'a team clock timestamp like 2024-01-01T00:00:00.000Z-0000');
const text = (max: number) => z.string().max(max);
const ids = z.array(z.string().min(1).max(300)).max(10_000);
const triageStatus = z.enum(['open', 'pending', 'snoozed', 'closed']);
const priority = z.enum(['urgent', 'high', 'normal', 'low']);
const tags = z.array(z.string().min(1).max(100)).max(200);

export const handoffNoteSchema = z.object({
  id: z.string().min(1).max(300),
  noteId: z.string().min(1).max(300),
  version: z.number().int().min(1),
  customerId: z.string().min(1).max(300),
  threadId: z.string().min(1).max(300).optional(),
  author: text(200),
  createdAt: z.number(),
  summary: text(20_000),
  tried: text(20_000),
  promised: text(20_000),
  nextStep: text(20_000),
  forWhom: text(200).optional(),
  mentions: z.array(text(200)).max(100),
  acknowledgedBy: text(200).optional(),
  acknowledgedAt: z.number().optional(),
});

export const mergeRecordSchema = z.object({
  id: z.string().min(1).max(300),
  kind: z.enum(['merge', 'split']),
  ts: z.number(),
  author: text(200),
  from: z.string().min(1).max(300),
  into: z.string().min(1).max(300),
  fromName: text(500),
  intoName: text(500),
  identityKeys: ids,
  threadIds: ids,
  noteIds: ids,
  customers: ids,
  reason: text(2000).optional(),
  undoneAt: z.number().optional(),
  undoneBy: text(200).optional(),
});

export const customerSchema = z.object({
  id: z.string().min(1).max(300),
  name: text(500),
  createdAt: z.number(),
  lastActivityAt: z.number(),
  mergedInto: z.string().max(300).optional(),
  tags,
  language: text(50).optional(),
  timeZone: text(64).optional(),
});

const threadIds = z.array(z.string().min(1).max(300)).min(1).max(5000);

export const teamActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thread.status'), threadIds, status: triageStatus, snoozeUntil: z.number().optional(), at: z.number().optional() }),
  z.object({ type: z.literal('thread.assign'), threadIds, assignee: z.string().min(1).max(200).nullable() }),
  z.object({ type: z.literal('thread.priority'), threadIds, priority }),
  z.object({ type: z.literal('thread.tags'), threadIds, add: tags, remove: tags }),
  z.object({ type: z.literal('customer.tags'), customerId: z.string().min(1).max(300), add: tags, remove: tags }),
  z.object({ type: z.literal('note.write'), note: handoffNoteSchema }),
  z.object({ type: z.literal('note.ack'), noteId: z.string().min(1).max(300), by: text(200), at: z.number() }),
  z.object({ type: z.literal('customer.merge'), merge: mergeRecordSchema }),
  z.object({ type: z.literal('customer.split'), merge: mergeRecordSchema, newCustomer: customerSchema }),
  z.object({ type: z.literal('merge.undo'), mergeId: z.string().min(1).max(300), by: text(200), at: z.number() }),
  z.object({ type: z.literal('call.note'), interactionId: z.string().min(1).max(300), text: text(20_000), author: text(200), at: z.number() }),
  z.object({ type: z.literal('thread.calledBack'), threadIds }),
]);

export const teamEventEnvelopeSchema = z
  .object({
    v: z.literal(TEAM_LOG_VERSION),
    kind: z.literal('event'),
    id: eventIdSchema,
    type: z.string(),
    author: z.string().min(1).max(200),
    hlc: hlcSchema,
    /** Wall time at the author's console (display only; order comes from hlc). */
    ts: z.number(),
    payload: teamActionSchema,
  })
  .refine((e) => e.type === e.payload.type, { message: 'type must equal payload.type', path: ['type'] });

export type TeamEventEnvelope = Omit<z.infer<typeof teamEventEnvelopeSchema>, 'type' | 'payload'> & {
  type: TeamAction['type'];
  payload: TeamAction;
};

/** "agent is replying to this conversation" (or stopped); expires on its own. Never folded. */
export const presenceEnvelopeSchema = z.object({
  v: z.literal(TEAM_LOG_VERSION),
  kind: z.literal('presence'),
  id: eventIdSchema,
  author: z.string().min(1).max(200),
  hlc: hlcSchema,
  ts: z.number(),
  threadId: z.string().min(1).max(300),
  state: z.enum(['replying', 'idle']),
  /** Epoch ms after which every reader ignores it (and any console may expunge it). */
  expiresAt: z.number(),
});
export type PresenceEnvelope = z.infer<typeof presenceEnvelopeSchema>;

export const teamEnvelopeSchema = z.union([teamEventEnvelopeSchema, presenceEnvelopeSchema]);
export type TeamEnvelope = TeamEventEnvelope | PresenceEnvelope;

export type ParsedEnvelope =
  | { ok: true; envelope: TeamEnvelope }
  | { ok: false; reason: string; /** A newer log version: keep it, this build cannot read it. */ newer?: boolean };

/** Validate untrusted JSON from the shared folder. Never throws. */
export function parseEnvelope(input: unknown): ParsedEnvelope {
  if (input && typeof input === 'object' && typeof (input as { v?: unknown }).v === 'number' && (input as { v: number }).v > TEAM_LOG_VERSION) {
    return { ok: false, reason: `written by a newer Switchboard (team log version ${(input as { v: number }).v})`, newer: true };
  }
  const r = teamEnvelopeSchema.safeParse(input);
  if (r.success) return { ok: true, envelope: r.data as TeamEnvelope };
  const issue = r.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}` };
}

/** The deterministic Message-ID of an event's message: a second APPEND of it is detectable. */
export function eventMessageId(id: string): string {
  eventIdSchema.parse(id);
  return `<evt-${id}@switchboard>`;
}

/** The event id in a Message-ID written by eventMessageId, or undefined. */
export function eventIdFromMessageId(messageId: string | undefined): string | undefined {
  const m = /^<?evt-([A-Za-z0-9][A-Za-z0-9._-]{0,127})@switchboard>?$/.exec(messageId?.trim() ?? '');
  return m?.[1];
}

// ---- compile-time drift check against the domain types -----------------------------------------
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Assignable<A, B> extends true ? Assignable<keyof A, keyof B> : false;
type Assert<T extends true> = T;
export type TeamSchemaMatchesDomain = [
  Assert<Same<z.infer<typeof handoffNoteSchema>, HandoffNote>>,
  Assert<Same<z.infer<typeof mergeRecordSchema>, MergeRecord>>,
  Assert<Same<z.infer<typeof customerSchema>, Customer>>,
  Assert<Assignable<z.infer<typeof teamActionSchema>, TeamAction>>,
];
