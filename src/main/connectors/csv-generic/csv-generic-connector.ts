/**
 * Source kind 'csv-generic': another phone system's CSV export, mapped column by column
 * (config.mapping: header name per field) with an explicit time zone. The file is tailed like
 * Master.csv (byte offset + identity), so a re-exported or appended file is read incrementally.
 */
import type { SourceBatch } from '../../../shared/domain';
import type { CsvGenericSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { genericRowToCallRecord, resolveMapping } from '../../../shared/phone/generic-csv';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { phoneRules, testCsvFile } from '../cdr-csv/cdr-csv-connector';
import { tailCsv } from '../cdr-csv/file-tail';
import { fileWatchLifecycle, tailToBatch } from '../cdr-csv/tail-source';
import { readCsvHeader } from './csv-preview';

export function createCsvGenericConnector(config: CsvGenericSourceConfig, ctx: ConnectorContext, options: { pollMs?: number; now?: () => number } = {}): Connector {
  const now = options.now ?? Date.now;
  return {
    sourceId: config.id,
    async pull(cursor, limit): Promise<SourceBatch> {
      const { timeZone, isExtension } = phoneRules(config);
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
      const batch = tailToBatch(config.id, tail, now, (row) =>
        row.line === 1 // the header
          ? 'skip'
          : genericRowToCallRecord(row.fields, headers, index, { sourceId: config.id, mapping: config.mapping, timeZone, defaultRegion: config.defaultRegion, isExtension }),
      );
      ctx.setStatus({ state: 'online' });
      return batch;
    },
    ...fileWatchLifecycle(config.path, config.id, ctx, options.pollMs),
  };
}

export const csvGenericFactory: ConnectorFactory<'csv-generic'> = {
  kind: 'csv-generic',
  create: (config, ctx) => createCsvGenericConnector(config, ctx),
  test: (config) => testCsvFile(config.path, config.timeZone, config.extensionPattern),
};
