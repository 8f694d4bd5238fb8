/**
 * Crash safety of sync: the renderer's real sync loop (imap connector pull in the test host's main
 * services + ingestBatch into the browser's IndexedDB) is killed with SIGKILL at random moments of
 * a 5,000-message sync and restarted on the same Chromium profile ten times. At the end every
 * message is stored exactly once: 5,000 interactions, 1,000 conversations of exactly 5 messages
 * (a replayed batch that was counted twice would show 6), 100 customers.
 *
 * Why Chromium and not fake-indexeddb: fake-indexeddb lives in the test process's memory, so
 * killing a process that holds it proves nothing. Chromium keeps IndexedDB in LevelDB files in
 * its user-data-dir; the test starts the browser itself (it owns the pid), kills exactly that pid
 * and starts a new browser on the same directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { ImapFlow } from 'imapflow';
import type { ImapSourceConfig } from '../../src/shared/ipc/schemas';
import { createTestHost, REPO_ROOT, type TestHost } from '../host/test-host';
import { serveStatic } from '../host/static-server';
import { ensureLab, lab } from '../lab/env';
import { CHROMIUM_ARGS } from '../host/chromium';

const USER = 'user7' as const;
const FOLDER = 'it-kill-5000-v2'; // bump when message() changes: an existing folder of TOTAL messages is reused
const TOTAL = 5000;
const PER_THREAD = 5;
const CUSTOMERS = 100;
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/lib/chromium/chromium';

function message(i: number): string {
  const root = i - (i % PER_THREAD);
  const reply = i % PER_THREAD !== 0;
  const who = (root / PER_THREAD) % CUSTOMERS;
  return [
    `From: Customer ${who} <customer${who}@example.com>`,
    'To: support@localhost',
    `Subject: ${reply ? 'Re: ' : ''}Order ${root}`,
    `Date: ${new Date(Date.UTC(2025, 0, 1) + i * 60_000).toUTCString()}`,
    `Message-ID: <kill-${i}@example.com>`,
    ...(reply ? [`In-Reply-To: <kill-${root}@example.com>`, `References: <kill-${root}@example.com>`] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Message ${i} about order ${root}.`,
    '',
  ].join('\r\n');
}

async function seed() {
  const c = new ImapFlow({ ...lab.imap, doSTARTTLS: false, auth: { user: USER, pass: lab.users[USER].pass }, logger: false });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.mailboxCreate(FOLDER).catch(() => {});
    const st = await c.status(FOLDER, { messages: true });
    if (st && st.messages === TOTAL) return;
    if (st && st.messages) {
      await c.mailboxDelete(FOLDER);
      await c.mailboxCreate(FOLDER);
    }
    for (let i = 0; i < TOTAL; i++) await c.append(FOLDER, message(i), ['\\Seen']);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

/** A Chromium this test owns: started on `profile`, reached over CDP, killed by its own pid. */
async function startChromium(profile: string): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(CHROMIUM, ['--headless=new', ...CHROMIUM_ARGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`chromium did not start: ${buf.slice(-500)}`)), 30_000);
    proc.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buf);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${buf.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  return { proc, browser };
}

/** Counts straight from IndexedDB, as stored (no app code involved). */
function countStored(page: Page) {
  return page.evaluate(async () => {
    const empty = { interactions: 0, threads: 0, customers: 0, threadCounts: [] as number[] };
    // Never create the database from here (the app must create it with its schema).
    if (!(await indexedDB.databases()).some((d) => d.name === 'switchboard')) return empty;
    return new Promise<typeof empty>((resolve, reject) => {
      const req = indexedDB.open('switchboard');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['interactions', 'threads', 'customers'], 'readonly');
        const out = { ...empty };
        tx.objectStore('interactions').count().onsuccess = (e) => (out.interactions = (e.target as IDBRequest<number>).result);
        tx.objectStore('customers').count().onsuccess = (e) => (out.customers = (e.target as IDBRequest<number>).result);
        tx.objectStore('threads').getAll().onsuccess = (e) => {
          const rows = (e.target as IDBRequest<Array<{ count: number }>>).result;
          out.threads = rows.length;
          out.threadCounts = [...new Set(rows.map((r) => r.count))];
        };
        tx.oncomplete = () => {
          db.close();
          resolve(out);
        };
      };
    });
  });
}

