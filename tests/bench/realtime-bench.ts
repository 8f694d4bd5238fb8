/**
 * Real time: a new email delivered by SMTP (Postfix -> Dovecot LMTP) until the app shows it, via
 * the connector's IDLE -> sources:changed -> pull -> ingest -> liveQuery -> DOM. "Shows it" = the
 * queue header's conversation count changes (each message starts a new conversation; the new row
 * itself sorts to the end of "waiting longest first"). Baseline in the same run: a bare imapflow
 * IDLE session on the same INBOX hearing EXISTS.
 *
 * Chat: `chatPushBench` below (customer message -> the app's IndexedDB, in Chromium), and
 * tests/bench/chat-latency.ts (to the connector's event, no browser) as a child process.
 */
import { execFile } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { lab } from '../lab/env';
import { REPO_ROOT } from '../host/test-host';
import { openApp, type Server } from './browser';
import { BENCH_USER, folderCount } from './mail-data';
import { summarise, type Summary } from './stats';
import { benchAccount } from './sync-bench';
import { chatConfig, LabClient, SUPPORT, uid } from '../integration/chat/chat-lab';

export async function emailPushBench(server: Server, count: number, log: (line: string) => void): Promise<{ app: Summary; baseline: Summary }> {
  const u = lab.users[BENCH_USER];
  const account = benchAccount(['INBOX'], 'bench-push');
  const app = await openApp(server, {}, { prepare: (host) => host.services.sources.save(account, u.pass).then(() => undefined) });
  const idle = new ImapFlow({ host: lab.host, port: lab.imap.port, secure: false, doSTARTTLS: false, auth: { user: u.user, pass: u.pass }, logger: false });
  idle.on('error', () => {});
  const smtp = createTransport({ host: lab.host, port: lab.smtp.port, secure: false, ignoreTLS: true });
  const appMs: number[] = [];
  const baseMs: number[] = [];
  try {
    const before = folderCount('INBOX');
    await app.page.goto(app.url);
    await app.host.services.sources.startAll();
    // Initial sync of whatever INBOX already holds, then the header shows the count.
    await app.page.waitForFunction(
      (n) => {
        const el = document.querySelector('[data-testid="queue-count"]');
        return !!el && /\d/.test(el.textContent ?? '') && (n === 0 || !(el.textContent ?? '').startsWith('0 '));
      },
      before,
      { timeout: 300_000 },
    );
    await idle.connect();
    await idle.mailboxOpen('INBOX');
    let onExists: (() => void) | undefined;
    idle.on('exists', () => onExists?.());
    const run = Date.now().toString(36);
    for (let i = -2; i < count; i++) {
      const text = await app.page.evaluate(() => document.querySelector('[data-testid="queue-count"]')?.textContent ?? '');
      const shown = app.page.waitForFunction(
        (prev) => {
          const now = document.querySelector('[data-testid="queue-count"]')?.textContent ?? '';
          return now !== prev && /^\d/.test(now) ? performance.timeOrigin + performance.now() : false;
        },
        text,
        { timeout: 30_000, polling: 'raf' },
      );
      const heard = new Promise<number>((resolve) => (onExists = () => resolve(Date.now())));
      const t0 = Date.now();
      await smtp.sendMail({
        from: '"Push Bench" <customer@localhost>',
        to: u.email,
        subject: `Push bench ${run} #${i} ${Math.random().toString(36).slice(2, 8)}`,
        text: 'A new message for the real-time benchmark.',
      });
      const [shownAt, heardAt] = await Promise.all([shown.then((h) => h.jsonValue() as Promise<number>), heard]);
      if (i >= 0) {
        appMs.push(shownAt - t0);
        baseMs.push(heardAt - t0);
      }
    }
    log(`  email push: ${count} messages`);
    return { app: summarise(appMs), baseline: summarise(baseMs) };
  } finally {
    smtp.close();
    await idle.logout().catch(() => idle.close());
    await app.dispose();
  }
}

export interface ChatLatency {
  consoleP50Ms: number;
  consoleP95Ms: number;
  baselineP50Ms: number;
  baselineP95Ms: number;
  messages: number;
}

/** Runs tests/bench/chat-latency.ts and returns its JSON result line. */
export function chatLatency(count: number): Promise<ChatLatency> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'tests/bench/chat-latency.ts', String(count)],
      { cwd: REPO_ROOT, timeout: 300_000, env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } },
      (err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{"bench":"chat-latency"'));
        if (line) return resolve(JSON.parse(line) as ChatLatency);
        reject(new Error(`chat-latency.ts gave no result: ${err?.message ?? ''} ${stderr.slice(-500)}`));
      },
    );
  });
}

