/**
 * Queue definitions and their queries. The UI reads threads only through these.
 *
 * A queue is read as a list of thread ids straight from an index (key-only: no row is
 * deserialised), in queue order; the list view then loads only the rows on screen with
 * `threadsByIds`. With tens of thousands of open conversations the id list stays small and the
 * query cheap, and moving the cursor reads nothing.
 */
import Dexie from 'dexie';
import type { Thread } from '../../../../shared/domain';
import type { SwitchboardDb } from '../schema';

export type QueueId = 'mine' | 'unassigned' | 'open' | 'snoozed' | 'missed' | 'closed';

export interface QueueDef {
  id: QueueId;
  label: string;
  /** Key after `g` that jumps to it. */
  goKey: string;
  /** How the queue is ordered, shown in its header. */
  order: string;
}

export const QUEUES: QueueDef[] = [
  { id: 'mine', label: 'My open', goKey: 'm', order: 'waiting longest first' },
  { id: 'unassigned', label: 'Unassigned', goKey: 'u', order: 'waiting longest first' },
  { id: 'open', label: 'All open', goKey: 'i', order: 'waiting longest first' },
  { id: 'snoozed', label: 'Snoozed', goKey: 's', order: 'back soonest first' },
  { id: 'missed', label: 'Missed calls', goKey: 'c', order: 'waiting longest first' },
  { id: 'closed', label: 'Closed recently', goKey: 'x', order: 'closed in the last 7 days, last closed first' },
];

export const CLOSED_WINDOW = 7 * 86_400_000;

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

function openByWaiting(db: SwitchboardDb) {
  return db.threads.where('[status+lastInboundTs]').between(['open', MIN], ['open', MAX]);
}

function openAssigned(db: SwitchboardDb) {
  // Rows without an assignee are not in this index at all.
  return db.threads.where('[status+assignee]').between(['open', MIN], ['open', MAX]);
}

function openMissedCalls(db: SwitchboardDb) {
  return db.threads
    .where('[status+channel+lastInboundTs]')
    .between(['open', 'call', MIN], ['open', 'call', MAX])
    .filter((t) => t.missedCall === true);
}

function snoozed(db: SwitchboardDb) {
  return db.threads.where('[status+snoozeUntil]').between(['snoozed', MIN], ['snoozed', MAX]);
}

function closedRecently(db: SwitchboardDb, now: number) {
  return db.threads.where('[status+closedAt]').between(['closed', now - CLOSED_WINDOW], ['closed', MAX]);
}

function mine(db: SwitchboardDb, me: string) {
  return db.threads.where('[assignee+status+lastInboundTs]').between([me, 'open', MIN], [me, 'open', MAX]);
}

/** Thread ids of a queue in queue order: waiting longest first; Snoozed by wake time; Closed by close time, newest first. */
export async function queueIds(db: SwitchboardDb, queue: QueueId, me: string, now: number): Promise<string[]> {
  switch (queue) {
    case 'open':
      return openByWaiting(db).primaryKeys();
    case 'mine':
      return mine(db, me).primaryKeys();
    case 'unassigned': {
      const [all, assigned] = await Promise.all([openByWaiting(db).primaryKeys(), openAssigned(db).primaryKeys()]);
      if (!assigned.length) return all;
      const taken = new Set(assigned);
      return all.filter((id) => !taken.has(id));
    }
    case 'snoozed':
      return snoozed(db).primaryKeys();
    case 'missed':
      return openMissedCalls(db).primaryKeys();
    case 'closed':
      return closedRecently(db, now).reverse().primaryKeys();
  }
}

/**
 * The first `limit` rows of a queue, in queue order, in one indexed range read (no id list): what
 * the list shows at start and after switching queues while the whole id list is being read.
 * Same order and membership as `queueIds` (Unassigned: open rows with no assignee key, i.e. the
 * rows `openAssigned` leaves out).
 */
export async function queueFirstPage(db: SwitchboardDb, queue: QueueId, me: string, now: number, limit: number): Promise<Thread[]> {
  switch (queue) {
    case 'open':
      return openByWaiting(db).limit(limit).toArray();
    case 'mine':
      return mine(db, me).limit(limit).toArray();
    case 'unassigned':
      return openByWaiting(db)
        .filter((t) => typeof t.assignee !== 'string')
        .limit(limit)
        .toArray();
    case 'snoozed':
      return snoozed(db).limit(limit).toArray();
    case 'missed':
      return openMissedCalls(db).limit(limit).toArray();
    case 'closed':
      return closedRecently(db, now).reverse().limit(limit).toArray();
  }
}

/** Rows for ids (missing ids, e.g. a thread deleted meanwhile, are skipped). */
export async function threadsByIds(db: SwitchboardDb, ids: string[]): Promise<Thread[]> {
  const rows = await db.threads.bulkGet(ids);
  return rows.filter((t): t is Thread => t !== undefined);
}

/** Whole rows of a queue, in order. For tests and small queues; the list view pages instead. */
export async function queueThreads(db: SwitchboardDb, queue: QueueId, me: string, now: number): Promise<Thread[]> {
  return threadsByIds(db, await queueIds(db, queue, me, now));
}

/** Sidebar counts: index counts only (Missed calls reads the open call rows, a small set). */
export async function queueCounts(db: SwitchboardDb, me: string, now: number): Promise<Record<QueueId, number>> {
  const [open, assigned, mineCount, snoozedCount, missed, closed] = await Promise.all([
    openByWaiting(db).count(),
    openAssigned(db).count(),
    mine(db, me).count(),
    snoozed(db).count(),
    openMissedCalls(db).count(),
    closedRecently(db, now).count(),
  ]);
  return { mine: mineCount, unassigned: open - assigned, open, snoozed: snoozedCount, missed, closed };
}

/** Snoozed threads whose time has come, soonest first. */
export async function dueSnoozeIds(db: SwitchboardDb, now: number): Promise<string[]> {
  return db.threads.where('[status+snoozeUntil]').between(['snoozed', MIN], ['snoozed', now], true, true).primaryKeys();
}

/** When the next snoozed thread is due (undefined when nothing is snoozed). */
export async function nextSnoozeDue(db: SwitchboardDb): Promise<number | undefined> {
  const first = await snoozed(db).first();
  return first?.snoozeUntil;
}
