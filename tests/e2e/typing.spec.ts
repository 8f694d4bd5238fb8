/**
 * Chat states: while a customer types in chat (XEP-0085 "composing", reported by the XMPP
 * connector as presence:activity), the open customer's header says so, and it clears on "paused".
 */
import { expect, shot, test } from './fixtures';

test('the customer view shows when the customer is typing in chat', async ({ app, host }) => {
  const rows = app.locator('.queue-list [role=option]');
  await expect(rows.first()).toBeVisible();
  await expect(app.locator('.statusbar')).not.toContainText('Team log');
  // Open, by keyboard, the first customer who has a chat identity.
  let jid: string | undefined;
  await app.keyboard.press('Home');
  for (let i = 0; i < 30 && !jid; i++) {
    await app.keyboard.press('Enter');
    await expect(app.locator('.customer-head h1')).toBeVisible();
    const key = await app.locator('.context [data-identity^="jid:"]').first().getAttribute('data-identity', { timeout: 500 }).catch(() => null);
    if (key) jid = key.slice(4);
    else {
      await app.keyboard.press('Escape');
      await app.keyboard.press('j');
    }
  }
  expect(jid, 'a demo customer who chats').toBeTruthy();
  const note = app.locator('.customer-head [data-typing]');
  await expect(note).toHaveCount(0);
  host.emit('presence:activity', { sourceId: 'chat', peer: `${jid}/widget`, state: 'composing' });
  await expect(note).toHaveText(/typing in chat/);
  await shot(app, 'typing-01-customer-typing');
  host.emit('presence:activity', { sourceId: 'chat', peer: jid!, state: 'paused' });
  await expect(note).toHaveCount(0);
});
