/**
 * The app as the benchmarks drive it: the built renderer (dist-web) in Debian's Chromium with an
 * on-disk profile (IndexedDB on disk, like the desktop app), and `window.switchboard` backed by
 * the e2e test host, i.e. the real main services in this process.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createTestHost, REPO_ROOT, type HostOptions, type TestHost } from '../host/test-host';
import { serveStatic } from '../host/static-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../host/chromium';

export const CHROMIUM = CHROMIUM_PATH;
/** The bench's own build of the renderer (not dist-web, which e2e runs may rebuild meanwhile). */
export const BENCH_WEB = process.env.SB_BENCH_WEB ?? join(tmpdir(), 'switchboard-bench-web');

/** Builds the renderer (same vite config as dist-web) unless told to reuse the last build. */
export function buildWeb(log: (line: string) => void, reuse: boolean): void {
  if (reuse && existsSync(join(BENCH_WEB, 'index.html'))) {
    log(`reusing the renderer build in ${BENCH_WEB} (${statSync(join(BENCH_WEB, 'index.html')).mtime.toISOString()})`);
    return;
  }
  const t0 = performance.now();
  execFileSync('npx', ['vite', 'build', '--config', 'tests/host/vite.renderer.config.ts', '--outDir', BENCH_WEB, '--emptyOutDir'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  log(`built the renderer into ${BENCH_WEB} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

export interface AppSession {
  context: BrowserContext;
  page: Page;
  host: TestHost;
  profileDir: string;
  url: string;
  /** Closes the page and browser; the profile directory is kept until `dispose`. */
  closeBrowser(): Promise<void>;
  dispose(): Promise<void>;
}

export interface Server {
  url: string;
  close(): Promise<void>;
}

export function startServer(dir = BENCH_WEB): Promise<Server> {
  return serveStatic(dir);
}

export async function launch(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
    args: [
      ...CHROMIUM_ARGS,
      '--disable-dev-shm-usage',
      '--enable-precise-memory-info',
      '--js-flags=--expose-gc',
    ],
  });
}

/**
 * A host with `hostOptions`, a browser on a (new or given) profile, the page attached but not yet
 * navigated: call `page.goto(url)` when the clock should start. `prepare` runs on the host first
 * (e.g. save an account with its password).
 */
export async function openApp(
  server: Server,
  hostOptions: HostOptions,
  opts: { profileDir?: string; prepare?: (host: TestHost) => Promise<void> } = {},
): Promise<AppSession> {
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'sb-bench-profile-'));
  const host = createTestHost(hostOptions);
  await opts.prepare?.(host);
  const context = await launch(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await host.attach(page);
  // tsx compiles this file with esbuild's keepNames: functions passed to page.evaluate call __name.
  await page.addInitScript('globalThis.__name = globalThis.__name || ((f) => f);');
  let browserOpen = true;
  const closeBrowser = async () => {
    if (!browserOpen) return;
    browserOpen = false;
    await context.close().catch(() => {});
  };
  return {
    context,
    page,
    host,
    profileDir,
    url: server.url,
    closeBrowser,
    async dispose() {
      await closeBrowser();
      await host.dispose().catch(() => {});
      if (!opts.profileDir) rmSync(profileDir, { recursive: true, force: true });
      if (errors.length) console.warn(`  (page errors: ${errors.slice(0, 3).join(' | ')})`);
    },
  };
}

/**
 * Page-side: resolves with the epoch ms (performance.timeOrigin + now) at which the app's
 * IndexedDB `store` first holds at least `n` rows. Opens its own short-lived connection per poll,
 * and only once Dexie has created the database (opening it earlier would create an empty one).
 */
export async function waitForRows(page: Page, store: string, n: number, timeoutMs = 600_000, pollMs = 20): Promise<number> {
  return page.evaluate(
    async ([store, n, timeoutMs, pollMs]) => {
      const count = async (): Promise<number> => {
        const dbs = await indexedDB.databases();
        if (!dbs.some((d) => d.name === 'switchboard')) return 0;
        return new Promise<number>((resolve) => {
          const r = indexedDB.open('switchboard');
          r.onsuccess = () => {
            const db = r.result;
            try {
              const c = db.transaction(store, 'readonly').objectStore(store).count();
              c.onsuccess = () => {
                db.close();
                resolve(c.result);
              };
              c.onerror = () => {
                db.close();
                resolve(0);
              };
            } catch {
              db.close();
              resolve(0);
            }
          };
          r.onerror = () => resolve(0);
          r.onblocked = () => resolve(0);
        });
      };
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const c = await count();
        if (c >= n) return performance.timeOrigin + performance.now();
        if (performance.now() > deadline) throw new Error(`${store}: ${c} of ${n} rows after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
    [store, n, timeoutMs, pollMs] as const,
  );
}
