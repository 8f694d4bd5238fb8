/**
 * The ONE door for team-visible changes: triage (status, snooze, assignee, priority, tags),
 * handoff notes and their acknowledgement, customer merges, splits and their undo, notes on
 * calls and "called back" on missed calls.
 *
 * `commitTeamAction` applies a change to Dexie and appends an immutable event row
 * {id, type, author, ts, payload, status: 'local'} to `teamEvents` in the SAME transaction, so a
 * change is never visible without its event and vice versa. Team sync ships the 'local' events
 * and replays other consoles' events with `applyTeamAction` (which never appends an event itself).
 *
 * Every payload carries the final values (not deltas against unknown state), so replaying an
 * event twice is harmless.
 */
import Dexie from 'dexie';
import type { Customer, MergeRecord, TeamAction, TeamEvent } from '../../../shared/domain';
import type { SwitchboardDb } from '../db/schema';
import { indexCustomers } from '../search/search-index';
import { applyCallNote, nextLocalHlc, recordLocalEvent } from './team-sync-stamps';

export interface TeamContext {
  /** The agent making the change (app:info agentName). */
  author: string;
  now?: () => number;
  newId?: () => string;
}

export function teamTables(db: SwitchboardDb) {
  // searchDocs: call notes, and customers whose identities a merge or split moved, are
  // re-indexed in the same transaction (see search-index.ts).
  return [db.threads, db.customers, db.identities, db.interactions, db.handoffNotes, db.merges, db.teamEvents, db.teamStamps, db.callNotes, db.searchDocs];
}

export const newId = (): string => crypto.randomUUID();

/** Apply a change and append its event, in one transaction. Returns the event. */
export async function commitTeamAction(db: SwitchboardDb, action: TeamAction, ctx: TeamContext): Promise<TeamEvent> {
  validate(action);
  const now = (ctx.now ?? Date.now)();
  // A status change carries its time, so every console records the same closedAt.
  if (action.type === 'thread.status' && action.at === undefined) action = { ...action, at: now };
  return db.transaction('rw', teamTables(db), async () => {
    await applyTeamAction(db, action);
    const ts = now;
    const event: TeamEvent = {
      id: (ctx.newId ?? newId)(),
      type: action.type,
      author: ctx.author,
      ts,
      payload: action,
      status: 'local',
      // Team sync: clock timestamp after everything this console has seen, and the fold's
      // registers for what this event decided (so an older event arriving later cannot undo it).
      hlc: await nextLocalHlc(db, ts),
    };
    await db.teamEvents.add(event);
    await recordLocalEvent(db, event);
    return event;
  });
}

function validate(action: TeamAction) {
  if ('threadIds' in action && action.threadIds.length === 0) throw new Error(`${action.type}: no conversation selected`);
  if (action.type === 'thread.status' && action.status === 'snoozed' && !(typeof action.snoozeUntil === 'number' && action.snoozeUntil > 0)) {
    throw new Error('Snoozing needs a time to come back');
  }
  if (action.type === 'note.write' && !action.note.summary.trim()) throw new Error('A handoff note needs a summary');
  if (action.type === 'call.note' && action.text.length > CALL_NOTE_MAX) throw new Error(`A call note holds at most ${CALL_NOTE_MAX.toLocaleString('en')} characters`);
}

/** The team log's limit for a call note (event-schema.ts). */
export const CALL_NOTE_MAX = 20_000;

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

