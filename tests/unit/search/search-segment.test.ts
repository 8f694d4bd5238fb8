import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { buildSegment, liveness, matchSegment, mergeSegments, planMerge, postingsOf, termRange, type SegmentDocInput, type SegmentRow, type Spec } from '../../../src/renderer/src/search/search-segment';
import { openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V6, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { SCHEMA_V3 } from '../../../src/renderer/src/db/agent-tables';
import { SCHEMA_V5 } from '../../../src/renderer/src/team/team-sync-tables';
import { SCHEMA_V4 } from '../../../src/renderer/src/search/search-tables';
import { customerDoc, indexBatch, interactionDoc } from '../../../src/renderer/src/search/search-index';
import { compactAll, compactIndex, loadIndex } from '../../../src/renderer/src/search/segment-cache';
import { executeSearch } from '../../../src/renderer/src/search/search-engine';
import { parseQuery } from '../../../src/shared/search/query-parser';
import type { Interaction } from '../../../src/shared/domain';

const doc = (id: string, ts: number, terms: string[], threadId?: string): SegmentDocInput => ({ id, ts, terms, threadId });
const ids = (seg: SegmentRow, ords: ArrayLike<number>) => Array.from(ords, (o) => seg.ids[o]);

/** What a set of segments answers for specs: live matching doc ids, newest first. */
function answer(segs: SegmentRow[], specs: Spec[], after?: number, before?: number): string[] {
  const live = liveness(segs);
  const out: { id: string; ts: number }[] = [];
  segs.forEach((seg, s) => {
    for (const o of matchSegment(seg, specs, live[s], after, before)) out.push({ id: seg.ids[o]!, ts: seg.times[o]! });
  });
  return out.sort((a, b) => b.ts - a.ts || (a.id < b.id ? -1 : 1)).map((d) => d.id);
}

describe('segment format', () => {
  const seg = buildSegment(1, [
    doc('a', 100, ['invoice', 'overdue', 'нет', '請求', '請', '求'], 't1'),
    doc('b', 300, ['invoices', 'paid', 'नमस्ते'], 't2'),
    doc('c', 200, ['invite', 'paid']),
    doc('a', 150, ['invoice', 'again'], 't1'), // the same id twice: the last one wins
  ], ['gone']);

  it('orders docs newest first, dictionary sorted, postings ascending', () => {
    expect(seg.ids).toEqual(['b', 'c', 'a']);
    expect([...seg.times]).toEqual([300, 200, 150]);
    expect(seg.threads).toEqual(['t2', '', 't1']);
    expect(seg.terms).toEqual([...seg.terms].sort());
    expect(seg.dead).toEqual(['gone']);
    expect(seg.post).toBeInstanceOf(Uint16Array);
    for (let i = 0; i < seg.terms.length; i++) {
      const list = [...seg.post.subarray(seg.postOff[i], seg.postOff[i + 1])];
      expect(list).toEqual([...list].sort((x, y) => x - y));
    }
    expect(ids(seg, postingsOf(seg, 'overdue', false))).toEqual([]); // replaced by the later copy of 'a'
  });

  it('exact and prefix lookups by binary search, in any script', () => {
    expect(ids(seg, postingsOf(seg, 'invoice', false))).toEqual(['a']);
    expect(ids(seg, postingsOf(seg, 'invoice', true))).toEqual(['b', 'a']);
    expect(ids(seg, postingsOf(seg, 'inv', true))).toEqual(['b', 'c', 'a']);
    expect(ids(seg, postingsOf(seg, 'invo', false))).toEqual([]);
    expect(ids(seg, postingsOf(seg, 'नम', true))).toEqual(['b']);
    expect(ids(seg, postingsOf(seg, 'zzz', true))).toEqual([]);
    const [from, to] = termRange(seg, 'inv', true);
    expect(seg.terms.slice(from, to)).toEqual(['invite', 'invoice', 'invoices']);
  });

  it('survives IndexedDB (structured clone) unchanged', async () => {
    const db = openDb('test-segment-roundtrip');
    try {
      await db.searchDocs.put(seg);
      const back = (await db.searchDocs.get([seg.ts, seg.h]))!;
      expect(back.post).toBeInstanceOf(Uint16Array);
      expect(back.times).toBeInstanceOf(Float64Array);
      expect(back).toEqual(seg);
      expect(answer([back], [[{ term: 'paid', prefix: false }], [{ term: 'inv', prefix: true }]])).toEqual(['b', 'c']);
    } finally {
      db.close();
      await db.delete();
    }
  });

  it('a large segment uses 32-bit postings', () => {
    const big = buildSegment(1, Array.from({ length: 70_000 }, (_, i) => doc(`d${i}`, i, [i % 2 ? 'odd' : 'even', 'all'])));
    expect(big.post).toBeInstanceOf(Uint32Array);
    expect(answer([big], [[{ term: 'odd', prefix: false }]]).slice(0, 2)).toEqual(['d69999', 'd69997']);
  });

  it('matches every spec (alternatives within one), skips dead docs and out-of-range times', () => {
    const specs: Spec[] = [[{ term: 'paid', prefix: false }, { term: 'again', prefix: false }], [{ term: 'in', prefix: true }]];
    expect(ids(seg, matchSegment(seg, specs))).toEqual(['b', 'c', 'a']);
    expect(ids(seg, matchSegment(seg, specs, undefined, 160, 300))).toEqual(['c']);
    expect(ids(seg, matchSegment(seg, specs, Uint8Array.from([1, 0, 1])))).toEqual(['b', 'a']);
    expect(ids(seg, matchSegment(seg, [[{ term: 'nothing', prefix: false }], [{ term: 'paid', prefix: false }]]))).toEqual([]);
  });
});

describe('tombstones and replacement', () => {
  it('a newer segment replaces a doc (new terms, new time) or removes it; tombstones only hide older docs', () => {
    const s1 = buildSegment(1, [doc('a', 1, ['alpha']), doc('b', 2, ['alpha']), doc('c', 3, ['alpha'])]);
    const s2 = buildSegment(2, [doc('a', 10, ['beta'])], ['b']);
    const s3 = buildSegment(3, [doc('b', 5, ['alpha'])]); // re-added after the removal
    expect(answer([s1, s2], [[{ term: 'alpha', prefix: false }]])).toEqual(['c']);
    expect(answer([s1, s2], [[{ term: 'beta', prefix: false }]])).toEqual(['a']);
    expect(answer([s1, s2, s3], [[{ term: 'alpha', prefix: false }]])).toEqual(['b', 'c']);
    // A tombstone never hides a doc in its own segment or in a newer one.
    const s4 = buildSegment(4, [doc('x', 1, ['alpha'])], ['x']);
    expect(s4.dead).toEqual([]);
  });
});

describe('merging segments', () => {
  // Random docs over several segments, with replacements and removals.
  function workload(seed: number, segments: number) {
    let s = seed;
    const r = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const words = ['alpha', 'alps', 'beta', 'bet', 'gamma', 'привет', '請求', 'नमस्ते'];
    const segs: SegmentRow[] = [];
    for (let k = 1; k <= segments; k++) {
      const docs = Array.from({ length: 5 + Math.floor(r() * 30) }, () => {
        const terms = words.filter(() => r() < 0.4);
        return doc(`d${Math.floor(r() * 120)}`, Math.floor(r() * 1000), terms, `t${Math.floor(r() * 9)}`);
      });
      const dead = Array.from({ length: Math.floor(r() * 6) }, () => `d${Math.floor(r() * 120)}`);
      segs.push(buildSegment(k, docs, dead));
    }
    return segs;
  }
  const queries: Spec[][] = [
    [[{ term: 'alpha', prefix: false }]],
    [[{ term: 'al', prefix: true }]],
    [[{ term: 'bet', prefix: true }], [{ term: 'gamma', prefix: false }]],
    [[{ term: 'привет', prefix: false }, { term: '請求', prefix: false }]],
    [[{ term: 'न', prefix: true }]],
  ];

  it('a merge of every segment answers exactly what the segments answered, and drops tombstones', () => {
    for (const seed of [1, 2, 3]) {
      const segs = workload(seed, 7);
      const merged = mergeSegments(7, segs, false);
      expect(merged.dead).toEqual([]);
      expect(new Set(merged.ids).size).toBe(merged.ids.length);
      for (const q of queries) {
        expect(answer([merged], q)).toEqual(answer(segs, q));
        expect(answer([merged], q, 200, 800)).toEqual(answer(segs, q, 200, 800));
      }
      // Threads and times travel with their docs.
      const live = liveness(segs);
      segs.forEach((seg, si) => seg.ids.forEach((id, o) => {
        if (!live[si]![o]) return;
        const m = merged.ids.indexOf(id);
        expect(merged.times[m]).toBe(seg.times[o]);
        expect(merged.threads[m]).toBe(seg.threads[o]);
      }));
    }
  });

  it('a merge of the newest run keeps its tombstones for the older segments', () => {
    for (const seed of [4, 5]) {
      const segs = workload(seed, 8);
      const merged = mergeSegments(8, segs.slice(3), true);
      for (const q of queries) expect(answer([...segs.slice(0, 3), merged], q)).toEqual(answer(segs, q));
    }
  });

  it('plans size-tiered merges', () => {
    expect(planMerge([500, 500, 500, 500])).toEqual([0, 4]);
    expect(planMerge([2000, 500])).toBeUndefined();
    expect(planMerge([8000, 500, 500, 500, 500])).toEqual([1, 5]); // the big one still dominates: left alone
    expect(planMerge([3000, 500, 500, 500, 500])).toEqual([0, 5]);
    expect(planMerge([100_000, 20_000, 500, 500, 500, 500])).toEqual([2, 6]);
    expect(planMerge([])).toBeUndefined();
  });

  it('never plans a merge bigger than the cap, so no query waits behind a long merge', () => {
    const cap = 16_000;
    expect(planMerge([12_000, 6_000, 500, 500, 500, 500], 4, 12, cap)).toEqual([2, 6]); // 12k is finished, 6k dominates
    expect(planMerge([15_000, 15_000], 4, 12, cap)).toBeUndefined();
    expect(planMerge([500, 500, 500, 500], 4, 12, 1_200)).toEqual([0, 2]); // the oldest part, within the cap
    const settle = (sizes: number[]) => {
      for (let run = planMerge(sizes, 4, 12, cap), steps = 0; run; run = planMerge(sizes, 4, 12, cap)) {
        const total = sizes.slice(run[0], run[1]).reduce((a, b) => a + b, 0);
        expect(total).toBeLessThanOrEqual(cap);
        sizes = [...sizes.slice(0, run[0]), total, ...sizes.slice(run[1])];
        expect(++steps).toBeLessThan(1_000);
      }
      return sizes;
    };
    // 200 batch segments of 500 docs found at once (a large first sync before the first search).
    const once = settle(Array<number>(200).fill(500));
    expect(once.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(once.length).toBeLessThanOrEqual(20);
    // The worker's usual pattern: one batch at a time, merged as it comes.
    let sizes: number[] = [];
    for (let i = 0; i < 200; i++) {
      sizes = settle([...sizes, 200 + ((i * 7919) % 600)]);
      expect(sizes.length).toBeLessThanOrEqual(24);
    }
  });
});

describe('compaction and the v7 migration', () => {
  let db: SwitchboardDb | undefined;
  afterEach(async () => {
    db?.close();
    await db?.delete();
    db = undefined;
  });
  const T0 = Date.UTC(2026, 2, 10);
  const item = (k: number, text: string): Interaction => ({ id: `x:${k}`, customerId: 'cu1', threadId: `t${k % 3}`, channel: 'email', direction: 'inbound', ts: T0 + k * 60_000, sourceId: 'x', fromLabel: 'Ada', subject: `Subject ${k}`, text });

  it('merges in its own transaction; a segment written meanwhile survives; queries see the same', async () => {
    db = openDb('test-segment-compact');
    await db.open();
    const d = db;
    await d.customers.put({ id: 'cu1', name: 'Ada Lovelace', createdAt: T0, lastActivityAt: T0, tags: [] });
    const write = (items: Interaction[], removed: string[] = []) => d.transaction('rw', [d.searchDocs, d.identities], async () => indexBatch(d, items, removed));
    for (let b = 0; b < 6; b++) await write(Array.from({ length: 10 }, (_, i) => item(b * 10 + i, i % 2 ? 'refund the card' : 'invoice overdue')));
    await write([], ['x:59']);
    await d.interactions.bulkPut(Array.from({ length: 60 }, (_, k) => item(k, k % 2 ? 'refund the card' : 'invoice overdue')));
    await d.threads.bulkPut([0, 1, 2].map((t) => ({ id: `t${t}`, customerId: 'cu1', customerName: 'Ada', channel: 'email' as const, subject: 's', firstTs: T0, lastTs: T0, lastInboundTs: T0, count: 1, snippet: '', status: 'open' as const, priority: 'normal' as const, tags: [], awaitingReply: true })));
    const q = async () => (await executeSearch(d, parseQuery('refund car', { now: T0 }))).groups.flatMap((g) => g.hits.map((h) => h.itemId));
    const expected = await q();
    expect(expected[0]).toBe('x:57');
    expect(expected).toHaveLength(29);

    expect(await compactIndex(d)).toBe(true);
    await write([item(61, 'refund the card again')]);
    expect(await d.searchDocs.count()).toBe(2);
    await d.interactions.put(item(61, 'refund the card again'));
    expect(await q()).toEqual(['x:61', ...expected]);
    await compactAll(d);
    expect(await q()).toEqual(['x:61', ...expected]);
    const index = await d.transaction('r', d.searchDocs, async () => loadIndex(d));
    expect(index.where.size).toBe(60); // 61 items written, one removed
  });

  it('migration 7 turns v4 rows into segments and drops the old indexes', async () => {
    const name = 'test-segment-upgrade';
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    old.version(4).stores(SCHEMA_V4);
    old.version(5).stores(SCHEMA_V5);
    old.version(6).stores(SCHEMA_V6);
    const items = Array.from({ length: 30 }, (_, k) => item(k, k === 7 ? 'Привет, счёт' : 'invoice overdue'));
    await old.table('customers').put({ id: 'cu1', name: 'Ada Lovelace', createdAt: T0, lastActivityAt: T0, tags: [] });
    await old.table('interactions').bulkPut(items);
    await old.table('searchDocs').bulkPut([...items.map(interactionDoc), customerDoc({ id: 'cu1', name: 'Ada Lovelace', createdAt: T0, lastActivityAt: T0, tags: [] }, [])]);
    old.close();
    db = openDb(name);
    await db.open();
    const rows = await db.searchDocs.toArray();
    expect(rows.length).toBe(1);
    expect(rows[0]!.ids).toHaveLength(31);
    const store = db.backendDB().transaction('searchDocs').objectStore('searchDocs');
    expect([...store.indexNames]).toEqual([]);
    const r = await executeSearch(db, parseQuery('привет', { now: T0 }));
    expect(r.groups.flatMap((g) => g.hits.map((h) => h.itemId))).toEqual(['x:7']);
    expect((await executeSearch(db, parseQuery('lovel', { now: T0 }))).groups[0]).toMatchObject({ customerId: 'cu1', customerMatch: true });
  });
});
