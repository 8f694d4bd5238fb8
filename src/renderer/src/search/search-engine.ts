/**
 * Query execution over the segment index (runs in the search worker; also callable directly).
 *
 * 1. The worker's in-memory copy of the index is brought up to date (`loadIndex`: one keys-only
 *    read; only segments written since the last query are read).
 * 2. Every constraint that is a term (words, from:, channel:, has:) becomes a spec: exact terms or
 *    prefix ranges, one of which must match. Each segment answers all specs in memory (binary
 *    search in its sorted dictionary, one pass over the matching postings), skipping dead docs
 *    and docs outside after:/before:; the segments' answers are merged newest first.
 * 3. Candidates are walked newest first in pages: thread filters (status, assignee, tag) are checked
 *    on the thread rows first, then only the surviving interaction / note rows are read, for quoted
 *    phrases, titles and snippets. A query matching 30,000 items costs about what 50 hits cost.
 * Queries with only thread filters go straight to the thread indexes.
 */
import type { Channel, Customer, HandoffNote, Interaction, Thread } from '../../../shared/domain';
import { hasPhrase, highlightRanges, makeSnippet, type Range, type Snippet } from '../../../shared/search/match';
import type { ParsedQuery, QueryTerm } from '../../../shared/search/query-parser';
import { tokenise } from '../../../shared/search/tokenise';
import type { SwitchboardDb } from '../db/schema';
import { matchSegment, type Spec } from './search-segment';
import { ATTACHMENT_TERM, channelTerm, customerTerm, fromTerm, type SearchDocKind } from './search-tables';
import { loadIndex, type LoadedIndex } from './segment-cache';

export interface SearchHit {
  /** Stable key for lists. */
  key: string;
  kind: 'item' | 'note' | 'callnote' | 'thread';
  /** The interaction to scroll to (items, call notes). */
  itemId?: string;
  noteId?: string;
  threadId?: string;
  customerId: string;
  channel: Channel;
  ts: number;
  from: Snippet;
  title: Snippet;
  snippet: Snippet;
}

export interface SearchGroup {
  customerId: string;
  customerName: string;
  /** Highlight of the name when the customer itself matched (name or an identity). */
  nameRanges?: Range[];
  /** The identity that matched, when it was not the name. */
  matchedIdentity?: Snippet;
  customerMatch: boolean;
  hits: SearchHit[];
}

export interface SearchResponse {
  groups: SearchGroup[];
  /** Number of hits shown. */
  count: number;
  /** More matches exist than were returned. */
  more: boolean;
  errors: string[];
  tookMs: number;
  /** Where the time went (ms): counting postings, reading keys and rows, building the answer. */
  phases?: Record<string, number>;
}

export interface SearchOptions {
  /** Maximum item hits. Default 50. */
  limit?: number;
  /** Maximum customers matched by name/identity. Default 5. */
  customerLimit?: number;
}

/** A doc as the engine needs it (from a segment's doc table). */
interface Doc {
  id: string;
  kind: SearchDocKind;
  /** The row the doc stands for: interaction id, customer id or note id. */
  ref: string;
  threadId?: string;
  ts: number;
}

const PAGE = 64;
/** Rows read per query at most; beyond that the answer says "more" instead of reading on. */
const SCAN_MAX = 4_000;
/** Customer docs checked at most for a name/identity match. */
const CUSTOMER_MAX = 200;

function docOf(index: LoadedIndex, s: number, o: number): Doc {
  const seg = index.segs[s]!;
  const id = seg.ids[o]!;
  const threadId = seg.threads[o] || undefined;
  const ts = seg.times[o]!;
  if (id.startsWith('#cu:')) return { id, kind: 'customer', ref: id.slice(4), ts };
  if (id.startsWith('#note:')) return { id, kind: 'note', ref: id.slice(6), threadId, ts };
  if (id.startsWith('#callnote:')) return { id, kind: 'callnote', ref: id.slice(10), threadId, ts };
  return { id, kind: 'item', ref: id, threadId, ts };
}

/**
 * Every live doc matching all specs, newest first: each segment's matches (already newest first)
 * merged by time. Lazy: a query that stops after 50 hits takes only what it needs from the merge.
 */
