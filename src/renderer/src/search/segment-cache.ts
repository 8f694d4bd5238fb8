/**
 * The search worker's copy of the index: every segment row, decoded once and kept in memory, with
 * each doc's liveness. `loadIndex` runs at the start of every query (inside its read transaction):
 * one keys-only read of the segment table tells which rows are new (ingest wrote them since) or
 * gone (a merge replaced them); only new rows are read. `compactIndex` merges small segments into
 * larger ones, in its own transaction, so the segment count stays small.
 */
import type { SwitchboardDb } from '../db/schema';
import { mergeSegments, planMerge, type SegmentRow } from './search-segment';

export interface LoadedIndex {
  /** Segments in sequence order (oldest first). */
  segs: SegmentRow[];
  /** Per segment, 1 for each doc still live. */
  live: Uint8Array[];
  /** Where each live doc id is: segment index * 2^22 + ordinal. */
  where: Map<string, number>;
}

interface Cache {
  index: LoadedIndex;
  /** Rows by key, including rows this worker wrote itself (a merge), so they are never read back. */
  rows: Map<string, SegmentRow>;
}

const SHIFT = 4_194_304;
const caches = new WeakMap<object, Cache>();
const keyOf = (s: { ts: number; h: string }) => `${s.ts}|${s.h}`;
type PrimaryKey = [number, string];
/** The primary keys of every stored segment, as `keyOf` strings (one keys-only read). */
async function storedKeys(db: SwitchboardDb): Promise<{ keys: PrimaryKey[]; wanted: string[] }> {
  const keys = (await db.searchDocs.toCollection().primaryKeys()) as unknown as PrimaryKey[];
  return { keys, wanted: keys.map(([ts, h]) => keyOf({ ts, h })) };
}

/** Apply one more (newer) segment: its tombstones and its ids hide older copies. */
function apply(index: LoadedIndex, seg: SegmentRow, live: Uint8Array) {
  const s = index.segs.length;
  index.segs.push(seg);
  index.live.push(live);
  const kill = (id: string) => {
    const at = index.where.get(id);
    if (at === undefined) return;
    index.live[Math.floor(at / SHIFT)]![at % SHIFT] = 0;
    index.where.delete(id);
  };
  for (const id of seg.dead) kill(id);
  seg.ids.forEach((id, o) => {
    if (!live[o]) return;
    kill(id);
    index.where.set(id, s * SHIFT + o);
  });
}

/** The index as of the current transaction (which must include `db.searchDocs`). */
export async function loadIndex(db: SwitchboardDb): Promise<LoadedIndex> {
  const { keys, wanted } = await storedKeys(db);
  let cache = caches.get(db);
  if (!cache) {
    cache = { index: { segs: [], live: [], where: new Map() }, rows: new Map() };
    caches.set(db, cache);
  }
  const missing = keys.filter((_, i) => !cache.rows.has(wanted[i]!));
  if (missing.length) {
    const rows = await db.searchDocs.bulkGet(missing);
    for (const r of rows) if (r) cache.rows.set(keyOf(r), r);
  }
  const cur = cache.index.segs;
  const same = cur.length === wanted.length && cur.every((s, i) => keyOf(s) === wanted[i]);
  if (same) return cache.index;
  const appended = cur.length < wanted.length && cur.every((s, i) => keyOf(s) === wanted[i]);
  if (appended) {
    for (const k of wanted.slice(cur.length)) {
      const seg = cache.rows.get(k)!;
      apply(cache.index, seg, new Uint8Array(seg.ids.length).fill(1));
    }
  } else {
    const index: LoadedIndex = { segs: [], live: [], where: new Map() };
    for (const k of wanted) {
      const seg = cache.rows.get(k);
      if (seg) apply(index, seg, new Uint8Array(seg.ids.length).fill(1));
    }
    cache.index = index;
  }
  // Forget rows that are gone (merged away).
  const keep = new Set(wanted);
  for (const k of cache.rows.keys()) if (!keep.has(k)) cache.rows.delete(k);
  return cache.index;
}

/** Drop the in-memory copy (tests, the bench's heap measurement). */
export function forgetIndex(db: SwitchboardDb): void {
  caches.delete(db);
}

/** Docs, terms and postings held in memory. */
export function indexStats(index: LoadedIndex): { segments: number; docs: number; liveDocs: number; terms: number; postings: number; tombstones: number; arrayBytes: number } {
  let docs = 0;
  let arrayBytes = 0;
  let terms = 0;
  let postings = 0;
  let tombstones = 0;
  index.segs.forEach((s, i) => {
    docs += s.ids.length;
    terms += s.terms.length;
    postings += s.post.length;
    tombstones += s.dead.length;
    arrayBytes += s.times.byteLength + s.postOff.byteLength + s.post.byteLength + index.live[i]!.byteLength;
  });
  return { segments: index.segs.length, docs, liveDocs: index.where.size, terms, postings, tombstones, arrayBytes };
}

/**
 * One merge step, if the segments call for one (see `planMerge`): reads nothing it does not hold,
 * writes the merged segment and deletes the run in one transaction, and gives up if another
 * context merged meanwhile. Returns whether it merged.
 */
export async function compactIndex(db: SwitchboardDb): Promise<boolean> {
  const index = await db.transaction('r', db.searchDocs, async () => loadIndex(db));
  const plan = planMerge(index.segs.map((s) => Math.max(1, s.ids.length + s.dead.length)));
  if (!plan) return false;
  const [from, to] = plan;
  const run = index.segs.slice(from, to);
  const merged = mergeSegments(run[run.length - 1]!.ts, run, from > 0, index.live.slice(from, to));
  const done = await db.transaction('rw', db.searchDocs, async () => {
    const keys = new Set((await storedKeys(db)).wanted);
    if (!run.every((s) => keys.has(keyOf(s)))) return false;
    await db.searchDocs.bulkDelete(run.map((s): PrimaryKey => [s.ts, s.h]));
    await db.searchDocs.put(merged);
    return true;
  });
  if (done) caches.get(db)?.rows.set(keyOf(merged), merged);
  return done;
}

/** Merge until the segments need no more merging (the bench; the worker runs one step at a time). */
export async function compactAll(db: SwitchboardDb): Promise<number> {
  let n = 0;
  while (await compactIndex(db)) n++;
  return n;
}
