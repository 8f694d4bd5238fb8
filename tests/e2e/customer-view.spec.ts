/**
 * Customer view e2e (Chromium, real main services behind the test host):
 *  - merge two customers from a suggestion by keyboard, see it on the timeline, undo it;
 *  - a handoff note written by agent maya is pinned, and agent tom (a second page on the same
 *    local database, started with another agentName) sees it pinned and acknowledges it;
 *  - a generated large workspace: the queue and the timeline are virtualised, j/k and opening a
 *    customer work at that size; merge (found by search) then undo, a pinned handoff note, every
 *    queue and the ten-conversation triage flow work there too.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { createTestHost } from '../host/test-host';
import { writeLargeDemoWorkspace } from '../fixtures/large-workspace';
import { expect, shot, test } from './fixtures';
import { current, everyQueue, rows, triageTen } from './flows';

/** Move the cursor (keyboard only) to the first row whose text contains `text`. */
async function cursorTo(page: Page, text: string | RegExp) {
  await page.keyboard.press('Home');
  for (let i = 0; i < 80; i++) {
    const t = (await current(page).textContent()) ?? '';
    if (typeof text === 'string' ? t.includes(text) : text.test(t)) return;
    await page.keyboard.press('j');
  }
  throw new Error(`no row with ${String(text)}`);
}

async function ready(page: Page, timeout = 60_000) {
  await expect(rows(page).first()).toBeVisible({ timeout });
  await expect(page.locator('[data-progress]')).toHaveCount(0, { timeout });
}

