/**
 * What the two tailed-CSV sources (cdr-csv, csv-generic) share once the file is read: turning the
 * tailed rows into call records and import problems (in file order), the batch they hand back, and
 * the file watch behind start/stop. Each source supplies only its own row -> record mapping.
 */
import type { CallRecord, ImportProblem, SourceBatch } from '../../../shared/domain';
import type { Connector, ConnectorContext } from '../connector';
import type { TailResult, TailRow } from './file-tail';
import { watchFile, type FileWatch } from './file-watch';

/** One row's outcome: a record (with per-row problems), a reason it was refused, or 'skip' (a header). */
export type TailRowOutcome = { ok: true; record: CallRecord; problems: string[] } | { ok: false; reason: string } | 'skip';

/** Rows -> records; the tail's problems, refused rows and per-row problems, sorted into file order. */
export function tailToBatch(sourceId: string, tail: TailResult, now: () => number, toRecord: (row: TailRow) => TailRowOutcome): SourceBatch {
  const problems: ImportProblem[] = tail.problems.map((p) => ({ sourceId, file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), reason: p.reason, ts: now() }));
  const records: CallRecord[] = [];
  for (const row of tail.rows) {
    const r = toRecord(row);
    if (r === 'skip') continue;
    if (!r.ok) {
      problems.push({ sourceId, file: row.file, line: row.line, reason: r.reason, ts: now() });
      continue;
    }
    for (const reason of r.problems) problems.push({ sourceId, file: row.file, line: row.line, reason, ts: now() });
    records.push(r.record);
  }
  sortProblems(problems);
  return {
    sourceId,
    records,
    cursor: tail.cursor,
    hasMore: tail.hasMore,
    progress: [{ label: tail.file, done: tail.done, total: tail.total }],
    ...(problems.length ? { problems } : {}),
  };
}

/** File order (as first met), then line: parser problems and row problems interleave as in the file. */
export function sortProblems(problems: ImportProblem[]): void {
  const order = new Map<string, number>();
  for (const p of problems) if (!order.has(p.file ?? '')) order.set(p.file ?? '', order.size);
  problems.sort((a, b) => (order.get(a.file ?? '')! - order.get(b.file ?? '')!) || (a.line ?? 0) - (b.line ?? 0));
}

/** start/stop of a tailed file: a change to the file emits 'sources:changed' for the source. */
export function fileWatchLifecycle(path: string, sourceId: string, ctx: Pick<ConnectorContext, 'emit' | 'log'>, pollMs?: number): Required<Pick<Connector, 'start' | 'stop'>> {
  let watcher: FileWatch | undefined;
  return {
    async start() {
      if (watcher) return;
      watcher = watchFile(path, {
        ...(pollMs ? { pollMs } : {}),
        onChange: () => ctx.emit('sources:changed', { sourceId }),
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
