/**
 * The demo workspace as a source: it hands out the records in resources/demo/workspace.json in
 * batches, through the same pull + ingest path as a real mailbox or CDR file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceRecord } from '../../../shared/domain';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { createDemoTeamLog } from './demo-team-log';

export const DEMO_SOURCE_ID = 'demo';

interface DemoFile {
  version: 1;
  /** Epoch ms the timestamps were written against; shifted so the newest item is "now". */
  anchor: number;
  records: SourceRecord[];
  /** The team log the demo opens with (TeamEventEnvelope objects; see demo-team-log.ts). */
  teamEvents?: unknown[];
}

function shift(record: SourceRecord, delta: number): SourceRecord {
  switch (record.type) {
    case 'email':
      return { ...record, date: record.date + delta };
    case 'chat':
      return { ...record, ts: record.ts + delta };
    case 'call':
      return { ...record, start: record.start + delta };
    default:
      return record;
  }
}

export function createDemoConnector(ctx: ConnectorContext, now: () => number = Date.now): Connector {
  let cache: Promise<{ records: SourceRecord[]; teamEvents: unknown[]; delta: number }> | undefined;
  const load = () =>
    (cache ??= readFile(join(ctx.resourcesDir, 'demo', 'workspace.json'), 'utf8').then((text) => {
      const file = JSON.parse(text) as DemoFile;
      // Keep the demo fresh: the newest item lands about an hour before now (the team log too).
      const delta = now() - 3_600_000 - file.anchor;
      return { records: file.records.map((r) => shift(r, delta)), teamEvents: file.teamEvents ?? [], delta };
    }));
  return {
    sourceId: DEMO_SOURCE_ID,
    team: createDemoTeamLog({ sourceId: DEMO_SOURCE_ID, now, load: () => load().then((f) => ({ events: f.teamEvents, delta: f.delta })) }),
    async pull(cursor, limit) {
      const { records } = await load();
      const offset = typeof cursor === 'number' && cursor >= 0 ? cursor : 0;
      const slice = records.slice(offset, offset + limit);
      const next = offset + slice.length;
      ctx.setStatus({ state: 'online' });
      return {
        sourceId: DEMO_SOURCE_ID,
        records: slice,
        cursor: next,
        hasMore: next < records.length,
        progress: [{ label: 'Demo workspace', done: next, total: records.length }],
      };
    },
    async stop() {},
  };
}

export const demoFactory: ConnectorFactory<'demo'> = {
  kind: 'demo',
  create: (_config, ctx) => createDemoConnector(ctx),
};
