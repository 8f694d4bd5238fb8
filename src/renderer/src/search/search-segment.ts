/**
 * Search index segments (pure, no IndexedDB): the storage and in-memory format of the word index.
 *
 * A segment is one immutable row holding a small inverted index over the docs one write indexed
 * (an ingest batch, a note save, a merge):
 *  - a doc table, newest first: `ids` (doc id), `times` (sort time), `threads` (thread id or '');
 *    a doc's ordinal is its position, so ascending ordinals are newest-first;
 *  - a sorted term dictionary (`terms`, UTF-16 code-unit order, so every prefix is one contiguous
 *    range found by binary search);
 *  - postings: the ordinals of term i are `post[postOff[i] .. postOff[i + 1])`, ascending
 *    (Uint16Array when the segment has fewer than 65,536 docs, else Uint32Array);
 *  - `dead`: tombstones, doc ids removed by this write.
 * Segments are ordered by their sequence number (`ts` of the row key). A doc is live in the
 * newest segment that holds it, unless a newer segment holds the same id again (a replay or an
 * edit: the newer copy wins) or lists it in `dead` (a removal). Tombstones only ever apply to
 * OLDER segments.
 *
 * Merging a run of consecutive segments that ends at the newest one produces one segment with
 * the run's live docs (re-sorted, newest first) and, unless the run starts at the oldest segment,
 * the run's tombstones (they still apply to the segments before it).
 */

export interface SegmentRow {
  /** The segment's sequence number (row key part 1; the table's key is [ts+h]). */
  ts: number;
  /** A unique id for this row (row key part 2): a merged segment that reuses a sequence number is still a new row. */
  h: string;
  ids: string[];
  times: Float64Array;
  /** Thread id per doc ('' when none). */
  threads: string[];
  terms: string[];
  postOff: Uint32Array;
  post: Uint16Array | Uint32Array;
  dead: string[];
}

export interface SegmentDocInput {
  id: string;
  ts: number;
  threadId?: string;
  terms: Iterable<string>;
}

