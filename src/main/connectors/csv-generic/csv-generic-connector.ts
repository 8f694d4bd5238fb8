/**
 * Source kind 'csv-generic': another phone system's CSV export, mapped column by column
 * (config.mapping: header name per field) with an explicit time zone. The file is tailed like
 * Master.csv (byte offset + identity), so a re-exported or appended file is read incrementally.
 */
import type { CallRecord, ImportProblem, SourceBatch } from '../../../shared/domain';
import type { CsvGenericSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { genericRowToCallRecord, resolveMapping } from '../../../shared/phone/generic-csv';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { buildMatcher, resolveTimeZone, sortProblems, testCsvFile } from '../cdr-csv/cdr-csv-connector';
import { tailCsv } from '../cdr-csv/file-tail';
import { watchFile, type FileWatch } from '../cdr-csv/file-watch';
import { readCsvHeader } from './csv-preview';

export function createCsvGenericConnector(config: CsvGenericSourceConfig, ctx: ConnectorContext, options: { pollMs?: number; now?: () => number } = {}): Connector {
  const now = options.now ?? Date.now;
  let watcher: FileWatch | undefined;
  return {
    sourceId: config.id,
    async pull(cursor, limit): Promise<SourceBatch> {
      const timeZone = resolveTimeZone(config.timeZone);
      const isExtension = buildMatcher(config.extensionPattern);
      let headers: string[];
      try {
        headers = await readCsvHeader(config.path, config.delimiter);
      } catch (e) {
        if (e instanceof CodedError && e.code === 'not-found') {
          ctx.setStatus({ state: 'offline', message: `Waiting for ${config.path} to appear` });
          return { sourceId: config.id, records: [], cursor: cursor ?? null, hasMore: false };
        }
        throw e;
      }
      let index;
      try {
        index = resolveMapping(headers, config.mapping);
      } catch (e) {
        ctx.setStatus({ state: 'error', message: (e as Error).message });
        throw new CodedError('parse', `${config.presetName || config.label}: ${(e as Error).message}`);
      }
      const tail = await tailCsv(config.path, cursor, { delimiter: config.delimiter, limit });
      const problems: ImportProblem[] = tail.problems.map((p) => ({ sourceId: config.id, file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), reason: p.reason, ts: now() }));
      const records: CallRecord[] = [];
      for (const row of tail.rows) {
        if (row.line === 1) continue; // the header
        const r = genericRowToCallRecord(row.fields, headers, index, { sourceId: config.id, mapping: config.mapping, timeZone, defaultRegion: config.defaultRegion, isExtension });
        if (!r.ok) {
          problems.push({ sourceId: config.id, file: row.file, line: row.line, reason: r.reason, ts: now() });
          continue;
        }
        for (const reason of r.problems) problems.push({ sourceId: config.id, file: row.file, line: row.line, reason, ts: now() });
        records.push(r.record);
      }
      sortProblems(problems);
      ctx.setStatus({ state: 'online' });
      return {
        sourceId: config.id,
        records,
        cursor: tail.cursor,
        hasMore: tail.hasMore,
        progress: [{ label: tail.file, done: tail.done, total: tail.total }],
        ...(problems.length ? { problems } : {}),
      };
    },
    async start() {
      if (watcher) return;
      watcher = watchFile(config.path, {
        ...(options.pollMs ? { pollMs: options.pollMs } : {}),
        onChange: () => ctx.emit('sources:changed', { sourceId: config.id }),
        onError: (m) => ctx.log(m),
      });
      await watcher.ready;
    },
    async stop() {
      watcher?.close();
      watcher = undefined;
    },
  };
}

export const csvGenericFactory: ConnectorFactory<'csv-generic'> = {
  kind: 'csv-generic',
  create: (config, ctx) => createCsvGenericConnector(config, ctx),
  test: (config) => testCsvFile(config.path, config.timeZone, config.extensionPattern),
};
