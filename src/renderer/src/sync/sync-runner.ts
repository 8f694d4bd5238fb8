/**
 * Drives every source: pull a batch from the stored cursor, ingest it (records + cursor in one
 * transaction), repeat while the source has more. One pull in flight per source; a change
 * notice during a pull schedules one more round.
 */
import type { IdentityKind, SourceBatch, SyncProgress } from '../../../shared/domain';
import type { SwitchboardApi } from '../../../shared/ipc/contract';
import type { SwitchboardDb } from '../db/schema';
import { ingestBatch, type IngestOptions, type IngestResult } from '../ingest/ingest-batch';

export interface SyncRunnerOptions {
  batchSize?: number;
  ingest?: IngestOptions;
  /** Team identities: never customers. Keys are identity keys like "email:support@x.com". */
  teamKeys?: () => Set<string>;
  onProgress?(sourceId: string, progress: SyncProgress[] | undefined): void;
  onError?(sourceId: string, message: string): void;
  onIngested?(sourceId: string, batch: SourceBatch, result?: IngestResult): void;
}

export interface SyncRunner {
  sync(sourceId: string): Promise<void>;
  /** Resolves when no pull is running or scheduled. */
  idle(): Promise<void>;
  dispose(): void;
}

export function createSyncRunner(db: SwitchboardDb, api: SwitchboardApi, opts: SyncRunnerOptions = {}): SyncRunner {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const batchSize = opts.batchSize ?? 500;
  const ingestOpts = (): IngestOptions => {
    const team = opts.teamKeys?.();
    return {
      ...opts.ingest,
      isTeam: team ? (_kind: IdentityKind, key: string) => team.has(key) : opts.ingest?.isTeam,
    };
  };

  async function loop(sourceId: string) {
    for (;;) {
      // Main reads the next batch ahead while this one is stored (source-manager.ts), so asking
      // for it only after the commit costs no waiting.
      const stored = await db.cursors.get(sourceId);
      const res = await api.invoke('sources:pull', { sourceId, cursor: stored?.cursor ?? null, limit: batchSize });
      if (!res.ok) {
        opts.onError?.(sourceId, res.error.message);
        opts.onProgress?.(sourceId, undefined);
        return;
      }
      const batch = res.value;
      const result = await ingestBatch(db, batch, ingestOpts());
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
    const run = (async () => {
      try {
        do {
          again.delete(sourceId);
          await loop(sourceId);
        } while (again.has(sourceId));
      } catch (e) {
        opts.onError?.(sourceId, e instanceof Error ? e.message : String(e));
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
    void ingestBatch(db, { ...batch, cursor: null }, ingestOpts())
      .then((result) => opts.onIngested?.(batch.sourceId, batch, result))
      .catch((e: unknown) => opts.onError?.(batch.sourceId, e instanceof Error ? e.message : String(e)));
  });

  return {
    sync,
    async idle() {
      while (running.size) await Promise.all([...running.values()]);
    },
    dispose() {
      offChanged();
      offRecords();
    },
  };
}
