/**
 * Keyboard-only flows shared by the demo workspace specs (triage.spec.ts) and the generated large
 * workspace (customer-view.spec.ts): they read what is on screen and move counts relatively, so
 * they hold on any workspace.
 */
import type { Page } from '@playwright/test';
import { expect, shot } from './fixtures';

export const rows = (page: Page) => page.locator('.queue-list [role=option]');
export const current = (page: Page) => page.locator('.queue-list [role=option][aria-selected=true]');
export const sideCount = (page: Page, queue: string) => page.locator(`.side-item[data-queue=${queue}] .count`);
export const queueCount = async (page: Page) => Number(((await page.getByTestId('queue-count').textContent()) ?? '').replace(/\D/g, '') || 0);

export async function ready(page: Page) {
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('[data-progress]')).toHaveCount(0);
}

export async function go(page: Page, key: string, label: string) {
  await page.keyboard.press('g');
  await page.keyboard.press(key);
  await expect(page.locator('.side-item[aria-current=true]')).toContainText(label);
}

/** Wait until the sidebar counts stop moving (a sync batch, a waking snooze): the baseline of a check. */
export async function settledCounts(page: Page) {
  const read = () => page.locator('.side-item .count').allTextContents().then((t) => t.join(','));
  let last = await read();
  for (let stable = 0; stable < 3; ) {
    await page.waitForTimeout(300);
    const now = await read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
}

/** Back to the queue pane with Escape (a customer or dialog may be open), keyboard only. */
export async function toQueue(page: Page) {
  const queue = page.locator('section.queue');
  for (let i = 0; i < 4 && (await queue.getAttribute('data-focused')) !== 'true'; i++) await page.keyboard.press('Escape');
  await expect(queue).toHaveAttribute('data-focused', 'true');
}

export async function pick(page: Page, dialog: string, typed: string) {
  const d = page.getByRole('dialog', { name: dialog });
  await expect(d).toBeVisible();
  if (typed) await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(d).toBeHidden();
}

/** Every queue shows what it says, with sidebar counts that move by exactly what was done. */
export async function everyQueue(app: Page, shots = 'triage') {
  await ready(app);
  await toQueue(app);
  await settledCounts(app);
  // From the top: the steps below move down the queue (a cursor left on the last row cannot).
  await app.keyboard.press('Home');
  // The demo team's log left work in the queues (assignments, a snooze, closed calls). Add to it:
  // two more assigned to me, one snoozed, one closed; the counts move by exactly that.
  const count = async (q: string) => Number(await sideCount(app, q).textContent());
  const [mine0, snoozed0, open0, unassigned0] = [await count('mine'), await count('snoozed'), await count('open'), await count('unassigned')];
  const assignees: string[] = [];
  // Each step acts on the row under the cursor and waits for its effect on that very row before
  // the next step reads anything (a large workspace's list re-renders a moment after each key).
  const row = (id: string | null) => app.locator(`.queue-list [data-thread="${id}"]`);
  const act = async (keys: (id: string | null) => Promise<void>) => {
    const id = await current(app).getAttribute('data-thread');
    assignees.push((await row(id).getAttribute('data-assignee')) ?? '');
    await keys(id);
  };
  const down = async () => {
    const at = await current(app).getAttribute('data-thread');
    await app.keyboard.press('j');
    await expect(current(app)).not.toHaveAttribute('data-thread', at!);
  };
  const takeIt = async (id: string | null) => {
    await app.keyboard.press('Shift+A');
    await expect(row(id)).toHaveAttribute('data-assignee', 'maya');
  };
  await act(takeIt);
  await down();
  await act(takeIt);
  await down();
  await act(async (id) => {
    await app.keyboard.press('s');
    await pick(app, 'Snooze until', '');
    await expect(row(id)).toHaveCount(0);
  });
  await act(() => app.keyboard.press('e'));
  const [a1, a2, a3, a4] = assignees;
  const n = (b: boolean) => (b ? 1 : 0);
  await expect(sideCount(app, 'mine')).toHaveText(String(mine0 + n(a1 !== 'maya') + n(a2 !== 'maya') - n(a3 === 'maya') - n(a4 === 'maya')));
  await expect(sideCount(app, 'snoozed')).toHaveText(String(snoozed0 + 1));
  await expect(sideCount(app, 'open')).toHaveText(String(open0 - 2));
  await expect(sideCount(app, 'unassigned')).toHaveText(String(unassigned0 - assignees.filter((a) => a === '').length));

  const checks: [string, string, string, (page: Page) => Promise<void>][] = [
    ['mine', 'm', 'My open', async (p) => {
      for (const r of await rows(p).all()) {
        await expect(r).toHaveAttribute('data-assignee', 'maya');
        await expect(r).toHaveAttribute('data-status', 'open');
      }
    }],
    ['unassigned', 'u', 'Unassigned', async (p) => {
      for (const r of await rows(p).all()) await expect(r).toHaveAttribute('data-assignee', '');
    }],
    ['open', 'i', 'All open', async (p) => {
      for (const r of await rows(p).all()) await expect(r).toHaveAttribute('data-status', 'open');
    }],
    ['snoozed', 's', 'Snoozed', async (p) => {
      await expect(rows(p)).toHaveCount(snoozed0 + 1);
      for (const r of await rows(p).all()) {
        await expect(r).toHaveAttribute('data-status', 'snoozed');
        await expect(r.locator('.age')).toContainText('⏰');
      }
    }],
    ['missed', 'c', 'Missed calls', async (p) => {
      for (const r of await rows(p).all()) {
        await expect(r).toHaveAttribute('data-channel', 'call');
        await expect(r.locator('.subject')).toHaveClass(/missed/);
      }
    }],
    ['closed', 'x', 'Closed recently', async (p) => {
      for (const r of await rows(p).all()) await expect(r).toHaveAttribute('data-status', 'closed');
    }],
  ];
  for (const [id, key, label, check] of checks) {
    await go(app, key, label);
    await expect.poll(() => queueCount(app)).toBe(Number(await sideCount(app, id).textContent()));
    await check(app);
    await shot(app, `${shots}-queue-${id}`);
  }
  // Waiting longest first: down the list, each conversation has waited no longer than the one above.
  await go(app, 'i', 'All open');
  const since = await rows(app).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-waiting-since'))));
  expect(since.length).toBeGreaterThan(3);
  expect(since.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  expect(since).toEqual([...since].sort((a, b) => a - b));
}

/** Ten conversations triaged without the mouse: note, assign, tag, priority, take, snooze, close, bulk. */
export async function triageTen(app: Page, shots = 'triage') {
  await ready(app);
  await toQueue(app);
  await settledCounts(app);
  await go(app, 'i', 'All open');
  const open0 = Number(await sideCount(app, 'open').textContent());
  const closed0 = Number(await sideCount(app, 'closed').textContent());
  const snoozed0 = Number(await sideCount(app, 'snoozed').textContent());
  const startedAt = await app.evaluate(() => Date.now());
  expect(open0).toBeGreaterThanOrEqual(10);
  const hasTag = (tag: string) => new RegExp(`(^|,)${tag}(,|$)`);
  await app.keyboard.press('Home');

  // 1: open it, read it, write a handoff note, assign to tom, back.
  const first = await current(app).getAttribute('data-thread');
  await app.keyboard.press('Enter');
  await app.keyboard.press('h');
  await app.keyboard.type('Waiting on finance for the refund');
  await app.keyboard.press('Control+Enter');
  await expect(app.getByRole('dialog', { name: 'Handoff note' })).toBeHidden();
  await expect(app.locator('.pinned .note-card')).toContainText('Waiting on finance');
  await app.keyboard.press('a');
  await pick(app, 'Assign to', 'tom');
  await app.keyboard.press('Escape');
  await expect(current(app)).toHaveAttribute('data-assignee', 'tom');
  // 2: tag billing (new tag) and priority urgent (digit key).
  await app.keyboard.press('j');
  const tags0 = ((await current(app).getAttribute('data-tags')) ?? '').split(',').filter(Boolean);
  await app.keyboard.press('t');
  await pick(app, 'Tag', 'billing');
  await app.keyboard.press('p');
  await expect(app.getByRole('dialog', { name: 'Priority' })).toBeVisible();
  await app.keyboard.press('1');
  await expect(current(app)).toHaveAttribute('data-priority', 'urgent');
  // The tags the team gave it stay.
  for (const tag of [...tags0, 'billing']) await expect(current(app)).toHaveAttribute('data-tags', hasTag(tag));
  // 3: take it myself.
  await app.keyboard.press('j');
  const third = await current(app).getAttribute('data-thread');
  await app.keyboard.press('Shift+A');
  await expect(current(app)).toHaveAttribute('data-assignee', 'maya');
  // 4: snooze until tomorrow morning (quick choice by digit).
  await app.keyboard.press('j');
  const snoozed = await current(app).getAttribute('data-thread');
  await app.keyboard.press('s');
  await expect(app.getByRole('dialog', { name: 'Snooze until' })).toContainText('Tomorrow morning');
  await app.keyboard.press('3');
  await expect(app.locator(`.queue-list [data-thread="${snoozed}"]`)).toHaveCount(0);
  await expect(sideCount(app, 'snoozed')).toHaveText(String(snoozed0 + 1));
  // 5: close (the next conversation moves under the cursor).
  const fifth = await current(app).getAttribute('data-thread');
  await app.keyboard.press('e');
  await expect(current(app)).not.toHaveAttribute('data-thread', fifth!);
  // 6 to 8: select three with x and shift+x, tag them in bulk, then close them in bulk.
  await app.keyboard.press('x');
  await app.keyboard.press('j');
  await app.keyboard.press('j');
  await app.keyboard.press('Shift+X');
  await expect(app.getByTestId('bulk-bar')).toContainText('3 selected');
  await shot(app, `${shots}-bulk-selected`);
  const bulkIds = await app.locator('.queue-list [role=option][aria-checked=true]').evaluateAll((els) => els.map((e) => e.getAttribute('data-thread')));
  expect(bulkIds).toHaveLength(3);
  await app.keyboard.press('t');
  await pick(app, 'Tag', 'followup');
  await expect(app.getByTestId('bulk-bar')).toHaveCount(0);
  for (const id of bulkIds) await expect(app.locator(`[data-thread="${id}"]`).first()).toHaveAttribute('data-tags', hasTag('followup'));
  await app.keyboard.press('x');
  await app.keyboard.press('k');
  await app.keyboard.press('k');
  await app.keyboard.press('Shift+X');
  await app.keyboard.press('e');
  for (const id of bulkIds) await expect(app.locator(`.queue-list [data-thread="${id}"]`)).toHaveCount(0);
  // 9: priority low with the picker filter, 10: open, reply request goes to the composer, close.
  await app.keyboard.press('p');
  await pick(app, 'Priority', 'low');
  await expect(current(app)).toHaveAttribute('data-priority', 'low');
  await app.keyboard.press('j');
  await app.keyboard.press('Enter');
  await app.keyboard.press('r');
  await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'true');
  await app.keyboard.press('Escape'); // the draft stays saved
  await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'false');
  await app.keyboard.press('e');
  await app.keyboard.press('Escape');

  await expect(sideCount(app, 'closed')).toHaveText(String(closed0 + 5));
  await expect(sideCount(app, 'open')).toHaveText(String(open0 - 6));
  await shot(app, `${shots}-ten-done`);
  // My open: the one I took, not the one I gave to tom (the team's other assignments stay).
  await go(app, 'm', 'My open');
  await expect.poll(() => queueCount(app)).toBe(Number(await sideCount(app, 'mine').textContent()));
  await expect(app.locator(`.queue-list [data-thread="${third}"]`)).toHaveAttribute('data-assignee', 'maya');
  await expect(app.locator(`.queue-list [data-thread="${first}"]`)).toHaveCount(0);
  // Every change went through the team log (one event per action, bulk = one event); the demo
  // team's earlier events are in the same table.
  const events = await app.evaluate(
    (since) =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('switchboard');
        req.onsuccess = () => {
          const tx = req.result.transaction('teamEvents');
          const all = tx.objectStore('teamEvents').getAll();
          all.onsuccess = () =>
            resolve((all.result as { type: string; ts: number }[]).filter((e) => e.ts >= since).sort((a, b) => a.ts - b.ts).map((e) => e.type));
          all.onerror = () => reject(all.error);
        };
        req.onerror = () => reject(req.error);
      }),
    startedAt,
  );
  expect(events).toEqual([
    'note.write',
    'thread.assign',
    'thread.tags',
    'thread.priority',
    'thread.assign',
    'thread.status',
    'thread.status',
    'thread.tags',
    'thread.status',
    'thread.priority',
    'thread.status',
  ]);
}
