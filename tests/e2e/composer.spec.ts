/**
 * Composer and outbox against the REAL lab servers: a reply written from the keyboard goes out
 * through Postfix and arrives (checked with imapflow) with the right headers; a reply written while
 * SMTP is unreachable waits in the outbox, visible, and goes out exactly once when fixed.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import type { ImapSourceConfig } from '../../src/shared/ipc/schemas';
import { ensureLab, lab } from '../lab/env';
import { expect, shot, test, type Page } from './fixtures';

const AGENT = lab.users.user6;
const CUSTOMER = lab.users.customer;

test.beforeAll(() => ensureLab(['mail']));

/** Each test syncs its own folder, so the run does not depend on what else is in the mailbox. */
function account(folder: string, smtpPort: number = lab.smtp.port): ImapSourceConfig {
  return {
    kind: 'imap', id: 'support', label: 'Support (user6)', enabled: true, displayName: 'Acme Support', email: AGENT.email, user: AGENT.user,
    imap: { host: lab.host, port: lab.imap.port, security: 'plain' }, smtp: { host: lab.smtp.host, port: smtpPort, security: 'plain' },
    allowPlain: true, allowSelfSigned: false, folders: [folder, 'Sent'], sentFolder: 'Sent', signature: 'Maya\nAcme Support', teamAddresses: [], teamFolder: '',
  };
}

const folders: string[] = [];

