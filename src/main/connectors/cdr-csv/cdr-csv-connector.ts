/**
 * Source kind 'cdr-csv': Asterisk's Master.csv (cdr_csv), read incrementally by byte offset and
 * watched for changes. Rows -> CdrRow (shared/phone/asterisk-csv) -> CallRecord.
 */
import type { SourceBatch } from '../../../shared/domain';
import type { TestReport } from '../../../shared/ipc/contract';
import type { CdrCsvSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { isCdrCsvHeader, parseCdrCsvFields } from '../../../shared/phone/asterisk-csv';
import { cdrToCallRecord } from '../../../shared/phone/cdr-record';
import { extensionMatcher, type ExtensionMatcher } from '../../../shared/phone/extension';
import { isValidTimeZone } from '../../../shared/phone/local-time';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { tailCsv } from './file-tail';
import { fileWatchLifecycle, tailToBatch } from './tail-source';
import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';

export interface CsvConnectorOptions {
  /** Poll interval of the watch fallback (tests shorten it). */
  pollMs?: number;
  now?: () => number;
}

/** The zone a source's local timestamps are in: the configured IANA name, or this computer's zone when empty. */
export function resolveTimeZone(timeZone: string): string {
  const tz = timeZone.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  if (!isValidTimeZone(tz)) throw new CodedError('invalid-payload', `Unknown time zone "${timeZone}" (use an IANA name such as Europe/Berlin).`);
  return tz;
}

export function buildMatcher(pattern: string): ExtensionMatcher {
  try {
    return extensionMatcher(pattern);
  } catch (e) {
    throw new CodedError('invalid-payload', (e as Error).message);
  }
}

/** A phone source's zone and extension matcher, checked (zone first); throws 'invalid-payload'. */
export function phoneRules(config: { timeZone: string; extensionPattern: string }): { timeZone: string; isExtension: ExtensionMatcher } {
  return { timeZone: resolveTimeZone(config.timeZone), isExtension: buildMatcher(config.extensionPattern) };
}

export function createCdrCsvConnector(config: CdrCsvSourceConfig, ctx: ConnectorContext, options: CsvConnectorOptions = {}): Connector {
  const now = options.now ?? Date.now;

  return {
    sourceId: config.id,
    async pull(cursor, limit): Promise<SourceBatch> {
      const { timeZone, isExtension } = phoneRules(config);
      let tail;
      try {
        tail = await tailCsv(config.path, cursor, { delimiter: ',', limit });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        ctx.setStatus({ state: 'error', message: `Cannot read ${config.path}: ${err.message}` });
        throw new CodedError(err.code === 'EACCES' ? 'rejected' : 'internal', `Cannot read ${config.path}: ${err.message}`);
      }
      const batch = tailToBatch(config.id, tail, now, (row) => {
        if (row.line === 1 && isCdrCsvHeader(row.fields)) return 'skip';
        const parsed = parseCdrCsvFields(row.fields, timeZone);
        if (!parsed.ok) return { ok: false, reason: parsed.reason };
        const { record, problems } = cdrToCallRecord(parsed.row, {
          sourceId: config.id,
          defaultRegion: config.defaultRegion,
          isExtension,
          raw: parsed.raw,
          rawText: row.fields.join('\u001f'),
          recordingUrl: config.recordingUrl,
        });
        return { ok: true, record, problems };
      });
      if (tail.cursor === null && tail.total === 0 && tail.rows.length === 0) {
        ctx.setStatus({ state: 'offline', message: `Waiting for ${config.path} to appear` });
      } else {
        ctx.setStatus({ state: 'online' });
      }
      return batch;
    },
    ...fileWatchLifecycle(config.path, config.id, ctx, options.pollMs),
  };
}

/** Settings check: zone, pattern, and whether the file is there and readable. */
export async function testCsvFile(path: string, timeZone: string, extensionPattern: string): Promise<TestReport> {
  const steps: TestReport['steps'] = [];
  try {
    phoneRules({ timeZone, extensionPattern });
  } catch (e) {
    steps.push({ step: 'capability', ok: false, message: (e as Error).message });
    return { ok: false, steps };
  }
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a regular file');
    await access(path, constants.R_OK);
    steps.push({ step: 'read', ok: true, message: `${path} is readable (${st.size} bytes)` });
  } catch (e) {
    steps.push({ step: 'read', ok: false, message: `${path}: ${(e as Error).message}` });
  }
  return { ok: steps.every((s) => s.ok), steps };
}

export const cdrCsvFactory: ConnectorFactory<'cdr-csv'> = {
  kind: 'cdr-csv',
  create: (config, ctx) => createCdrCsvConnector(config, ctx),
  test: (config) => testCsvFile(config.path, config.timeZone, config.extensionPattern),
};
