/**
 * Search e2e on the demo workspace: `/` opens search, results come grouped by customer with
 * highlighted snippets, arrows + Enter open the customer at that item, text in another script
 * (Japanese) finds its message, filters show as chips with clear messages for bad values, and the
 * command palette opens search too.
 */
import type { Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';

/** Resolves when ingest has indexed the whole demo workspace (counted in the page's IndexedDB). */
async function indexed(page: Page) {
  await expect(page.locator('.queue-list [role=option]').first()).toBeVisible();
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const req = indexedDB.open('switchboard');
              req.onsuccess = () => {
                const db = req.result;
                if (!db.objectStoreNames.contains('searchDocs')) return resolve(0);
                // Index segments: count the docs they hold.
                const rows = db.transaction('searchDocs').objectStore('searchDocs').getAll();
                rows.onsuccess = () => {
                  resolve((rows.result as { ids?: string[] }[]).reduce((n, r) => n + (r.ids?.length ?? 0), 0));
                  db.close();
                };
              };
              req.onerror = () => resolve(0);
            }),
        ),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(250);
}

test('"/" then type: results grouped by customer, Enter opens the customer at that item', async ({ app }) => {
  await indexed(app);
  await app.keyboard.press('/');
  const dialog = app.getByRole('dialog', { name: 'Search' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Search' })).toBeFocused();
  await shot(app, 'search-01-empty');

  await app.keyboard.type('invoice', { delay: 30 });
  const groups = dialog.locator('.search-group');
  await expect(groups.nth(1)).toBeVisible();
  expect(await groups.count()).toBeGreaterThan(1);
  // Every hit highlights what matched; prefix matching shows "invoices" too.
  const marks = await dialog.locator('.search-hit mark').allInnerTexts();
  expect(marks.length).toBeGreaterThan(3);
  for (const m of marks) expect(m.toLowerCase()).toMatch(/^invoice/);
  // Customers are distinct groups.
  const customers = await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-customer')));
  expect(new Set(customers).size).toBe(customers.length);
  await shot(app, 'search-02-results');

  // Arrow to the third hit and open it.
  const options = dialog.getByRole('option');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  const chosen = options.nth(2);
  await expect(chosen).toHaveAttribute('aria-selected', 'true');
  const itemId = await chosen.getAttribute('data-item');
  const customerId = await chosen.evaluate((el) => el.closest('.search-group')!.getAttribute('data-customer'));
  expect(itemId).toBeTruthy();
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(app.locator('.timeline')).toHaveAttribute('data-customer', customerId!);
  const item = app.locator(`.timeline [data-item="${itemId}"]`);
  await expect(item).toBeVisible();
  await expect(item).toBeInViewport();
  await expect(item).toHaveAttribute('data-search-hit', 'true');
  await shot(app, 'search-03-opened-at-item');
});

test('text in another script finds its message (Japanese)', async ({ app }) => {
  await indexed(app);
  await app.keyboard.press('/');
  const dialog = app.getByRole('dialog', { name: 'Search' });
  await app.keyboard.type('登録番号');
  const hit = dialog.locator('.search-hit').first();
  await expect(hit).toBeVisible();
  await expect(dialog.locator('.search-group').first().locator('.search-group-head, .search-customer-name')).toContainText('田中');
  await expect(hit.locator('mark').first()).toHaveText(/登録|番号|登録番号/);
  await shot(app, 'search-04-japanese');
  await app.keyboard.press('Enter');
  await expect(app.locator('.timeline h1')).toContainText('田中');
  await expect(app.locator('.timeline [data-search-hit]')).toHaveAttribute('data-item', /^demo:email:yuki-tanaka-registration-number/);
});

test('filters show as chips; a bad value is explained and the rest of the query still runs', async ({ app }) => {
  await indexed(app);
  await app.keyboard.press('/');
  const dialog = app.getByRole('dialog', { name: 'Search' });
  await app.keyboard.type('channel:chat before:notadate thanks');
  await expect(dialog.locator('.filter-chip')).toHaveCount(2);
  await expect(dialog.locator('.filter-chip.bad')).toContainText('before:notadate');
  await expect(dialog.locator('.search-error').first()).toContainText('before: expects a date');
  await expect(dialog.locator('.search-hit').first()).toBeVisible();
  const channels = await dialog.locator('.search-hit').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-channel')))]);
  expect(channels).toEqual(['chat']);
  await shot(app, 'search-05-filters');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('search is in the command palette', async ({ app }) => {
  await indexed(app);
  await app.keyboard.press('Control+k');
  await app.keyboard.type('search every');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog', { name: 'Search' })).toBeVisible();
});
