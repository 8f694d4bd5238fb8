/**
 * The team-sync runner: ships this console's 'local' team events to the team folder and folds the
 * team's events into Dexie.
 *
 *  ship: local events in clock order, up to `shipBatch` at a time, through 'team:append'. An event
 *        becomes 'sent' only after the server confirmed it ('appended' or 'already-there'); a crash
 *        in between makes the next ship send it again, and main finds the first copy by its
 *        Message-ID. So each event is on the server exactly once.
 *  pull: 'team:pull' from the stored cursor; events, registers, rows and cursor in one transaction.
 *  When: at start, on 'team:changed' (IDLE), when a local event is written (kick), when the
 *        account comes back online, and after a failure on a backoff timer.
 *  presence: 'replying' notes over the same folder (see docs/team-sync.md for why not XMPP);
 *        kept in memory only, expire on their own.
 */
import Dexie, { liveQuery } from 'dexie';
import { Backoff, type BackoffOptions } from '../../../shared/backoff';
import type { SwitchboardApi } from '../../../shared/ipc/contract';
import type { TeamEvent } from '../../../shared/domain';
import { parseEnvelope, type PresenceEnvelope } from '../../../shared/team/event-schema';
import type { SwitchboardDb } from '../db/schema';
import { foldRemoteEvents, refreshAllThreads, refreshThreads } from './team-sync-fold';
import { nextLocalHlc, teamCursorKey, toEnvelope } from './team-sync-stamps';

export interface TeamSyncState {
  /** Local team events not yet confirmed by the server: "what waits". */
  pending: number;
  state: 'idle' | 'syncing' | 'offline' | 'error';
  message?: string;
  nextRetryAt?: number;
  lastSyncAt?: number;
  /** Other agents replying right now (not expired). */
  presence: PresenceEnvelope[];
}

export interface TeamSyncOptions {
  /** The IMAP account whose team folder holds the log. */
  sourceId: string;
  /** This agent (events and presence are written under this name). */
  author: string;
  now?: () => number;
  pullBatch?: number;
  shipBatch?: number;
  /** How long a "replying" note lives unless renewed. */
  presenceTtlMs?: number;
  backoff?: BackoffOptions;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
  /** Watch the teamEvents table and ship as soon as a local event is written (default true). */
  watchLocal?: boolean;
  onState?(state: TeamSyncState): void;
}

export interface TeamSync {
  /** Ship, then pull until the folder has nothing more. Never throws; failures go to the state. */
  sync(): Promise<void>;
  /** Resolves when no ship/pull is running or scheduled to run at once. */
  idle(): Promise<void>;
  pending(): Promise<number>;
  /** Tell the team this agent is replying (or stopped). Dropped silently when offline. */
  announce(threadId: string, state: 'replying' | 'idle'): Promise<void>;
  /** Others replying to this thread now. */
  replying(threadId: string): PresenceEnvelope[];
  /** Re-apply team state to threads that ingest just created or changed. */
  refreshThreads(threadIds: Iterable<string>): Promise<number>;
  state(): TeamSyncState;
  dispose(): void;
}

function checkEvent(e: TeamEvent): string | undefined {
  if (!e.hlc) return 'no clock timestamp';
  const r = parseEnvelope(toEnvelope(e));
  return r.ok ? undefined : r.reason;
}

const RETRYABLE = new Set(['offline', 'timeout', 'unknown-outcome', 'tcp', 'dns', 'tls', 'internal']);