test('merge two customers from a suggestion by keyboard, then undo it', async ({ app }) => {
  await ready(app);
  // The demo team merged most customers' channels already; Jessica's missed call of the last hour
  // is still a customer of its own (her number is in her email signature).
  await cursorTo(app, 'Jessica Alvarez');
  await app.keyboard.press('Enter');
  const timeline = app.locator('main.timeline');
  await expect(timeline.locator('.customer-head h1')).toHaveText('Jessica Alvarez');
  const channelsBefore = await timeline.locator('.thread').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-channel')))].sort());
  // The context pane suggests, it never merges on its own.
  await expect(app.locator('.suggestions .suggestion').first()).toBeVisible();
  await shot(app, 'customer-01-suggestion');
  expect(await app.locator('.merge-event').count()).toBe(0);

  await app.keyboard.press('m');
  const dialog = app.getByRole('dialog', { name: 'Merge customers' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('[role=option]').first()).toContainText(/Same name|appears in|typed in/);
  await shot(app, 'customer-02-merge-dialog');
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(timeline.locator('.merge-event[data-kind=merge]')).toHaveCount(1);
  await expect(timeline.locator('.merge-event[data-kind=merge]')).toContainText('merged');
  const channelsAfter = await timeline.locator('.thread').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-channel')))].sort());
  expect(channelsAfter.length).toBeGreaterThan(channelsBefore.length);
  await expect(app.locator('.context [aria-label="Merge history"]')).toContainText('merge');
  await shot(app, 'customer-03-merged');

  // Undo from the keyboard: the merge stays in the history, marked undone, and the threads go back.
  await app.keyboard.press('Shift+U');
  await expect(timeline.locator('.merge-event[data-kind=undo]')).toHaveCount(1);
  await expect(timeline.locator('.merge-event[data-kind=merge]')).not.toContainText('Shift');
  const channelsUndone = await timeline.locator('.thread').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-channel')))].sort());
  expect(channelsUndone).toEqual(channelsBefore);
  await expect(app.locator('.context [aria-label="Merge history"] li.undone')).toHaveCount(1);
  await shot(app, 'customer-04-undone');
});

test('split identities off a merged customer, and undo the split', async ({ app }) => {
  await ready(app);
  // Dana's email, chat and phone were merged by tom on his console (the demo's team log).
  await cursorTo(app, 'Dana Whitfield');
  await app.keyboard.press('Enter');
  const identities = app.locator('.context [data-identity]');
  await expect(identities).toHaveCount(3);
  await expect(app.locator('.merge-event[data-kind=merge]')).toHaveCount(2);
  await app.keyboard.press('Shift+M');
  const dialog = app.getByRole('dialog', { name: 'Split customer' });
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Space');
  await app.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(identities).toHaveCount(2);
  await expect(app.locator('.merge-event[data-kind=split]')).toHaveCount(1);
  await app.keyboard.press('Shift+U');
  await expect(identities).toHaveCount(3);
});

test('a handoff note written by maya stays pinned until tom acknowledges it', async ({ app }) => {
  await ready(app);
  await cursorTo(app, 'Sophie Turner');
  await app.keyboard.press('Enter');
  await app.keyboard.press('h');
  const form = app.getByRole('dialog', { name: 'Handoff note' });
  await expect(form).toBeVisible();
  await app.keyboard.type('SSO rollout blocked on the Entra ID claim mapping');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Checked the SAML config with her; ask @to');
  await expect(form.getByRole('listbox', { name: 'Teammates' })).toBeVisible();
  await app.keyboard.press('Enter');
  await app.keyboard.type('about the claim.');
  await app.keyboard.press('Tab');
  await app.keyboard.type('A working setup before her Monday rollout');
  await app.keyboard.press('Tab');
  await app.keyboard.type('Call her back once the mapping is fixed');
  await app.keyboard.press('Tab');
  await app.keyboard.type('tom');
  await shot(app, 'customer-05-handoff-form');
  await app.keyboard.press('Control+Enter');
  await expect(form).toBeHidden();
  const pinned = app.locator('.pinned .note-card[data-pinned=true]');
  await expect(pinned).toHaveCount(1);
  await expect(pinned).toContainText('SSO rollout blocked');
  await expect(pinned.locator('.mention')).toContainText(['@tom', '@tom']);
  await shot(app, 'customer-06-note-pinned');

  // Agent tom opens the same console database (second page, host with another agentName).
  const tomHost = createTestHost({ agentName: 'tom' });
  const tom = await app.context().newPage();
  try {
    await tomHost.attach(tom);
    await tom.goto(app.url());
    await ready(tom);
    await cursorTo(tom, 'Sophie Turner');
    await tom.keyboard.press('Enter');
    const tomPinned = tom.locator('.pinned .note-card[data-pinned=true]');
    await expect(tomPinned).toContainText('maya');
    await expect(tomPinned.locator('.mention.me')).toHaveText('@tom');
    await shot(tom, 'customer-07-pinned-for-tom');
    await tom.keyboard.press('Shift+H');
    await expect(tom.locator('.pinned')).toHaveCount(0);
    // (Sophie's timeline also holds lukas's earlier handoff note, acknowledged by priya.)
    await expect(tom.locator('.timeline .note-card', { hasText: 'SSO rollout blocked' })).toContainText('Acknowledged by tom');
    await shot(tom, 'customer-08-acknowledged');
  } finally {
    await tom.close();
    await tomHost.dispose();
  }
  // maya's console follows the shared database: the note is no longer pinned there either.
  await expect(app.locator('.pinned')).toHaveCount(0);
  await expect(app.locator('.timeline .note-card', { hasText: 'SSO rollout blocked' })).toContainText('Acknowledged by tom');

  // An edit appends version 2 and pins the note again.
  await app.keyboard.press('Alt+H');
  const edit = app.getByRole('dialog', { name: 'Handoff note' });
  await expect(edit.locator('textarea[name=summary]')).toHaveValue('SSO rollout blocked on the Entra ID claim mapping');
  await app.keyboard.press('Control+Enter');
  await expect(app.locator('.pinned .note-card[data-version="2"]')).toHaveCount(1);
});

const largeDir = mkdtempSync(join(tmpdir(), 'sb-large-'));
// Large for a browser test on a shared 2-core machine; the benchmark uses 10,000 / 100,000.
writeLargeDemoWorkspace(largeDir, { customers: 1_500, interactions: 10_000, now: Date.now() });

test.describe('large workspace', () => {
  test.use({ hostOptions: { resourcesDir: largeDir } });
  test.setTimeout(300_000);

  test('queue and timeline stay virtualised; j/k and opening customers work at 10,000 interactions', async ({ app }) => {
    await expect(rows(app).first()).toBeVisible({ timeout: 60_000 });
    const queueCount = async () => Number(((await app.getByTestId('queue-count').textContent()) ?? '').replace(/\D/g, '') || 0);
    // The whole workspace arrives through the demo connector in batches of 500.
    await expect.poll(queueCount, { timeout: 200_000, intervals: [1000] }).toBeGreaterThan(100);
    await expect(app.locator('[data-progress]')).toHaveCount(0, { timeout: 200_000 });
    await shot(app, 'customer-09-large-queue');
    // Only what is on screen is in the DOM.
    expect(await rows(app).count()).toBeLessThan(40);
    for (let i = 0; i < 25; i++) await app.keyboard.press('j');
    await expect(rows(app).nth(0)).not.toHaveAttribute('aria-selected', 'true');
    const selected = await current(app).getAttribute('id');
    await app.keyboard.press('Enter');
    await expect(app.locator('main.timeline .thread').first()).toBeVisible();
    await expect(app.locator('main.timeline .thread[data-active=true]')).toHaveCount(1);
    expect(selected).toBe(`row-${await app.locator('main.timeline .thread[data-active=true]').getAttribute('data-thread')}`);
    // j with a conversation open moves and opens the next one.
    const firstCustomer = await app.locator('main.timeline').getAttribute('data-customer');
    await app.keyboard.press('j');
    await expect(app.locator('main.timeline .thread[data-active=true]')).not.toHaveAttribute('data-thread', selected!.slice(4));
    await app.keyboard.press('Escape');
    await app.keyboard.press('End');
    await expect(current(app)).toBeVisible();
    await app.keyboard.press('Enter');
    await expect(app.locator('main.timeline')).not.toHaveAttribute('data-customer', firstCustomer!);
    await shot(app, 'customer-10-large-customer');

    // Merge by search, then undo: the customer of the first row, found by name from the last one.
    const timeline = app.locator('main.timeline');
    await app.keyboard.press('Escape');
    await app.keyboard.press('Home');
    const otherName = ((await current(app).locator('.name').textContent()) ?? '').trim();
    await app.keyboard.press('End');
    await app.keyboard.press('Enter');
    await expect(timeline.locator('.customer-head h1')).toBeVisible();
    const intoName = ((await timeline.locator('.customer-head h1').textContent()) ?? '').trim();
    test.skip(otherName === intoName, 'first and last rows are the same customer');
    const threadsBefore = await timeline.locator('.thread').count();
    await app.keyboard.press('m');
    const dialog = app.getByRole('dialog', { name: 'Merge customers' });
    await expect(dialog).toBeVisible();
    await app.keyboard.type(otherName);
    await expect(dialog.locator('[role=option]').first()).toContainText(otherName);
    await app.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(timeline.locator('.merge-event[data-kind=merge]')).toHaveCount(1);
    await expect.poll(() => timeline.locator('.thread').count()).toBeGreaterThan(threadsBefore);
    await shot(app, 'customer-11-large-merged');
    await app.keyboard.press('Shift+U');
    await expect(timeline.locator('.merge-event[data-kind=undo]')).toHaveCount(1);
    await expect.poll(() => timeline.locator('.thread').count()).toBe(threadsBefore);

    // A handoff note, pinned for the next agent.
    await app.keyboard.press('h');
    await app.keyboard.type('Large workspace: promised a callback on Monday');
    await app.keyboard.press('Control+Enter');
    await expect(app.locator('.pinned .note-card', { hasText: 'promised a callback on Monday' })).toHaveCount(1);
    await app.keyboard.press('Escape');

    // Every queue, and ten conversations triaged without the mouse, at this size.
    await everyQueue(app, 'large');
    await triageTen(app, 'large');
  });
});
