import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, EmailRecord } from '../../../src/shared/domain';
import { openDb, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { logManualCall, markCalledBack, saveCallNote } from '../../../src/renderer/src/db/repos/calls';
import { clearSourceData, sourceDataCount } from '../../../src/renderer/src/db/repos/source-data';

let db: SwitchboardDb;
let n = 0;
beforeEach(async () => {
  db = openDb(`test-calls-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

function email(id: string, sourceId: string, address: string, over: Partial<EmailRecord> = {}): EmailRecord {
  return {
    type: 'email', sourceKey: `${sourceId}:${id}`, sourceId, folder: 'INBOX', messageId: `<${id}@x.example>`, references: [],
    subject: `Subject ${id}`, from: { name: address.split('@')[0], address }, to: [{ address: 'support@team.example' }], cc: [],
    date: T0, direction: 'inbound', text: `body ${id}`, attachments: [], flags: [], warnings: [], ...over,
  };
}

function missed(id: string, number: string): CallRecord {
  return { type: 'call', sourceKey: `cdr:${id}`, sourceId: 'cdr', customerNumber: number, direction: 'inbound', outcome: 'missed', start: T0, durationSec: 12, billSec: 0, warnings: [] };
}

describe('manual calls, notes and called back', () => {
  it('logs a call by hand as a manual-source call on the open customer, with the note', async () => {
    await ingestBatch(db, { sourceId: 'mail', records: [email('a', 'mail', 'ada@customer.example')], cursor: 1, hasMore: false });
    const ada = (await db.customers.toArray())[0]!;
    const r = await logManualCall(db, {
      number: '030 1234567', defaultRegion: 'DE', direction: 'outbound', outcome: 'answered', start: T0 + 60_000, durationSec: 95,
      agent: 'maya', note: 'Promised a refund by Friday', customerId: ada.id,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.customerId).toBe(ada.id);
    const row = (await db.interactions.get(r.interactionId))!;
    expect(row).toMatchObject({ sourceId: 'manual', channel: 'call', direction: 'outbound', agent: 'maya', call: { outcome: 'answered', durationSec: 95, billSec: 95, customerNumber: '+49301234567' } });
    expect((await db.callNotes.get(r.interactionId))!.text).toBe('Promised a refund by Friday');
    expect((await db.identities.get('phone:+49301234567'))!.customerId).toBe(ada.id);
    // A second call from that number lands on the same customer through normal ingest.
    await ingestBatch(db, { sourceId: 'cdr', records: [missed('m1', '+49301234567')], cursor: 1, hasMore: false });
    expect((await db.interactions.get('cdr:m1'))!.customerId).toBe(ada.id);
  });

  it('refuses a number that is not one, and stores nothing', async () => {
    const r = await logManualCall(db, { number: 'call me', defaultRegion: 'US', direction: 'inbound', outcome: 'missed', start: T0, durationSec: 0, agent: 'maya', note: '' });
    expect(r.ok).toBe(false);
    expect(await db.interactions.count()).toBe(0);
  });

  it('called back clears missedCall, and a replayed CDR does not bring it back; notes survive the replay', async () => {
    const batch = { sourceId: 'cdr', records: [missed('m2', '+14155550100')], cursor: 1, hasMore: false };
    await ingestBatch(db, batch);
    const t = (await db.threads.toArray())[0]!;
    expect(t.missedCall).toBe(true);
    await saveCallNote(db, 'cdr:m2', 'Left a voicemail back', 'maya');
    expect(await markCalledBack(db, t.id, 'maya')).toBe(true);
    expect(await markCalledBack(db, t.id, 'maya')).toBe(false);
    // Both are team-visible changes: one event each, for the team log to ship.
    expect((await db.teamEvents.toArray()).map((e) => e.type).sort()).toEqual(['call.note', 'thread.calledBack']);
    await ingestBatch(db, batch);
    expect((await db.threads.get(t.id))!.missedCall).toBe(false);
    expect((await db.callNotes.get('cdr:m2'))!.text).toBe('Left a voicemail back');
  });
});

describe('clearing the demo workspace', () => {
  it('removes demo-only customers and keeps real data, including a customer seen in both', async () => {
    await ingestBatch(db, {
      sourceId: 'demo',
      records: [email('d1', 'demo', 'only.demo@x.example'), email('d2', 'demo', 'both@x.example')],
      cursor: 2,
      hasMore: false,
      problems: [{ sourceId: 'demo', reason: 'sample problem', ts: T0 }],
    });
    await ingestBatch(db, { sourceId: 'mail', records: [email('r1', 'mail', 'both@x.example', { date: T0 + 1000, subject: 'Real one' })], cursor: 1, hasMore: false });
    expect(await sourceDataCount(db, 'demo')).toBe(2);
    const r = await clearSourceData(db, 'demo');
    expect(r).toEqual({ interactions: 2, threads: 2, customers: 1 });
    expect(await sourceDataCount(db, 'demo')).toBe(0);
    expect(await db.interactions.count()).toBe(1);
    const customers = await db.customers.toArray();
    expect(customers.map((c) => c.name)).toEqual(['both']);
    expect(await db.identities.get('email:only.demo@x.example')).toBeUndefined();
    expect(await db.identities.get('email:both@x.example')).toBeDefined();
    expect(await db.cursors.get('demo')).toBeUndefined();
    expect(await db.problems.count()).toBe(0);
    expect((await db.threads.toArray()).map((t) => t.subject)).toEqual(['Real one']);
  });
});
