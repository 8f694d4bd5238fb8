/**
 * Triage e2e on the demo workspace, keyboard only:
 *  - every queue shows what it says (and the sidebar counts match);
 *  - every key in the cheat sheet does what it says;
 *  - ten conversations triaged without touching the mouse (assign, tag, priority, snooze, close,
 *    range selection + bulk close);
 *  - a snoozed conversation comes back when its time is due.
 */
import type { Page } from '@playwright/test';
import { expect, shot, test } from './fixtures';

const rows = (page: Page) => page.locator('.queue-list [role=option]');
const current = (page: Page) => page.locator('.queue-list [role=option][aria-selected=true]');
const sideCount = (page: Page, queue: string) => page.locator(`.side-item[data-queue=${queue}] .count`);
const queueCount = async (page: Page) => Number(((await page.getByTestId('queue-count').textContent()) ?? '').replace(/\D/g, '') || 0);

async function ready(page: Page) {
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('[data-progress]')).toHaveCount(0);
}

async function go(page: Page, key: string, label: string) {
  await page.keyboard.press('g');
  await page.keyboard.press(key);
  await expect(page.locator('.side-item[aria-current=true]')).toContainText(label);
}

async function pick(page: Page, dialog: string, typed: string) {
  const d = page.getByRole('dialog', { name: dialog });
  await expect(d).toBeVisible();
  if (typed) await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(d).toBeHidden();
}

