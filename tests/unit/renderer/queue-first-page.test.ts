import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { QUEUES, queueFirstPage, queueIds } from '../../../src/renderer/src/db/repos/queues';
import { ingestLargeWorkspace, LARGE_DEFAULT_NOW } from '../../fixtures/large-workspace';
import { dropDb, freshDb } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('first-page');
});
afterEach(() => dropDb(db));

describe('queueFirstPage', () => {
  it('is the head of the queue, in queue order, for every queue', async () => {
    await ingestLargeWorkspace(db, { customers: 200, interactions: 2000 });
    // Some assigned, some snoozed, so Mine / Unassigned / Snoozed are not empty.
    const open = await queueIds(db, 'open', 'maya', LARGE_DEFAULT_NOW);
    await db.threads.where('id').anyOf(open.slice(0, 40).filter((_, i) => i % 3 === 0)).modify({ assignee: 'maya' });
    await db.threads.where('id').anyOf(open.slice(0, 40).filter((_, i) => i % 3 === 1)).modify({ assignee: 'ana' });
    await db.threads.where('id').anyOf(open.slice(40, 50)).modify({ status: 'snoozed', snoozeUntil: LARGE_DEFAULT_NOW + 3_600_000 });
    for (const q of QUEUES) {
      const ids = await queueIds(db, q.id, 'maya', LARGE_DEFAULT_NOW);
      for (const limit of [1, 7, 50]) {
        const page = await queueFirstPage(db, q.id, 'maya', LARGE_DEFAULT_NOW, limit);
        expect(page.map((t) => t.id), `${q.id} limit ${limit}`).toEqual(ids.slice(0, limit));
      }
      expect(ids.length, q.id).toBeGreaterThan(0);
    }
  }, 60_000);
});
