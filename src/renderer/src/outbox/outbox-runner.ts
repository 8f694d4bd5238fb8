/**
 * Delivers the outbox through main ('outbox:deliver'), in order per source, exactly once.
 *
 * State machine of one item (each arrow is one Dexie transaction):
 *   queued --claim--> sending --ok--> sent
 *                             --rejected/auth/...--> failed      (agent: retry, edit or cancel)
 *                             --offline/timeout/unknown-outcome--> queued (+ nextTryAt)
 * The claim stores attempts+1 BEFORE the network call and the request carries the number of
 * earlier tries. So after a crash between "server accepted" and "marked sent", the item is found
 * in 'sending' at start-up, goes back to 'queued' with attempts >= 1, and the next try makes main
 * look for the Message-ID on the server first (Sent folder / chat archive): it reports
 * 'already-sent' instead of sending a second copy.
 *
 * Order: per source, only the oldest queued item is tried; a transient failure blocks that
 * source's later items until the source reports 'online' (sources:status) or the backoff delay
 * passes. A failed item no longer blocks (it waits for the agent).
 */
import type { ErrorCode } from '../../../shared/result';
import type { SwitchboardApi } from '../../../shared/ipc/contract';
import type { DeliverRequest } from '../../../shared/ipc/schemas';
import { Backoff, type BackoffOptions } from '../../../shared/backoff';
import type { OutboxRow } from '../db/agent-tables';
import { outboxTable } from '../db/repos/outbox';
import type { SwitchboardDb } from '../db/schema';

/** Codes after which trying again without a human changes nothing. */
export const PERMANENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'rejected',
  'auth',
  'invalid-payload',
  'not-found',
  'capability',
  'tls',
  'secrets-unavailable',
  'unknown-channel',
]);

export interface OutboxRunnerOptions {
  now?: () => number;
  /** Schedules fn after ms; returns a cancel function. */
  setTimer?: (fn: () => void, ms: number) => () => void;
  backoff?: BackoffOptions;
  onSent?(item: OutboxRow): void;
  onFailed?(item: OutboxRow, message: string): void;
}

export interface OutboxRunner {
  /** Recover items left 'sending' by a crash, then deliver everything due. */
  start(): Promise<void>;
  /** Deliver what is due now (after an enqueue, a retry, a source coming online). */
  kick(sourceId?: string): Promise<void>;
  /** Resolves when no delivery is running. */
  idle(): Promise<void>;
  dispose(): void;
}

