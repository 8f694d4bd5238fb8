/**
 * Rebinding keys in Keyboard settings (reached from Settings too), keyboard only: a single key,
 * a two-key sequence, a key that would clash with a sequence is refused, defaults come back; and
 * the keys work on a non-Latin layout (a Cyrillic keyboard sends "у" on the physical E key).
 */
import type { Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';

const rows = (page: Page) => page.locator('.queue-list [role=option]');
const current = (page: Page) => page.locator('.queue-list [role=option][aria-selected=true]');
const openCount = async (page: Page) => Number((await page.locator('.side-item[data-queue=open] .count').textContent()) ?? 0);

async function ready(page: Page) {
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('[data-progress]')).toHaveCount(0);
}

/** Keyboard settings, then the cursor on `label`'s row (↓ only, no mouse). */
async function selectAction(page: Page, label: string) {
  const dialog = page.getByRole('dialog', { name: 'Keyboard settings' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Home');
  for (let i = 0; i < 60; i++) {
    const selected = dialog.locator('[role=option][aria-selected=true]');
    if (((await selected.textContent()) ?? '').startsWith(label)) return selected;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no action "${label}"`);
}

test('keys are rebound from Keyboard settings: a key, a sequence, a refused clash, defaults back', async ({ app }) => {
  await ready(app);
  // Reached from Settings as well as with g k.
  await app.keyboard.press('Control+,');
  await app.getByTestId('open-keyboard-settings').focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Keyboard settings' });
  const status = dialog.locator('.settings-msg');

  // "Close conversation" on q.
  let row = await selectAction(app, 'Close conversation');
  await app.keyboard.press('Enter');
  await app.keyboard.press('q');
  await expect(status).toContainText('q now does "Close conversation"');
  await expect(row.locator('.binding-keys')).toHaveAttribute('data-keys', 'q');
  // "Mark pending" on the sequence z p (two keys in a row).
  row = await selectAction(app, 'Mark pending');
  await app.keyboard.press('Enter');
  await app.keyboard.press('z');
  await app.keyboard.press('p');
  await expect(row.locator('.binding-keys')).toHaveAttribute('data-keys', 'z p');
  // "g" alone would swallow every g … sequence: refused, the old keys stay.
  row = await selectAction(app, 'Tag');
  await app.keyboard.press('Enter');
  await app.keyboard.press('g');
  await expect(status).toContainText('was not bound: it clashes with');
  await expect(row.locator('.binding-keys')).toHaveAttribute('data-keys', 't');
  await shot(app, 'keyboard-settings-rebound');
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The new keys work; the old one no longer closes.
  const before = await openCount(app);
  const first = await current(app).getAttribute('data-thread');
  await app.keyboard.press('e');
  await expect(app.locator('.side-item[data-queue=open] .count')).toHaveText(String(before));
  await app.keyboard.press('q');
  await expect(app.locator(`.queue-list [data-thread="${first}"]`)).toHaveCount(0);
  await expect(app.locator('.side-item[data-queue=open] .count')).toHaveText(String(before - 1));
  const second = await current(app).getAttribute('data-thread');
  await app.keyboard.press('z');
  await app.keyboard.press('p');
  await expect(app.locator(`.queue-list [data-thread="${second}"]`)).toHaveCount(0);
  await expect(app.locator('.side-item[data-queue=open] .count')).toHaveText(String(before - 2));

  // Shift+Backspace: every key back to its default.
  await app.keyboard.press('g');
  await app.keyboard.press('k');
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Shift+Backspace');
  await expect(status).toContainText('All keys are back to their defaults');
  row = await selectAction(app, 'Close conversation');
  await expect(row.locator('.binding-keys')).toHaveAttribute('data-keys', 'e');
  await app.keyboard.press('Escape');
});

test('keys work on a non-Latin layout: a Cyrillic keyboard\'s physical E key closes', async ({ app }) => {
  await ready(app);
  const before = await openCount(app);
  const id = await current(app).getAttribute('data-thread');
  // What a Russian layout sends for the key labelled E on a US keyboard: key "у", code KeyE.
  const cdp = await app.context().newCDPSession(app);
  for (const type of ['keyDown', 'keyUp'] as const) {
    await cdp.send('Input.dispatchKeyEvent', { type, key: 'у', code: 'KeyE', text: type === 'keyDown' ? 'у' : undefined, windowsVirtualKeyCode: 69, nativeVirtualKeyCode: 69 });
  }
  await expect(app.locator(`.queue-list [data-thread="${id}"]`)).toHaveCount(0);
  await expect(app.locator('.side-item[data-queue=open] .count')).toHaveText(String(before - 1));
});