/** Apply a change to the local database (must run inside a transaction over teamTables). */
export async function applyTeamAction(db: SwitchboardDb, action: TeamAction): Promise<void> {
  switch (action.type) {
    case 'thread.status':
      await db.threads.where('id').anyOf(action.threadIds).modify((t) => {
        t.status = action.status;
        if (action.status === 'snoozed') t.snoozeUntil = action.snoozeUntil;
        else delete t.snoozeUntil;
        // Closing a missed call is handling it: it leaves the Missed calls queue for good.
        if (action.status === 'closed' && t.missedCall) t.missedCall = false;
        if (action.status === 'closed') t.closedAt = action.at ?? t.lastTs;
        else delete t.closedAt;
      });
      return;
    case 'thread.assign':
      await db.threads.where('id').anyOf(action.threadIds).modify((t) => {
        if (action.assignee) t.assignee = action.assignee;
        else delete t.assignee;
      });
      return;
    case 'thread.priority':
      await db.threads.where('id').anyOf(action.threadIds).modify({ priority: action.priority });
      return;
    case 'thread.tags':
      await db.threads.where('id').anyOf(action.threadIds).modify((t) => {
        t.tags = applyTags(t.tags, action.add, action.remove);
      });
      return;
    case 'customer.tags':
      await db.customers.where('id').equals(action.customerId).modify((c) => {
        c.tags = applyTags(c.tags, action.add, action.remove);
      });
      return;
    case 'note.write':
      await db.handoffNotes.put(action.note);
      return;
    case 'note.ack':
      await db.handoffNotes
        .where('noteId')
        .equals(action.noteId)
        .modify((n) => {
          // Only versions written before the acknowledgement: a later edit pins the note again.
          if (n.createdAt <= action.at && !n.acknowledgedAt) {
            n.acknowledgedBy = action.by;
            n.acknowledgedAt = action.at;
          }
        });
      return;
    case 'customer.merge': {
      const m = action.merge;
      await moveCustomerParts(db, m, m.from, m.into);
      // Everything else the merged customer had (e.g. conversations that arrived meanwhile) follows too.
      await db.interactions.where('[customerId+ts]').between([m.from, MIN], [m.from, MAX]).modify({ customerId: m.into });
      const from = await db.customers.get(m.from);
      const into = await db.customers.get(m.into);
      if (from) await db.customers.update(m.from, { mergedInto: m.into });
      if (into && from) await db.customers.update(m.into, { tags: applyTags(into.tags, from.tags, []) });
      await db.merges.put(m);
      await refreshActivity(db, [m.from, m.into]);
      return;
    }
    case 'customer.split': {
      const m = action.merge;
      if (!(await db.customers.get(action.newCustomer.id))) await db.customers.add(action.newCustomer);
      await moveCustomerParts(db, m, m.from, m.into);
      await db.merges.put(m);
      await refreshActivity(db, [m.from, m.into]);
      return;
    }
    case 'call.note':
      // The row follows the register (team-sync-stamps.ts applyCallNote), for local and received notes alike.
      await applyCallNote(db, action.interactionId, { text: action.text, author: action.author, at: action.at });
      return;
    case 'thread.calledBack':
      await db.threads.where('id').anyOf(action.threadIds).modify((t) => {
        if (t.missedCall) t.missedCall = false;
      });
      return;
    case 'merge.undo': {
      const m = await db.merges.get(action.mergeId);
      if (!m) throw new Error('That merge is not in the history');
      if (m.undoneAt) return;
      // Both kinds are undone by moving the recorded parts back from `into` to `from`.
      await moveCustomerParts(db, m, m.into, m.from);
      if (m.kind === 'merge') {
        await db.customers.where('id').equals(m.from).modify((c) => void delete c.mergedInto);
      } else {
        // The customer the split created is folded back; its row stays so old references resolve.
        await db.customers.update(m.into, { mergedInto: m.from });
      }
      await db.merges.update(m.id, { undoneAt: action.at, undoneBy: action.by });
      await refreshActivity(db, [m.from, m.into]);
      return;
    }
  }
}

export function applyTags(current: string[], add: string[], remove: string[]): string[] {
  const drop = new Set(remove.map((t) => t.trim().toLowerCase()));
  const out = current.filter((t) => !drop.has(t.toLowerCase()));
  for (const raw of add) {
    const t = raw.trim();
    if (t && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

/** Move the identities, threads (with their interactions) and notes a merge record names. */
async function moveCustomerParts(db: SwitchboardDb, m: MergeRecord, fromId: string, toId: string) {
  const target = await db.customers.get(toId);
  const toName = target?.name ?? (toId === m.into ? m.intoName : m.fromName);
  await db.identities.where('key').anyOf(m.identityKeys).modify((i) => {
    if (i.customerId === fromId) i.customerId = toId;
  });
  await db.threads.where('id').anyOf(m.threadIds).modify((t) => {
    if (t.customerId === fromId) {
      t.customerId = toId;
      t.customerName = toName;
    }
  });
  for (const threadId of m.threadIds) {
    await db.interactions.where('[threadId+ts]').between([threadId, MIN], [threadId, MAX]).modify((i) => {
      if (i.customerId === fromId) i.customerId = toId;
    });
  }
  await db.handoffNotes.where('id').anyOf(m.noteIds).modify((n) => {
    if (n.customerId === fromId) n.customerId = toId;
  });
}

/**
 * First contact and last activity follow the conversations a customer now has; both customers
 * are re-indexed for search (their identities moved: a split-off customer is found by name at once).
 */
async function refreshActivity(db: SwitchboardDb, ids: string[]) {
  const rows = (await db.customers.bulkGet(ids)).filter((c): c is Customer => !!c);
  if (rows.length) await indexCustomers(db, rows);
  for (const id of ids) {
    const c: Customer | undefined = await db.customers.get(id);
    if (!c) continue;
    const threads = await db.threads.where('[customerId+lastTs]').between([id, MIN], [id, MAX]).toArray();
    if (!threads.length) continue;
    const lastActivityAt = Math.max(...threads.map((t) => t.lastTs));
    const createdAt = Math.min(...threads.map((t) => t.firstTs));
    await db.customers.update(id, { lastActivityAt, createdAt });
  }
}
