import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRecord, EmailRecord, SourceBatch } from '../../../src/shared/domain';
import { identityKey } from '../../../src/shared/identity';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { call, chat as chatRecord, dropDb, email as emailRecord, freshDb, MIN, T0 } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('test-ingest');
});
afterEach(async () => {
  await dropDb(db);
});

// The shared builders, with this suite's customer: a mixed-case address, a chat peer with a resource.
const email = (id: string, over: Partial<EmailRecord> = {}): EmailRecord =>
  emailRecord(id, { subject: 'Invoice question', from: { name: 'Ada Customer', address: 'Ada@Customer.example' }, ...over });
const chat = (id: string, ts: number, over: Partial<ChatRecord> = {}): ChatRecord => chatRecord(id, ts, { peer: 'ada@chat.example/phone', ...over });

const batch = (sourceId: string, records: SourceBatch['records'], cursor: unknown = { n: records.length }): SourceBatch => ({
  sourceId,
  records,
  cursor,
  hasMore: false,
});

describe('ingestBatch', () => {
  it('stores records and the cursor together, and a replayed batch changes nothing', async () => {
    const b = batch('mail', [email('1'), email('2', { inReplyTo: '<1@x.example>', references: ['<1@x.example>'], date: T0 + MIN })], { uid: 2 });
    const first = await ingestBatch(db, b);
    expect(first.added).toBe(2);
    expect((await db.cursors.get('mail'))?.cursor).toEqual({ uid: 2 });
    const snapshot = {
      customers: await db.customers.toArray(),
      interactions: await db.interactions.toArray(),
      threads: await db.threads.toArray(),
      identities: await db.identities.toArray(),
    };
    const again = await ingestBatch(db, b);
    expect(again.added).toBe(0);
    expect(again.updated).toBe(2);
    expect(await db.customers.toArray()).toEqual(snapshot.customers);
    expect(await db.interactions.toArray()).toEqual(snapshot.interactions);
    expect(await db.threads.toArray()).toEqual(snapshot.threads);
    expect(await db.identities.toArray()).toEqual(snapshot.identities);
  });

  it('rolls back the whole batch, cursor included, when one write fails', async () => {
    await ingestBatch(db, batch('mail', [email('1')], { uid: 1 }));
    const bad = email('2');
    // An interaction key IndexedDB cannot store makes the transaction fail mid-batch.
    (bad as { sourceKey: unknown }).sourceKey = { not: 'a key' };
    await expect(ingestBatch(db, batch('mail', [email('3'), bad], { uid: 3 }))).rejects.toThrow();
    expect((await db.cursors.get('mail'))?.cursor).toEqual({ uid: 1 });
    expect(await db.interactions.count()).toBe(1);
  });

  it('resolves one customer from case-variant addresses and never from team addresses', async () => {
    const team = new Set([identityKey('email', 'support@team.example')]);
    await ingestBatch(
      db,
      batch('mail', [
        email('1'),
        email('2', { from: { address: 'ada@customer.example' }, date: T0 + MIN, subject: 'Other' }),
        email('3', {
          direction: 'outbound',
          from: { name: 'Maya', address: 'support@team.example' },
          to: [{ address: 'ADA@customer.example' }],
          inReplyTo: '<1@x.example>',
          references: ['<1@x.example>'],
          date: T0 + 2 * MIN,
        }),
      ]),
      { isTeam: (_k, key) => team.has(key) },
    );
    const customers = await db.customers.toArray();
    expect(customers).toHaveLength(1);
    expect(customers[0]!.name).toBe('Ada Customer');
    expect(await db.identities.get('email:support@team.example')).toBeUndefined();
    const threads = await db.threads.orderBy('lastTs').toArray();
    expect(threads).toHaveLength(2);
    const invoice = threads.find((t) => t.subject === 'Invoice question')!;
    expect(invoice.count).toBe(2);
    expect(invoice.awaitingReply).toBe(false);
    expect(invoice.customerName).toBe('Ada Customer');
  });

  it('threads a reply that arrives before its parent by References', async () => {
    await ingestBatch(db, batch('mail', [email('2', { inReplyTo: '<1@x.example>', references: ['<1@x.example>'], date: T0 + MIN })]));
    await ingestBatch(db, batch('mail', [email('1')]));
    const threads = await db.threads.toArray();
    expect(threads).toHaveLength(1);
    expect(threads[0]!.count).toBe(2);
  });

  it('threads a parent that arrives after a reply naming it only in In-Reply-To (newest-first sync), in one batch or across batches', async () => {
    // C replies to B with In-Reply-To only (no References); B replies to A with both.
    const a = email('a', { subject: 'Order 17', date: T0 });
    const b = email('b', { subject: 'Order 17, again', inReplyTo: '<a@x.example>', references: ['<a@x.example>'], date: T0 + MIN });
    const c = email('c', { subject: 'Order 17, third', inReplyTo: '<b@x.example>', references: [], date: T0 + 2 * MIN });
    // Others' mail in the same batches: 8 records or more take the read-ahead path.
    const others = Array.from({ length: 8 }, (_, i) => email(`o${i}`, { subject: `Other ${i}`, from: { address: `other${i}@x.example` } }));
    const mine = async () => (await db.threads.toArray()).filter((t) => t.subject.startsWith('Order 17'));
    for (const mode of ['one small batch', 'one large batch', 'across batches', 'across large batches']) {
      await db.interactions.clear();
      await db.threads.clear();
      if (mode === 'one small batch') await ingestBatch(db, batch('mail', [c, b, a]));
      if (mode === 'one large batch') await ingestBatch(db, batch('mail', [c, ...others, b, a]));
      if (mode === 'across batches') for (const r of [c, b, a]) await ingestBatch(db, batch('mail', [r]));
      if (mode === 'across large batches') for (const r of [c, b, a]) await ingestBatch(db, batch('mail', [r, ...others]));
      expect((await mine()).map((t) => t.count), mode).toEqual([3]);
    }
  });

  it('falls back to the subject only inside one customer', async () => {
    await ingestBatch(db, batch('mail', [email('1', { subject: 'Payroll failed', date: Date.now() - 3600_000 })]));
    await ingestBatch(db, batch('mail', [email('2', { subject: 'RE: Payroll failed', date: Date.now() - 1800_000 })]));
    await ingestBatch(db, batch('mail', [email('3', { subject: 'Re: Payroll failed', from: { address: 'bob@other.example' }, date: Date.now() - 900_000 })]));
    const threads = await db.threads.toArray();
    expect(threads.map((t) => t.count).sort()).toEqual([1, 2]);
  });

  it('groups chat messages into sessions by the idle gap', async () => {
    await ingestBatch(db, batch('chat', [chat('a', T0), chat('b', T0 + 5 * MIN, { direction: 'outbound', agent: 'maya' }), chat('c', T0 + 20 * MIN)]));
    await ingestBatch(db, batch('chat', [chat('d', T0 + 3 * 3600_000)]));
    const threads = await db.threads.toArray().then((l) => l.sort((a, b) => a.firstTs - b.firstTs));
    expect(threads.map((t) => t.count)).toEqual([3, 1]);
    expect(threads[0]!.channel).toBe('chat');
    const out = await db.interactions.get('c:b');
    expect(out?.agent).toBe('maya');
    expect((await db.identities.toArray()).map((i) => i.key)).toEqual(['jid:ada@chat.example']);
  });

  it('a message caught up late from the archive between two sessions joins them into one', async () => {
    const sessions = async () => (await db.threads.toArray()).map((t) => t.count).sort();
    // Live: 10:00 and 10:50 (more than 30 minutes apart) are two sessions...
    await ingestBatch(db, batch('chat', [chat('a', T0), chat('c', T0 + 50 * MIN)]));
    expect(await sessions()).toEqual([1, 1]);
    // ...until the archive brings 10:25, within the gap of both: one session of three.
    await ingestBatch(db, batch('chat', [chat('b', T0 + 25 * MIN)]));
    expect(await sessions()).toEqual([3]);
    expect(new Set((await db.interactions.toArray()).map((i) => i.threadId)).size).toBe(1);
    // A message that is within the gap of only one side joins that one.
    await ingestBatch(db, batch('chat', [chat('d', T0 + 3 * 3600_000), chat('e', T0 + 3 * 3600_000 + 20 * MIN)]));
    expect(await sessions()).toEqual([2, 3]);
  });

  it('puts a missed inbound call in the missed-call state, an answered one closed', async () => {
    await ingestBatch(db, batch('pbx', [call('1'), call('2', { outcome: 'answered', billSec: 95, start: T0 + MIN })]));
    const threads = await db.threads.toArray().then((l) => l.sort((a, b) => a.firstTs - b.firstTs));
    expect(threads[0]).toMatchObject({ channel: 'call', missedCall: true, status: 'open' });
    expect(threads[1]).toMatchObject({ channel: 'call', missedCall: false, status: 'closed', subject: 'Call · 1m 35s' });
  });

  it('reopens a closed conversation when the customer writes again, keeping its triage state', async () => {
    await ingestBatch(db, batch('mail', [email('1')]));
    const t = (await db.threads.toArray())[0]!;
    await db.threads.update(t.id, { status: 'closed', assignee: 'tom', tags: ['billing'], priority: 'high' });
    await ingestBatch(db, batch('mail', [email('2', { inReplyTo: '<1@x.example>', references: ['<1@x.example>'], date: T0 + 60 * MIN })]));
    expect(await db.threads.get(t.id)).toMatchObject({ status: 'open', assignee: 'tom', tags: ['billing'], priority: 'high', count: 2 });
  });

  it('applies removals and flag changes, and a reset drops the source before reseeding', async () => {
    await ingestBatch(db, batch('mail', [email('1'), email('2', { subject: 'Second', date: T0 + MIN })]));
    await ingestBatch(db, batch('mail', [{ type: 'flags', sourceKey: 'm:1', sourceId: 'mail', flags: ['\\Seen'] }, { type: 'removal', sourceKey: 'm:2', sourceId: 'mail' }]));
    expect((await db.interactions.get('m:1'))?.flags).toEqual(['\\Seen']);
    expect(await db.interactions.get('m:2')).toBeUndefined();
    expect(await db.threads.count()).toBe(1);
    await ingestBatch(db, { ...batch('mail', [email('9', { subject: 'After reset' })]), reset: true });
    expect((await db.interactions.toArray()).map((i) => i.id)).toEqual(['m:9']);
    expect((await db.threads.toArray()).map((t) => t.subject)).toEqual(['After reset']);
  });

  it('a reseed (UIDVALIDITY changed) keeps the triage state of conversations whose mail comes back in later batches', async () => {
    const a = email('a', { subject: 'Parcel lost', from: { address: 'ann@x.example' }, date: T0 });
    const b = email('b', { subject: 'Invoice wrong', from: { address: 'bob@x.example' }, date: T0 + MIN });
    const c = email('c', { subject: 'Gone for good', from: { address: 'cy@x.example' }, date: T0 + 2 * MIN });
    await ingestBatch(db, batch('mail', [a, b, c]));
    const byId = async () => new Map((await db.threads.toArray()).map((t) => [t.subject, t]));
    const before = await byId();
    await db.threads.update(before.get('Parcel lost')!.id, { status: 'pending', assignee: 'maya', tags: ['courier'] });
    await db.threads.update(before.get('Invoice wrong')!.id, { priority: 'urgent', assignee: 'tom' });
    // New UIDVALIDITY: the same messages under new keys, newest first, one per batch.
    const again = (r: EmailRecord) => ({ ...r, sourceKey: `${r.sourceKey}:v2` });
    await ingestBatch(db, { ...batch('mail', [again(b)]), reset: true, hasMore: true });
    expect([...(await byId()).keys()]).toEqual(['Invoice wrong']);
    expect((await byId()).get('Invoice wrong')).toMatchObject({ priority: 'urgent', assignee: 'tom' });
    await ingestBatch(db, { ...batch('mail', [again(a)]), hasMore: true });
    expect((await byId()).get('Parcel lost')).toMatchObject({ status: 'pending', assignee: 'maya', tags: ['courier'] });
    expect(await db.cursors.get('reseed:mail')).toBeDefined();
    // The source has nothing more: what did not come back is gone, and so is the stash.
    await ingestBatch(db, { ...batch('mail', []), hasMore: false });
    expect([...(await byId()).keys()].sort()).toEqual(['Invoice wrong', 'Parcel lost']);
    expect(await db.cursors.get('reseed:mail')).toBeUndefined();
    expect(await db.interactions.count()).toBe(2);
  });

  it('a live push (cursor null) stores records without moving the cursor', async () => {
    await ingestBatch(db, batch('chat', [chat('a', T0)], { after: 'A1' }));
    await ingestBatch(db, batch('chat', [chat('b', T0 + MIN)], null));
    expect((await db.cursors.get('chat'))?.cursor).toEqual({ after: 'A1' });
    expect(await db.interactions.count()).toBe(2);
  });

  it('records import problems in the visible log', async () => {
    await ingestBatch(db, { ...batch('pbx', [call('1')]), problems: [{ sourceId: 'pbx', file: 'Master.csv', line: 7, reason: 'bad date', ts: T0 }] });
    expect(await db.problems.toArray()).toMatchObject([{ file: 'Master.csv', line: 7, reason: 'bad date' }]);
  });
});
