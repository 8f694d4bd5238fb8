/**
 * Query execution over the word index (runs in the search worker; also callable directly).
 *
 * 1. Every constraint that is a term (words, from:, channel:, has:) becomes a spec: one or more
 *    index ranges (exact term or prefix range) of which one must match.
 * 2. Specs are counted (IndexedDB counts inside its engine, without moving rows) and the rarest
 *    drives: its postings' primary keys [ts, h] are read (keys only), other small specs are
 *    intersected by key, the rest are checked against the doc's stored term list.
 * 3. Candidates are walked newest first in pages; only those pages' rows are read, so a query
 *    matching 30,000 items costs about what the first 50 hits cost. Thread filters (status,
 *    assignee, tag) and quoted phrases are checked on the rows.
 * Queries with only thread filters go straight to the thread indexes.
 */
import Dexie from 'dexie';
import type { Channel, Customer, HandoffNote, Interaction, Thread } from '../../../shared/domain';
import { hasPhrase, highlightRanges, makeSnippet, type Range, type Snippet } from '../../../shared/search/match';
import type { ParsedQuery, QueryTerm } from '../../../shared/search/query-parser';
import { tokenise } from '../../../shared/search/tokenise';
import type { SwitchboardDb } from '../db/schema';
import { ATTACHMENT_TERM, channelTerm, customerTerm, fromTerm, type SearchDoc } from './search-tables';

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

interface Alt {
  term: string;
  prefix: boolean;
}
type Spec = Alt[];
type Key = [number, string];

const PAGE = 64;
/**
 * Postings read per spec to size it (counting a range in IndexedDB walks it: 1-3 s for "the" over
 * 100k items on a loaded machine). Fewer than this: the spec is small, its keys are in hand and it
 * prunes candidates by key. As many: it is large; it is checked on the doc rows of candidates and
 * read (newest first) only if it must drive.
 */
const PROBE = 2_000;
/** A prefix expanding to more distinct terms than this is read whole instead of newest-first. */
const PREFIX_TERMS_MAX = 64;
/** Rows checked per query at most; beyond that the answer says "more" instead of scanning on. */
const SCAN_MAX = 4_000;
const HI = '\uffff';
const HAS_IDB3 = typeof IDBObjectStore !== 'undefined' && 'getAllRecords' in IDBObjectStore.prototype;

const ks = (k: Key) => `${k[0]}|${k[1]}`;
const byNewest = (a: Key, b: Key) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** Raw IndexedDB requests inside the current Dexie transaction (keys only, no row decoding). */
function termIndex(): IDBIndex {
  const trans = Dexie.currentTransaction as unknown as { idbtrans: IDBTransaction };
  return trans.idbtrans.objectStore('searchDocs').index('terms');
}
function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Dexie.Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  }) as unknown as Promise<T>;
}
const rangeOf = (a: Alt) => (a.prefix ? IDBKeyRange.bound(a.term, a.term + HI) : IDBKeyRange.only(a.term));

interface Probe {
  /** Exact size when small; for a large spec a rank (exact terms and longer words first). */
  n: number;
  /** All its postings, when small. */
  keys?: Key[];
}

async function probeSpec(spec: Spec): Promise<Probe> {
  const lists = await Dexie.Promise.all(spec.map((a) => req(termIndex().getAllKeys(rangeOf(a), PROBE)) as Promise<Key[]>));
  if (lists.some((l) => l.length >= PROBE)) {
    const shortest = Math.min(...spec.map((a) => a.term.length));
    return { n: PROBE * 4 + (spec.some((a) => a.prefix) ? PROBE : 0) - Math.min(shortest, 100) };
  }
  const seen = new Set<string>();
  const keys: Key[] = [];
  for (const l of lists)
    for (const k of l) {
      const id = ks(k);
      if (!seen.has(id)) {
        seen.add(id);
        keys.push(k);
      }
    }
  return { n: keys.length, keys };
}

async function keysOf(spec: Spec): Promise<Key[]> {
  const lists = await Dexie.Promise.all(spec.map((a) => req(termIndex().getAllKeys(rangeOf(a))) as Promise<Key[]>));
  const seen = new Set<string>();
  const out: Key[] = [];
  for (const list of lists)
    for (const k of list) {
      const s = ks(k);
      if (!seen.has(s)) {
        seen.add(s);
        out.push(k);
      }
    }
  return out;
}

/** Distinct terms in a prefix range, or undefined when there are more than `cap`. */
async function termsIn(a: Alt, cap: number): Promise<string[] | undefined> {
  if (!a.prefix) return [a.term];
  const out: string[] = [];
  return new Dexie.Promise<string[] | undefined>((resolve, reject) => {
    const r = termIndex().openKeyCursor(rangeOf(a), 'nextunique');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const c = r.result;
      if (!c) return resolve(out);
      out.push(c.key as string);
      if (out.length > cap) return resolve(undefined);
      c.continue();
    };
  }) as unknown as Promise<string[] | undefined>;
}

