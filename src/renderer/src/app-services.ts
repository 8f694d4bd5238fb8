/** The long-lived runners bootstrap creates, reachable from features (settings, composer, outbox). */
import type { OutboxRunner } from './outbox/outbox-runner';
import type { SyncRunner } from './sync/sync-runner';

export interface AppServices {
  sync: SyncRunner;
  outbox: OutboxRunner;
  /** Re-read app info, the source list and statuses, then sync every enabled source. */
  syncAll(): Promise<void>;
}

let current: AppServices | undefined;

export function setAppServices(s: AppServices): void {
  current = s;
}

export function appServices(): AppServices | undefined {
  return current;
}
