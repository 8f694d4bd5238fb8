/** Playwright fixtures: the built renderer served locally, a test host per test, an attached page. */
import { test as base, expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import { createTestHost, REPO_ROOT, type HostOptions, type TestHost } from '../host/test-host';
import { serveStatic } from '../host/static-server';

export const SHOTS = join(REPO_ROOT, 'test-results', 'screenshots');

interface Fixtures {
  hostOptions: HostOptions;
  host: TestHost;
  app: Page;
}

export const test = base.extend<Fixtures, { server: { url: string } }>({
  server: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const s = await serveStatic(join(REPO_ROOT, 'dist-web'));
      await use(s);
      await s.close();
    },
    { scope: 'worker' },
  ],
  hostOptions: [{}, { option: true }],
  host: async ({ hostOptions }, use) => {
    const host = createTestHost(hostOptions);
    await use(host);
    await host.dispose();
  },
  app: async ({ page, host, server }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await host.attach(page);
    await page.goto(server.url);
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
export type { Page };

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