/** The newest `n` postings of one term (IndexedDB keeps a term's postings in [ts, h] order). */
async function newest(term: string, n: number): Promise<Key[]> {
  const index = termIndex();
  if (HAS_IDB3) return req(index.getAllKeys({ query: IDBKeyRange.only(term), count: n, direction: 'prev' } as unknown as IDBKeyRange)) as Promise<Key[]>;
  const out: Key[] = [];
  return new Dexie.Promise<Key[]>((resolve, reject) => {
    const r = index.openKeyCursor(IDBKeyRange.only(term), 'prev');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const c = r.result;
      if (!c || out.length >= n) return resolve(out);
      out.push(c.primaryKey as Key);
      c.continue();
    };
  }) as unknown as Promise<Key[]>;
}

/**
 * The driver's postings, newest first, in rounds. A small driver is read whole. A large one is
 * read newest-first per term (n, then 4n, ...): each round yields only keys newer than the
 * oldest key any truncated list reached, so nothing newer can still be missing.
 */
async function* driverKeys(spec: Spec, probe: Probe): AsyncGenerator<Key[]> {
  if (probe.keys) {
    yield [...probe.keys].sort(byNewest);
    return;
  }
  const termLists = await Dexie.Promise.all(spec.map((a) => termsIn(a, PREFIX_TERMS_MAX)));
  if (termLists.some((t) => !t)) {
    yield (await keysOf(spec)).sort(byNewest);
    return;
  }
  const terms = [...new Set(termLists.flat() as string[])];
  const seen = new Set<string>();
  for (let n = 256; ; n *= 4) {
    const lists = await Dexie.Promise.all(terms.map((t) => newest(t, n)));
    let boundary = -Infinity;
    for (const l of lists) if (l.length === n) boundary = Math.max(boundary, l[l.length - 1]![0]);
    const round: Key[] = [];
    for (const l of lists)
      for (const k of l) {
        const s = ks(k);
        if (k[0] >= boundary && !seen.has(s)) {
          seen.add(s);
          round.push(k);
        }
      }
    round.sort(byNewest);
    yield round;
    if (boundary === -Infinity) return;
  }
}

