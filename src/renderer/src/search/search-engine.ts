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
import type { Channel, Customer, HandoffNote, Interaction, Thread } from '../../../shared/domain';
import { hasPhrase, highlightRanges, makeSnippet, type Range, type Snippet } from '../../../shared/search/match';
import type { ParsedQuery, QueryTerm } from '../../../shared/search/query-parser';
import { tokenise } from '../../../shared/search/tokenise';
import type { SwitchboardDb } from '../db/schema';
import { ATTACHMENT_TERM, channelTerm, fromTerm, type SearchDoc } from './search-tables';

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
/** A spec with at most this many postings is intersected by key rather than checked per row. */
const INTERSECT_MAX = 20_000;
/** Rows checked per query at most; beyond that the answer says "more" instead of scanning on. */
const SCAN_MAX = 6_000;
const HI = '\uffff';

const ks = (k: Key) => `${k[0]}|${k[1]}`;

function range(db: SwitchboardDb, a: Alt) {
  return a.prefix ? db.searchDocs.where('terms').between(a.term, a.term + HI, true, true) : db.searchDocs.where('terms').equals(a.term);
}

async function countSpec(db: SwitchboardDb, spec: Spec): Promise<number> {
  const counts = await Promise.all(spec.map((a) => range(db, a).count()));
  return counts.reduce((s, n) => s + n, 0);
}

async function keysOf(db: SwitchboardDb, spec: Spec): Promise<Key[]> {
  const lists = await Promise.all(spec.map((a) => range(db, a).primaryKeys() as Promise<Key[]>));
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
    const need = [...new Set(ids)].filter((id) => !this.threads.has(id));
    if (!need.length) return;
    const rows = await this.db.threads.bulkGet(need);
    need.forEach((id, i) => this.threads.set(id, rows[i]));
  }

  async loadCustomers(ids: string[]) {
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
    const counts = await Promise.all(specs.map((s) => countSpec(db, s)));
    const order = specs.map((s, i) => ({ s, n: counts[i]! })).sort((a, b) => a.n - b.n);
    if (order[0]!.n === 0) return done([], false);

    let candidates = await keysOf(db, order[0]!.s);
    const rowChecks: Spec[] = [];
    for (const { s, n } of order.slice(1)) {
      if (n <= INTERSECT_MAX || n <= candidates.length * 2) {
        const other = new Set((await keysOf(db, s)).map(ks));
        candidates = candidates.filter((k) => other.has(ks(k)));
      } else {
        rowChecks.push(s);
      }
    }
    const { after, before } = q.filters;
    const customerKeys = candidates.filter((k) => k[0] === 0);
    const itemKeys = candidates
      .filter((k) => k[0] !== 0 && (after === undefined || k[0] >= after) && (before === undefined || k[0] < before))
      .sort((a, b) => b[0] - a[0]);

    const textTerms = q.terms;
    const fromTerms = q.filters.from ?? [];
    const hits: SearchHit[] = [];
    let scanned = 0;
    let pos = 0;
    while (pos < itemKeys.length && hits.length < limit && scanned < SCAN_MAX) {
      const page = itemKeys.slice(pos, pos + PAGE);
      pos += page.length;
      scanned += page.length;
      const docs = (await db.searchDocs.bulkGet(page)).filter((d): d is SearchDoc => !!d && rowChecks.every((s) => docMatches(d, s)));
      const itemIds = docs.filter((d) => d.kind === 'item' || d.kind === 'callnote').map((d) => d.ref);
      const items = new Map((await db.interactions.bulkGet(itemIds)).filter((i): i is Interaction => !!i).map((i) => [i.id, i]));
      const callNotes = new Map(
        (await db.callNotes.bulkGet(docs.filter((d) => d.kind === 'callnote').map((d) => d.ref))).filter((n) => !!n).map((n) => [n!.interactionId, n!]),
      );
      const notes = new Map<string, HandoffNote>();
      for (const d of docs.filter((x) => x.kind === 'note')) {
        const versions = await db.handoffNotes.where('noteId').equals(d.ref).toArray();
        const latest = versions.sort((a, b) => b.version - a.version)[0];
        if (latest) notes.set(d.ref, latest);
      }
      await ctx.loadThreads([...[...items.values()].map((i) => i.threadId), ...[...notes.values()].flatMap((n) => (n.threadId ? [n.threadId] : []))]);
      for (const d of docs) {
        if (hits.length >= limit) break;
        const hit = await toHit(ctx, d, q, items, notes, callNotes, textTerms, fromTerms);
        if (hit) hits.push(hit);
      }
    }
    const more = pos < itemKeys.length;

    // Customers matched by name or identity: only for plain text searches (filters describe items).
    const customerHits: { c: Customer; doc: SearchDoc }[] = [];
    const plainText = specs.length === textSpecs && !q.filters.statuses && !q.filters.assignees && !q.filters.tags && after === undefined && before === undefined;
    if (plainText && customerKeys.length) {
      const docs = (await db.searchDocs.bulkGet(customerKeys)).filter((d): d is SearchDoc => !!d && rowChecks.every((s) => docMatches(d, s)));
      for (const d of docs) {
        const c = await ctx.surviving(d.ref);
        if (c && !customerHits.some((x) => x.c.id === c.id)) customerHits.push({ c, doc: d });
      }
      customerHits.sort((a, b) => b.c.lastActivityAt - a.c.lastActivityAt);
      customerHits.splice(opts.customerLimit ?? 5);
    }
    return done(await groupHits(ctx, hits, customerHits, textTerms), more);
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
  for (const { c } of customers) {
    const nameRanges = highlightRanges(c.name, terms);
    let matchedIdentity: Snippet | undefined;
    if (!nameRanges.length) {
      const ids = await ctx.db.identities.where('customerId').equals(c.id).toArray();
      for (const i of ids) {
        const r = highlightRanges(i.value, terms);
        if (r.length) {
          matchedIdentity = { text: i.value, ranges: r };
          break;
        }
      }
    }
    groups.set(c.id, { customerId: c.id, customerName: c.name, nameRanges, matchedIdentity, customerMatch: true, hits: [] });
  }
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
