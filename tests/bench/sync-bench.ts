/**
 * Initial email sync through the real path: the IMAP connector in the host (main services) ->
 * `sources:pull` binding -> the renderer's sync runner + ingest -> Chromium IndexedDB. Timed from
 * the first pull the page makes to the moment IndexedDB holds every message as an interaction.
 */
import type { ImapSourceConfig } from '../../src/shared/ipc/schemas';
import { lab } from '../lab/env';
import type { TestHost } from '../host/test-host';
import { openApp, waitForRows, type Server } from './browser';
import { BENCH_USER } from './mail-data';

export function benchAccount(folders: string[], id = 'bench-mail'): ImapSourceConfig {
  const u = lab.users[BENCH_USER];
  return {
    kind: 'imap',
    id,
    label: 'Bench mailbox',
    enabled: true,
    displayName: 'Bench',
    email: u.email,
    user: u.user,
    // Plain IMAP on loopback, like the mbsync and imapflow baselines.
    imap: { host: lab.host, port: lab.imap.port, security: 'plain' },
    smtp: { host: lab.host, port: lab.smtp.port, security: 'plain' },
    allowPlain: true,
    allowSelfSigned: true,
    folders,
    sentFolder: 'Sent',
    signature: '',
    teamAddresses: ['support@localhost'],
    teamFolder: '',
  };
}

export interface SyncRun {
  seconds: number;
  messages: number;
  /** Time spent inside `sources:pull` in main (network + parsing), summed over pulls. */
  mainSeconds: number;
  pulls: number;
  /** Stopped at the time limit: `messages` is how many were stored by then. */
  partial?: boolean;
}

/** Wraps the host's `sources:pull` handler to time the pulls (main side: network + parsing). */
export function timePulls(host: TestHost): { first: number; mainMs: number; pulls: number } {
  const t = { first: 0, mainMs: 0, pulls: 0 };
  const h = host.services.handlers as unknown as Record<string, (p: unknown) => Promise<unknown>>;
  const pull = h['sources:pull']!;
  h['sources:pull'] = async (p) => {
    const start = Date.now();
    if (!t.first) t.first = start;
    try {
      return await pull(p);
    } finally {
      t.mainMs += Date.now() - start;
      t.pulls++;
    }
  };
  return t;
}

/** Opens the app with the bench account on `folder` saved (password included), pulls timed. */
export async function openSyncApp(server: Server, folder: string) {
  let timing = { first: 0, mainMs: 0, pulls: 0 };
  const app = await openApp(server, {}, {
    prepare: async (host) => {
      await host.services.sources.save(benchAccount([folder]), lab.users[BENCH_USER].pass);
      timing = timePulls(host);
    },
  });
  return { app, timing: () => timing };
}

export async function appSync(server: Server, folder: string, n: number, timeoutMs = 600_000): Promise<SyncRun> {
  const { app, timing } = await openSyncApp(server, folder);
  try {
    await app.page.goto(app.url);
    const t = timing();
    try {
      const done = await waitForRows(app.page, 'interactions', n, timeoutMs);
      return { seconds: (done - t.first) / 1000, messages: n, mainSeconds: t.mainMs / 1000, pulls: t.pulls };
    } catch (e) {
      // Too slow to finish in time: report the rate reached so far rather than nothing.
      const m = /: (\d+) of \d+ rows after/.exec((e as Error).message);
      if (!m || !t.first) throw e;
      return { seconds: (Date.now() - t.first) / 1000, messages: Number(m[1]), mainSeconds: t.mainMs / 1000, pulls: t.pulls, partial: true };
    }
  } finally {
    await app.dispose();
  }
}
