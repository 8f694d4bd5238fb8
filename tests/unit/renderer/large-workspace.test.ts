import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { queueCounts, queueIds } from '../../../src/renderer/src/db/repos/queues';
import { generateLargeWorkspace, ingestLargeWorkspace, LARGE_DEFAULT_NOW } from '../../fixtures/large-workspace';
import { dropDb, freshDb } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('large');
});
afterEach(() => dropDb(db));

describe('large workspace generator', () => {
  it('is deterministic and yields exactly M interactions in time order', () => {
    const a = generateLargeWorkspace({ customers: 300, interactions: 3000 });
    const b = generateLargeWorkspace({ customers: 300, interactions: 3000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a).toHaveLength(3000);
    expect(new Set(a.map((r) => r.sourceKey)).size).toBe(3000);
    expect(JSON.stringify(generateLargeWorkspace({ customers: 300, interactions: 3000, seed: 7 }))).not.toBe(JSON.stringify(a));
  });

  it('ingests into exactly N customers with open, missed and same-name material for the queues', async () => {
    const n = await ingestLargeWorkspace(db, { customers: 300, interactions: 3000 });
    expect(n).toBe(3000);
    expect(await db.interactions.count()).toBe(3000);
    expect(await db.customers.count()).toBe(300);
    const counts = await queueCounts(db, 'maya', LARGE_DEFAULT_NOW);
    expect(counts.open).toBeGreaterThan(50);
    expect(counts.missed).toBeGreaterThan(5);
    expect(counts.closed).toBeGreaterThan(5);
    const open = await queueIds(db, 'open', 'maya', LARGE_DEFAULT_NOW);
    const rows = await db.threads.bulkGet(open);
    const waits = rows.map((t) => t!.lastInboundTs);
    expect(waits).toEqual([...waits].sort((x, y) => x - y));
    const names = (await db.customers.toArray()).map((c) => c.name);
    expect(names.length - new Set(names).size).toBeGreaterThan(0);
  }, 60_000);
});
