/**
 * Dropping everything one source brought in (used to clear the demo workspace once a real account
 * is connected). One transaction: either all of the source's data is gone or none of it. Customers
 * who also appear in other sources keep those identities, threads and notes.
 */
import { reseedStashKey, summariseThread } from '../../ingest/ingest-batch';
import type { SwitchboardDb } from '../schema';

export interface ClearResult {
  interactions: number;
  threads: number;
  customers: number;
}

/** How much a source holds locally (for the "clear demo data" offer). */
export async function sourceDataCount(db: SwitchboardDb, sourceId: string): Promise<number> {
  return db.interactions.where('sourceId').equals(sourceId).count();
}

export async function clearSourceData(db: SwitchboardDb, sourceId: string): Promise<ClearResult> {
  const tables = [db.interactions, db.threads, db.customers, db.identities, db.cursors, db.problems, db.handoffNotes, db.outbox, db.drafts, db.callNotes, db.attachmentCache];
  return db.transaction('rw', tables, async () => {
    const rows = await db.interactions.where('sourceId').equals(sourceId).toArray();
    const threadIds = new Set(rows.map((r) => r.threadId));
    const customerIds = new Set(rows.map((r) => r.customerId));
    await db.interactions.bulkDelete(rows.map((r) => r.id));
    await db.callNotes.bulkDelete(rows.map((r) => r.id));
    await db.attachmentCache.where('interactionId').anyOf(rows.map((r) => r.id)).delete();

    let threads = 0;
    for (const id of threadIds) {
      const left = await db.interactions.where('[threadId+ts]').between([id, -Infinity], [id, Infinity]).toArray();
      if (left.length) {
        await db.threads.put(summariseThread(id, left, await db.threads.get(id)));
      } else {
        await db.threads.delete(id);
        await db.drafts.where('threadId').equals(id).delete();
        threads++;
      }
    }
    let customers = 0;
    for (const id of customerIds) {
      const left = await db.interactions.where('[customerId+ts]').between([id, -Infinity], [id, Infinity]).count();
      if (left) continue;
      await db.customers.delete(id);
      await db.identities.where('customerId').equals(id).delete();
      await db.handoffNotes.where('[customerId+createdAt]').between([id, -Infinity], [id, Infinity]).delete();
      customers++;
    }
    await db.cursors.bulkDelete([sourceId, reseedStashKey(sourceId)]);
    await db.problems.where('sourceId').equals(sourceId).delete();
    await db.outbox.where('sourceId').equals(sourceId).delete();
    return { interactions: rows.length, threads, customers };
  });
}
