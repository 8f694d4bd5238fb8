/**
 * Foundation e2e: the demo workspace opens, j/k move through the queue, Enter opens a customer,
 * and the timeline shows email, chat and call items, each thread's items in time order and
 * threads ordered by newest activity. Also proves the CSP and isolation hold in a real browser.
 */
import { expect, shot, test } from './fixtures';

test('demo workspace: keyboard through the queue, open a customer with all three channels', async ({ app }) => {
  const rows = app.locator('.queue-list [role=option]');
  await expect(rows.first()).toBeVisible();
  await expect(app.locator('.statusbar')).toContainText('Demo workspace');
  // Loaded: the records and the team's log (merges, assignments, notes) are in. The team left
  // work for this agent (the host's agent is maya).
  await expect(app.locator('[data-progress]')).toHaveCount(0, { timeout: 60_000 });
  await expect(app.locator('.side-item[data-queue=mine] .count')).not.toHaveText('0');
  await shot(app, 'foundation-01-queue');

  // j/k move the highlighted row.
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('j');
  await app.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');

  // Find, by keyboard only, a customer who reached us on email, chat and phone.
  const count = await rows.count();
  let found = false;
  await app.keyboard.press('Home');
  for (let i = 0; i < Math.min(count, 60) && !found; i++) {
    await app.keyboard.press('Enter');
    const cards = app.locator('.timeline .thread');
    await expect(cards.first()).toBeVisible();
    // No merging here: the demo's team log (merges the team made earlier, folded through team
    // sync like any team's) already links each person's channels.
    const channels = new Set(await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-channel'))));
    if (channels.has('email') && channels.has('chat') && channels.has('call')) found = true;
    else {
      await app.keyboard.press('Escape');
      await app.keyboard.press('j');
    }
  }
  expect(found, 'a demo customer with email, chat and call conversations').toBe(true);

  // Threads are ordered by newest activity first.
  const cards = app.locator('.timeline .thread');
  const threadCount = await cards.count();
  for (let i = 0; i < threadCount; i++) {
    const head = cards.nth(i).locator('.thread-head');
    if ((await cards.nth(i).getAttribute('aria-expanded')) !== 'true') await head.click();
  }
  const items = app.locator('.timeline [data-item]');
  await expect(items.first()).toBeVisible();
  const perThread = await cards.evaluateAll((els) =>
    els.map((el) => Array.from(el.querySelectorAll('[data-item]')).map((i) => Number(i.getAttribute('data-ts')))),
  );
  for (const tsList of perThread) expect(tsList).toEqual([...tsList].sort((a, b) => a - b));
  const newest = perThread.map((l) => Math.max(...l));
  expect(newest).toEqual([...newest].sort((a, b) => b - a));
  const itemChannels = new Set(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-channel'))));
  expect([...itemChannels].sort()).toEqual(['call', 'chat', 'email']);
  await shot(app, 'foundation-02-customer');

  // Cheat sheet and command palette from the keyboard.
  await app.keyboard.press('Escape');
  await app.keyboard.press('?');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await shot(app, 'foundation-03-cheatsheet');
  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+k');
  await expect(app.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await app.keyboard.type('missed');
  await app.keyboard.press('Enter');
  await expect(app.locator('.side-item[aria-current=true]')).toContainText('Missed calls');
  await expect(rows.first()).toHaveAttribute('data-channel', 'call');
});

test('g-sequences switch queues', async ({ app }) => {
  await expect(app.locator('.queue-list [role=option]').first()).toBeVisible();
  for (const [key, label] of [['c', 'Missed calls'], ['x', 'Closed recently'], ['i', 'All open']] as const) {
    await app.keyboard.press('g');
    await app.keyboard.press(key);
    await expect(app.locator('.side-item[aria-current=true]')).toContainText(label);
  }
});

test('renderer isolation: no Node, strict CSP enforced, only window.switchboard exposed', async ({ app, host }) => {
  await expect(app.locator('.queue-list [role=option]').first()).toBeVisible();
  const globals = await app.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    api: Object.keys(window.switchboard ?? {}).sort(),
    csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  }));
  expect(globals.require).toBe('undefined');
  expect(globals.process).toBe('undefined');
  expect(globals.api).toEqual(['invoke', 'on']);
  expect(globals.csp).toContain("script-src 'self'");

  // An injected inline script and a remote image are both blocked by the policy.
  const blocked = await app.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.appendChild(s);
    const img = document.createElement('img');
    img.src = 'https://tracker.example/pixel.gif';
    document.body.appendChild(img);
    await new Promise((r) => setTimeout(r, 300));
    return { pwned: (window as unknown as { __pwned?: boolean }).__pwned === true, violations };
  });
  expect(blocked.pwned).toBe(false);
  expect(blocked.violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src']));

  // A malformed IPC payload is refused by main's validation.
  const res = await app.evaluate(() => window.switchboard!.invoke('sources:remove', { id: 5 } as never));
  expect(res).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  expect(host.calls.some((c) => c.channel === 'sources:remove')).toBe(true);
});