function* matches(index: LoadedIndex, specs: Spec[], after?: number, before?: number): Generator<Doc> {
  const lists = index.segs.map((seg, s) => matchSegment(seg, specs, index.live[s], after, before));
  const pos = lists.map(() => 0);
  for (;;) {
    let best = -1;
    let bestTs = -Infinity;
    for (let s = lists.length - 1; s >= 0; s--) {
      const l = lists[s]!;
      if (pos[s]! >= l.length) continue;
      const ts = index.segs[s]!.times[l[pos[s]!]!]!;
      if (best < 0 || ts > bestTs) {
        best = s;
        bestTs = ts;
      }
    }
    if (best < 0) return;
    yield docOf(index, best, lists[best]![pos[best]!++]!);
  }
}

/**
 * Thread ids that may pass the assignee / tag filters, from keys-only reads of the thread indexes
 * (one request per filter, in parallel), so candidates are pruned without reading thread rows. A superset where case differs (tags, assignees); the rows are checked exactly later.
 */
async function threadFilter(db: SwitchboardDb, q: ParsedQuery): Promise<(threadId: string) => boolean> {
  const f = q.filters;
  const [assignees, tags] = await Promise.all([
    f.assignees ? assigneeFilter(db, f.assignees) : undefined,
    f.tags ? Promise.all(f.tags.map((tag) => db.threads.where('tags').equalsIgnoreCase(tag).primaryKeys())).then((l) => l.map((keys) => new Set(keys))) : undefined,
  ]);
  return (id) => (!assignees || assignees(id)) && (!tags || tags.every((t) => t.has(id)));
}

async function assigneeFilter(db: SwitchboardDb, assignees: string[]): Promise<(threadId: string) => boolean> {
  const named = assignees.filter((a) => a !== '');
  const [assigned, matching] = await Promise.all([
    assignees.includes('') ? db.threads.orderBy('assignee').primaryKeys().then((k) => new Set(k)) : undefined,
    named.length ? db.threads.where('assignee').anyOfIgnoreCase(named).primaryKeys().then((k) => new Set(k)) : undefined,
  ]);
  return (id) => (!!assigned && !assigned.has(id)) || (!!matching && matching.has(id));
}

