/**
 * Writing the search index. Everything here runs INSIDE the caller's transaction (ingest, a note
 * save, a migration), so the index and the data commit together and can never disagree. Each call
 * writes ONE segment row (`search-segment.ts`): the docs it indexes plus tombstones for the ids it
 * removes; nothing already indexed is read or rewritten (newer segments supersede older ones).
 *
 * For other features:
 *  - `indexInteraction(db, interaction)` after writing an interaction outside ingest, and
 *    `unindexInteraction(db, id)` after deleting one (add `db.searchDocs` to the transaction);
 *  - `indexHandoffNote(db, note)` / `indexCallNote(db, note, ts)` / `unindexCallNote(db, id)` for
 *    notes. Notes written without these are still found: `catchUpNotes` (run by the search worker
 *    before each query) indexes note rows it has not seen yet.
 */
import type { Customer, HandoffNote, Identity, Interaction } from '../../../shared/domain';
import { indexTerms, tokenise } from '../../../shared/search/tokenise';
import type { CallNote } from '../db/agent-tables';
import type { SwitchboardDb } from '../db/schema';
import { buildSegment } from './search-segment';
import { ATTACHMENT_TERM, channelTerm, customerTerm, docKey, fromTerm, type SearchDoc } from './search-tables';

/** The tables the index writers touch (a Dexie db, or an upgrade transaction's tables). */
export type SearchTables = Pick<SwitchboardDb, 'searchDocs' | 'identities'>;

/** Longest text indexed per item: long quoted histories repeat earlier messages of the thread. */
export const MAX_INDEXED_CHARS = 64_000;

const cap = (s: string | undefined) => (s && s.length > MAX_INDEXED_CHARS ? s.slice(0, MAX_INDEXED_CHARS) : (s ?? ''));

/** A phone number as digits, plus its last 10 and 7 digits (typed without country or area code). */
function phoneTerms(raw: string, into: Set<string>) {
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 5) return;
  into.add(digits);
  if (digits.length > 10) into.add(digits.slice(-10));
  if (digits.length > 7) into.add(digits.slice(-7));
}

function addFrom(into: Set<string>, ...values: (string | undefined)[]) {
  for (const v of values) {
    if (!v) continue;
    for (const t of tokenise(v, 'index')) into.add(fromTerm(t.term));
  }
}

export function interactionTerms(i: Interaction): string[] {
  const terms = new Set<string>();
  indexTerms(i.subject ?? '', terms);
  indexTerms(cap(i.text), terms);
  indexTerms(i.fromLabel, terms);
  if (i.from) indexTerms(`${i.from.name ?? ''} ${i.from.address}`, terms);
  for (const a of [...(i.to ?? []), ...(i.cc ?? [])]) indexTerms(`${a.name ?? ''} ${a.address}`, terms);
  for (const a of i.attachments ?? []) indexTerms(a.filename, terms);
  if (i.agent) indexTerms(i.agent, terms);
  if (i.call) phoneTerms(i.call.customerNumber, terms);
  terms.add(channelTerm(i.channel));
  addFrom(terms, i.fromLabel, i.from?.name, i.from?.address);
  if (i.attachments?.some((a) => !a.inline)) terms.add(ATTACHMENT_TERM);
  return [...terms];
}

export function interactionDoc(i: Interaction): SearchDoc {
  const [ts, h] = docKey(i.ts, i.id);
  return { ts, h, id: i.id, kind: 'item', ref: i.id, threadId: i.threadId, terms: interactionTerms(i) };
}

export function customerDoc(c: Customer, identities: Identity[]): SearchDoc {
  const id = `#cu:${c.id}`;
  const [ts, h] = docKey(0, id);
  const terms = indexTerms(c.name);
  for (const ident of identities) {
    indexTerms(ident.value, terms);
    if (ident.label) indexTerms(ident.label, terms);
    if (ident.kind === 'phone') phoneTerms(ident.value, terms);
  }
  return { ts, h, id, kind: 'customer', ref: c.id, terms: [...terms].map(customerTerm) };
}

export function handoffNoteDoc(n: HandoffNote): SearchDoc {
  const id = `#note:${n.noteId}`;
  const [ts, h] = docKey(n.createdAt, id);
  const terms = indexTerms([n.summary, n.tried, n.promised, n.nextStep, n.author, n.forWhom ?? ''].join('\n'));
  terms.add(channelTerm('note'));
  addFrom(terms, n.author);
  return { ts, h, id, kind: 'note', ref: n.noteId, version: n.version, terms: [...terms] };
}

export function callNoteDoc(n: CallNote): SearchDoc {
  const id = `#callnote:${n.interactionId}`;
  const [ts, h] = docKey(n.updatedAt, id);
  const terms = indexTerms(cap(n.text));
  indexTerms(n.author, terms);
  // A note on a call is found both as a call and as a note.
  terms.add(channelTerm('call'));
  terms.add(channelTerm('note'));
  addFrom(terms, n.author);
  return { ts, h, id, kind: 'callnote', ref: n.interactionId, version: n.updatedAt, terms: [...terms] };
}

/** The next segment's sequence number: one more than the newest row's (a keys-only read of one key). */
async function nextSeq(t: Pick<SearchTables, 'searchDocs'>): Promise<number> {
  const last = (await t.searchDocs.orderBy(':id').reverse().limit(1).primaryKeys()) as unknown as [number, string][];
  return (last[0]?.[0] ?? 0) + 1;
}

