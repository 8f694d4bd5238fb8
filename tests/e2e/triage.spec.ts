/**
 * Triage e2e on the demo workspace, keyboard only:
 *  - every queue shows what it says (and the sidebar counts match);
 *  - every key in the cheat sheet does what it says;
 *  - ten conversations triaged without touching the mouse (assign, tag, priority, snooze, close,
 *    range selection + bulk close);
 *  - a snoozed conversation comes back when its time is due.
 */
import { expect, shot, test } from './fixtures';
import { current, everyQueue, go, pick, queueCount, ready, rows, sideCount, triageTen } from './flows';

test('every queue shows what it says, with matching sidebar counts', async ({ app }) => {
  await everyQueue(app);
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
  await triageTen(app);
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