/** The customer's message, put into a fresh folder of the agent's mailbox (as a filter rule would). */
async function seed(subject: string, messageId: string, attachment?: { filename: string; content: Buffer }): Promise<string> {
  const folder = `E2E/composer-${randomUUID().slice(0, 8)}`;
  const head = [`From: Carla Customer <${CUSTOMER.email}>`, `To: ${AGENT.email}`, `Subject: ${subject}`, `Message-ID: ${messageId}`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0'];
  const text = ['Hi, my parcel is late.', 'Can you check?', ''];
  const raw = (
    attachment
      ? [
          ...head, 'Content-Type: multipart/mixed; boundary="sb-b1"', '', '--sb-b1', 'Content-Type: text/plain; charset=utf-8', '', ...text, '--sb-b1',
          `Content-Type: application/pdf; name="${attachment.filename}"`, `Content-Disposition: attachment; filename="${attachment.filename}"`, 'Content-Transfer-Encoding: base64', '',
          attachment.content.toString('base64').replace(/.{76}/g, '$&\r\n'), '--sb-b1--', '',
        ]
      : [...head, 'Content-Type: text/plain; charset=utf-8', '', ...text]
  ).join('\r\n');
  const client = await imap(AGENT);
  try {
    await client.mailboxCreate(folder);
    await client.append(folder, raw);
  } finally {
    await client.logout();
  }
  folders.push(folder);
  return folder;
}

test.afterAll(async () => {
  const client = await imap(AGENT);
  try {
    for (const f of folders) await client.mailboxDelete(f).catch(() => {});
  } finally {
    await client.logout();
  }
});

async function imap(user: { user: string; pass: string }) {
  const client = new ImapFlow({ ...lab.imap, auth: { user: user.user, pass: user.pass }, tls: { ca: readFileSync(lab.tls.caFile) }, logger: false });
  await client.connect();
  return client;
}

/** UIDs in the customer's INBOX with this Message-ID (polls the server until `want` or a bound). */
async function arrived(messageId: string, want = 1, tries = 150): Promise<{ uids: number[]; source?: string }> {
  const client = await imap(CUSTOMER);
  try {
    for (let i = 0; i < tries; i++) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const uids = (await client.search({ header: { 'Message-ID': messageId } }, { uid: true })) || [];
        if (uids.length >= want || i === tries - 1) {
          if (!uids.length) return { uids };
          const msg = await client.fetchOne(String(uids[0]), { source: true }, { uid: true });
          return { uids, source: msg ? msg.source?.toString() : undefined };
        }
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { uids: [] };
  } finally {
    await client.logout();
  }
}

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function openConversation(app: Page, subject: string) {
  const row = app.locator('.queue-list [role=option]', { hasText: subject });
  await expect(row).toBeVisible({ timeout: 30_000 });
  // The newest conversation waits least: it is the last row. Keyboard only.
  await app.keyboard.press('End');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect(app.locator('.timeline .thread[data-active=true]')).toContainText(subject);
}

async function outboxIds(app: Page): Promise<{ id: string; status: string; messageId: string }[]> {
  return app.evaluate(async () => {
    const open = indexedDB.open('switchboard');
    const db: IDBDatabase = await new Promise((res, rej) => ((open.onsuccess = () => res(open.result)), (open.onerror = () => rej(open.error))));
    const rows: { id: string; status: string; messageId: string }[] = await new Promise((res) => {
      const req = db.transaction('outbox').objectStore('outbox').getAll();
      req.onsuccess = () => res(req.result);
    });
    db.close();
    return rows.map((r) => ({ id: r.id, status: r.status, messageId: r.messageId }));
  });
}

/** Ctrl+Enter in the open composer; once the outbox says sent, the one copy the customer got. */
async function sendAndReceive(app: Page, composer: ReturnType<Page['locator']>): Promise<{ uids: number[]; source?: string }> {
  await app.keyboard.press('Control+Enter');
  await expect(composer).toHaveCount(0);
  // Sent: confirmed by the server and kept in the outbox history.
  await expect.poll(async () => (await outboxIds(app)).map((r) => r.status), { timeout: 30_000 }).toEqual(['sent']);
  const [item] = await outboxIds(app);
  const got = await arrived(item!.messageId);
  expect(got.uids).toHaveLength(1);
  return got;
}

test("forward from the keyboard sends the original's attachment, fetched from the server by main", async ({ app, host }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const subject = `Invoice attached ${tag}`;
  const pdf = Buffer.from(`%PDF-1.4 invoice ${tag}\n`.repeat(60));
  const folder = await seed(subject, `<fwd-${tag}@customer.localhost>`, { filename: 'invoice.pdf', content: pdf });
  await host.services.sources.save(account(folder), AGENT.pass);
  await app.reload();
  await openConversation(app, subject);

  await app.keyboard.press('f');
  const composer = app.locator('section.composer[data-mode=forward]');
  await expect(composer).toBeVisible();
  await expect(composer.getByTestId('forward-attachment')).toHaveText(/invoice\.pdf/);
  await app.keyboard.type(CUSTOMER.email);
  await shot(app, 'composer-05-forward-attachment');
  const got = await sendAndReceive(app, composer);
  const parsed = await simpleParser(got.source ?? '');
  expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['invoice.pdf', 'application/pdf']]);
  expect(parsed.attachments[0]!.content.equals(pdf)).toBe(true);
});