/**
 * Chat in the app: a customer's message (a lab XMPP client) until the app's IndexedDB holds it,
 * through the real path: Prosody -> the XMPP connector in the host's main services ->
 * 'sources:records' -> the page's sync runner -> ingestBatch -> Chromium IndexedDB (committed, so
 * every view's live query sees it). The figure is the commit time of the transaction that stored
 * the message (a bench-only probe on IDBDatabase.transaction; the row count is checked with the
 * bench's own connection after each commit). Baseline in the same run: the same message reaching a
 * bare XMPP client of the team account (server routing + network).
 */
export async function chatPushBench(server: Server, count: number, log: (line: string) => void): Promise<{ app: Summary; baseline: Summary }> {
  const run = uid();
  const sourceId = 'bench-chat';
  const config = chatConfig(`bench-app-${run}`, { id: sourceId, label: 'Bench chat' });
  const app = await openApp(server, {}, { prepare: (host) => host.services.sources.save(config, SUPPORT.pass).then(() => undefined) });
  const customer = new LabClient('customer', `bench-cust-${run}`);
  const baseline = new LabClient('support', `bench-raw-${run}`);
  const appMs: number[] = [];
  const baseMs: number[] = [];
  try {
    // Bench-only probe: the time each read-write transaction over `interactions` commits.
    await app.page.addInitScript(() => {
      const w = window as unknown as { __commits: ((at: number) => void)[] };
      w.__commits = [];
      const tx = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof tx>) {
        const t = tx.apply(this, args);
        const names = typeof args[0] === 'string' ? [args[0]] : [...args[0]];
        if (args[1] === 'readwrite' && names.includes('interactions')) {
          t.addEventListener('complete', () => {
            const at = performance.timeOrigin + performance.now();
            for (const f of w.__commits.splice(0)) f(at);
          });
        }
        return t;
      } as typeof tx;
    });
    await app.page.goto(app.url);
    await app.host.services.sources.startAll();
    await app.page.waitForSelector(`[data-source="${sourceId}"][data-state="online"]`, { timeout: 60_000 });
    await Promise.all([customer.start(), baseline.start(1)]);
    // One connection of the bench's own, opened after the app created the database.
    await app.page.evaluate(async () => {
      const w = window as unknown as { __benchDb?: IDBDatabase };
      w.__benchDb = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('switchboard');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    });
    /** The commit time of the transaction after which the source has at least n rows. */
    const stored = (n: number) =>
      app.page.evaluate(
        async ([src, n]) => {
          const w = window as unknown as { __benchDb: IDBDatabase; __commits: ((at: number) => void)[] };
          const countNow = () =>
            new Promise<number>((resolve, reject) => {
              const req = w.__benchDb.transaction('interactions', 'readonly').objectStore('interactions').index('sourceId').count(src);
              req.onsuccess = () => resolve(req.result);
              req.onerror = () => reject(req.error);
            });
          const first = await countNow();
          if (first >= n) return { at: performance.timeOrigin + performance.now(), count: first };
          const deadline = performance.now() + 30_000;
          for (;;) {
            const at = await new Promise<number>((resolve, reject) => {
              w.__commits.push(resolve);
              setTimeout(() => reject(new Error(`chat: fewer than ${n} rows after 30 s`)), Math.max(0, deadline - performance.now()));
            });
            const c = await countNow();
            if (c >= n) return { at, count: c };
          }
        },
        [sourceId, n] as const,
      );
    // The archive catch-up (MAM) of earlier runs' messages: wait until the count stops moving.
    let settled = await stored(0);
    for (let same = 0; same < 10; ) {
      await new Promise((r) => setTimeout(r, 200));
      const now = await stored(0);
      same = now.count === settled.count ? same + 1 : 0;
      settled = now;
    }
    let have = settled.count;
    let onBody: ((body: string) => void) | undefined;
    baseline.client.entity.on('stanza', (s: { is(n: string): boolean; getChildText(n: string): string | null }) => {
      const body = s.is('message') ? s.getChildText('body') : null;
      if (body) onBody?.(body);
    });
    for (let i = -10; i < count; i++) {
      const body = `chat bench ${run} #${i}`;
      const heard = new Promise<number>((resolve) => (onBody = (b) => b === body && resolve(Date.now())));
      const shown = stored(have + 1);
      const t0 = Date.now();
      await customer.say(body);
      const [s, heardAt] = await Promise.all([shown, heard]);
      have = s.count;
      if (i >= 0) {
        appMs.push(s.at - t0);
        baseMs.push(heardAt - t0);
      }
    }
    log(`  chat: ${count} messages, customer -> app IndexedDB`);
    return { app: summarise(appMs), baseline: summarise(baseMs) };
  } finally {
    await Promise.all([customer.stop(), baseline.stop()]).catch(() => {});
    await app.dispose();
  }
}
