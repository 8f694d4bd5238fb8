/**
 * Customer merge, split and undo. Each reads the current state, builds a MergeRecord naming
 * exactly what moves, and commits it through team-actions (one transaction: change + history row
 * + team event). Never automatic: these run only when an agent asks.
 */
import Dexie from 'dexie';
import type { Customer, Identity, Interaction, MergeRecord, TeamEvent } from '../../../shared/domain';
import { identityKey } from '../../../shared/identity';
import type { SwitchboardDb } from '../db/schema';
import { commitTeamAction, newId, teamTables, type TeamContext } from './team-actions';

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

export class IdentityError extends Error {}

/** Fold customer `fromId` into `intoId`. */
export async function mergeCustomers(
  db: SwitchboardDb,
  fromId: string,
  intoId: string,
  ctx: TeamContext,
  reason?: string,
): Promise<MergeRecord> {
  return db.transaction('rw', teamTables(db), async () => {
    if (fromId === intoId) throw new IdentityError('A customer cannot be merged with itself');
    const [from, into] = await Promise.all([db.customers.get(fromId), db.customers.get(intoId)]);
    if (!from || !into) throw new IdentityError('One of the two customers no longer exists');
    if (from.mergedInto || into.mergedInto) throw new IdentityError('One of the two customers was already merged into another');
    const [identities, threadIds, notes] = await Promise.all([
      db.identities.where('customerId').equals(fromId).primaryKeys(),
      db.threads.where('[customerId+lastTs]').between([fromId, MIN], [fromId, MAX]).primaryKeys(),
      db.handoffNotes.where('[customerId+createdAt]').between([fromId, MIN], [fromId, MAX]).primaryKeys(),
    ]);
    const now = (ctx.now ?? Date.now)();
    const merge: MergeRecord = {
      id: (ctx.newId ?? newId)(),
      kind: 'merge',
      ts: now,
      author: ctx.author,
      from: fromId,
      into: intoId,
      fromName: from.name,
      intoName: into.name,
      identityKeys: identities,
      threadIds,
      noteIds: notes,
      customers: [fromId, intoId],
      reason,
    };
    await commitTeamAction(db, { type: 'customer.merge', merge }, ctx);
    return merge;
  });
}

/** Move some identities of a customer (and the conversations that belong to them) to a new customer. */
export async function splitCustomer(
  db: SwitchboardDb,
  customerId: string,
  keys: string[],
  ctx: TeamContext,
  name?: string,
): Promise<{ merge: MergeRecord; customer: Customer }> {
  return db.transaction('rw', teamTables(db), async () => {
    const customer = await db.customers.get(customerId);
    if (!customer) throw new IdentityError('That customer no longer exists');
    const identities = await db.identities.where('customerId').equals(customerId).toArray();
    const moving = identities.filter((i) => keys.includes(i.key));
    if (!moving.length) throw new IdentityError('Choose at least one identity to split off');
    if (moving.length === identities.length) throw new IdentityError('At least one identity must stay with the customer');
    const interactions = await db.interactions.where('[customerId+ts]').between([customerId, MIN], [customerId, MAX]).toArray();
    const threadIds = threadsForSplit(interactions, identities, moving.map((i) => i.key));
    const notes = threadIds.length
      ? await db.handoffNotes.where('threadId').anyOf(threadIds).primaryKeys()
      : [];
    const now = (ctx.now ?? Date.now)();
    const first = moving[0]!;
    const newCustomer: Customer = {
      id: `cu_${(ctx.newId ?? newId)()}`,
      name: name?.trim() || first.label?.trim() || first.value,
      createdAt: now,
      lastActivityAt: now,
      tags: [],
      language: customer.language,
      timeZone: customer.timeZone,
    };
    const merge: MergeRecord = {
      id: (ctx.newId ?? newId)(),
      kind: 'split',
      ts: now,
      author: ctx.author,
      from: customerId,
      into: newCustomer.id,
      fromName: customer.name,
      intoName: newCustomer.name,
      identityKeys: moving.map((i) => i.key),
      threadIds,
      noteIds: notes,
      customers: [customerId, newCustomer.id],
    };
    await commitTeamAction(db, { type: 'customer.split', merge, newCustomer }, ctx);
    return { merge, customer: newCustomer };
  });
}

