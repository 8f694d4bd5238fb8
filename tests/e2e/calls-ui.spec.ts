/**
 * Call UI on the demo workspace: a missed call shows its details, takes a note, is marked called
 * back from the keyboard and leaves the Missed calls queue; a call is logged by hand with `l`.
 */
import { expect, shot, test } from './fixtures';

test('missed call: note, called back (b), and a call logged by hand (l)', async ({ app }) => {
  await expect(app.locator('.queue-list [role=option]').first()).toBeVisible();
  await expect(app.locator('[data-progress]')).toHaveCount(0);
  await app.keyboard.press('g');
  await app.keyboard.press('c');
  await app.keyboard.press('Home');
  const first = app.locator('.queue-list [role=option][aria-selected=true]');
  await expect(first).toHaveAttribute('data-channel', 'call');
  const threadId = (await first.getAttribute('data-thread'))!;
  await app.keyboard.press('Enter');
  const call = app.locator('.timeline .thread[data-active=true] .call-item').first();
  await expect(call).toBeVisible();
  await expect(call.locator('.chip.outcome')).toBeVisible();

  // A note on the call, saved with Ctrl+Enter; it survives as the agent's own data.
  await call.getByTestId('add-call-note').click();
  await app.keyboard.type('Called from the car, will try again at 3pm.');
  await app.keyboard.press('Control+Enter');
  await expect(call.getByTestId('call-note')).toContainText('will try again at 3pm');
  await shot(app, 'calls-01-missed-with-note');

  // b: called back -> out of the Missed calls queue.
  await app.keyboard.press('b');
  await expect(app.locator(`.queue-list [role=option][data-thread="${threadId}"]`)).toHaveCount(0);
  await expect(call.getByTestId('called-back')).toHaveCount(0);

  // l: log a call by hand for this customer.
  await app.keyboard.press('l');
  const dialog = app.getByRole('dialog', { name: 'Log a call' });
  await expect(dialog).toBeVisible();
  await dialog.locator('#lc-duration').fill('4:30');
  await dialog.locator('#lc-note').fill('Explained the refund; customer happy.');
  await shot(app, 'calls-02-log-call');
  await app.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  const thread = app.locator('.timeline .thread[data-active=true]');
  await expect(thread).toContainText('Call · 4m 30s');
  if ((await thread.getAttribute('aria-expanded')) !== 'true') await thread.locator('.thread-head').click();
  const logged = thread.locator('.call-item').first();
  await expect(logged).toContainText('logged by hand');
  await expect(logged).toContainText('Outgoing call');
  await expect(logged).toContainText('4m 30s');
  await expect(logged.getByTestId('call-note')).toContainText('Explained the refund');
  await shot(app, 'calls-03-logged');

  // A bad number is refused with a clear reason, nothing stored.
  await app.keyboard.press('l');
  await dialog.locator('#lc-number').fill('call me maybe');
  await app.keyboard.press('Control+Enter');
  await expect(dialog.locator('.form-banner.error')).toBeVisible();
  await app.keyboard.press('Escape');
});
