/**
 * Real-time email: a message delivered by SMTP (Postfix -> Dovecot) shows in the queue without any
 * key press, through IMAP IDLE -> sources:changed -> pull -> ingest -> liveQuery.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { ensureLab, lab } from '../lab/env';
import { expect, shot, test } from './fixtures';
import { dropFolder, labAccount, labImap } from './lab-mail';

const AGENT = lab.users.user8;
const CUSTOMER = lab.users.customer;
const FOLDER = `E2E/push-${randomUUID().slice(0, 8)}`;

const account = labAccount(AGENT, { id: 'push', label: 'Support (user8)', folders: ['INBOX'] });
const imap = () => labImap(AGENT);

test.beforeAll(async () => {
  ensureLab(['mail']);
  // Start from an empty INBOX: earlier runs' mail moves to a folder of its own.
  const client = await imap();
  try {
    await client.mailboxCreate(FOLDER).catch(() => {});
    const lock = await client.getMailboxLock('INBOX');
    try {
      if ((client.mailbox && typeof client.mailbox === 'object' ? client.mailbox.exists : 0) > 0) await client.messageMove('1:*', FOLDER);
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
});

test.afterAll(() => dropFolder(AGENT, FOLDER));

test.use({ hostOptions: { sources: [account], agentName: 'maya' } });

test('a new email delivered by SMTP appears in the queue by itself (IDLE push)', async ({ app, host }) => {
  await host.services.sources.save(account, AGENT.pass);
  await app.reload();
  await expect(app.locator('[data-source="push"]')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  const subject = `Push check ${randomUUID().slice(0, 6)}`;
  const transport = nodemailer.createTransport({ host: lab.smtp.host, port: lab.smtp.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: `Carla Customer <${CUSTOMER.email}>`, to: AGENT.email, subject, text: 'Is anyone there?' });
  // No key press, no reload: the row must arrive on its own.
  await expect(app.locator('.queue-list [role=option]', { hasText: subject })).toBeVisible({ timeout: 15_000 });
  await shot(app, 'push-01-arrived');
});
