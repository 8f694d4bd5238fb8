/**
 * One agent's console for integration tests, without a window: the REAL main services (source
 * manager, imap connector, team log, dispatcher with payload validation) reached through an
 * in-process SwitchboardApi, and the renderer's real runners (mail sync + ingest, outbox, team
 * sync) on a fake-indexeddb database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventContract, SwitchboardApi } from '../../../src/shared/ipc/contract';
import type { ImapSourceConfig } from '../../../src/shared/ipc/schemas';
import { createDispatcher } from '../../../src/main/ipc/registry';
import { createFileSecretStore } from '../../../src/main/secrets/secret-store';
import { createMemoryConfigStore } from '../../../src/main/services/config-store';
import { createMainServices, type MainServices } from '../../../src/main/services/main-services';
import { openDb, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { createOutboxRunner, type OutboxRunner } from '../../../src/renderer/src/outbox/outbox-runner';
import { createSyncRunner, type SyncRunner } from '../../../src/renderer/src/sync/sync-runner';
import { createTeamSync, type TeamSync, type TeamSyncState } from '../../../src/renderer/src/team/team-sync';
import { testCipher } from '../../host/test-cipher';
import { lab, type LabMailUser } from '../../lab/env';

export interface TeamConsole {
  user: LabMailUser;
  config: ImapSourceConfig;
  services: MainServices;
  api: SwitchboardApi;
  db: SwitchboardDb;
  mail: SyncRunner;
  outbox: OutboxRunner;
  team: TeamSync;
  states: TeamSyncState[];
  /** Resolves at the first team-sync state (from now on) that satisfies `pred`. */
  until(pred: (s: TeamSyncState) => boolean, timeoutMs?: number): Promise<TeamSyncState>;
  close(): Promise<void>;
}

export async function openConsole(user: LabMailUser, config: ImapSourceConfig, dbName: string): Promise<TeamConsole> {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const emit = <E extends keyof EventContract>(event: E, payload: EventContract[E]) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
  const services = createMainServices({
    configs: createMemoryConfigStore([]),
    secrets: createFileSecretStore(join(mkdtempSync(join(tmpdir(), 'sb-team-')), 'secrets.json'), testCipher()),
    resourcesDir: '',
    version: 'test',
    platform: process.platform,
    agentName: user,
    emit,
    openExternal: async () => {},
    log: () => {},
  });
  const dispatch = createDispatcher(services.handlers);
  const api: SwitchboardApi = {
    invoke: (channel, payload) => dispatch(channel, payload) as never,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
  };
  await services.sources.save(config, lab.users[user].pass);
  const db = openDb(dbName);
  await db.open();
  const mail = createSyncRunner(db, api);
  const outbox = createOutboxRunner(db, api, { backoff: { baseMs: 200, maxMs: 1_000 } });
  const states: TeamSyncState[] = [];
  const waiters: Array<{ pred: (s: TeamSyncState) => boolean; resolve: (s: TeamSyncState) => void }> = [];
  const team = createTeamSync(db, api, {
    sourceId: config.id,
    author: user,
    backoff: { baseMs: 200, maxMs: 1_000, jitter: 0 },
    onState(s) {
      states.push(s);
      for (const w of waiters.splice(0)) {
        if (w.pred(s)) w.resolve(s);
        else waiters.push(w);
      }
    },
  });
  return {
    user, config, services, api, db, mail, outbox, team, states,
    until(pred, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`${user}: team sync never reached the expected state; states: ${JSON.stringify(states.map((s) => [s.state, s.pending, s.message]))}`)), timeoutMs);
        waiters.push({ pred, resolve: (s) => (clearTimeout(t), resolve(s)) });
      });
    },
    async close() {
      team.dispose();
      outbox.dispose();
      mail.dispose();
      await services.dispose();
      db.close();
    },
  };
}