test('every queue shows what it says, with matching sidebar counts', async ({ app }) => {
  await ready(app);
  // The demo team's log left work in the queues (assignments, a snooze, closed calls). Add to it:
  // two more assigned to me, one snoozed, one closed; the counts move by exactly that.
  const count = async (q: string) => Number(await sideCount(app, q).textContent());
  const [mine0, snoozed0, open0, unassigned0] = [await count('mine'), await count('snoozed'), await count('open'), await count('unassigned')];
  const assignees: string[] = [];
  const act = async (keys: () => Promise<void>) => {
    assignees.push((await current(app).getAttribute('data-assignee')) ?? '');
    await keys();
  };
  await act(() => app.keyboard.press('Shift+A'));
  await app.keyboard.press('j');
  await act(() => app.keyboard.press('Shift+A'));
  await app.keyboard.press('j');
  await act(async () => {
    await app.keyboard.press('s');
    await pick(app, 'Snooze until', '');
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
    await shot(app, `triage-queue-${id}`);
  }
  // Waiting longest first: down the list, each conversation has waited no longer than the one above.
  await go(app, 'i', 'All open');
  const since = await rows(app).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-waiting-since'))));
  expect(since.length).toBeGreaterThan(3);
  expect(since.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
  expect(since).toEqual([...since].sort((a, b) => a - b));
});

test('every key in the cheat sheet does what it says', async ({ app }) => {
  await ready(app);
  await app.keyboard.press('?');
  const sheet = app.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  const listed = await sheet.locator('[data-action]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')!));
  await shot(app, 'triage-cheatsheet');
  await app.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  const timeline = app.locator('main.timeline');
  const dialog = (name: string) => app.getByRole('dialog', { name });
  const closeDialog = async (name: string) => {
    await expect(dialog(name)).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(dialog(name)).toBeHidden();
  };
  const checks: Record<string, () => Promise<void>> = {
    next: async () => {
      await app.keyboard.press('Home');
      const first = await current(app).getAttribute('data-thread');
      await app.keyboard.press('j');
      await expect(current(app)).not.toHaveAttribute('data-thread', first!);
    },
    prev: async () => {
      const at = await current(app).getAttribute('data-thread');
      await app.keyboard.press('j');
      await app.keyboard.press('k');
      await expect(current(app)).toHaveAttribute('data-thread', at!);
    },
    first: async () => {
      await app.keyboard.press('j');
      await app.keyboard.press('Home');
      await expect(rows(app).first()).toHaveAttribute('aria-selected', 'true');
    },
    last: async () => {
      await app.keyboard.press('End');
      await expect(current(app)).toHaveAttribute('data-thread', (await rows(app).last().getAttribute('data-thread'))!);
      await app.keyboard.press('Home');
    },
    open: async () => {
      await app.keyboard.press('Enter');
      await expect(timeline.locator('.thread[data-active=true]')).toHaveAttribute('data-thread', (await current(app).getAttribute('data-thread'))!);
    },
    back: async () => {
      await app.keyboard.press('Escape');
      await expect(app.locator('section.queue')).toHaveAttribute('data-focused', 'true');
    },
    'timeline:next': async () => {
      await app.keyboard.press('Enter');
      // ']' acts on what the timeline shows: wait for the customer's timeline to be there.
      await expect(timeline.locator('.thread').first()).toBeVisible();
      // The first entry can be one that is not drawn in the list (a pinned note): move on until a
      // drawn entry holds the focus.
      await app.keyboard.press(']');
      for (let i = 0; i < 3 && (await timeline.locator('[data-focused=true]').count()) === 0; i++) await app.keyboard.press(']');
      await expect(timeline.locator('[data-focused=true]')).toHaveCount(1);
    },
    'timeline:prev': async () => {
      // '[' must return to exactly the entry ']' came from. At either end of the timeline the key
      // towards the end stays put, so step away in the direction there is room. Every entry kind
      // (thread, note, merge event) carries data-entry; the focused one is always drawn.
      const focused = timeline.locator('[data-focused=true]');
      const focusedKey = () => focused.getAttribute('data-entry', { timeout: 2000 }).catch(() => null);
      const count = Number(await timeline.getAttribute('data-entries'));
      expect(count).toBeGreaterThan(1);
      const index = Number(await focused.evaluate((el) => el.closest('.timeline-slot')?.getAttribute('data-index')));
      // At the last entry ']' stays put: step back first there, so '[' / ']' has somewhere to go.
      const [away, back] = index < count - 1 ? [']', '['] : ['[', ']'];
      const from = await focusedKey();
      await app.keyboard.press(away);
      await expect.poll(focusedKey).not.toBe(from);
      await app.keyboard.press(back);
      await expect.poll(focusedKey).toBe(from);
      if (back === ']') {
        await app.keyboard.press('[');
        await expect.poll(focusedKey).not.toBe(from);
      }
      for (let i = 0; i < 6 && (await timeline.locator('.thread[data-focused=true]').count()) === 0; i++) await app.keyboard.press(']');
      await expect(timeline.locator('.thread[data-focused=true]')).toHaveCount(1);
    },
    'timeline:toggle': async () => {
      const card = timeline.locator('.thread[data-focused=true]');
      const was = await card.getAttribute('aria-expanded');
      await app.keyboard.press('Space');
      await expect(card).toHaveAttribute('aria-expanded', was === 'true' ? 'false' : 'true');
      await app.keyboard.press('Space');
      await app.keyboard.press('Escape');
    },
    close: async () => {
      await expect(app.locator('section.queue')).toHaveAttribute('data-focused', 'true');
      const before = Number(await sideCount(app, 'closed').textContent());
      const id = await current(app).getAttribute('data-thread');
      await app.keyboard.press('e');
      await expect(app.locator(`.queue-list [data-thread="${id}"]`)).toHaveCount(0);
      await expect(sideCount(app, 'closed')).toHaveText(String(before + 1));
    },
    reopen: async () => {
      await go(app, 'x', 'Closed recently');
      const before = Number(await sideCount(app, 'open').textContent());
      await app.keyboard.press('Shift+E');
      await expect(sideCount(app, 'open')).toHaveText(String(before + 1));
      await go(app, 'i', 'All open');
    },
    pending: async () => {
      const before = Number(await sideCount(app, 'open').textContent());
      const id = await current(app).getAttribute('data-thread');
      await app.keyboard.press('w');
      await expect(app.locator(`.queue-list [data-thread="${id}"]`)).toHaveCount(0);
      await expect(sideCount(app, 'open')).toHaveText(String(before - 1));
    },
    snooze: async () => {
      await app.keyboard.press('s');
      await closeDialog('Snooze until');
    },
    assign: async () => {
      await app.keyboard.press('a');
      await expect(dialog('Assign to').locator('[role=option]').first()).toContainText('maya (me)');
      await closeDialog('Assign to');
    },
    'assign-me': async () => {
      await app.keyboard.press('Shift+A');
      await expect(current(app)).toHaveAttribute('data-assignee', 'maya');
    },
    tag: async () => {
      await app.keyboard.press('t');
      await closeDialog('Tag');
    },
    priority: async () => {
      await app.keyboard.press('p');
      await closeDialog('Priority');
    },
    select: async () => {
      await app.keyboard.press('x');
      await expect(current(app)).toHaveAttribute('aria-checked', 'true');
      await app.keyboard.press('x');
      await expect(current(app)).toHaveAttribute('aria-checked', 'false');
    },
    'select-range': async () => {
      await app.keyboard.press('Home');
      await app.keyboard.press('x');
      await app.keyboard.press('j');
      await app.keyboard.press('j');
      await app.keyboard.press('Shift+X');
      await expect(app.getByTestId('bulk-bar')).toContainText('3 selected');
      await app.keyboard.press('Escape');
      await expect(app.getByTestId('bulk-bar')).toHaveCount(0);
    },
    'select-all': async () => {
      await app.keyboard.press('Control+a');
      await expect(app.getByTestId('bulk-bar')).toContainText(`${await queueCount(app)} selected`);
      await app.keyboard.press('Escape');
    },
    handoff: async () => {
      await app.keyboard.press('h');
      await closeDialog('Handoff note');
    },
    'handoff-ack': async () => {
      await app.keyboard.press('Enter');
      await app.keyboard.press('h');
      await app.keyboard.type('Key check note');
      await app.keyboard.press('Control+Enter');
      const mine = app.locator('.pinned .note-card', { hasText: 'Key check note' });
      await expect(mine).toHaveCount(1);
      await expect(app.locator('.toast')).toContainText('Handoff note pinned for the next agent');
      // Pinned until the NEXT agent acknowledges it: the author's Shift+H acknowledges a teammate's
      // pinned note if there is one, never their own (tom acknowledges it in customer-view.spec.ts).
      await app.keyboard.press('Shift+H');
      await expect(app.locator('.toast')).toContainText(/stays pinned until a teammate acknowledges it|^Acknowledged (?!maya)\w+'s handoff note/);
      await expect(mine).toHaveCount(1);
    },
    'handoff-edit': async () => {
      await app.keyboard.press('Alt+H');
      await expect(dialog('Handoff note').locator('textarea[name=summary]')).toHaveValue('Key check note');
      await closeDialog('Handoff note');
    },
    merge: async () => {
      await app.keyboard.press('m');
      await closeDialog('Merge customers');
    },
    split: async () => {
      await app.keyboard.press('Shift+M');
      await closeDialog('Split customer');
    },
    'undo-merge': async () => {
      // Undoes the open customer's last merge (the demo team merged most customers' channels).
      const undoable = await timeline.locator('.merge-event[data-kind=merge]', { hasText: 'Shift' }).count();
      const undone = await timeline.locator('.merge-event[data-kind=undo]').count();
      await app.keyboard.press('Shift+U');
      if (undoable) await expect(timeline.locator('.merge-event[data-kind=undo]')).toHaveCount(undone + 1);
      else await expect(app.locator('.toast')).toContainText('Nothing to undo');
    },
    reply: async () => {
      await app.keyboard.press('r');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'true');
      await app.keyboard.press('Escape');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'false');
    },
    'reply-all': async () => {
      await app.keyboard.press('Shift+R');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'true');
      await app.keyboard.press('Escape');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'false');
    },
    forward: async () => {
      await app.keyboard.press('f');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'true');
      await app.keyboard.press('Escape');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'false');
    },
    compose: async () => {
      await app.keyboard.press('c');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'true');
      await app.keyboard.press('Escape');
      await expect(app.locator('.composer-dock')).toHaveAttribute('data-open', 'false');
    },
    palette: async () => {
      await app.keyboard.press('Control+k');
      await closeDialog('Command palette');
    },
    cheatsheet: async () => {
      await app.keyboard.press('?');
      await closeDialog('Keyboard shortcuts');
    },
    'keyboard-settings': async () => {
      await app.keyboard.press('g');
      await app.keyboard.press('k');
      await closeDialog('Keyboard settings');
    },
  };
  for (const [id, key, label] of [
    ['queue:open', 'i', 'All open'],
    ['queue:mine', 'm', 'My open'],
    ['queue:unassigned', 'u', 'Unassigned'],
    ['queue:snoozed', 's', 'Snoozed'],
    ['queue:missed', 'c', 'Missed calls'],
    ['queue:closed', 'x', 'Closed recently'],
  ] as const) {
    checks[id] = async () => {
      await go(app, key, label);
      await go(app, 'i', 'All open');
    };
  }
  const tested: string[] = [];
  for (const id of listed) {
    const check = checks[id];
    if (!check) continue; // actions of other features (settings, outbox, calls) are tested by their specs
    await test.step(id, check);
    tested.push(id);
  }
  const mine = Object.keys(checks);
  expect(tested.sort()).toEqual(mine.sort());
});

