/**
 * Real time: a new email delivered by SMTP (Postfix -> Dovecot LMTP) until the app shows it, via
 * the connector's IDLE -> sources:changed -> pull -> ingest -> liveQuery -> DOM. "Shows it" = the
 * queue header's conversation count changes (each message starts a new conversation; the new row
 * itself sorts to the end of "waiting longest first"). Baseline in the same run: a bare imapflow
 * IDLE session on the same INBOX hearing EXISTS.
 *
 * Chat: tests/bench/chat-latency.ts (the XMPP engineer's script) runs as a child process; its JSON
 * line is read back.
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