test('reply from the keyboard goes out through real SMTP and arrives with the right headers', async ({ app, host }) => {
  test.setTimeout(120_000);
  const tag = randomUUID().slice(0, 8);
  const subject = `Parcel late ${tag}`;
  const originalId = `<orig-${tag}@customer.localhost>`;
  const folder = await seed(subject, originalId);
  await host.services.sources.save(account(folder), AGENT.pass);
  await app.reload();
  await openConversation(app, subject);

  await app.keyboard.press('r');
  const composer = app.locator('section.composer');
  await expect(composer).toHaveAttribute('aria-label', 'Reply by email');
  await expect(composer.locator('input[aria-label="To"]')).toHaveValue(`Carla Customer <${CUSTOMER.email}>`);
  await expect(composer.locator('input[aria-label="Subject"]')).toHaveValue(`Re: ${subject}`);
  await expect(composer.locator('textarea[aria-label="Message"]')).toBeFocused();
  const body = await composer.locator('textarea[aria-label="Message"]').inputValue();
  expect(body).toContain('-- \nMaya\nAcme Support');
  expect(body).toContain('> Hi, my parcel is late.');
  await app.keyboard.type(`We found it, it arrives tomorrow (${tag}).`);
  await shot(app, 'composer-01-reply');
  const got = await sendAndReceive(app, composer);
  expect(got.source).toContain(`In-Reply-To: ${originalId}`);
  expect(got.source).toMatch(new RegExp(`References: .*${originalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  expect(got.source).toContain(`We found it, it arrives tomorrow (${tag}).`);
  expect(got.source).toMatch(/From: "?Acme Support"? <user6@localhost>/);

  // The reply shows up on the timeline from the Sent folder.
  await expect(app.locator(`.timeline .thread[data-active=true] [data-item][data-direction=outbound]`)).toHaveCount(1, { timeout: 30_000 });
  await shot(app, 'composer-02-sent-in-timeline');

  // Forward from the keyboard: empty To, Fwd: subject. Escape keeps the draft.
  await app.keyboard.press('f');
  await expect(app.locator('section.composer[data-mode=forward]')).toBeVisible();
  await expect(app.locator('section.composer input[aria-label="To"]')).toBeFocused();
  await expect(app.locator('section.composer input[aria-label="Subject"]')).toHaveValue(`Fwd: ${subject}`);
  await app.keyboard.press('Escape');
  await expect(app.locator('section.composer')).toHaveCount(0);
});

test('a reply while SMTP is unreachable waits in the outbox, visible, then goes out once when fixed', async ({ app, host }) => {
  test.setTimeout(150_000);
  const tag = randomUUID().slice(0, 8);
  const subject = `Refund status ${tag}`;
  const folder = await seed(subject, `<orig-${tag}@customer.localhost>`);
  const dead = await closedPort();
  await host.services.sources.save(account(folder, dead), AGENT.pass);
  await app.reload();
  await openConversation(app, subject);

  await app.keyboard.press('r');
  await expect(app.locator('section.composer textarea[aria-label="Message"]')).toBeFocused();
  await app.keyboard.type(`Your refund is on its way (${tag}).`);
  await app.keyboard.press('Control+Enter');

  // Waiting, visible in the thread strip, the status bar and the outbox panel.
  const strip = app.locator('.pending-strip li');
  await expect(strip).toHaveAttribute('data-status', 'queued', { timeout: 30_000 });
  await expect(strip).toContainText(/ECONNREFUSED|connect|refused|offline/i);
  await expect(app.locator('.statusbar [data-outbox]')).toHaveAttribute('data-outbox', '1');
  await shot(app, 'composer-03-queued-offline');
  await app.keyboard.press('g');
  await app.keyboard.press('o');
  const panel = app.getByRole('dialog', { name: 'Outbox' });
  await expect(panel.locator('.outbox-row[data-status=queued]')).toHaveCount(1);
  await expect(panel.locator('.outbox-row[data-status=queued]')).toContainText(/ECONNREFUSED|refused|offline/i);
  await shot(app, 'composer-04-outbox-panel');
  const [queued] = await outboxIds(app);
  // queued, or being retried right now (the runner backs off and tries again on its own)
  expect(['queued', 'sending']).toContain(queued!.status);
  expect((await arrived(queued!.messageId, 1, 1)).uids).toEqual([]);

  // Fix the account (the right SMTP port): the source comes back online and the item goes out.
  await host.services.sources.save(account(folder, lab.smtp.port), undefined);
  await expect(panel.locator('.outbox-row[data-status=sent]')).toHaveCount(1, { timeout: 60_000 });
  await shot(app, 'composer-05-outbox-sent');
  await app.keyboard.press('Escape');
  const got = await arrived(queued!.messageId);
  expect(got.uids).toHaveLength(1);
  // Exactly once: every try carried the same Message-ID and only one copy exists.
  const tries = host.calls.filter((c) => c.channel === 'outbox:deliver' && (c.payload as { messageId: string }).messageId === queued!.messageId);
  expect(tries.length).toBeGreaterThanOrEqual(2);
  await expect(app.locator('.statusbar [data-outbox]')).toHaveAttribute('data-outbox', '0');
});
