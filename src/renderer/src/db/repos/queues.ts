/** Queue definitions and their queries. The UI reads threads only through these. */
import type { Thread } from '../../../../shared/domain';
import type { SwitchboardDb } from '../schema';

export type QueueId = 'mine' | 'unassigned' | 'open' | 'snoozed' | 'missed' | 'closed';

export interface QueueDef {
  id: QueueId;
  label: string;
  /** Key after `g` that jumps to it. */
  goKey: string;
}

export const QUEUES: QueueDef[] = [
  { id: 'mine', label: 'My open', goKey: 'm' },
  { id: 'unassigned', label: 'Unassigned', goKey: 'u' },
  { id: 'open', label: 'All open', goKey: 'i' },
  { id: 'snoozed', label: 'Snoozed', goKey: 's' },
  { id: 'missed', label: 'Missed calls', goKey: 'c' },
  { id: 'closed', label: 'Closed recently', goKey: 'x' },
];

const CLOSED_WINDOW = 7 * 86_400_000;

function byStatus(db: SwitchboardDb, status: Thread['status']) {
  return db.threads.where('[status+lastInboundTs]').between([status, -Infinity], [status, Infinity]);
}

/** Threads in a queue, longest waiting first (closed: most recent first). */
export async function queueThreads(db: SwitchboardDb, queue: QueueId, me: string, now: number): Promise<Thread[]> {
  switch (queue) {
    case 'open':
      return byStatus(db, 'open').toArray();
    case 'mine':
      return byStatus(db, 'open').filter((t) => t.assignee === me).toArray();
    case 'unassigned':
      return byStatus(db, 'open').filter((t) => !t.assignee).toArray();
    case 'snoozed':
      return (await byStatus(db, 'snoozed').toArray()).sort((a, b) => (a.snoozeUntil ?? 0) - (b.snoozeUntil ?? 0));
    case 'missed':
      // A missed inbound call stays here until someone handles it (call back, or close).
      return byStatus(db, 'open').filter((t) => t.missedCall === true).toArray();
    case 'closed':
      return (await byStatus(db, 'closed').filter((t) => t.lastTs >= now - CLOSED_WINDOW).toArray()).sort((a, b) => b.lastTs - a.lastTs);
  }
}

export async function queueCounts(db: SwitchboardDb, me: string, now: number): Promise<Record<QueueId, number>> {
  const entries = await Promise.all(QUEUES.map(async (q) => [q.id, (await queueThreads(db, q.id, me, now)).length] as const));
  return Object.fromEntries(entries) as Record<QueueId, number>;
}
