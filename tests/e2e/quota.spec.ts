/**
 * IndexedDB quota pressure during a real sync (Chromium's own quota, Dovecot's messages): the
 * origin's storage quota is cut below one batch with CDP (Storage.overrideQuotaForOrigin), so the
 * batch's transaction fails inside Chromium's IndexedDB. The agent reads a clear message, nothing
 * of the batch is stored (no interaction, no cursor), and once space is back the runner retries by
 * itself: every message stored exactly once, no key pressed.
 */
import { randomUUID } from 'node:crypto';
import { ensureLab, lab } from '../lab/env';
import { expect, shot, test, type Page } from './fixtures';
import { dropFolder, labAccount, labImap } from './lab-mail';

const AGENT = lab.users.user6;
const FOLDER = `E2E/quota-${randomUUID().slice(0, 8)}`;
const TOTAL = 120;

const account = labAccount(AGENT, { id: 'quota', label: 'Support (quota)', folders: [FOLDER] });
const imap = () => labImap(AGENT);

/** Long enough bodies that one batch needs far more than the cut quota. */
function message(i: number): string {
  return [
    `From: Customer ${i % 12} <quota${i % 12}@example.com>`,
    `To: ${AGENT.email}`,
    `Subject: Quota check ${i}`,
    `Date: ${new Date(Date.UTC(2026, 0, 1) + i * 60_000).toUTCString()}`,
    `Message-ID: <quota-${i}@example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Message ${i}. ${'The parcel has not arrived and the tracking page shows nothing. '.repeat(60)}`,
    '',
  ].join('\r\n');
}

test.beforeAll(async () => {
  ensureLab(['mail']);
  const client = await imap();
  try {
    await client.mailboxCreate(FOLDER);
    for (let i = 0; i < TOTAL; i++) await client.append(FOLDER, message(i), ['\\Seen']);
  } finally {
    await client.logout();
  }
});

test.afterAll(() => dropFolder(AGENT, FOLDER));

test.use({ hostOptions: { sources: [account], agentName: 'maya' } });

/** Straight from IndexedDB (no app code): interactions of this source and its cursor. */
function stored(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ interactions: number; cursor: boolean }>((resolve, reject) => {
        const req = indexedDB.open('switchboard');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['interactions', 'cursors'], 'readonly');
          const out = { interactions: 0, cursor: false };
          tx.objectStore('interactions').index('sourceId').count('quota').onsuccess = (e) => (out.interactions = (e.target as IDBRequest<number>).result);
          tx.objectStore('cursors').get('quota').onsuccess = (e) => (out.cursor = (e.target as IDBRequest<unknown>).result !== undefined);
          tx.oncomplete = () => {
            db.close();
            resolve(out);
          };
        };
      }),
  );
}

test('a full disk during sync: a clear message, no partial batch, and the sync resumes by itself', async ({ app, host }) => {
  test.setTimeout(120_000);
  const origin = new URL(app.url()).origin;
  const cdp = await app.context().newCDPSession(app);
  // The page is open and its database created; from now on this origin may store almost nothing.
  await expect(app.locator('.queue')).toBeVisible();
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 64 * 1024 });
  await host.services.sources.save(account, AGENT.pass);
  await app.evaluate(() => (window as unknown as { __sbEmit(e: string, p: unknown): void }).__sbEmit('sources:changed', { sourceId: 'quota' }));

  const toast = app.locator('.toast', { hasText: 'local cache is full' });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await shot(app, 'quota-full');
  // Nothing of the refused batch is in the database: not one message, no cursor.
  expect(await stored(app)).toEqual({ interactions: 0, cursor: false });

  // Space is back: the runner's own retry stores everything, exactly once.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await expect.poll(async () => (await stored(app)).interactions, { timeout: 60_000, intervals: [250] }).toBe(TOTAL);
  expect(await stored(app)).toEqual({ interactions: TOTAL, cursor: true });
  await expect(app.locator('.queue-list [role=option]', { hasText: 'Quota check' }).first()).toBeVisible();
  await shot(app, 'quota-resumed');
});
