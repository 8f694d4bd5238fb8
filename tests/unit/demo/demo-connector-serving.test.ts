/**
 * The committed demo workspace through the real path a newcomer's app takes: the demo connector
 * serves it in batches (shifted to "now"), and the renderer's ingest stores every record.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../../src/main/connectors/demo/demo-connector';
import type { ConnectorContext } from '../../../src/main/connectors/connector';
import type { SourceRecord } from '../../../src/shared/domain';
import { sourceRecordSchema } from '../../../src/shared/source-record-schema';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { buildWorkspace } from '../../../scripts/demo/build-workspace';
import { dropDb, freshDb } from '../renderer/helpers';

const NOW = Date.UTC(2031, 2, 3, 9, 30, 0);
const timeOf = (r: SourceRecord) => (r.type === 'email' ? r.date : r.type === 'chat' ? r.ts : r.type === 'call' ? r.start : NaN);

function context(): ConnectorContext {
  return { emit: () => {}, setStatus: () => {}, log: () => {}, resourcesDir: join(process.cwd(), 'resources') };
}

async function pullAll(limit: number) {
  const connector = createDemoConnector(context(), () => NOW);
  const batches = [];
  let cursor: unknown = null;
  for (let guard = 0; guard < 1000; guard++) {
    const batch = await connector.pull(cursor, limit);
    batches.push(batch);
    cursor = batch.cursor;
    if (!batch.hasMore) break;
  }
  return batches;
}

describe('demo workspace served by the demo connector', () => {
  it('hands out every record once, in order, with the newest an hour before now and spacing kept', async () => {
    const original = buildWorkspace().records;
    const batches = await pullAll(100);
    const served = batches.flatMap((b) => b.records);
    expect(served.map((r) => r.sourceKey)).toEqual(original.map((r) => r.sourceKey));
    expect(Math.max(...served.map(timeOf))).toBe(NOW - 3_600_000);
    const delta = timeOf(served[0]!) - timeOf(original[0]!);
    served.forEach((r, i) => expect(timeOf(r) - timeOf(original[i]!)).toBe(delta));
    for (const r of served) expect(sourceRecordSchema.safeParse(r).success).toBe(true);
  });

  it('is stored in full by the renderer ingest', async () => {
    const db = await freshDb('demo-ingest');
    try {
      const batches = await pullAll(80);
      for (const b of batches) await ingestBatch(db, b, { now: () => NOW });
      const total = batches.reduce((n, b) => n + b.records.length, 0);
      expect(await db.interactions.count()).toBe(total);
      expect((await db.cursors.get('demo'))?.cursor).toBe(total);
      const threads = await db.threads.toArray();
      expect(threads.some((t) => t.awaitingReply)).toBe(true);
      expect(threads.some((t) => t.channel === 'email' && t.count >= 5)).toBe(true);
    } finally {
      await dropDb(db);
    }
  });
});