function docMatches(doc: SearchDoc, spec: Spec): boolean {
  return spec.some((a) => (a.prefix ? doc.terms.some((t) => t.startsWith(a.term)) : doc.terms.includes(a.term)));
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

  /** Follow merges to the surviving customer. */
  async surviving(id: string): Promise<Customer | undefined> {
    let c: Customer | undefined;
    let cur = id;
    for (let hops = 0; hops < 20; hops++) {
      await this.loadCustomers([cur]);
      c = this.customers.get(cur);
      if (!c?.mergedInto) return c;
      cur = c.mergedInto;
    }
    return c;
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
    const probes = await Dexie.Promise.all(specs.map((s) => probeSpec(s)));
    lap('probe');
    const order = specs.map((s, i) => ({ s, p: probes[i]!, n: probes[i]!.n })).sort((a, b) => a.n - b.n);

    // Small specs prune by key (their keys came with the probe); large ones are checked on the
    // doc rows of the candidates.
    const keySets = order.slice(1).flatMap((o) => (o.p.keys ? [new Set(o.p.keys.map(ks))] : []));
    const rowChecks = order.slice(1).filter((o) => !o.p.keys).map((o) => o.s);
    const { after, before } = q.filters;
    // Customers matched by name or identity: only for plain text searches (filters describe items).
    const plainText = specs.length === textSpecs && !q.filters.statuses && !q.filters.assignees && !q.filters.tags && after === undefined && before === undefined;
    const findCustomers = async (): Promise<{ c: Customer; doc: SearchDoc }[]> => {
      const customerHits: { c: Customer; doc: SearchDoc }[] = [];
      if (!plainText) return customerHits;
      const cspecs = specs.map((sp) => sp.map((a) => ({ term: customerTerm(a.term), prefix: a.prefix })));
      const cprobes = await Dexie.Promise.all(cspecs.map((sp) => probeSpec(sp)));
      const corder = cspecs.map((sp, i) => ({ sp, p: cprobes[i]! })).sort((x, y) => x.p.n - y.p.n);
      if (corder[0]!.p.n > 0) {
        let keys = corder[0]!.p.keys ?? (await keysOf(corder[0]!.sp));
        const checks: Spec[] = [];
        for (const { sp, p } of corder.slice(1)) {
          if (p.keys) {
            const set = new Set(p.keys.map(ks));
            keys = keys.filter((k) => set.has(ks(k)));
          } else checks.push(sp);
        }
        const docs = (await db.searchDocs.bulkGet(keys.slice(0, 200))).filter((d): d is SearchDoc => !!d && checks.every((sp) => docMatches(d, sp)));
        for (const d of docs) {
          const c = await ctx.surviving(d.ref);
          if (c && !customerHits.some((x) => x.c.id === c.id)) customerHits.push({ c, doc: d });
        }
        customerHits.sort((x, y) => y.c.lastActivityAt - x.c.lastActivityAt);
        customerHits.splice(opts.customerLimit ?? 5);
      }
      return customerHits;
    };
    const textTerms = q.terms;
    const fromTerms = q.filters.from ?? [];
    const hits: SearchHit[] = [];
    let scanned = 0;
    let more = false;
    const rounds = order[0]!.n > 0 ? driverKeys(order[0]!.s, order[0]!.p) : undefined;
    if (rounds)
      scan: for await (const round of rounds) {
        lap('driver');
      const itemKeys: Key[] = [];
      for (const k of round) {
        if (!keySets.every((set) => set.has(ks(k)))) continue;
        if ((after === undefined || k[0] >= after) && (before === undefined || k[0] < before)) itemKeys.push(k);
      }
      for (let pos = 0; pos < itemKeys.length; pos += PAGE) {
        if (hits.length >= limit || scanned >= SCAN_MAX) {
          more = true;
          break scan;
        }
        const page = itemKeys.slice(pos, pos + PAGE);
        scanned += page.length;
        const docs = (await db.searchDocs.bulkGet(page)).filter((d): d is SearchDoc => !!d && rowChecks.every((s) => docMatches(d, s)));
        lap('docs');
        if (q.filters.statuses || q.filters.assignees || q.filters.tags) await ctx.loadThreads(docs.flatMap((d) => (d.threadId ? [d.threadId] : [])));
        // Rows the thread filter already rules out are never read.
        const wanted = docs.filter((d) => !d.threadId || !ctx.threads.has(d.threadId) || threadPasses(ctx.threads.get(d.threadId), q));
        const itemIds = wanted.filter((d) => d.kind === 'item' || d.kind === 'callnote').map((d) => d.ref);
        const items = new Map((itemIds.length ? await db.interactions.bulkGet(itemIds) : []).filter((i): i is Interaction => !!i).map((i) => [i.id, i]));
        const callNoteIds = wanted.filter((d) => d.kind === 'callnote').map((d) => d.ref);
        const callNotes = new Map((callNoteIds.length ? await db.callNotes.bulkGet(callNoteIds) : []).filter((n) => !!n).map((n) => [n!.interactionId, n!]));
        const notes = new Map<string, HandoffNote>();
        for (const d of wanted.filter((x) => x.kind === 'note')) {
          const versions = await db.handoffNotes.where('noteId').equals(d.ref).toArray();
          const latest = versions.sort((a, b) => b.version - a.version)[0];
          if (latest) notes.set(d.ref, latest);
        }
        await ctx.loadThreads([...[...items.values()].map((i) => i.threadId), ...[...notes.values()].flatMap((n) => (n.threadId ? [n.threadId] : []))]);
        for (const d of wanted) {
          if (hits.length >= limit) {
            more = true;
            break;
          }
          const hit = await toHit(ctx, d, q, items, notes, callNotes, textTerms, fromTerms);
          if (hit) hits.push(hit);
        }
        lap('items');
      }
    }

    const customerHits = await findCustomers();
    lap('customers');
    const groups = await groupHits(ctx, hits, customerHits, textTerms);
    lap('group');
    return { ...done(groups, more), phases };
  });
}

async function toHit(
  ctx: Context,
  d: SearchDoc,
  q: ParsedQuery,
  items: Map<string, Interaction>,
  notes: Map<string, HandoffNote>,
  callNotes: Map<string, { text: string; author: string; updatedAt: number }>,
  textTerms: QueryTerm[],
  fromTerms: QueryTerm[],
): Promise<SearchHit | undefined> {
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

async function groupHits(ctx: Context, hits: SearchHit[], customers: { c: Customer; doc: SearchDoc }[], terms: QueryTerm[]): Promise<SearchGroup[]> {
  const groups = new Map<string, SearchGroup>();
  const identities = customers.length ? await ctx.db.identities.where('customerId').anyOf(customers.map((x) => x.c.id)).toArray() : [];
  for (const { c } of customers) {
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
  await ctx.loadCustomers(hits.map((h) => h.customerId));
  for (const h of hits) {
    const c = await ctx.surviving(h.customerId);
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
