/**
 * The outbox: every outgoing message is written here first, with its Message-ID (or chat stanza
 * id) fixed before the first try, and only leaves the 'queued' state when main answered. State
 * changes are small transactions so that a crash at any point leaves a state the runner can resume
 * from (see outbox/outbox-runner.ts).
 */
import type { Table } from 'dexie';
import type { OutgoingChat, OutgoingEmail, OutboxStatus } from '../../../../shared/domain';
import type { OutboxRow } from '../agent-tables';
import type { SwitchboardDb } from '../schema';

export function outboxTable(db: SwitchboardDb): Table<OutboxRow, string> {
  return db.outbox as unknown as Table<OutboxRow, string>;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** `<uuid@domain-of-from>`: unique, and the domain says who generated it (RFC 5322 §3.6.4). */
export function makeMessageId(fromAddress: string, uuid: string = newId()): string {
  const domain = (fromAddress.split('@')[1] ?? '').trim().toLowerCase().replace(/[^a-z0-9.-]/g, '') || 'switchboard.invalid';
  return `<${uuid}@${domain}>`;
}

export interface EnqueueMeta {
  sourceId: string;
  threadId?: string;
  customerId?: string;
  now: number;
}

export function emailItem(payload: OutgoingEmail, meta: EnqueueMeta, id = newId()): OutboxRow {
  return {
    id,
    kind: 'email',
    sourceId: meta.sourceId,
    status: 'queued',
    createdAt: meta.now,
    updatedAt: meta.now,
    attempts: 0,
    messageId: makeMessageId(payload.from.address, id),
    threadId: meta.threadId,
    customerId: meta.customerId,
    payload,
  };
}

export function chatItem(payload: OutgoingChat, meta: EnqueueMeta, id = newId()): OutboxRow {
  return {
    id,
    kind: 'chat',
    sourceId: meta.sourceId,
    status: 'queued',
    createdAt: meta.now,
    updatedAt: meta.now,
    attempts: 0,
    messageId: id,
    threadId: meta.threadId,
    customerId: meta.customerId,
    payload,
  };
}

/** Items waiting or needing attention, oldest first; then the recent history. */
export async function listOutbox(db: SwitchboardDb, historyLimit = 50): Promise<{ pending: OutboxRow[]; history: OutboxRow[] }> {
  const t = outboxTable(db);
  const pending = await t.where('status').anyOf('queued', 'sending', 'failed').sortBy('createdAt');
  const history = (await t.where('status').anyOf('sent', 'cancelled').reverse().sortBy('createdAt')).slice(0, historyLimit);
  return { pending, history };
}

/** Items of one thread that have not been confirmed yet (shown under the thread). */
export function pendingForThread(db: SwitchboardDb, threadId: string): Promise<OutboxRow[]> {
  return outboxTable(db)
    .where('status')
    .anyOf('queued', 'sending', 'failed')
    .filter((i) => i.threadId === threadId)
    .sortBy('createdAt');
}

async function transition(db: SwitchboardDb, id: string, from: OutboxStatus[], patch: Partial<OutboxRow>, now: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const t = outboxTable(db);
    const item = await t.get(id);
    if (!item || !from.includes(item.status)) return false;
    await t.update(id, { ...patch, updatedAt: now });
    return true;
  });
}

/** Agent: try a failed item again (it keeps its Message-ID and attempt count). */
export const retryItem = (db: SwitchboardDb, id: string, now = Date.now()) =>
  transition(db, id, ['failed', 'queued'], { status: 'queued', nextTryAt: undefined }, now);

/** Agent: drop a message that has not gone out. Never possible while it is being sent. */
export const cancelItem = (db: SwitchboardDb, id: string, now = Date.now()) =>
  transition(db, id, ['queued', 'failed'], { status: 'cancelled', nextTryAt: undefined }, now);

/** Agent: replace the content of a queued or failed item (edit), keeping its id and Message-ID. */
export const updateItemPayload = (db: SwitchboardDb, id: string, payload: OutboxRow['payload'], now = Date.now()) =>
  transition(db, id, ['queued', 'failed'], { payload, status: 'queued', lastError: undefined, nextTryAt: undefined }, now);
