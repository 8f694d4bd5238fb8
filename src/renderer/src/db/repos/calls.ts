/**
 * The agent's own call data: notes on calls (kept apart from CDR rows so a re-import never
 * overwrites them), calls logged by hand for phones that write no CDR (sourceId 'manual', through
 * the same ingest as every source), and "called back" on missed calls. Notes and "called back"
 * are team-visible changes: they go through the team log (commitTeamAction), so every console of
 * the team sees them.
 */
import type { CallOutcome, CallRecord, Direction } from '../../../../shared/domain';
import { identityKey } from '../../../../shared/identity';
import { normalisePhone, phoneKey } from '../../../../shared/phone/phone-number';
import { ingestBatch } from '../../ingest/ingest-batch';
import { commitTeamAction } from '../../team/team-actions';
import type { SwitchboardDb } from '../schema';

export const MANUAL_SOURCE = 'manual';

/** Write (or, with empty text, remove) the note on a call. A no-op change writes no event. */
export async function saveCallNote(db: SwitchboardDb, interactionId: string, text: string, author: string, now = Date.now()): Promise<void> {
  const current = await db.callNotes.get(interactionId);
  const next = text.trim() ? text : '';
  if ((current?.text ?? '') === next) return;
  await commitTeamAction(db, { type: 'call.note', interactionId, text: next, author, at: now }, { author, now: () => now });
}

/** A missed call was returned: it leaves the Missed calls queue (the thread keeps its history). */
export async function markCalledBack(db: SwitchboardDb, threadId: string, author: string): Promise<boolean> {
  const t = await db.threads.get(threadId);
  if (!t?.missedCall) return false;
  await commitTeamAction(db, { type: 'thread.calledBack', threadIds: [threadId] }, { author });
  return true;
}

export interface ManualCall {
  number: string;
  defaultRegion: string;
  direction: Exclude<Direction, 'internal'>;
  outcome: CallOutcome;
  start: number;
  durationSec: number;
  agent: string;
  note: string;
  /** The customer the agent is looking at: the number is linked to them if it is new. */
  customerId?: string;
}

export type ManualCallResult = { ok: true; interactionId: string; threadId: string; customerId: string } | { ok: false; reason: string };

export async function logManualCall(db: SwitchboardDb, call: ManualCall, opts: { isTeam?(kind: 'phone', key: string): boolean; now?: number } = {}): Promise<ManualCallResult> {
  const parsed = normalisePhone(call.number, call.defaultRegion);
  const number = phoneKey(parsed);
  if (!number || parsed.kind === 'empty') return { ok: false, reason: parsed.kind === 'e164' ? 'Type the number of the other party.' : parsed.kind === 'empty' ? 'Type the number of the other party.' : parsed.reason };
  if (parsed.kind === 'invalid' && parsed.digits.replace('+', '').length < 3) return { ok: false, reason: parsed.reason };
  const now = opts.now ?? Date.now();
  const id = `${MANUAL_SOURCE}:${crypto.randomUUID()}`;
  const record: CallRecord = {
    type: 'call',
    sourceKey: id,
    sourceId: MANUAL_SOURCE,
    customerNumber: number,
    agent: call.agent,
    direction: call.direction,
    outcome: call.outcome,
    start: call.start,
    durationSec: Math.max(0, Math.round(call.durationSec)),
    billSec: call.outcome === 'answered' ? Math.max(0, Math.round(call.durationSec)) : 0,
    notes: call.note.trim() || undefined,
    warnings: parsed.kind === 'invalid' ? [parsed.reason] : [],
  };
  const tables = [db.customers, db.identities, db.interactions, db.threads, db.cursors, db.problems, db.callNotes, db.searchDocs];
  return db.transaction('rw', tables, async () => {
    const key = identityKey('phone', number);
    if (call.customerId && !(await db.identities.get(key)) && (await db.customers.get(call.customerId))) {
      await db.identities.put({ key, kind: 'phone', value: key.slice('phone:'.length), customerId: call.customerId, label: 'logged by hand' });
    }
    await ingestBatch(db, { sourceId: MANUAL_SOURCE, records: [record], cursor: null, hasMore: false }, { isTeam: opts.isTeam, now: () => now });
    const row = await db.interactions.get(id);
    if (!row) return { ok: false as const, reason: 'That number belongs to the team, not a customer.' };
    if (call.note.trim()) await db.callNotes.put({ interactionId: id, text: call.note.trim(), author: call.agent, updatedAt: now });
    return { ok: true as const, interactionId: id, threadId: row.threadId, customerId: row.customerId };
  });
}