let uidCounter = 0;
export function segmentUid(): string {
  uidCounter = (uidCounter + 1) % 1_000_000;
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${uidCounter.toString(36)}`;
}

const newestFirst = (a: { ts: number; id: string }, b: { ts: number; id: string }) => b.ts - a.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Build one segment from docs (a doc id given twice: the last one wins) and tombstones. */
export function buildSegment(seq: number, docsIn: SegmentDocInput[], dead: Iterable<string> = []): SegmentRow {
  const byId = new Map<string, SegmentDocInput>();
  for (const d of docsIn) byId.set(d.id, d);
  const docs = [...byId.values()].sort(newestFirst);
  const postings = new Map<string, number[]>();
  docs.forEach((d, ord) => {
    for (const t of new Set(d.terms)) {
      const l = postings.get(t);
      if (l) l.push(ord);
      else postings.set(t, [ord]);
    }
  });
  const terms = [...postings.keys()].sort(cmp);
  let total = 0;
  for (const t of terms) total += postings.get(t)!.length;
  const post = docs.length <= 0xffff ? new Uint16Array(total) : new Uint32Array(total);
  const postOff = new Uint32Array(terms.length + 1);
  let at = 0;
  terms.forEach((t, i) => {
    postOff[i] = at;
    for (const o of postings.get(t)!) post[at++] = o;
  });
  postOff[terms.length] = at;
  const ids = new Set(docs.map((d) => d.id));
  return {
    ts: seq,
    h: segmentUid(),
    ids: docs.map((d) => d.id),
    times: Float64Array.from(docs.map((d) => d.ts)),
    threads: docs.map((d) => d.threadId ?? ''),
    terms,
    postOff,
    post,
    dead: [...new Set(dead)].filter((id) => !ids.has(id)),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerBound(terms: string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The term indexes [from, to) of an exact term or of every term starting with a prefix. */
export function termRange(seg: Pick<SegmentRow, 'terms'>, term: string, prefix: boolean): [number, number] {
  const from = lowerBound(seg.terms, term);
  if (!prefix) return seg.terms[from] === term ? [from, from + 1] : [from, from];
  return [from, lowerBound(seg.terms, `${term}\uffff`)];
}

/** The ordinals (ascending = newest first) of docs holding an exact term or a prefix. */
export function postingsOf(seg: SegmentRow, term: string, prefix: boolean): number[] {
  const [from, to] = termRange(seg, term, prefix);
  const out = new Set<number>();
  for (let i = from; i < to; i++) for (let p = seg.postOff[i]!; p < seg.postOff[i + 1]!; p++) out.add(seg.post[p]!);
  return [...out].sort((a, b) => a - b);
}

export interface Alt {
  term: string;
  prefix: boolean;
}
/** One constraint: any of its alternatives must match. */
export type Spec = Alt[];

/**
 * Ordinals of the docs matching every spec, ascending (newest first), skipping docs `live` marks 0
 * and, when given, docs outside [after, before). One pass over each matching term's postings.
 */
export function matchSegment(seg: SegmentRow, specs: Spec[], live?: Uint8Array, after?: number, before?: number): Int32Array {
  const n = seg.ids.length;
  if (!n || !specs.length) return new Int32Array(0);
  // Resolve term ranges first; a spec without terms in this segment means no match here.
  const ranges: [number, number][][] = [];
  for (const spec of specs) {
    const rs = spec.map((a) => termRange(seg, a.term, a.prefix)).filter(([f, t]) => t > f);
    if (!rs.length) return new Int32Array(0);
    ranges.push(rs);
  }
  const count = new Uint8Array(n);
  const { post, postOff } = seg;
  for (let s = 0; s < ranges.length; s++) {
    const next = s + 1;
    for (const [from, to] of ranges[s]!)
      for (let i = from; i < to; i++) {
        const end = postOff[i + 1]!;
        for (let p = postOff[i]!; p < end; p++) {
          const o = post[p]!;
          if (count[o] === s) count[o] = next;
        }
      }
  }
  const want = ranges.length;
  const out: number[] = [];
  const times = seg.times;
  for (let o = 0; o < n; o++) {
    if (count[o] !== want || (live && !live[o])) continue;
    const ts = times[o]!;
    if ((after !== undefined && ts < after) || (before !== undefined && ts >= before)) continue;
    out.push(o);
  }
  return Int32Array.from(out);
}

/**
 * Liveness of every doc across segments given in sequence order (oldest first): a doc is dead when
 * a newer segment holds its id again or lists it in `dead`.
 */
export function liveness(segs: Pick<SegmentRow, 'ids' | 'dead'>[]): Uint8Array[] {
  const live = segs.map((s) => new Uint8Array(s.ids.length).fill(1));
  const gone = new Set<string>();
  for (let s = segs.length - 1; s >= 0; s--) {
    const seg = segs[s]!;
    const l = live[s]!;
    seg.ids.forEach((id, o) => {
      if (gone.has(id)) l[o] = 0;
    });
    for (const id of seg.ids) gone.add(id);
    for (const id of seg.dead) gone.add(id);
  }
  return live;
}

/**
 * Merge a run of consecutive segments (oldest first) into one with sequence number `seq` (the
 * newest of the run). `live` may mark docs already dead because of segments newer than the run.
 * `keepTombstones`: false when the run starts at the oldest segment (nothing older to remove from).
 */
export function mergeSegments(seq: number, segs: SegmentRow[], keepTombstones: boolean, live: Uint8Array[] = liveness(segs)): SegmentRow {
  const own = liveness(segs);
  // New ordinals: every live doc, newest first.
  const docs: { s: number; o: number; ts: number; id: string }[] = [];
  segs.forEach((seg, s) => {
    for (let o = 0; o < seg.ids.length; o++) if (own[s]![o] && live[s]![o]) docs.push({ s, o, ts: seg.times[o]!, id: seg.ids[o]! });
  });
  docs.sort(newestFirst);
  const remap = segs.map((seg) => new Int32Array(seg.ids.length).fill(-1));
  docs.forEach((d, ord) => {
    remap[d.s]![d.o] = ord;
  });
  let capacity = 0;
  for (const seg of segs) capacity += seg.post.length;
  const post = docs.length <= 0xffff ? new Uint16Array(capacity) : new Uint32Array(capacity);
  const terms: string[] = [];
  const offs: number[] = [];
  const cursor = segs.map(() => 0);
  // A k-way merge of the sorted dictionaries: a min-heap of segments by their next term.
  const heap: number[] = [];
  const termAt = (s: number) => segs[s]!.terms[cursor[s]!]!;
  const less = (a: number, b: number) => {
    const ta = termAt(a);
    const tb = termAt(b);
    return ta < tb || (ta === tb && a < b);
  };
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  segs.forEach((seg, s) => {
    if (seg.terms.length) {
      heap.push(s);
      up(heap.length - 1);
    }
  });
  let at = 0;
  while (heap.length) {
    const min = termAt(heap[0]!);
    const start = at;
    // Take the term from every segment holding it (they are at the top of the heap in turn).
    while (heap.length && termAt(heap[0]!) === min) {
      const s = heap[0]!;
      const seg = segs[s]!;
      const i = cursor[s]!;
      const map = remap[s]!;
      for (let p = seg.postOff[i]!; p < seg.postOff[i + 1]!; p++) {
        const o = map[seg.post[p]!]!;
        if (o >= 0) post[at++] = o;
      }
      cursor[s] = i + 1;
      if (cursor[s]! < seg.terms.length) down(0);
      else {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
        if (heap.length) down(0);
      }
    }
    if (at === start) continue; // every doc holding the term is gone
    post.subarray(start, at).sort();
    terms.push(min);
    offs.push(start);
  }
  offs.push(at);
  const ids = docs.map((d) => d.id);
  const idSet = new Set(ids);
  const dead = keepTombstones ? [...new Set(segs.flatMap((s) => s.dead).concat(segs.flatMap((s, si) => s.ids.filter((_, o) => !own[si]![o] || !live[si]![o]))))].filter((id) => !idSet.has(id)) : [];
  return {
    ts: seq,
    h: segmentUid(),
    ids,
    times: Float64Array.from(docs.map((d) => d.ts)),
    threads: docs.map((d) => segs[d.s]!.threads[d.o]!),
    terms,
    postOff: Uint32Array.from(offs),
    post: post.slice(0, at),
    dead,
  };
}

/**
 * Which run of segments to merge, given their doc counts (oldest first), or undefined. Keeps a
 * size-tiered shape: each segment should hold at least twice the docs of all newer ones together;
 * the run starts at the first that does not, and is merged once it holds `minRun` segments or more.
 * Amortised, each doc is rewritten O(log n) times. A merge never produces more than `maxDocs`
 * docs: the worker answers no query while it merges, and rewriting 100,000 docs in one step kept
 * typed searches waiting for seconds; segments that big are left as they are (a query costs a
 * binary search per segment, so a few more segments cost microseconds).
 */
export function planMerge(sizes: number[], minRun = 4, maxSegments = 12, maxDocs = MERGE_MAX_DOCS): [number, number] | undefined {
  // Segments of at least half the cap are finished: only the stretch after the newest of them is
  // planned (runs are contiguous, so a finished segment is never merged over).
  let base = 0;
  for (let i = 0; i < sizes.length; i++) if (sizes[i]! >= maxDocs / 2) base = i + 1;
  let newer = 0;
  let start = sizes.length;
  // Walk from the newest: the oldest segment holding less than twice everything newer starts the run.
  for (let i = sizes.length - 1; i >= base; i--) {
    if (sizes[i]! < 2 * newer) start = i;
    newer += sizes[i]!;
  }
  // Within the cap, keeping the oldest part of the run: the merged segment then sits right after
  // the finished ones, and what is newer keeps merging behind it.
  const capped = (from: number, to: number): [number, number] | undefined => {
    let total = 0;
    let end = from;
    while (end < to && total + sizes[end]! <= maxDocs) total += sizes[end++]!;
    return end - from >= 2 ? [from, end] : undefined;
  };
  if (sizes.length - start >= minRun) return capped(start, sizes.length);
  // Every segment dominates but there are too many of them: fold the newest few together.
  if (sizes.length - base > maxSegments) return capped(sizes.length - minRun, sizes.length);
  return undefined;
}

/** The largest segment a merge writes (see planMerge). */
export const MERGE_MAX_DOCS = 16_000;
