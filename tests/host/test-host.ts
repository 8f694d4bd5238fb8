/**
 * The e2e test host. Electron cannot be downloaded on the build machines, so the renderer runs in
 * Debian's Chromium and `window.switchboard` is provided by this host: the REAL main-process
 * services (createMainServices: source manager, connectors, dispatcher with payload validation)
 * run in the test process and are reached through a Playwright binding. Product code is the same;
 * only the transport differs from Electron's IPC.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { EventContract } from '../../src/shared/ipc/contract';
import type { SourceConfig } from '../../src/shared/ipc/schemas';
import { createDispatcher } from '../../src/main/ipc/registry';
import { createFileSecretStore } from '../../src/main/secrets/secret-store';
import { createMemoryConfigStore } from '../../src/main/services/config-store';
import { createMainServices, type MainServices } from '../../src/main/services/main-services';
import type { RemoteImageOptions } from '../../src/main/services/remote-image';
import { testCipher } from './test-cipher';

export const REPO_ROOT = resolve(__dirname, '../..');

export interface HostOptions {
  sources?: SourceConfig[];
  agentName?: string;
  resourcesDir?: string;
  /** Remote-image limits (a spec serving images from a loopback server allows private networks). */
  remoteImage?: RemoteImageOptions;
}

export interface TestHost {
  services: MainServices;
  /** URLs the app asked to open in the system browser. */
  opened: string[];
  /** Every IPC call the page made, for assertions. */
  calls: { channel: string; payload: unknown }[];
  attach(page: Page): Promise<void>;
  emit<E extends keyof EventContract>(event: E, payload: EventContract[E]): void;
  dispose(): Promise<void>;
}

/** The page-side stand-in for the preload: the same API shape, backed by bindings. */
const PRELOAD_SHIM = `(() => {
  const listeners = new Map();
  window.__sbEmit = (event, payload) => { for (const l of listeners.get(event) ?? []) l(payload); };
  const api = {
    invoke: (channel, payload) => window.__sbInvoke(channel, payload === undefined ? null : payload).then((r) => JSON.parse(r)),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
  Object.defineProperty(window, 'switchboard', { value: Object.freeze(api), writable: false, configurable: false });
})();`;

export function createTestHost(opts: HostOptions = {}): TestHost {
  const pages = new Set<Page>();
  const opened: string[] = [];
  const calls: { channel: string; payload: unknown }[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-host-'));
  const emit = <E extends keyof EventContract>(event: E, payload: EventContract[E]) => {
    for (const page of pages) {
      if (!page.isClosed()) void page.evaluate(([e, p]) => (window as unknown as { __sbEmit(e: string, p: unknown): void }).__sbEmit(e, p), [event, payload] as const).catch(() => {});
    }
  };
  const services = createMainServices({
    configs: createMemoryConfigStore(opts.sources ?? []),
    secrets: createFileSecretStore(join(dataDir, 'secrets.json'), testCipher()),
    resourcesDir: opts.resourcesDir ?? process.env.SB_RESOURCES_DIR ?? join(REPO_ROOT, 'resources'),
    remoteImage: opts.remoteImage,
    version: '0.0.0-test',
    platform: process.platform,
    agentName: opts.agentName ?? 'maya',
    emit,
    openExternal: async (url) => void opened.push(url),
    log: () => {},
  });
  const dispatch = createDispatcher(services.handlers);
  let started = false;

  return {
    services,
    opened,
    calls,
    emit,
    async attach(page) {
      pages.add(page);
      await page.exposeBinding('__sbInvoke', async (_source, channel: string, payload: unknown) => {
        const p = payload === null ? undefined : payload;
        calls.push({ channel, payload: p });
        // The answer crosses as one JSON string: Playwright's own serialiser walks every value and
        // costs seconds for a 500-message batch, far more than Electron's structured clone does.
        // The IPC contract carries only JSON values (no Dates, no binary), so nothing is lost.
        return JSON.stringify(await dispatch(channel, p));
      });
      await page.addInitScript(PRELOAD_SHIM);
      // Like src/main/index.ts after the window opens: live work (IMAP IDLE, XMPP session, file
      // watch) starts for every configured source, so pushes reach the page as they would in the app.
      if (!started) {
        started = true;
        void services.sources.startAll();
      }
    },
    async dispose() {
      await services.dispose();
    },
  };
}
