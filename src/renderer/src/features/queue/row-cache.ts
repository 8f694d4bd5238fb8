/**
 * Thread rows the queue list has read, by id. The open action uses it for the customer of the
 * highlighted row (on screen, so already read) instead of reading the row again. The queue
 * refreshes it whenever the live query of the rows on screen re-runs, i.e. whenever one changes.
 */
import type { Thread } from '../../../../shared/domain';

const MAX = 2000;
let rows = new Map<string, Thread>();

let shown: () => void;
const firstRead = new Promise<void>((resolve) => (shown = resolve));

/**
 * Resolves once the queue has read its first rows (or found the queue empty): start-up work that
 * the first screen does not need (sidebar counts) waits for it, so the first rows are not queued
 * behind it.
 */
export function whenQueueRead(): Promise<void> {
  return firstRead;
}

export function rememberRows(list: Thread[] | undefined): void {
  if (!list) return;
  shown();
  for (const r of list) rows.set(r.id, r);
  if (rows.size > MAX) rows = new Map(list.map((r) => [r.id, r]));
}

/** The row of a thread the queue has read (undefined when it has not). */
export function peekQueueRow(id: string): Thread | undefined {
  return rows.get(id);
}

/** The cache as a map, for the list's render. */
export function queueRows(): ReadonlyMap<string, Thread> {
  return rows;
}