/** Why an undo is not possible now, or undefined when it is. */
export async function undoBlocker(db: SwitchboardDb, mergeId: string): Promise<string | undefined> {
  const m = await db.merges.get(mergeId);
  if (!m) return 'That merge is not in the history';
  if (m.undoneAt) return 'Already undone';
  const later = await db.merges.where('customers').anyOf(m.customers).filter((o) => o.id !== m.id && !o.undoneAt && o.ts > m.ts).toArray();
  if (later.length) return `Undo the later ${later[0]!.kind} (${later[0]!.fromName} → ${later[0]!.intoName}) first`;
  return undefined;
}

export async function undoMerge(db: SwitchboardDb, mergeId: string, ctx: TeamContext): Promise<TeamEvent> {
  return db.transaction('rw', teamTables(db), async () => {
    const blocker = await undoBlocker(db, mergeId);
    if (blocker) throw new IdentityError(blocker);
    return commitTeamAction(db, { type: 'merge.undo', mergeId, by: ctx.author, at: (ctx.now ?? Date.now)() }, ctx);
  });
}

/** The most recent merge or split of a customer that can be undone. */
export async function lastUndoable(db: SwitchboardDb, customerId: string): Promise<MergeRecord | undefined> {
  const history = await db.merges.where('customers').equals(customerId).toArray();
  return history.filter((m) => !m.undoneAt).sort((a, b) => b.ts - a.ts)[0];
}

/** Merge and split history of a customer, newest first (multi-entry index on both customers). */
export async function mergeHistory(db: SwitchboardDb, customerId: string): Promise<MergeRecord[]> {
  const rows = await db.merges.where('customers').equals(customerId).toArray();
  return rows.sort((a, b) => b.ts - a.ts);
}

/** Identity keys one interaction was exchanged with (pure). */
export function interactionIdentityKeys(i: Interaction): string[] {
  const keys: string[] = [];
  if (i.channel === 'email') {
    for (const a of [i.from, ...(i.to ?? []), ...(i.cc ?? [])]) if (a?.address) keys.push(identityKey('email', a.address));
  } else if (i.channel === 'call' && i.call) {
    keys.push(identityKey('phone', i.call.customerNumber));
  } else if (i.channel === 'chat' && i.direction === 'inbound' && i.fromLabel.includes('@')) {
    keys.push(identityKey('jid', i.fromLabel));
  }
  return keys;
}

/**
 * Which threads leave with the split identities (pure): a thread goes when it touched a moving
 * identity and none that stays. Chat interactions do not always name the customer's JID, so a chat
 * thread with no known JID goes only when every chat identity of the customer is moving.
 */
export function threadsForSplit(interactions: Interaction[], identities: Identity[], movingKeys: string[]): string[] {
  const moving = new Set(movingKeys);
  const staying = new Set(identities.map((i) => i.key).filter((k) => !moving.has(k)));
  const jids = identities.filter((i) => i.kind === 'jid').map((i) => i.key);
  const allJidsMove = jids.length > 0 && jids.every((k) => moving.has(k));
  const touched = new Map<string, { moving: boolean; staying: boolean; chat: boolean }>();
  for (const i of interactions) {
    const t = touched.get(i.threadId) ?? { moving: false, staying: false, chat: false };
    if (i.channel === 'chat') t.chat = true;
    for (const k of interactionIdentityKeys(i)) {
      if (moving.has(k)) t.moving = true;
      if (staying.has(k)) t.staying = true;
    }
    touched.set(i.threadId, t);
  }
  const out: string[] = [];
  for (const [threadId, t] of touched) {
    if (t.moving && !t.staying) out.push(threadId);
    else if (!t.moving && !t.staying && t.chat && allJidsMove) out.push(threadId);
  }
  return out.sort();
}
