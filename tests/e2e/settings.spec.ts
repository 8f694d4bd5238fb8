/**
 * Settings against the REAL lab mail servers (Dovecot IMAP, Postfix SMTP): add an IMAP+SMTP account
 * through the form, see each connection-test step (a wrong password fails at sign-in), save, watch
 * the mailbox sync into the queue, clear the demo data, and reach the import log.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { ImapFlow } from 'imapflow';
import { ensureLab, lab, resetMail } from '../lab/env';
import { expect, shot, test, type Page } from './fixtures';

const USER = lab.users.user3;

test.beforeAll(() => {
  ensureLab(['mail']);
  // Earlier runs' messages would fill the queue and push this run's row out of the drawn part of the list.
  resetMail('user3');
});

async function deliver(subject: string, text: string) {
  const t = nodemailer.createTransport({ host: lab.smtp.host, port: lab.smtp.port, secure: false, ignoreTLS: true });
  await t.sendMail({ from: 'Zoë Customer <customer@localhost>', to: USER.email, subject, text });
  t.close();
}

/** Waits (event-free polling on the server, bounded) until the message is in the mailbox. */
async function waitInInbox(subject: string) {
  const client = new ImapFlow({ ...lab.imap, auth: { user: USER.user, pass: USER.pass }, tls: { ca: readFileSync(lab.tls.caFile) }, logger: false });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const hits = await client.search({ subject });
        if (hits && hits.length) return;
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${subject} never reached ${USER.email}`);
  } finally {
    await client.logout();
  }
}

async function demoLoaded(app: Page) {
  await expect(app.locator('.queue-list [role=option]').first()).toBeVisible();
  await expect(app.locator('[data-progress]')).toHaveCount(0);
}

async function fill(app: Page, path: string, value: string) {
  await app.locator(`[data-field="${path}"] input, [data-field="${path}"] textarea`).first().fill(value);
}

test('add an IMAP account against the lab servers: test steps, wrong password, save, sync, demo steps aside', async ({ app, host }) => {
  test.setTimeout(120_000);
  const subject = `Settings e2e ${randomUUID().slice(0, 8)}`;
  await deliver(subject, 'Hello, my order never arrived.\n\n-- \nZoë');
  await waitInInbox(subject);
  await demoLoaded(app);

  // Open Settings from the keyboard.
  await app.keyboard.press('g');
  await app.keyboard.press(',');
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await shot(app, 'settings-01-home');

  await dialog.locator('[data-add-kind=imap]').click();
  const form = dialog.locator('form.source-form');
  await expect(form).toBeVisible();
  await fill(app, 'displayName', 'Acme Support');
  await fill(app, 'email', USER.email);
  await fill(app, 'imap.host', lab.host);
  await fill(app, 'imap.port', String(lab.imap.port));
  await fill(app, 'user', USER.user);
  await fill(app, 'smtp.host', lab.smtp.host);
  await fill(app, 'smtp.port', String(lab.smtp.port));
  await fill(app, 'folders', 'INBOX');
  await fill(app, 'teamAddresses', 'support@localhost');

  // Plain is refused until "allow unencrypted" is ticked.
  await expect(form.locator('[data-field="imap.security"] option[value=plain]')).toBeDisabled();
  await form.locator('[data-field=allowPlain] input').check();
  await form.locator('[data-field="imap.security"] select').selectOption('plain');
  await form.locator('[data-field="smtp.security"] select').selectOption('plain');
  // The port we typed is kept when the security mode changes.
  await expect(form.locator('[data-field="imap.port"] input')).toHaveValue(String(lab.imap.port));

  // Wrong password: the sign-in step fails, the earlier steps pass.
  await fill(app, 'password', 'not-the-password');
  await form.getByTestId('test-connection').click();
  const report = form.getByTestId('test-report');
  await expect(report).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(report.locator('[data-step=tcp]').first()).toHaveAttribute('data-ok', 'true');
  await expect(report.locator('[data-step=auth]').first()).toHaveAttribute('data-ok', 'false');
  await shot(app, 'settings-02-wrong-password');

  // Right password: every step passes.
  await fill(app, 'password', USER.pass);
  await form.getByTestId('test-connection').click();
  await expect(report).not.toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  expect(await report.innerText()).toContain('All checks passed');
  const steps = await report.locator('li[data-step]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-ok')]));
  expect(steps.length).toBeGreaterThanOrEqual(3);
  expect(steps.every(([, ok]) => ok === 'true')).toBe(true);
  expect(steps.map(([s]) => s)).toEqual(expect.arrayContaining(['tcp', 'auth']));
  await shot(app, 'settings-03-test-ok');

  // Save: the password goes to main once and is never read back.
  await form.getByTestId('save-source').click();
  await expect(form.getByTestId('banner-ok')).toBeVisible();
  await expect(form.getByTestId('password-saved')).toBeVisible();
  await expect(form.locator('[data-field=password] input')).toHaveValue('');
  const saveCall = host.calls.find((c) => c.channel === 'sources:save') as { payload: { password?: string } } | undefined;
  expect(saveCall?.payload.password).toBe(USER.pass);
  const listed = await host.services.sources.list();
  expect(JSON.stringify(listed)).not.toContain(USER.pass);
  expect(listed[0]).toMatchObject({ hasPassword: true, config: { kind: 'imap', email: USER.email, label: USER.email } });

  // The account is listed with its live state; the demo steps aside and offers to clear its data.
  await expect(dialog.locator(`[data-source-item="${listed[0]!.config.id}"]`)).toContainText(USER.email);
  await expect(dialog.getByTestId('demo-offer')).toBeVisible();
  await shot(app, 'settings-04-saved');
  await dialog.getByTestId('clear-demo').click();
  await expect(dialog.getByTestId('demo-offer')).toHaveCount(0);
  await expect(app.locator('.demo-banner')).toHaveCount(0);

  // The mailbox synced into the queue.
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  const row = app.locator('.queue-list [role=option]', { hasText: subject });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(app.locator('.queue-list [role=option]', { hasText: 'Olivia Grant' })).toHaveCount(0);
  await expect(app.locator(`.statusbar [data-source="${listed[0]!.config.id}"]`)).toBeVisible();
  await shot(app, 'settings-05-synced-queue');

  // Edit: the saved password shows as "saved", never its value; import log is reachable.
  await app.keyboard.press('Control+,');
  await expect(dialog).toBeVisible();
  await dialog.locator(`[data-source-item="${listed[0]!.config.id}"]`).click();
  await expect(dialog.getByTestId('password-saved')).toBeVisible();
  await expect(dialog.locator('[data-field=password] input')).toHaveAttribute('placeholder', /saved/);
  await dialog.getByTestId('open-import-log').click();
  await expect(dialog.getByRole('region', { name: 'Import log' }).or(dialog.locator('.import-log'))).toBeVisible();
  await shot(app, 'settings-06-import-log');
});

test('form validation shows errors at the fields, and main refuses what the form would let through', async ({ app }) => {
  await demoLoaded(app);
  await app.keyboard.press('Control+k');
  await app.keyboard.type('settings');
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.locator('[data-add-kind=imap]').click();
  await fill(app, 'email', 'not-an-address');
  await fill(app, 'imap.port', '99999');
  await dialog.getByTestId('save-source').click();
  await expect(dialog.getByTestId('banner-error')).toBeVisible();
  await expect(dialog.locator('[data-field=email] .field-error')).toBeVisible();
  await expect(dialog.locator('[data-field="imap.port"] .field-error')).toContainText('65535');
  await expect(dialog.locator('[data-field=password] .field-error')).toBeVisible();
  await shot(app, 'settings-07-validation');

  // Generic CSV: the mapping step needs a file; a missing file is reported clearly.
  await dialog.locator('[data-add-kind=csv-generic]').click();
  await fill(app, 'path', '/nonexistent/calls.csv');
  await dialog.getByTestId('csv-preview').click();
  await expect(dialog.locator('.form-banner.error')).toContainText(/nonexistent|no such|not found|ENOENT/i);
});