export function createTeamSync(db: SwitchboardDb, api: SwitchboardApi, opts: TeamSyncOptions): TeamSync {
  const now = opts.now ?? Date.now;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((t: unknown) => clearTimeout(t as ReturnType<typeof setTimeout>));
  const backoff = new Backoff(opts.backoff ?? { baseMs: 2_000, maxMs: 2 * 60_000, jitter: 0.5 });
  const cursorKey = teamCursorKey(opts.sourceId);
  const presence = new Map<string, PresenceEnvelope>();
  let current: TeamSyncState = { pending: 0, state: 'idle', presence: [] };
  let running: Promise<void> | undefined;
  let again = false;
  let retryTimer: unknown;
  let disposed = false;
  let started = false;

  function setState(patch: Partial<TeamSyncState>) {
    current = { ...current, ...patch, presence: livePresence() };
    opts.onState?.(current);
  }

  function livePresence(): PresenceEnvelope[] {
    const t = now();
    for (const [k, p] of presence) if (p.expiresAt <= t || p.state === 'idle') presence.delete(k);
    return [...presence.values()];
  }

  const localEvents = (limit: number) =>
    db.teamEvents.where('[status+hlc]').between(['local', Dexie.minKey], ['local', Dexie.maxKey]).limit(limit).toArray();
  const countLocal = () => db.teamEvents.where('status').equals('local').count();

  async function ship(): Promise<void> {
    for (;;) {
      const batch = await localEvents(opts.shipBatch ?? 50);
      if (!batch.length) return;
      // An event that is not a valid team-log entry would block every later one: set it aside.
      const invalid = batch.map((e) => ({ e, r: checkEvent(e) })).filter((x) => x.r);
      if (invalid.length) {
        await db.transaction('rw', db.teamEvents, async () => {
          for (const { e, r } of invalid) await db.teamEvents.update(e.id, { status: 'rejected', error: r });
        });
        setState({ message: `${invalid.length} team change(s) could not be shared: ${invalid[0]!.r}` });
        continue;
      }
      const res = await api.invoke('team:append', { sourceId: opts.sourceId, events: batch.map(toEnvelope) });
      if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
      const confirmed = res.value.map((r) => r.id);
      await db.transaction('rw', db.teamEvents, async () => {
        await db.teamEvents.where('id').anyOf(confirmed).modify((e) => {
          if (e.status === 'local') e.status = 'sent';
        });
      });
      setState({ pending: await countLocal() });
    }
  }

  async function pull(): Promise<void> {
    for (;;) {
      const stored = await db.cursors.get(cursorKey);
      const res = await api.invoke('team:pull', { sourceId: opts.sourceId, cursor: stored?.cursor ?? null, limit: opts.pullBatch ?? 500 });
      if (!res.ok) throw Object.assign(new Error(res.error.message), { code: res.error.code });
      const b = res.value;
      for (const p of b.presence) {
        if (p.author === opts.author) continue;
        const key = `${p.author}\u0000${p.threadId}`;
        const prev = presence.get(key);
        if (!prev || prev.hlc < p.hlc) presence.set(key, p);
      }
      await foldRemoteEvents(db, b.events, { sourceId: opts.sourceId, cursor: b.cursor, problems: b.problems, now });
      if (!b.hasMore) return;
    }
  }

  function scheduleRetry(message: string, code: string) {
    if (disposed) return;
    if (retryTimer) clearTimer(retryTimer);
    const delay = backoff.next();
    setState({ state: RETRYABLE.has(code) ? 'offline' : 'error', message, nextRetryAt: now() + delay });
    retryTimer = setTimer(() => {
      retryTimer = undefined;
      void sync();
    }, delay);
  }

  async function round() {
    setState({ state: 'syncing', message: undefined, nextRetryAt: undefined });
    try {
      if (!started) {
        started = true;
        await refreshAllThreads(db);
      }
      await ship();
      await pull();
      backoff.success();
      setState({ state: 'idle', pending: await countLocal(), lastSyncAt: now() });
    } catch (e) {
      const code = (e as { code?: string }).code ?? 'internal';
      setState({ pending: await countLocal().catch(() => current.pending) });
      scheduleRetry(e instanceof Error ? e.message : String(e), code);
    }
  }

  function sync(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
        } while (again && !disposed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const offChanged = api.on('team:changed', ({ sourceId }) => {
    if (sourceId === opts.sourceId) void sync();
  });
  const offStatus = api.on('sources:status', (s) => {
    if (s.sourceId === opts.sourceId && s.state === 'online' && current.state === 'offline') void sync();
  });
  let sub: { unsubscribe(): void } | undefined;
  if (opts.watchLocal !== false) {
    let last = -1;
    sub = liveQuery(countLocal).subscribe({
      next: (n) => {
        if (n > last && n > 0 && current.state !== 'offline') void sync();
        if (n !== current.pending) setState({ pending: n });
        last = n;
      },
      error: () => {},
    });
  }

  return {
    sync,
    async idle() {
      while (running) await running;
    },
    pending: countLocal,
    async announce(threadId, state) {
      const t = now();
      const ttl = opts.presenceTtlMs ?? 90_000;
      const envelope: PresenceEnvelope = {
        v: 1,
        kind: 'presence',
        id: `p-${crypto.randomUUID()}`,
        author: opts.author,
        hlc: await nextLocalHlc(db, t),
        ts: t,
        threadId,
        state,
        expiresAt: t + (state === 'replying' ? ttl : 5_000),
      };
      await api.invoke('team:append', { sourceId: opts.sourceId, events: [envelope] });
    },
    replying(threadId) {
      return livePresence().filter((p) => p.threadId === threadId && p.state === 'replying');
    },
    refreshThreads: (ids) => db.transaction('rw', db.threads, db.teamStamps, () => refreshThreads(db, ids)),
    state: () => ({ ...current, presence: livePresence() }),
    dispose() {
      disposed = true;
      offChanged();
      offStatus();
      sub?.unsubscribe();
      if (retryTimer) clearTimer(retryTimer);
    },
  };
}
