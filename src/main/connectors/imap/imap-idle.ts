/**
 * Push for an IMAP account: one IDLE connection per watched folder (IMAP can IDLE on the selected
 * mailbox only). EXISTS, EXPUNGE/VANISHED and FETCH FLAGS only tell the renderer to pull (debounced),
 * the pull then does the real work through the sync decision. A dropped connection is reopened
 * with jittered exponential backoff; the delay resets only when a pull succeeds (markSynced()).
 */
import type { ImapFlow } from 'imapflow';
import { Backoff, type BackoffOptions } from '../../../shared/backoff';

export interface IdleDeps {
  folders: string[];
  connect(): Promise<ImapFlow>;
  /** Something changed: the renderer should pull. */
  changed(): void;
  online(): void;
  offline(message: string, nextRetryAt: number): void;
  log(line: string): void;
  debounceMs?: number;
  backoff?: BackoffOptions;
  /** Injected timers for tests. */
  setTimer?: (fn: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (t: ReturnType<typeof setTimeout>) => void;
  now?: () => number;
}

export class IdleWatcher {
  private clients = new Map<string, ImapFlow>();
  private retryTimer?: ReturnType<typeof setTimeout>;
  private debounceTimer?: ReturnType<typeof setTimeout>;
  private stopped = true;
  private connecting?: Promise<void>;
  readonly backoff: Backoff;
  private readonly setTimer: NonNullable<IdleDeps['setTimer']>;
  private readonly clearTimer: NonNullable<IdleDeps['clearTimer']>;
  private readonly now: () => number;

  constructor(private readonly deps: IdleDeps) {
    this.backoff = new Backoff(deps.backoff ?? { baseMs: 2_000, maxMs: 5 * 60_000, jitter: 0.5 });
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t));
    this.now = deps.now ?? Date.now;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connectAll();
    // Mail that arrived after the last pull but before IDLE was watching raises no event: ask for
    // one pull now that every folder is watched (a reconnect does the same, in scheduleRetry).
    if (this.connected && !this.stopped) this.deps.changed();
  }

  /** A pull completed: the next failure starts again from the base delay. */
  markSynced(): void {
    this.backoff.success();
  }

  /** True while every watched folder has a live IDLE connection. */
  get connected(): boolean {
    return this.clients.size === this.deps.folders.length && [...this.clients.values()].every((c) => c.usable);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) this.clearTimer(this.retryTimer);
    if (this.debounceTimer) this.clearTimer(this.debounceTimer);
    this.retryTimer = this.debounceTimer = undefined;
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
  }

  private notify() {
    if (this.debounceTimer) this.clearTimer(this.debounceTimer);
    this.debounceTimer = this.setTimer(() => {
      this.debounceTimer = undefined;
      if (!this.stopped) this.deps.changed();
    }, this.deps.debounceMs ?? 300);
  }

  private connectAll(): Promise<void> {
    return (this.connecting ??= this.doConnectAll().finally(() => (this.connecting = undefined)));
  }

  private async doConnectAll(): Promise<void> {
    try {
      for (const folder of this.deps.folders) {
        if (this.stopped) return;
        const existing = this.clients.get(folder);
        if (existing?.usable) continue;
        const client = await this.deps.connect();
        if (this.stopped) {
          await client.logout().catch(() => client.close());
          return;
        }
        client.on('exists', () => this.notify());
        client.on('expunge', () => this.notify());
        client.on('flags', () => this.notify());
        client.on('error', (e: Error) => this.deps.log(`idle ${folder}: ${e.message}`));
        client.on('close', () => this.lost(folder, client));
        await client.mailboxOpen(folder, { readOnly: true });
        this.clients.set(folder, client);
        void this.idleLoop(folder, client);
      }
      this.deps.online();
    } catch (e) {
      this.scheduleRetry((e as Error).message);
    }
  }

  private async idleLoop(folder: string, client: ImapFlow) {
    while (!this.stopped && client.usable && this.clients.get(folder) === client) {
      try {
        await client.idle();
      } catch (e) {
        this.deps.log(`idle ${folder} ended: ${(e as Error).message}`);
        return;
      }
    }
  }

  private lost(folder: string, client: ImapFlow) {
    if (this.clients.get(folder) !== client) return;
    this.clients.delete(folder);
    if (this.stopped) return;
    // Close every other IDLE connection too, so the account reconnects as one.
    this.scheduleRetry(`connection to the IMAP server lost (${folder})`);
  }

  private scheduleRetry(message: string) {
    if (this.stopped || this.retryTimer) return;
    const delay = this.backoff.next();
    const at = this.now() + delay;
    this.deps.offline(message, at);
    this.deps.log(`reconnect in ${delay} ms: ${message}`);
    this.retryTimer = this.setTimer(() => {
      this.retryTimer = undefined;
      void this.connectAll().then(() => {
        // After a reconnect the server state may have moved on: ask for a pull (which, when it
        // succeeds, resets the backoff).
        if (this.connected) this.deps.changed();
      });
    }, delay);
  }
}
