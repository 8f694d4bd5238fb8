/**
 * A schema per event payload (main -> renderer), beside the invoke contract's request schemas.
 * Main checks every event before it leaves (`checkEvent` in createMainServices): a payload that
 * does not match is dropped and logged, never delivered. A compile-time check keeps the schemas
 * equal to `EventContract`.
 */
import { z } from 'zod';
import type { EventContract } from './contract';
import { sourceRecordSchema } from '../source-record-schema';

const id = z.string().min(1).max(300);

export const sourceStatusSchema = z.strictObject({
  sourceId: id,
  kind: z.enum(['demo', 'imap', 'xmpp', 'cdr-csv', 'cdr-sql', 'csv-generic']),
  label: z.string().max(500),
  state: z.enum(['online', 'offline', 'connecting', 'syncing', 'error', 'disabled']),
  message: z.string().max(5000).optional(),
  nextRetryAt: z.number().optional(),
});

const progressSchema = z.strictObject({ label: z.string().max(1000), done: z.number().int().min(0), total: z.number().int().min(0) });
const problemSchema = z.strictObject({
  sourceId: id,
  file: z.string().max(4096).optional(),
  line: z.number().int().min(0).optional(),
  reason: z.string().max(10_000),
  ts: z.number(),
});

export const sourceBatchSchema = z.strictObject({
  sourceId: id,
  records: z.array(sourceRecordSchema).max(10_000),
  cursor: z.unknown(),
  hasMore: z.boolean(),
  reset: z.boolean().optional(),
  progress: z.array(progressSchema).max(100).optional(),
  problems: z.array(problemSchema).max(10_000).optional(),
});

export const eventSchemas = {
  'sources:status': sourceStatusSchema,
  'sources:changed': z.strictObject({ sourceId: id }),
  'sources:records': sourceBatchSchema,
  'presence:activity': z.strictObject({
    sourceId: id,
    peer: z.string().min(1).max(3072),
    state: z.enum(['composing', 'paused', 'replying', 'idle']),
    who: z.string().max(200).optional(),
  }),
  'team:changed': z.strictObject({ sourceId: id }),
} as const;

type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type Payload<E extends keyof typeof eventSchemas> = z.infer<(typeof eventSchemas)[E]>;
export type EventSchemasMatchContract = [
  Assert<Assignable<keyof typeof eventSchemas, keyof EventContract>>,
  Assert<Assignable<Payload<'sources:status'>, EventContract['sources:status']>>,
  Assert<Assignable<Payload<'sources:changed'>, EventContract['sources:changed']>>,
  // The cursor is `unknown` (opaque JSON): zod makes an unknown key optional, the type does not.
  Assert<Assignable<Omit<Payload<'sources:records'>, 'cursor'>, Omit<EventContract['sources:records'], 'cursor'>>>,
  Assert<Assignable<Payload<'presence:activity'>, EventContract['presence:activity']>>,
  Assert<Assignable<Payload<'team:changed'>, EventContract['team:changed']>>,
];

export type EventCheck = { ok: true } | { ok: false; reason: string };

/** Does `payload` match the event's schema? Never throws. */
export function checkEvent<E extends keyof EventContract>(event: E, payload: unknown): EventCheck {
  const schema = eventSchemas[event] as z.ZodType | undefined;
  if (!schema) return { ok: false, reason: `unknown event ${String(event)}` };
  const r = schema.safeParse(payload);
  if (r.success) return { ok: true };
  const issue = r.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}` };
}
