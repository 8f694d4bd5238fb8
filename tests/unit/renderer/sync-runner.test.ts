/**
 * The sync runner against a scripted source (the IPC contract's shape) and a real Dexie database
 * (fake-indexeddb): a batch that cannot be stored (quota) leaves nothing of itself and the cursor
 * unmoved, the agent gets a plain message, and the runner tries again by itself until every
 * message is stored exactly once. A source that answers with an error is main's to retry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceBatch } from '../../../src/shared/domain';
import type { SwitchboardApi } from '../../../src/shared/ipc/contract';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { createSyncRunner, describeSyncError, type SyncRunner } from '../../../src/renderer/src/sync/sync-runner';
import { chat, dropDb, email, freshDb, MIN, T0 } from './helpers';

const opened: { db: SwitchboardDb; runner?: SyncRunner }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    o.runner?.dispose();
    await dropDb(o.db);
  }
});

/** 3 pages of 4 messages; the cursor is the number of messages already handed out. */
function pagedSource(opts: { failPulls?: number } = {}) {
  const all = Array.from({ length: 12 }, (_, i) => email(`${i}`, { date: T0 + i * MIN, messageId: `<${i}@x.example>` }));
  const pulls: unknown[] = [];
  let failPulls = opts.failPulls ?? 0;
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const api = {
    async invoke(channel: string, payload: { sourceId: string; cursor: unknown; limit: number }) {
      if (channel !== 'sources:pull') throw new Error(`unexpected ${channel}`);
      pulls.push(payload.cursor);
      if (failPulls > 0) {
        failPulls--;
        return { ok: false, error: { code: 'offline', message: 'mail.example: connection refused' } };
      }
      const from = typeof payload.cursor === 'number' ? payload.cursor : 0;
      const records = all.slice(from, from + 4);
      const batch: SourceBatch = { sourceId: payload.sourceId, records, cursor: from + records.length, hasMore: from + records.length < all.length };
      return { ok: true, value: batch };
    },
    on(event: string, listener: (p: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as SwitchboardApi;
  return { api, pulls, emit: (event: string, p: unknown) => listeners.get(event)?.forEach((l) => l(p)) };
}

const waitFor = async (cond: () => Promise<boolean> | boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('sync runner', () => {
  it('a batch the database refuses (quota) is stored whole on a later try, never in part', async () => {
    const db = await freshDb('runner');
    const src = pagedSource();
    const errors: string[] = [];
    // The second batch's interaction write fails once, inside its transaction.
    const bulkPut = db.interactions.bulkPut.bind(db.interactions);
    let calls = 0;
    let refusedAt: { interactions: number; cursor: unknown } | undefined;
    db.interactions.bulkPut = ((...args: Parameters<typeof bulkPut>) => {
      if (++calls === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return bulkPut(...args);
    }) as typeof bulkPut;
    const runner = createSyncRunner(db, src.api, {
      retry: { baseMs: 30, maxMs: 60, random: () => 0 },
      onError: (_id, m) => {
        errors.push(m);
        void Promise.all([db.interactions.count(), db.cursors.get('mail')]).then(([n, c]) => (refusedAt ??= { interactions: n, cursor: c?.cursor }));
      },
    });
    opened.push({ db, runner });
    await runner.sync('mail');
    expect(errors).toEqual([expect.stringMatching(/local cache is full.*nothing of this batch was stored/)]);
    await waitFor(() => refusedAt !== undefined);
    // Only the first batch, and its cursor: nothing of the refused one.
    expect(refusedAt).toEqual({ interactions: 4, cursor: 4 });
    // The retry runs by itself and finishes the sync.
    await waitFor(async () => (await db.interactions.count()) === 12);
    await runner.idle();
    expect((await db.cursors.get('mail'))?.cursor).toBe(12);
    expect((await db.interactions.toArray()).map((i) => i.id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m:${i}`).sort());
    expect(src.pulls).toEqual([null, 4, 4, 8]);
  });

  it('a source that answers with an error is reported once and left to main (no retry loop here)', async () => {
    const db = await freshDb('runner');
    const src = pagedSource({ failPulls: 1 });
    const errors: string[] = [];
    const runner = createSyncRunner(db, src.api, { retry: { baseMs: 10, maxMs: 10 }, onError: (_id, m) => errors.push(m) });
    opened.push({ db, runner });
    await runner.sync('mail');
    await new Promise((r) => setTimeout(r, 60));
    expect(errors).toEqual(['mail.example: connection refused']);
    expect(src.pulls).toEqual([null]);
    // Main says the source is back: the runner syncs everything.
    src.emit('sources:changed', { sourceId: 'mail' });
    await waitFor(async () => (await db.interactions.count()) === 12);
  });

  it("a chat source's session gap from its settings decides where a new session starts", async () => {
    const at = (m: number) => T0 + m * MIN;
    const chatSource = (gapMin: number | undefined) => {
      const records = [chat('1', at(0)), chat('2', at(20)), chat('3', at(45))];
      const api = {
        invoke: async (_c: string, p: { sourceId: string }) => ({ ok: true, value: { sourceId: p.sourceId, records, cursor: 3, hasMore: false } }),
        on: () => () => {},
      } as unknown as SwitchboardApi;
      return { api, gap: gapMin === undefined ? undefined : gapMin * MIN };
    };
    const sessions = async (gapMin: number | undefined) => {
      const db = await freshDb('runner');
      const src = chatSource(gapMin);
      const runner = createSyncRunner(db, src.api, { chatSessionGapMs: (id) => (id === 'chat' ? src.gap : undefined) });
      opened.push({ db, runner });
      await runner.sync('chat');
      return db.threads.count();
    };
    // Gaps of 20 and 25 minutes: one session with the default 30 minutes, three with 10.
    expect(await sessions(undefined)).toBe(1);
    expect(await sessions(10)).toBe(3);
    expect(await sessions(22)).toBe(2);
  });

  it('describes storage failures in plain words and leaves other errors as they are', () => {
    expect(describeSyncError(new DOMException('x', 'QuotaExceededError'))).toMatch(/local cache is full/);
    expect(describeSyncError(Object.assign(new Error('Transaction aborted'), { name: 'AbortError' }))).toMatch(/^Storing a batch failed \(Transaction aborted\)/);
    expect(describeSyncError(new Error('boom'))).toBe('boom');
  });
});
