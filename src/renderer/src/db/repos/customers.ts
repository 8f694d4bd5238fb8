/**
 * Customer reads for the customer view. Opening a customer reads its row, identities, thread
 * rows, notes and merge history: small, indexed reads. Message bodies are read per thread card,
 * only for the cards on screen (`threadItems`), and stats only for the last 30 days.
 */
import Dexie from 'dexie';
import type { Customer, HandoffNote, Identity, Interaction, MergeRecord, Thread } from '../../../../shared/domain';
import type { SwitchboardDb } from '../schema';
import { latestVersions } from './notes';

export interface CustomerView {
  customer: Customer;
  /** Set when the requested customer was merged away: the view shows the surviving one. */
  requestedId?: string;
  identities: Identity[];
  /** Newest activity first. */
  threads: Thread[];
  /** Latest version of each handoff note, newest first. */
  notes: HandoffNote[];
  /** Merges and splits involving this customer, newest first. */
  merges: MergeRecord[];
  /**
   * Set on the stand-in shown while the view is being read (`provisionalView`): only the customer's
   * name and the conversation being opened are known.
   */
  provisional?: true;
}

/**
 * What is known of a customer before its view is read: the conversation being opened, whose row
 * the queue already holds. The customer view shows this for the few ms the reads take, so Enter
 * shows the conversation in the next frame; the full view replaces it as soon as it is read.
 */
export function provisionalView(thread: Thread): CustomerView {
  return {
    customer: { id: thread.customerId, name: thread.customerName, createdAt: thread.firstTs, lastActivityAt: thread.lastTs, tags: [] },
    identities: [],
    threads: [thread],
    notes: [],
    merges: [],
    provisional: true,
  };
}

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

/** The customer's identities, threads, notes and merges: four indexed reads, issued together. */
function customerParts(db: SwitchboardDb, id: string) {
  return Promise.all([
    db.identities.where('customerId').equals(id).toArray(),
    db.threads.where('[customerId+lastTs]').between([id, MIN], [id, MAX]).reverse().toArray(),
    db.handoffNotes.where('[customerId+createdAt]').between([id, MIN], [id, MAX]).toArray(),
    db.merges.where('customers').equals(id).toArray(),
  ]);
}

export async function loadCustomerView(db: SwitchboardDb, customerId: string): Promise<CustomerView | undefined> {
  // The parts are read together with the customer row (one round trip, not two); only a customer
  // merged away needs a second read, of the surviving customer's parts.
  const [first, parts] = await Promise.all([db.customers.get(customerId), customerParts(db, customerId)]);
  let customer = first;
  for (let hops = 0; customer?.mergedInto && hops < 20; hops++) customer = await db.customers.get(customer.mergedInto);
  if (!customer) return undefined;
  const id = customer.id;
  const [identities, threads, notes, merges] = id === customerId ? parts : await customerParts(db, id);
  return {
    customer,
    requestedId: id === customerId ? undefined : customerId,
    identities: identities.sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value)),
    threads,
    notes: latestVersions(notes),
    merges: merges.sort((a, b) => b.ts - a.ts),
  };
}

/** The messages, chat lines and calls of one thread, oldest first. */
export async function threadItems(db: SwitchboardDb, threadId: string): Promise<Interaction[]> {
  return db.interactions.where('[threadId+ts]').between([threadId, MIN], [threadId, MAX]).toArray();
}

/** A customer's interactions since a time (e.g. the last 30 days), oldest first. */
export async function interactionsSince(db: SwitchboardDb, customerId: string, since: number): Promise<Interaction[]> {
  return db.interactions.where('[customerId+ts]').between([customerId, since], [customerId, MAX]).toArray();
}

/** The latest n interactions of a customer (for merge suggestions), oldest first. */
export async function latestInteractions(db: SwitchboardDb, customerId: string, n: number): Promise<Interaction[]> {
  const rows = await db.interactions.where('[customerId+ts]').between([customerId, MIN], [customerId, MAX]).reverse().limit(n).toArray();
  return rows.reverse();
}

export interface ContactStats {
  firstContact?: number;
  /** Inbound contacts per channel in the last 30 days. */
  last30: Record<'email' | 'chat' | 'call', number>;
}

/** Stats from the customer's recent interactions and first-contact time (pure). */
export function contactStats(interactions: Interaction[], now: number, firstContact?: number): ContactStats {
  const since = now - 30 * 86_400_000;
  const last30 = { email: 0, chat: 0, call: 0 };
  let first = firstContact;
  for (const i of interactions) {
    if (i.channel === 'note') continue;
    if (first === undefined || i.ts < first) first = i.ts;
    if (i.ts >= since && i.direction === 'inbound') last30[i.channel]++;
  }
  return { firstContact: first, last30 };
}

/** Customers by name or identity prefix, for the merge picker. */
export async function findCustomers(db: SwitchboardDb, query: string, limit = 12): Promise<Customer[]> {
  const q = query.trim();
  if (!q) return [];
  const lower = q.toLowerCase();
  const [byName, byIdentity] = await Promise.all([
    db.customers.where('name').startsWithIgnoreCase(q).limit(limit * 2).toArray(),
    Promise.all(
      (['email', 'jid', 'phone'] as const).map((k) =>
        db.identities.where('key').startsWith(`${k}:${k === 'phone' ? lower.replace(/[^\d+]/g, '') : lower}`).limit(limit).toArray(),
      ),
    ).then((lists) => lists.flat()),
  ]);
  const out = new Map<string, Customer>();
  for (const c of byName) if (!c.mergedInto) out.set(c.id, c);
  const extra = await db.customers.bulkGet(byIdentity.map((i) => i.customerId));
  for (const c of extra) if (c && !c.mergedInto) out.set(c.id, c);
  return [...out.values()].slice(0, limit);
}

/** Teammates known locally: assignees in use, note authors and addressees, recent agents, and me. */
export async function knownTeammates(db: SwitchboardDb, me: string, extra: string[] = []): Promise<string[]> {
  const [assignees, notes, recent] = await Promise.all([
    db.threads.orderBy('assignee').uniqueKeys(),
    db.handoffNotes.toArray(),
    db.interactions.orderBy('ts').reverse().limit(500).toArray(),
  ]);
  const names = new Set<string>([me, ...extra, ...(assignees as string[])]);
  // Agents who wrote recently (chat resources, call agents); extensions and addresses are skipped.
  for (const i of recent) if (i.agent && /^[\p{L}][\p{L}\p{N}._-]*$/u.test(i.agent)) names.add(i.agent);
  for (const n of notes) {
    names.add(n.author);
    if (n.forWhom) names.add(n.forWhom);
  }
  return [...names].filter(Boolean).sort((a, b) => (a === me ? -1 : b === me ? 1 : a.localeCompare(b)));
}

/** Every tag in use on conversations (multi-entry index, keys only). */
export async function knownTags(db: SwitchboardDb): Promise<string[]> {
  return (await db.threads.orderBy('tags').uniqueKeys()) as string[];
}
