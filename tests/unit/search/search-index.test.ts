import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallRecord, ChatRecord, EmailRecord, SourceBatch } from '../../../src/shared/domain';
import { parseQuery } from '../../../src/shared/search/query-parser';
import { openDb, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { executeSearch, type SearchResponse } from '../../../src/renderer/src/search/search-engine';
import { catchUpNotes, indexCallNote } from '../../../src/renderer/src/search/search-index';
import { compactAll, loadIndex } from '../../../src/renderer/src/search/segment-cache';
import { foldRemoteEvents } from '../../../src/renderer/src/team/team-sync-fold';

let db: SwitchboardDb;
let n = 0;
beforeEach(async () => {
  db = openDb(`test-search-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const T0 = new Date(2026, 2, 10, 9, 0, 0).getTime();
const MIN = 60_000;
const DAY = 86_400_000;

function email(id: string, over: Partial<EmailRecord> = {}): EmailRecord {
  return {
    type: 'email', sourceKey: `m:${id}`, sourceId: 'mail', folder: 'INBOX', messageId: `<${id}@x.example>`, references: [],
    subject: 'Invoice question', from: { name: 'Ada Lovelace', address: 'ada@customer.example' }, to: [{ address: 'support@team.example' }],
    cc: [], date: T0, direction: 'inbound', text: `body ${id}`, attachments: [], flags: [], warnings: [], ...over,
  };
}
function chat(id: string, ts: number, body: string, over: Partial<ChatRecord> = {}): ChatRecord {
  return { type: 'chat', sourceKey: `c:${id}`, sourceId: 'chat', peer: 'boris@chat.example', peerName: 'Борис Петров', account: 'support@chat.example', direction: 'inbound', body, ts, stanzaId: id, warnings: [], ...over };
}
function call(id: string, over: Partial<CallRecord> = {}): CallRecord {
  return { type: 'call', sourceKey: `p:${id}`, sourceId: 'pbx', customerNumber: '+14155550123', customerName: 'Chen Wei', direction: 'inbound', outcome: 'answered', start: T0, durationSec: 300, billSec: 290, notes: 'Asked about the 发票 for March', warnings: [], ...over };
}
const batch = (sourceId: string, records: SourceBatch['records'], cursor: unknown = 1): SourceBatch => ({ sourceId, records, cursor, hasMore: false });

async function search(input: string, me = 'maya'): Promise<SearchResponse> {
  return executeSearch(db, parseQuery(input, { now: T0 + DAY, me }));
}
/** Ids of the docs live in the index (as the worker's in-memory copy sees them), sorted. */
async function liveDocs(): Promise<string[]> {
  const index = await db.transaction('r', db.searchDocs, async () => loadIndex(db));
  return [...index.where.keys()].sort();
}
const itemIds = (r: SearchResponse) => r.groups.flatMap((g) => g.hits.map((h) => h.itemId ?? h.noteId ?? h.threadId));

async function seed() {
  await ingestBatch(db, batch('mail', [
    email('1', { subject: 'Invoice INV-2024 overdue', text: 'Hello, my invoice is overdue. The card was declined twice.' }),
    email('2', { subject: 'Refund please', text: 'Please refund the late fee.', date: T0 + 2 * DAY, attachments: [{ partId: '2', filename: 'receipt.pdf', contentType: 'application/pdf', size: 2048 }] }),
    email('3', { subject: 'Re: Refund please', text: 'We refunded the fee.', direction: 'outbound', from: { name: 'Maya', address: 'maya@team.example' }, to: [{ address: 'ada@customer.example' }], inReplyTo: '<2@x.example>', references: ['<2@x.example>'], date: T0 + 3 * DAY }),
    email('4', { subject: 'Declined payment', text: 'Привет мир — оплата не прошла', from: { name: 'Ivan', address: 'ivan@ru.example' }, date: T0 + DAY }),
    email('5', { subject: 'नमस्ते दुनिया', text: 'आपका चालान संलग्न है', from: { name: 'Priya', address: 'priya@in.example' }, date: T0 - DAY }),
    email('6', { subject: 'مرحبا بالعالم', text: 'الفاتورة', from: { name: 'Omar', address: 'omar@ae.example' }, date: T0 - 2 * DAY }),
    email('7', { subject: '東京都の請求書', text: '請求書を送ってください', from: { name: '田中', address: 'tanaka@jp.example' }, date: T0 - 3 * DAY }),
  ]));
  await ingestBatch(db, batch('chat', [chat('a', T0 + 5 * MIN, 'Привет, где мой заказ?'), chat('b', T0 + 6 * MIN, 'Order 5521 never arrived')]));
  await ingestBatch(db, batch('pbx', [call('x')]));
}

describe('search index through ingest', () => {
  it('finds every channel, grouped by customer, newest first', async () => {
    await seed();
    const r = await search('refund');
    expect(r.errors).toEqual([]);
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.customerName).toBe('Ada Lovelace');
    expect(itemIds(r)).toEqual(['m:3', 'm:2']);
    const hit = r.groups[0]!.hits[1]!;
    expect(hit.title.text.slice(...hit.title.ranges[0]!)).toBe('Refund');

    expect(itemIds(await search('order 55'))).toEqual(['c:b']); // chat, prefix as typed
    expect(itemIds(await search('发票'))).toEqual(['p:x']); // call notes from the CDR
    expect(itemIds(await search('4155550123'))).toEqual(['p:x']); // a number without its country code
  });

  it('text in any script finds its message', async () => {
    await seed();
    expect(itemIds(await search('привет'))).toEqual(['m:4', 'c:a']);
    expect(itemIds(await search('नमस्ते'))).toEqual(['m:5']);
    expect(itemIds(await search('دنيا'))).toEqual([]);
    expect(itemIds(await search('مرحبا'))).toEqual(['m:6']);
    expect(itemIds(await search('請求書'))).toEqual(['m:7']);
    expect(itemIds(await search('東京'))).toEqual(['m:7']);
  });

  it('customers are found by name and identity', async () => {
    await seed();
    const r = await search('boris');
    expect(r.groups[0]).toMatchObject({ customerName: 'Борис Петров', customerMatch: true });
    expect(r.groups[0]!.matchedIdentity?.text).toBe('boris@chat.example');
    const byName = await search('борис');
    expect(byName.groups[0]!.nameRanges).toEqual([[0, 5]]);
  });

  it('filters: from, channel, has, dates, status, assignee, tag, phrases', async () => {
    await seed();
    expect(itemIds(await search('from:maya refund'))).toEqual(['m:3']);
    expect(itemIds(await search('from:ada@customer refund'))).toEqual(['m:2']);
    expect(itemIds(await search('has:attachment'))).toEqual(['m:2']);
    expect(itemIds(await search('channel:chat привет'))).toEqual(['c:a']);
    expect(itemIds(await search('channel:email channel:chat привет'))).toEqual(['m:4', 'c:a']);
    expect(itemIds(await search('declined after:2026-03-11'))).toEqual(['m:4']);
    expect(itemIds(await search('declined before:2026-03-11'))).toEqual(['m:1']);
    expect(itemIds(await search('"card was declined"'))).toEqual(['m:1']);
    expect(itemIds(await search('"declined card"'))).toEqual([]);

    const refundThread = (await db.interactions.get('m:2'))!.threadId;
    await db.threads.update(refundThread, { status: 'closed', assignee: 'maya', tags: ['billing'] });
    expect(itemIds(await search('refund status:closed'))).toEqual(['m:3', 'm:2']);
    expect(itemIds(await search('refund status:open'))).toEqual([]);
    expect(itemIds(await search('refund assignee:me'))).toEqual(['m:3', 'm:2']);
    expect(itemIds(await search('refund assignee:bob'))).toEqual([]);
    expect(itemIds(await search('refund tag:billing'))).toEqual(['m:3', 'm:2']);
    // Thread filters alone go through the thread indexes.
    expect(itemIds(await search('tag:billing'))).toEqual([refundThread]);
    expect(itemIds(await search('status:closed assignee:maya'))).toEqual([refundThread]);
  });

  it('a bad filter value is reported and the rest of the query still runs', async () => {
    await seed();
    const r = await search('refund before:notadate');
    expect(r.errors).toEqual(['before: expects a date like 2026-03-31, today, yesterday or 7d (got "notadate")']);
    expect(itemIds(r)).toEqual(['m:3', 'm:2']);
  });

  it('replaying a batch is harmless, a changed time moves the doc, removal and reset unindex', async () => {
    await seed();
    const before = await liveDocs();
    await seed();
    expect(await liveDocs()).toEqual(before);
    expect(itemIds(await search('refund'))).toEqual(['m:3', 'm:2']);

    // The demo connector replays with shifted times: same ids, new times, no duplicate docs.
    await ingestBatch(db, batch('mail', [email('1', { subject: 'Invoice INV-2024 overdue', date: T0 + 10 * DAY })]));
    expect(await liveDocs()).toEqual(before);
    expect(itemIds(await search('invoice'))).toEqual(['m:1']);

    await ingestBatch(db, batch('mail', [{ type: 'removal', sourceKey: 'm:2', sourceId: 'mail' }]));
    expect(itemIds(await search('refund'))).toEqual(['m:3']);
    expect((await liveDocs()).includes('m:2')).toBe(false);

    await ingestBatch(db, { ...batch('chat', [chat('z', T0, 'fresh start')]), reset: true });
    expect(itemIds(await search('привет'))).toEqual(['m:4']);
    expect(itemIds(await search('fresh'))).toEqual(['c:z']);

    // Merging the segments changes nothing a query can see, and drops what is dead.
    const live = await liveDocs();
    const segmentsBefore = await db.searchDocs.count();
    expect(await compactAll(db)).toBeGreaterThan(0);
    expect(await db.searchDocs.count()).toBeLessThan(segmentsBefore);
    expect(await liveDocs()).toEqual(live);
    const other = openDb(db.name); // a fresh reader (no in-memory copy) sees the same
    try {
      expect((await executeSearch(other, parseQuery('refund', { now: T0 + DAY }))).groups.flatMap((g) => g.hits.map((h) => h.itemId))).toEqual(['m:3']);
      expect((await executeSearch(other, parseQuery('привет', { now: T0 + DAY }))).groups.flatMap((g) => g.hits.map((h) => h.itemId))).toEqual(['m:4']);
    } finally {
      other.close();
    }
  });

  it('a failed ingest leaves neither data nor index behind', async () => {
    await seed();
    const before = await db.searchDocs.count();
    const docs = await liveDocs();
    const bad = { type: 'email', sourceKey: 'm:bad', sourceId: 'mail' } as unknown as EmailRecord;
    await expect(ingestBatch(db, batch('mail', [email('8', { subject: 'Quokka' }), bad]))).rejects.toThrow();
    expect(await db.searchDocs.count()).toBe(before);
    expect(await liveDocs()).toEqual(docs);
    expect(itemIds(await search('quokka'))).toEqual([]);
  });

  it('call notes and handoff notes are searchable, written directly or caught up later', async () => {
    await seed();
    await db.transaction('rw', [db.callNotes, db.searchDocs, db.identities], async () => {
      const note = { interactionId: 'p:x', text: 'Promised a callback about the warranty', author: 'maya', updatedAt: T0 + MIN };
      await db.callNotes.put(note);
      await indexCallNote(db, note);
    });
    expect(itemIds(await search('warranty'))).toEqual(['p:x']);
    expect((await search('channel:note warranty')).groups[0]!.hits[0]!.kind).toBe('callnote');

    // Written by code that did not call the indexer: found after the catch-up.
    const customerId = (await db.interactions.get('m:1'))!.customerId;
    await db.handoffNotes.put({ id: 'n1:v1', noteId: 'n1', version: 1, customerId, author: 'maya', createdAt: T0 + DAY, summary: 'Escalated the chargeback', tried: '', promised: '', nextStep: '', mentions: [] });
    await db.callNotes.put({ interactionId: 'p:x', text: 'Customer wants a replacement', author: 'maya', updatedAt: T0 + 2 * MIN });
    await catchUpNotes(db);
    expect(itemIds(await search('chargeback'))).toEqual(['n1']);
    expect(itemIds(await search('replacement'))).toEqual(['p:x']);
    expect(itemIds(await search('warranty'))).toEqual([]);
    // A new version replaces the old one in the index.
    await db.handoffNotes.put({ id: 'n1:v2', noteId: 'n1', version: 2, customerId, author: 'maya', createdAt: T0 + 2 * DAY, summary: 'Refund approved by finance', tried: '', promised: '', nextStep: '', mentions: [] });
    await catchUpNotes(db);
    expect(itemIds(await search('chargeback'))).toEqual([]);
    expect(itemIds(await search('approved'))).toEqual(['n1']);
    // A deleted call note disappears from results at once.
    await db.callNotes.delete('p:x');
    expect(itemIds(await search('replacement'))).toEqual([]);
  });

  it('a call note from another console (team log) is searchable even when it is older than the catch-up mark', async () => {
    await seed();
    await db.callNotes.put({ interactionId: 'p:x', text: 'Newer local note', author: 'maya', updatedAt: T0 + DAY });
    await catchUpNotes(db); // the mark is now T0 + DAY
    const remote = { id: 'evt-1', type: 'call.note' as const, author: 'bo', ts: T0 + MIN, hlc: '2026-03-10T08:01:00.000Z-0000', v: 1 as const, kind: 'event' as const };
    await foldRemoteEvents(db, [{ ...remote, payload: { type: 'call.note', interactionId: 'p:x', text: 'Promised a loaner handset', author: 'bo', at: T0 + MIN } }]);
    await catchUpNotes(db);
    expect(itemIds(await search('loaner'))).toEqual(['p:x']);
    expect(itemIds(await search('newer'))).toEqual([]);
  });

  it('the v4 migration indexes a database written before the search index existed', async () => {
    const Dexie = (await import('dexie')).default;
    const name = `test-search-upgrade-${n}`;
    const { SCHEMA_V1, SCHEMA_V2 } = await import('../../../src/renderer/src/db/schema');
    const { SCHEMA_V3 } = await import('../../../src/renderer/src/db/agent-tables');
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    await old.table('customers').put({ id: 'cu1', name: 'Zoë Quinn', createdAt: T0, lastActivityAt: T0, tags: [] });
    await old.table('identities').put({ key: 'email:zoe@q.example', kind: 'email', value: 'zoe@q.example', customerId: 'cu1' });
    await old.table('threads').put({ id: 't1', customerId: 'cu1', customerName: 'Zoë Quinn', channel: 'email', subject: 'Widget', firstTs: T0, lastTs: T0, lastInboundTs: T0, count: 1, snippet: '', status: 'open', priority: 'normal', tags: [], awaitingReply: true });
    await old.table('interactions').put({ id: 'old:1', customerId: 'cu1', threadId: 't1', channel: 'email', direction: 'inbound', ts: T0, sourceId: 'mail', fromLabel: 'Zoë', subject: 'Widget broken', text: 'The widget is broken' });
    old.close();
    const upgraded = openDb(name);
    try {
      const r = await executeSearch(upgraded, parseQuery('widget'));
      expect(r.groups.flatMap((g) => g.hits.map((h) => h.itemId))).toEqual(['old:1']);
      expect((await executeSearch(upgraded, parseQuery('zoe'))).groups[0]).toMatchObject({ customerId: 'cu1', customerMatch: true });
    } finally {
      upgraded.close();
      await upgraded.delete();
    }
  });
});

describe('many matches', () => {
  it('a common word returns the newest 50, a rare one is found among thousands, prefixes expand', async () => {
    const { indexInteractions } = await import('../../../src/renderer/src/search/search-index');
    const items = Array.from({ length: 2_300 }, (_, k) => ({
      id: `x:${k}`,
      customerId: `cu${k % 7}`,
      threadId: `t${k % 40}`,
      channel: (k % 3 === 0 ? 'chat' : 'email') as 'chat' | 'email',
      direction: 'inbound' as const,
      ts: T0 + k * MIN,
      sourceId: 'x',
      fromLabel: `Sender ${k % 7}`,
      subject: k % 2 ? 'common topic' : 'commonplace topic',
      text: k % 500 === 7 ? 'a rare zebra appears' : 'nothing special here',
    }));
    await db.transaction('rw', [db.interactions, db.threads, db.customers, db.searchDocs, db.identities], async () => {
      await db.interactions.bulkPut(items);
      await db.customers.bulkPut(Array.from({ length: 7 }, (_, i) => ({ id: `cu${i}`, name: `Customer ${i}`, createdAt: T0, lastActivityAt: T0, tags: [] })));
      await indexInteractions(db, items);
    });
    const newestFirst = (r: SearchResponse) => r.groups.flatMap((g) => g.hits).sort((a, b) => b.ts - a.ts).map((h) => h.itemId);
    const r = await search('"common topic"');
    expect(r.count).toBe(50);
    expect(r.more).toBe(true);
    // The 50 newest odd items (subject "common topic"), nothing older slipped in.
    expect(newestFirst(r)).toEqual(Array.from({ length: 50 }, (_, i) => `x:${2299 - 2 * i}`));
    // A rare word among thousands of common ones.
    expect(newestFirst(await search('common zebra'))).toEqual(['x:2007', 'x:1507', 'x:1007', 'x:507', 'x:7'].filter((id) => Number(id.slice(2)) % 2 === 1));
    // A prefix over two large terms ("common", "commonplace") still returns the newest of both.
    const p = await search('commo');
    expect(newestFirst(p)).toEqual(Array.from({ length: 50 }, (_, i) => `x:${2299 - i}`));
    // A filter checked on the doc rows of a large driver.
    const chats = await search('commo channel:chat');
    expect(chats.groups.flatMap((g) => g.hits).every((h) => h.channel === 'chat')).toBe(true);
    expect(chats.count).toBe(50);
  }, 60_000);

  it('a word matching hundreds of customers lists five of them (and stays inside its transaction)', async () => {
    const { indexCustomers } = await import('../../../src/renderer/src/search/search-index');
    const customers = Array.from({ length: 260 }, (_, k) => ({ id: `cy${k}`, name: `Young ${k}`, createdAt: T0, lastActivityAt: T0 + k * MIN, tags: [] }));
    await db.transaction('rw', [db.customers, db.searchDocs, db.identities], async () => {
      await db.customers.bulkPut(customers);
      await indexCustomers(db, customers);
    });
    const r = await search('youn');
    expect(r.groups.filter((g) => g.customerMatch).map((g) => g.customerName)).toHaveLength(5);
    expect(r.groups[0]!.customerMatch).toBe(true);
  }, 60_000);
});