/**
 * Write one segment holding `docs`, with tombstones for `removeIds`. Nothing is read back: a doc
 * id already indexed in an older segment is superseded by this one (a replay, a moved time, a new
 * note version), a tombstone hides it (a removal). One row per call, whatever the batch size.
 */
export async function putDocs(t: Pick<SearchTables, 'searchDocs'>, docs: SearchDoc[], removeIds: Iterable<string> = []): Promise<void> {
  const dead = [...removeIds];
  if (!docs.length && !dead.length) return;
  const seq = await nextSeq(t);
  await t.searchDocs.put(buildSegment(seq, docs.map((d) => ({ id: d.id, ts: d.ts, threadId: d.threadId, terms: d.terms })), dead));
}

async function customerDocs(t: SearchTables, customers: Iterable<Customer>): Promise<SearchDoc[]> {
  const list = [...customers];
  if (!list.length) return [];
  const identities = await t.identities.where('customerId').anyOf(list.map((c) => c.id)).toArray();
  const byCustomer = new Map<string, Identity[]>();
  for (const i of identities) {
    const l = byCustomer.get(i.customerId) ?? [];
    l.push(i);
    byCustomer.set(i.customerId, l);
  }
  return list.map((c) => customerDoc(c, byCustomer.get(c.id) ?? []));
}

/**
 * Ingest's step, one segment per batch: index the interactions it put and the customers it
 * touched, unindex the interactions it removed.
 */
export async function indexBatch(t: SearchTables, put: Iterable<Interaction>, removedIds: Iterable<string> = [], customers: Iterable<Customer> = []): Promise<void> {
  const docs = [...put].map(interactionDoc);
  const putIds = new Set(docs.map((d) => d.id));
  docs.push(...(await customerDocs(t, customers)));
  await putDocs(t, docs, [...removedIds].filter((id) => !putIds.has(id)));
}

/** Index interactions, unindex removed ones (one segment). */
export const indexInteractions = (t: SearchTables, put: Iterable<Interaction>, removedIds: Iterable<string> = []) => indexBatch(t, put, removedIds);

/** Index customers by name and identities (one identities query for the whole set). */
export const indexCustomers = (t: SearchTables, customers: Iterable<Customer>) => indexBatch(t, [], [], customers);

export const indexInteraction = (t: SearchTables, i: Interaction) => indexInteractions(t, [i]);
export const unindexInteraction = (t: SearchTables, id: string) => putDocs(t, [], [id]);
export const indexHandoffNote = (t: SearchTables, n: HandoffNote) => putDocs(t, [handoffNoteDoc(n)]);
export const indexCallNote = (t: SearchTables, n: CallNote) => putDocs(t, [callNoteDoc(n)]);
export const unindexCallNote = (t: SearchTables, interactionId: string) => putDocs(t, [], [`#callnote:${interactionId}`]);

/**
 * Index note rows written by code that did not call the writers above: handoff notes (append-only
 * versions; re-checked when the row count changed) and call notes (by `updatedAt` high-water
 * mark). Cheap when nothing changed: two counts/range reads. Deleted call notes are dropped at
 * read time by the engine (it checks the note row still exists).
 */
const NOTE_META = 'note:';

export async function catchUpNotes(db: SwitchboardDb): Promise<void> {
  // A read-only look first: the write transaction (which would queue behind ingest) only when needed.
  const [count, seenCount, newest, mark] = await db.transaction('r', [db.searchMeta, db.handoffNotes, db.callNotes], () =>
    Promise.all([
      db.handoffNotes.count(),
      db.searchMeta.get('handoffNotes.count'),
      db.callNotes.orderBy('updatedAt').last(),
      db.searchMeta.get('callNotes.updatedAt'),
    ]),
  );
  if (count === (seenCount?.value ?? 0) && (!newest || newest.updatedAt <= (mark?.value ?? -Infinity))) return;
  await db.transaction('rw', [db.searchDocs, db.searchMeta, db.handoffNotes, db.callNotes], async () => {
    const count = await db.handoffNotes.count();
    const seen = (await db.searchMeta.get('handoffNotes.count'))?.value ?? 0;
    if (count !== seen) {
      const latest = new Map<string, HandoffNote>();
      for (const n of await db.handoffNotes.toArray()) {
        const cur = latest.get(n.noteId);
        if (!cur || n.version > cur.version) latest.set(n.noteId, n);
      }
      // The version indexed per note, recorded here (the segments hold no per-doc version).
      const indexedVersion = new Map((await db.searchMeta.where('key').between(NOTE_META, `${NOTE_META}\uffff`).toArray()).map((m) => [m.key.slice(NOTE_META.length), m.value]));
      const fresh = [...latest.values()].filter((n) => (indexedVersion.get(n.noteId) ?? 0) < n.version);
      await putDocs(db, fresh.map(handoffNoteDoc));
      if (fresh.length) await db.searchMeta.bulkPut(fresh.map((n) => ({ key: `${NOTE_META}${n.noteId}`, value: n.version })));
      await db.searchMeta.put({ key: 'handoffNotes.count', value: count });
    }
    const mark = (await db.searchMeta.get('callNotes.updatedAt'))?.value ?? -Infinity;
    const fresh = await db.callNotes.where('updatedAt').above(mark).toArray();
    if (fresh.length) {
      await putDocs(db, fresh.map(callNoteDoc));
      await db.searchMeta.put({ key: 'callNotes.updatedAt', value: Math.max(...fresh.map((n) => n.updatedAt)) });
    }
  });
}
