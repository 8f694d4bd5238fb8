/**
 * Source kind 'cdr-csv': Asterisk's Master.csv (cdr_csv), read incrementally by byte offset and
 * watched for changes. Rows -> CdrRow (shared/phone/asterisk-csv) -> CallRecord.
 */
import type { CallRecord, ImportProblem, SourceBatch } from '../../../shared/domain';
import type { TestReport } from '../../../shared/ipc/contract';
import type { CdrCsvSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { isCdrCsvHeader, parseCdrCsvFields } from '../../../shared/phone/asterisk-csv';
import { cdrToCallRecord } from '../../../shared/phone/cdr-record';
import { extensionMatcher, type ExtensionMatcher } from '../../../shared/phone/extension';
import { isValidTimeZone } from '../../../shared/phone/local-time';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { tailCsv } from './file-tail';
import { watchFile, type FileWatch } from './file-watch';
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

export function createCdrCsvConnector(config: CdrCsvSourceConfig, ctx: ConnectorContext, options: CsvConnectorOptions = {}): Connector {
  const now = options.now ?? Date.now;
  let watcher: FileWatch | undefined;

  return {
    sourceId: config.id,
    async pull(cursor, limit): Promise<SourceBatch> {
      const timeZone = resolveTimeZone(config.timeZone);
      const isExtension = buildMatcher(config.extensionPattern);
      let tail;
      try {
        tail = await tailCsv(config.path, cursor, { delimiter: ',', limit });
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        ctx.setStatus({ state: 'error', message: `Cannot read ${config.path}: ${err.message}` });
        throw new CodedError(err.code === 'EACCES' ? 'rejected' : 'internal', `Cannot read ${config.path}: ${err.message}`);
      }
      const problems: ImportProblem[] = tail.problems.map((p) => ({ sourceId: config.id, file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), reason: p.reason, ts: now() }));
      const records: CallRecord[] = [];
      for (const row of tail.rows) {
        if (row.line === 1 && isCdrCsvHeader(row.fields)) continue;
        const parsed = parseCdrCsvFields(row.fields, timeZone);
        if (!parsed.ok) {
          problems.push({ sourceId: config.id, file: row.file, line: row.line, reason: parsed.reason, ts: now() });
          continue;
        }
        const { record, problems: rowProblems } = cdrToCallRecord(parsed.row, {
          sourceId: config.id,
          defaultRegion: config.defaultRegion,
          isExtension,
          raw: parsed.raw,
          rawText: row.fields.join('\u001f'),
        });
        for (const reason of rowProblems) problems.push({ sourceId: config.id, file: row.file, line: row.line, reason, ts: now() });
        records.push(record);
      }
      sortProblems(problems);
      if (tail.cursor === null && tail.total === 0 && tail.rows.length === 0) {
        ctx.setStatus({ state: 'offline', message: `Waiting for ${config.path} to appear` });
      } else {
        ctx.setStatus({ state: 'online' });
      }
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

/** File order (as first met), then line: parser problems and row problems interleave as in the file. */
export function sortProblems(problems: ImportProblem[]): void {
  const order = new Map<string, number>();
  for (const p of problems) if (!order.has(p.file ?? '')) order.set(p.file ?? '', order.size);
  problems.sort((a, b) => (order.get(a.file ?? '')! - order.get(b.file ?? '')!) || (a.line ?? 0) - (b.line ?? 0));
}

/** Settings check: zone, pattern, and whether the file is there and readable. */
export async function testCsvFile(path: string, timeZone: string, extensionPattern: string): Promise<TestReport> {
  const steps: TestReport['steps'] = [];
  try {
    resolveTimeZone(timeZone);
    buildMatcher(extensionPattern);
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
