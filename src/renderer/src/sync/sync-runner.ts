/**
 * Drives every source: pull a batch from the stored cursor, ingest it (records + cursor in one
 * transaction), repeat while the source has more. One pull in flight per source; a change
 * notice during a pull schedules one more round.
 *
 * A failed round stores nothing of its batch and leaves the cursor where it was. A source that
 * cannot be reached is main's to retry (its connector reconnects with backoff and sends
 * 'sources:changed' when it is back). A batch that could not be STORED (quota, a failed
 * transaction) is retried here after a jittered exponential delay, reset only by a round that
 * completes.
 */
import type { IdentityKind, SourceBatch, SyncProgress } from '../../../shared/domain';
import type { SwitchboardApi } from '../../../shared/ipc/contract';
import type { SwitchboardDb } from '../db/schema';
import { Backoff } from '../../../shared/backoff';
import { ingestBatch, type IngestOptions, type IngestResult } from '../ingest/ingest-batch';

export interface SyncRunnerOptions {
  batchSize?: number;
  ingest?: IngestOptions;
  /** Team identities: never customers. Keys are identity keys like "email:support@x.com". */
  teamKeys?: () => Set<string>;
  /** A chat source's session gap (its settings), in ms; undefined = the ingest default (30 min). */
  chatSessionGapMs?: (sourceId: string) => number | undefined;
  onProgress?(sourceId: string, progress: SyncProgress[] | undefined): void;
  onError?(sourceId: string, message: string): void;
  onIngested?(sourceId: string, batch: SourceBatch, result?: IngestResult): void;
  /** Delays of the retry after a failed round (ms). Default 2 s doubling to 5 min. */
  retry?: { baseMs: number; maxMs: number; random?: () => number };
}

/** A storage failure in words an agent can act on; anything else as it is. */
export function describeSyncError(e: unknown): string {
  const name = (e as { name?: string } | null)?.name ?? '';
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError' || /quota/i.test(message)) {
    return 'The local cache is full (disk space or the storage quota): nothing of this batch was stored. Free some disk space; sync tries again by itself.';
  }
  if (['AbortError', 'DatabaseClosedError', 'UnknownError', 'InvalidStateError'].includes(name) || ['AbortError', 'UnknownError'].includes(inner)) {
    return `Storing a batch failed (${message}): nothing of it was stored; sync tries again by itself.`;
  }
  return message;
}

/** Raised for a pull the source answered with an error (as opposed to a failure storing it). */
class PullError extends Error {}

export interface SyncRunner {
  sync(sourceId: string): Promise<void>;
  /** Resolves when no pull is running or scheduled. */
  idle(): Promise<void>;
  dispose(): void;
}

export function createSyncRunner(db: SwitchboardDb, api: SwitchboardApi, opts: SyncRunnerOptions = {}): SyncRunner {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const backoffs = new Map<string, Backoff>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let disposed = false;
  const backoffOf = (sourceId: string) => {
    let b = backoffs.get(sourceId);
    if (!b) backoffs.set(sourceId, (b = new Backoff({ baseMs: opts.retry?.baseMs ?? 2_000, maxMs: opts.retry?.maxMs ?? 300_000, random: opts.retry?.random })));
    return b;
  };
  const scheduleRetry = (sourceId: string) => {
    if (disposed || timers.has(sourceId)) return;
    const delay = backoffOf(sourceId).next();
    timers.set(
      sourceId,
      setTimeout(() => {
        timers.delete(sourceId);
        void sync(sourceId);
      }, delay),
    );
  };
  const batchSize = opts.batchSize ?? 500;
  const ingestOpts = (sourceId: string): IngestOptions => {
    const team = opts.teamKeys?.();
    const gap = opts.chatSessionGapMs?.(sourceId);
    return {
      ...opts.ingest,
      ...(gap !== undefined ? { chatSessionGapMs: gap } : {}),
      isTeam: team ? (_kind: IdentityKind, key: string) => team.has(key) : opts.ingest?.isTeam,
    };
  };

  async function loop(sourceId: string) {
    for (;;) {
      // Main reads the next batch ahead while this one is stored (source-manager.ts), so asking
      // for it only after the commit costs no waiting.
      const stored = await db.cursors.get(sourceId);
      const res = await api.invoke('sources:pull', { sourceId, cursor: stored?.cursor ?? null, limit: batchSize });
      if (!res.ok) throw new PullError(res.error.message);
      const batch = res.value;
      const result = await ingestBatch(db, batch, ingestOpts(sourceId));
      opts.onIngested?.(sourceId, batch, result);
      opts.onProgress?.(sourceId, batch.hasMore ? batch.progress : undefined);
      if (!batch.hasMore) return;
    }
  }

  function sync(sourceId: string): Promise<void> {
    const current = running.get(sourceId);
    if (current) {
      again.add(sourceId);
      return current;
    }
    const pendingRetry = timers.get(sourceId);
    if (pendingRetry) {
      // Asked for now (a change notice, the agent): no need to wait for the retry too.
      clearTimeout(pendingRetry);
      timers.delete(sourceId);
    }
    const run = (async () => {
      try {
        do {
          again.delete(sourceId);
          await loop(sourceId);
        } while (again.has(sourceId));
        backoffs.get(sourceId)?.success();
      } catch (e) {
        opts.onError?.(sourceId, e instanceof PullError ? e.message : describeSyncError(e));
        opts.onProgress?.(sourceId, undefined);
        if (!(e instanceof PullError)) scheduleRetry(sourceId);
      } finally {
        running.delete(sourceId);
      }
    })();
    running.set(sourceId, run);
    return run;
  }

  const offChanged = api.on('sources:changed', ({ sourceId }) => void sync(sourceId));
  const offRecords = api.on('sources:records', (batch) => {
    // Live records: stored at once, cursor untouched (the next pull moves it; keys match).
    void ingestBatch(db, { ...batch, cursor: null }, ingestOpts(batch.sourceId))
      .then((result) => opts.onIngested?.(batch.sourceId, batch, result))
      .catch((e: unknown) => {
        // The pushed records are not lost: the next pull fetches them again (the cursor did not move).
        opts.onError?.(batch.sourceId, describeSyncError(e));
        scheduleRetry(batch.sourceId);
      });
  });

  return {
    sync,
    async idle() {
      while (running.size) await Promise.all([...running.values()]);
    },
    dispose() {
      disposed = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      offChanged();
      offRecords();
    },
  };
}