/** Live docs of any kind whose time is in [lo, hi], counted in memory (segment docs are newest first). */
function docsBetween(index: LoadedIndex, lo: number, hi: number): number {
  let n = 0;
  for (const seg of index.segs) {
    const t = seg.times;
    const first = search(t, (x) => x <= hi);
    const end = search(t, (x) => x < lo);
    n += end - first;
  }
  return n;
}
/** First position in a descending array where `ok` holds (ok is monotone). */
function search(a: Float64Array, ok: (x: number) => boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(a[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The page's interaction rows. When the page covers a dense time window (a common word: the page
 * is most of the items in its window), one range read on the `ts` index replaces a request per
 * row; otherwise (a rare word spread over months) the rows are read by key.
 */
async function readItems(db: SwitchboardDb, index: LoadedIndex, page: Doc[], ids: string[]): Promise<(Interaction | undefined)[]> {
  if (!ids.length) return [];
  const items = page.filter((d) => d.kind === 'item');
  if (items.length >= 8) {
    const hi = items[0]!.ts;
    const lo = items[items.length - 1]!.ts;
    if (docsBetween(index, lo, hi) <= 2 * ids.length) {
      const rows = new Map((await db.interactions.where('ts').between(lo, hi, true, true).toArray()).map((r) => [r.id, r]));
      const missing = ids.filter((id) => !rows.has(id));
      if (missing.length) (await db.interactions.bulkGet(missing)).forEach((r) => r && rows.set(r.id, r));
      return ids.map((id) => rows.get(id));
    }
  }
  return db.interactions.bulkGet(ids);
}

function specsOf(q: ParsedQuery): { specs: Spec[]; textSpecs: number } {
  const specs: Spec[] = [];
  const seen = new Set<string>();
  for (const t of q.terms) {
    const id = `${t.term}|${t.prefix}`;
    if (seen.has(id)) continue;
    seen.add(id);
    specs.push([{ term: t.term, prefix: t.prefix }]);
  }
  const textSpecs = specs.length;
  for (const f of q.filters.from ?? []) specs.push([{ term: fromTerm(f.term), prefix: true }]);
  if (q.filters.channels?.length) specs.push(q.filters.channels.map((c) => ({ term: channelTerm(c), prefix: false })));
  if (q.filters.hasAttachment) specs.push([{ term: ATTACHMENT_TERM, prefix: false }]);
  return { specs, textSpecs };
}

function threadPasses(t: Thread | undefined, q: ParsedQuery): boolean {
  const f = q.filters;
  if (!f.statuses && !f.assignees && !f.tags) return true;
  if (!t) return false;
  if (f.statuses && !f.statuses.includes(t.status)) return false;
  if (f.assignees && !f.assignees.includes((t.assignee ?? '').toLowerCase())) return false;
  if (f.tags && !f.tags.every((tag) => t.tags.some((x) => x.toLowerCase() === tag))) return false;
  return true;
}

function snippetOfTitle(text: string, terms: QueryTerm[]): Snippet {
  return { text, ranges: highlightRanges(text, terms) };
}

class Context {
  threads = new Map<string, Thread | undefined>();
  customers = new Map<string, Customer | undefined>();
  constructor(readonly db: SwitchboardDb) {}

  async loadThreads(ids: string[]) {
    if (!ids.length) return;
    const need = [...new Set(ids)].filter((id) => !this.threads.has(id));
    if (!need.length) return;
    const rows = await this.db.threads.bulkGet(need);
    need.forEach((id, i) => this.threads.set(id, rows[i]));
  }

  async loadCustomers(ids: string[]) {
    if (!ids.length) return;
    const need = [...new Set(ids)].filter((id) => !this.customers.has(id));
    if (!need.length) return;
    const rows = await this.db.customers.bulkGet(need);
    need.forEach((id, i) => this.customers.set(id, rows[i]));
  }

  /** Follow merges in memory: the surviving customer, or the id whose row is still to be read. */
  private follow(id: string): { c?: Customer; missing?: string } {
    let cur = id;
    let c: Customer | undefined;
    for (let hops = 0; hops < 20; hops++) {
      if (!this.customers.has(cur)) return { missing: cur };
      c = this.customers.get(cur);
      if (!c?.mergedInto) return { c };
      cur = c.mergedInto;
    }
    return { c };
  }

  /**
   * Follow merges to the surviving customers, reading missing rows in bulk, one request per hop.
   * (Few awaits on purpose: inside a Dexie transaction, many awaits that start no IndexedDB
   * request in a row end its zone and the transaction commits early.)
   */
  async survivors(ids: string[]): Promise<(Customer | undefined)[]> {
    for (let hops = 0; hops < 20; hops++) {
      const missing = ids.flatMap((id) => this.follow(id).missing ?? []);
      if (!missing.length) break;
      await this.loadCustomers(missing);
    }
    return ids.map((id) => this.follow(id).c);
  }
}

function itemTitle(i: Interaction, t: Thread | undefined): string {
  if (i.channel === 'email') return i.subject || t?.subject || '(no subject)';
  if (i.channel === 'call') return i.subject || 'Call';
  return t?.subject || 'Chat';
}

function passesPhrases(text: string, q: ParsedQuery): boolean {
  if (!q.phrases.length) return true;
  const toks = tokenise(text, 'query');
  return q.phrases.every((p) => hasPhrase(toks, p));
}

export async function executeSearch(db: SwitchboardDb, q: ParsedQuery, opts: SearchOptions = {}): Promise<SearchResponse> {
  const started = performance.now();
  const limit = opts.limit ?? 50;
  const errors = [...q.errors];
  const done = (groups: SearchGroup[], more: boolean): SearchResponse => ({
    groups,
    count: groups.reduce((n, g) => n + g.hits.length, 0),
    more,
    errors,
    tookMs: performance.now() - started,
  });
  if (q.empty) return done([], false);
  const tables = [db.searchDocs, db.interactions, db.threads, db.customers, db.identities, db.handoffNotes, db.callNotes];
  return db.transaction('r', tables, async () => {
    const { specs, textSpecs } = specsOf(q);
    if (!specs.length) return threadRoute(db, q, limit, done);

    const ctx = new Context(db);
    const phases: Record<string, number> = {};
    let mark = performance.now();
    const lap = (name: string) => {
      const t = performance.now();
      phases[name] = (phases[name] ?? 0) + (t - mark);
      mark = t;
    };
    const index = await loadIndex(db);
    lap('load');
    const { after, before } = q.filters;
    // Customers are matched by name or identity only for plain text searches (filters describe items).
    const plainText = specs.length === textSpecs && !q.filters.statuses && !q.filters.assignees && !q.filters.tags && after === undefined && before === undefined;
    // Customers matched by name or identity: found in memory now, their rows read with the first page.
    const customerRefs: string[] = [];
    if (plainText) {
      const cspecs = specs.map((sp) => sp.map((a) => ({ term: customerTerm(a.term), prefix: a.prefix })));
      for (const d of matches(index, cspecs)) {
        customerRefs.push(d.ref);
        if (customerRefs.length >= CUSTOMER_MAX) break;
      }
    }
    const findCustomers = async (): Promise<Customer[]> => {
      const found: Customer[] = [];
      for (const c of await ctx.survivors(customerRefs)) if (c && !found.some((x) => x.id === c.id)) found.push(c);
      found.sort((x, y) => y.lastActivityAt - x.lastActivityAt);
      found.splice(opts.customerLimit ?? 5);
      return found;
    };
    const textTerms = q.terms;
    const fromTerms = q.filters.from ?? [];
    const hits: SearchHit[] = [];
    let scanned = 0;
    let more = false;
    const candidates = matches(index, specs, after, before);
    let pending: Doc | undefined;
    const take = (): Doc | undefined => {
      if (pending) {
        const d = pending;
        pending = undefined;
        return d;
      }
      const r = candidates.next();
      return r.done ? undefined : r.value;
    };
    /** Candidates whose thread already passed (status filters), newest last. */
    const checked: Doc[] = [];
    const peek = (): boolean => checked.length > 0 || (pending ??= take()) !== undefined;
    // Status sets are large (most threads are open): statuses are checked on the candidates' thread
    // rows; assignees and tags (small sets) on keys-only reads of their thread indexes.
    const statusRows = !!q.filters.statuses;
    let chunkSize = 2 * PAGE;
    const allowed = q.filters.assignees || q.filters.tags ? await threadFilter(db, q) : undefined;
    lap('threads');
    /** The next page of candidates (with thread filters, those whose thread may pass). */
    const nextPage = async (): Promise<Doc[]> => {
      // Without phrases nearly every candidate becomes a hit: read only as many rows as are missing.
      const size = q.phrases.length ? PAGE : Math.min(PAGE, Math.max(8, limit - hits.length));
      const page: Doc[] = [];
      while (page.length < size && (checked.length > 0 || scanned < SCAN_MAX)) {
        if (statusRows) {
          // Status filters: the thread rows of the next candidates, read in one request per chunk
          // (growing while few pass), decide exactly; nothing else of a failing candidate is read.
          if (!checked.length) {
            if (scanned >= SCAN_MAX) break;
            const chunk: Doc[] = [];
            for (let d = take(); d; d = chunk.length < chunkSize ? take() : undefined) if (d.threadId && (!allowed || allowed(d.threadId))) chunk.push(d);
            if (!chunk.length) break;
            scanned += chunk.length; // candidates checked count towards the cap, as rows do
            chunkSize = Math.min(chunkSize * 4, 2_048);
            await ctx.loadThreads(chunk.map((d) => d.threadId!));
            checked.push(...chunk.filter((d) => threadPasses(ctx.threads.get(d.threadId!), q)).reverse());
            continue;
          }
          page.push(checked.pop()!);
          continue;
        }
        const d = take();
        if (!d) break;
        // Candidates the thread filter rules out are skipped in memory (rows are checked again).
        if (allowed && !(d.threadId && allowed(d.threadId))) continue;
        page.push(d);
        scanned++;
      }
      return page;
    };
    lap('match');
    for (;;) {
      if (hits.length >= limit || (scanned >= SCAN_MAX && !checked.length)) {
        more = peek(); // "more" when anything is left unchecked
        break;
      }
      const wanted = await nextPage();
      lap('match');
      if (!wanted.length) {
        more = peek();
        break;
      }
      const itemIds = wanted.filter((d) => d.kind === 'item' || d.kind === 'callnote').map((d) => d.ref);
      const callNoteIds = wanted.filter((d) => d.kind === 'callnote').map((d) => d.ref);
      const noteIds = wanted.filter((x) => x.kind === 'note').map((d) => d.ref);
      // One round of parallel reads: items, their threads (known from the index), notes, matched customers.
      const [itemRows, callNoteRows, noteRows] = await Promise.all([
        readItems(db, index, wanted, itemIds),
        callNoteIds.length ? db.callNotes.bulkGet(callNoteIds) : Promise.resolve([]),
        Promise.all(noteIds.map((id) => db.handoffNotes.where('noteId').equals(id).toArray())),
        ctx.loadThreads(wanted.flatMap((d) => (d.threadId ? [d.threadId] : []))),
        ctx.loadCustomers(customerRefs),
      ]);
      lap('rows');
      const items = new Map(itemRows.filter((i): i is Interaction => !!i).map((i) => [i.id, i]));
      const callNotes = new Map(callNoteRows.filter((n) => !!n).map((n) => [n!.interactionId, n!]));
      const notes = new Map<string, HandoffNote>();
      noteIds.forEach((id, k) => {
        const latest = noteRows[k]!.sort((a, b) => b.version - a.version)[0];
        if (latest) notes.set(id, latest);
      });
      // Rows whose thread the index did not know (moved since): read now.
      await ctx.loadThreads([...[...items.values()].map((i) => i.threadId), ...[...notes.values()].flatMap((n) => (n.threadId ? [n.threadId] : []))]);
      for (const d of wanted) {
        if (hits.length >= limit) {
          more = true; // the rest of this page is left unchecked
          break;
        }
        const hit = toHit(ctx, d, q, items, notes, callNotes, textTerms, fromTerms);
        if (hit) hits.push(hit);
      }
      lap('items');
      if (more) break;
    }

    const customerHits = await findCustomers();
    lap('customers');
    const groups = await groupHits(ctx, hits, customerHits, textTerms);
    lap('group');
    return { ...done(groups, more), phases };
  });
}

function toHit(
  ctx: Context,
  d: Doc,
  q: ParsedQuery,
  items: Map<string, Interaction>,
  notes: Map<string, HandoffNote>,
  callNotes: Map<string, { text: string; author: string; updatedAt: number }>,
  textTerms: QueryTerm[],
  fromTerms: QueryTerm[],
): SearchHit | undefined {
  if (d.kind === 'item') {
    const i = items.get(d.ref);
    if (!i) return undefined;
    const t = ctx.threads.get(i.threadId);
    if (!threadPasses(t, q)) return undefined;
    const title = itemTitle(i, t);
    if (!passesPhrases(`${i.subject ?? ''}\n${i.text}`, q)) return undefined;
    return {
      key: `i:${i.id}`,
      kind: 'item',
      itemId: i.id,
      threadId: i.threadId,
      customerId: t?.customerId ?? i.customerId,
      channel: i.channel,
      ts: i.ts,
      from: snippetOfTitle(i.fromLabel, [...fromTerms, ...textTerms]),
      title: snippetOfTitle(title, textTerms),
      snippet: makeSnippet(i.text || i.subject || '', textTerms),
    };
  }
  if (d.kind === 'callnote') {
    const n = callNotes.get(d.ref);
    const i = items.get(d.ref);
    if (!n || !i) return undefined; // the note was deleted since it was indexed
    const t = ctx.threads.get(i.threadId);
    if (!threadPasses(t, q) || !passesPhrases(n.text, q)) return undefined;
    return {
      key: `cn:${i.id}`,
      kind: 'callnote',
      itemId: i.id,
      threadId: i.threadId,
      customerId: t?.customerId ?? i.customerId,
      channel: 'call',
      ts: n.updatedAt,
      from: snippetOfTitle(n.author, [...fromTerms, ...textTerms]),
      title: { text: `Call note · ${i.subject ?? 'Call'}`, ranges: [] },
      snippet: makeSnippet(n.text, textTerms),
    };
  }
  if (d.kind === 'note') {
    const n = notes.get(d.ref);
    if (!n) return undefined;
    const t = n.threadId ? ctx.threads.get(n.threadId) : undefined;
    if (!threadPasses(t, q)) return undefined;
    const body = [n.summary, n.tried && `Tried: ${n.tried}`, n.promised && `Promised: ${n.promised}`, n.nextStep && `Next: ${n.nextStep}`].filter(Boolean).join(' · ');
    if (!passesPhrases(body, q)) return undefined;
    return {
      key: `n:${n.noteId}`,
      kind: 'note',
      noteId: n.noteId,
      threadId: n.threadId,
      customerId: n.customerId,
      channel: 'note',
      ts: n.createdAt,
      from: snippetOfTitle(n.author, [...fromTerms, ...textTerms]),
      title: { text: 'Handoff note', ranges: [] },
      snippet: makeSnippet(body, textTerms),
    };
  }
  return undefined;
}

async function groupHits(ctx: Context, hits: SearchHit[], customers: Customer[], terms: QueryTerm[]): Promise<SearchGroup[]> {
  const groups = new Map<string, SearchGroup>();
  const identities = customers.length ? await ctx.db.identities.where('customerId').anyOf(customers.map((c) => c.id)).toArray() : [];
  for (const c of customers) {
    const nameRanges = highlightRanges(c.name, terms);
    let matchedIdentity: Snippet | undefined;
    if (!nameRanges.length) {
      for (const i of identities.filter((x) => x.customerId === c.id)) {
        const r = highlightRanges(i.value, terms);
        if (r.length) {
          matchedIdentity = { text: i.value, ranges: r };
          break;
        }
      }
    }
    groups.set(c.id, { customerId: c.id, customerName: c.name, nameRanges, matchedIdentity, customerMatch: true, hits: [] });
  }
  const survivors = await ctx.survivors(hits.map((h) => h.customerId));
  for (const [k, h] of hits.entries()) {
    const c = survivors[k];
    const id = c?.id ?? h.customerId;
    h.customerId = id;
    let g = groups.get(id);
    if (!g) {
      g = { customerId: id, customerName: c?.name ?? 'Unknown customer', customerMatch: false, hits: [] };
      groups.set(id, g);
    }
    g.hits.push(h);
  }
  return [...groups.values()];
}

async function threadRoute(
  db: SwitchboardDb,
  q: ParsedQuery,
  limit: number,
  done: (groups: SearchGroup[], more: boolean) => SearchResponse,
): Promise<SearchResponse> {
  const f = q.filters;
  const passes = (t: Thread) =>
    threadPasses(t, q) &&
    (!f.channels || f.channels.includes(t.channel)) &&
    (f.after === undefined || t.lastTs >= f.after) &&
    (f.before === undefined || t.lastTs < f.before);
  let rows: Thread[];
  if (f.tags?.length) rows = await db.threads.where('tags').equals(f.tags[0]!).toArray();
  else if (f.assignees?.length && !f.assignees.includes('')) rows = await db.threads.where('assignee').anyOf(f.assignees).toArray();
  else if (f.statuses?.length)
    rows = (await Promise.all(f.statuses.map((s) => db.threads.where('[status+lastInboundTs]').between([s, -Infinity], [s, Infinity]).toArray()))).flat();
  else rows = await db.threads.orderBy('lastTs').reverse().filter(passes).limit(limit + 1).toArray();
  const matching = rows.filter(passes).sort((a, b) => b.lastTs - a.lastTs);
  const ctx = new Context(db);
  const hits: SearchHit[] = matching.slice(0, limit).map((t) => ({
    key: `t:${t.id}`,
    kind: 'thread',
    threadId: t.id,
    customerId: t.customerId,
    channel: t.channel,
    ts: t.lastTs,
    from: { text: t.customerName, ranges: [] },
    title: { text: t.subject, ranges: [] },
    snippet: { text: t.snippet, ranges: [] },
  }));
  return done(await groupHits(ctx, hits, [], []), matching.length > limit);
}