test.describe.configure({ timeout: 15 * 60_000 });

test('SIGKILL at random points of a 5,000-message sync, ten restarts: every message exactly once', async () => {
  ensureLab(['mail']);
  await seed();
  const config: ImapSourceConfig = {
    kind: 'imap', id: 'kill-mail', label: 'Kill test', enabled: true, displayName: 'Support', email: `${USER}@localhost`, user: USER,
    imap: { host: lab.host, port: lab.imap.port, security: 'starttls' }, smtp: { host: lab.host, port: lab.smtp.port, security: 'starttls' },
    allowPlain: false, allowSelfSigned: true, folders: [FOLDER], sentFolder: 'Sent', signature: '', teamAddresses: [], teamFolder: '',
  };
  // SB_WEB_DIR: a private renderer build (dist-web is rebuilt by other suites while this long test runs).
  const webDir = process.env.SB_WEB_DIR ?? join(REPO_ROOT, 'dist-web');
  const server = await serveStatic(webDir);
  const probeAsset = readdirSync(join(webDir, 'assets')).find((f) => f.endsWith('.css'))!;
  const profile = mkdtempSync(join(tmpdir(), 'sb-kill-'));
  let host: TestHost | undefined;
  let current: { proc: ChildProcess; browser: Browser } | undefined;
  const seen: number[] = [];
  // A deterministic "random" schedule, printed so a failure can be replayed.
  let s = Number(process.env.SB_KILL_SEED ?? Date.now() % 100_000);
  console.log(`kill schedule seed ${s}`);
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  const open = async () => {
    host = createTestHost({ sources: [config], agentName: 'maya' });
    await host.services.sources.save(config, lab.users[USER].pass);
    current = await startChromium(profile);
    const context = current.browser.contexts()[0]!;
    const page = await context.newPage();
    await host.attach(page);
    await page.goto(server.url);
    return page;
  };

  try {
    for (let round = 0; round < 10; round++) {
      const page = await open();
      // Wait until the sync has committed something new (so every round makes progress), then a
      // random while more (the kill lands mid-pull, mid-transaction or just after a commit).
      // Once everything is stored (a fast machine can finish before the tenth kill), the remaining
      // rounds kill an app that is idling on IDLE and check that a restart adds nothing.
      const before = seen.at(-1) ?? 0;
      if (before < TOTAL) {
        await expect.poll(async () => (await countStored(page)).interactions, { timeout: 120_000, intervals: [100] }).toBeGreaterThan(before);
      }
      await page.waitForTimeout(Math.floor(rnd() * 1_500));
      current!.proc.kill('SIGKILL');
      await new Promise<void>((r) => (current!.proc.exitCode !== null ? r() : current!.proc.once('exit', () => r())));
      await current!.browser.close().catch(() => {});
      await host!.dispose();
      // What survived the kill, read by a fresh browser before the app runs again.
      const probe = await startChromium(profile);
      const p = await probe.browser.contexts()[0]!.newPage();
      // A static asset of the same origin: IndexedDB is reachable, the app does not start.
      await p.goto(`${server.url}assets/${probeAsset}`);
      const stored = await countStored(p).catch(() => undefined);
      seen.push(stored?.interactions ?? 0);
      probe.proc.kill('SIGKILL');
      await new Promise<void>((r) => (probe.proc.exitCode !== null ? r() : probe.proc.once('exit', () => r())));
      await probe.browser.close().catch(() => {});
    }
    console.log(`interactions stored after each kill: ${seen.join(', ')}`);
    // Progress is never lost: what was committed stays committed.
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]!);

    // The eleventh run finishes the sync.
    const page = await open();
    await expect.poll(async () => (await countStored(page)).interactions, { timeout: 180_000, intervals: [500] }).toBe(TOTAL);
    await host!.services.sources.connector(config.id); // still alive
    const final = await countStored(page);
    expect(final).toEqual({ interactions: TOTAL, threads: TOTAL / PER_THREAD, customers: CUSTOMERS, threadCounts: [PER_THREAD] });
  } finally {
    if (current && current.proc.exitCode === null) current.proc.kill('SIGKILL');
    await current?.browser.close().catch(() => {});
    await host?.dispose();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
