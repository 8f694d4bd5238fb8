/** Shared builders for renderer unit tests (records go through the real ingest). */
import type { CallRecord, ChatRecord, EmailRecord, SourceBatch, SourceRecord } from '../../../src/shared/domain';
import { openDb, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';

let n = 0;
export async function freshDb(prefix: string): Promise<SwitchboardDb> {
  const db = openDb(`${prefix}-${++n}-${Math.random().toString(36).slice(2)}`);
  await db.open();
  return db;
}

export async function dropDb(db: SwitchboardDb) {
  db.close();
  await db.delete();
}

export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export function email(id: string, over: Partial<EmailRecord> = {}): EmailRecord {
  return {
    type: 'email',
    sourceKey: `m:${id}`,
    sourceId: 'mail',
    folder: 'INBOX',
    messageId: `<${id}@x.example>`,
    references: [],
    subject: `Subject ${id}`,
    from: { name: 'Ada Customer', address: 'ada@customer.example' },
    to: [{ address: 'support@team.example' }],
    cc: [],
    date: T0,
    direction: 'inbound',
    text: `body ${id}`,
    attachments: [],
    flags: [],
    warnings: [],
    ...over,
  };
}

export function chat(id: string, ts: number, over: Partial<ChatRecord> = {}): ChatRecord {
  return {
    type: 'chat',
    sourceKey: `c:${id}`,
    sourceId: 'chat',
    peer: 'ada@chat.example',
    account: 'support@chat.example',
    direction: 'inbound',
    body: `chat ${id}`,
    ts,
    stanzaId: id,
    warnings: [],
    ...over,
  };
}

export function call(id: string, over: Partial<CallRecord> = {}): CallRecord {
  return {
    type: 'call',
    sourceKey: `p:${id}`,
    sourceId: 'pbx',
    customerNumber: '+14155550123',
    direction: 'inbound',
    outcome: 'missed',
    start: T0,
    durationSec: 20,
    billSec: 0,
    warnings: [],
    ...over,
  };
}

export async function ingest(db: SwitchboardDb, sourceId: string, records: SourceRecord[]) {
  const batch: SourceBatch = { sourceId, records, cursor: null, hasMore: false };
  return ingestBatch(db, batch, { now: () => T0 + 10 * HOUR });
}

export function clock(start = T0 + 10 * HOUR) {
  let t = start;
  let id = 0;
  return { now: () => (t += 1000), newId: () => `id${++id}` };
}
