/**
 * Initial email sync through the real path: the IMAP connector in the host (main services) ->
 * `sources:pull` binding -> the renderer's sync runner + ingest -> Chromium IndexedDB. Timed from
 * the first pull the page makes to the moment IndexedDB holds every message as an interaction.
 */
import type { ImapSourceConfig } from '../../src/shared/ipc/schemas';
import { lab } from '../lab/env';
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

export async function appSync(server: Server, folder: string, n: number, timeoutMs = 600_000): Promise<SyncRun> {
  const account = benchAccount([folder]);
  let first = 0;
  let mainMs = 0;
  let pulls = 0;
  const app = await openApp(server, {}, {
    prepare: async (host) => {
      await host.services.sources.save(account, lab.users[BENCH_USER].pass);
      const h = host.services.handlers as unknown as Record<string, (p: unknown) => Promise<unknown>>;
      const pull = h['sources:pull']!;
      h['sources:pull'] = async (p) => {
        const t = Date.now();
        if (!first) first = t;
        try {
          return await pull(p);
        } finally {
          mainMs += Date.now() - t;
          pulls++;
        }
      };
    },
  });
  try {
    await app.page.goto(app.url);
    try {
      const done = await waitForRows(app.page, 'interactions', n, timeoutMs);
      return { seconds: (done - first) / 1000, messages: n, mainSeconds: mainMs / 1000, pulls };
    } catch (e) {
      // Too slow to finish in time: report the rate reached so far rather than nothing.
      const m = /: (\d+) of \d+ rows after/.exec((e as Error).message);
      if (!m || !first) throw e;
      return { seconds: (Date.now() - first) / 1000, messages: Number(m[1]), mainSeconds: mainMs / 1000, pulls, partial: true };
    }
  } finally {
    await app.dispose();
  }
}