test('triage ten conversations without the mouse', async ({ app }) => {
  await ready(app);
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
  await shot(app, 'triage-bulk-selected');
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
  await shot(app, 'triage-ten-done');
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
});

test('a snoozed conversation comes back to the queue when due', async ({ app }) => {
  // Fake timers for the page (installed, then the app reloaded so its timers use them); time
  // still flows, and fastForward jumps an hour ahead without waiting for it.
  await app.clock.install();
  await app.reload();
  await ready(app);
  const first = await current(app).getAttribute('data-thread');
  // The demo team snoozed one conversation until tomorrow; it stays snoozed throughout.
  const snoozed0 = Number(await sideCount(app, 'snoozed').textContent());
  await app.keyboard.press('s');
  await pick(app, 'Snooze until', '1h');
  await expect(sideCount(app, 'snoozed')).toHaveText(String(snoozed0 + 1));
  await expect(app.locator(`.queue-list [data-thread="${first}"]`)).toHaveCount(0);
  await app.clock.fastForward('01:01:00');
  await expect(sideCount(app, 'snoozed')).toHaveText(String(snoozed0), { timeout: 15_000 });
  await expect(app.locator(`.queue-list [data-thread="${first}"]`)).toHaveAttribute('data-status', 'open');
  await expect(app.locator('.toast')).toContainText('back');
});