const defaultTimer = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export function createOutboxRunner(db: SwitchboardDb, api: SwitchboardApi, opts: OutboxRunnerOptions = {}): OutboxRunner {
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? defaultTimer;
  const table = outboxTable(db);
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const backoffs = new Map<string, Backoff>();
  const timers = new Map<string, () => void>();
  let disposed = false;

  const backoffFor = (sourceId: string) => {
    let b = backoffs.get(sourceId);
    if (!b) backoffs.set(sourceId, (b = new Backoff(opts.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000 })));
    return b;
  };

  /** The oldest item of the source, if it is due: claimed (queued -> sending, attempts+1) atomically. */
  async function claim(sourceId: string, force: boolean): Promise<{ item: OutboxRow; before: number } | 'blocked' | undefined> {
    return db.transaction('rw', db.outbox, async () => {
      const head = await table
        .where('[sourceId+createdAt]')
        .between([sourceId, -Infinity], [sourceId, Infinity])
        .filter((i) => i.status === 'queued' || i.status === 'sending')
        .first();
      if (!head || head.status === 'sending') return undefined;
      if (!force && head.nextTryAt !== undefined && head.nextTryAt > now()) return 'blocked';
      const before = head.attempts;
      const claimed: OutboxRow = { ...head, status: 'sending', attempts: before + 1, updatedAt: now() };
      await table.put(claimed);
      return { item: claimed, before };
    });
  }

  function request(item: OutboxRow, before: number): DeliverRequest {
    const base = { id: item.id, sourceId: item.sourceId, messageId: item.messageId, attempts: before };
    return item.kind === 'email'
      ? { ...base, kind: 'email', payload: item.payload as Extract<DeliverRequest, { kind: 'email' }>['payload'] }
      : { ...base, kind: 'chat', payload: item.payload as Extract<DeliverRequest, { kind: 'chat' }>['payload'] };
  }

  function schedule(sourceId: string, at: number) {
    timers.get(sourceId)?.();
    timers.set(
      sourceId,
      setTimer(() => {
        timers.delete(sourceId);
        void kick(sourceId, true);
      }, Math.max(0, at - now())),
    );
  }

  async function drain(sourceId: string, force: boolean) {
    for (let first = true; !disposed; first = false) {
      const got = await claim(sourceId, force && first);
      if (got === undefined) return;
      if (got === 'blocked') {
        const head = await table.where('[sourceId+createdAt]').between([sourceId, -Infinity], [sourceId, Infinity]).filter((i) => i.status === 'queued').first();
        if (head?.nextTryAt) schedule(sourceId, head.nextTryAt);
        return;
      }
      const { item, before } = got;
      let res: Awaited<ReturnType<SwitchboardApi['invoke']>>;
      try {
        res = await api.invoke('outbox:deliver', request(item, before));
      } catch (e) {
        // The bridge itself failed: we cannot know whether main sent it.
        res = { ok: false, error: { code: 'unknown-outcome', message: e instanceof Error ? e.message : String(e) } };
      }
      if (res.ok) {
        const value = res.value as { status: 'sent' | 'already-sent'; at: number };
        await table.update(item.id, { status: 'sent', outcome: value.status, sentAt: value.at, lastError: undefined, nextTryAt: undefined, updatedAt: now() });
        backoffFor(sourceId).success();
        opts.onSent?.({ ...item, status: 'sent' });
        continue;
      }
      const { code, message } = res.error;
      if (PERMANENT_CODES.has(code)) {
        await table.update(item.id, { status: 'failed', lastError: `${code}: ${message}`, nextTryAt: undefined, updatedAt: now() });
        opts.onFailed?.({ ...item, status: 'failed' }, message);
        continue; // the next item of this source may go
      }
      // Transient (offline, timeout, dns, tcp, unknown-outcome...): keep the place in line.
      const nextTryAt = now() + backoffFor(sourceId).next();
      await table.update(item.id, { status: 'queued', lastError: `${code}: ${message}`, nextTryAt, updatedAt: now() });
      schedule(sourceId, nextTryAt);
      return;
    }
  }

  function run(sourceId: string, force: boolean): Promise<void> {
    const current = running.get(sourceId);
    if (current) {
      again.add(sourceId);
      return current;
    }
    const p = (async () => {
      try {
        do {
          again.delete(sourceId);
          await drain(sourceId, force);
          force = false;
        } while (again.has(sourceId) && !disposed);
      } finally {
        running.delete(sourceId);
      }
    })();
    running.set(sourceId, p);
    return p;
  }

  async function kick(sourceId?: string, force = false): Promise<void> {
    if (disposed) return;
    const ids = sourceId
      ? [sourceId]
      : [...new Set((await table.where('status').equals('queued').toArray()).map((i) => i.sourceId))];
    await Promise.all(ids.map((id) => run(id, force)));
  }

  const offStatus = api.on('sources:status', (s) => {
    // A source came back: try its waiting items now rather than at the end of the backoff.
    if (s.state === 'online') void kick(s.sourceId, true);
  });

  return {
    async start() {
      await db.transaction('rw', db.outbox, async () => {
        const stuck = await table.where('status').equals('sending').toArray();
        for (const item of stuck) await table.update(item.id, { status: 'queued', nextTryAt: undefined, updatedAt: now() });
      });
      await kick();
    },
    kick: (sourceId) => kick(sourceId, true),
    async idle() {
      while (running.size) await Promise.all([...running.values()]);
    },
    dispose() {
      disposed = true;
      offStatus();
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}
