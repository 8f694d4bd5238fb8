import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { createImapConnector, type ImapConnector } from '../../../src/main/connectors/imap/imap-connector';
import { ensureLab, lab, resetMail } from '../../lab/env';
import { accountConfig, adminClient, emails, pullAll, recordingContext, simpleMessage, type RecordingContext } from './mail-lab';

const labSh = join(__dirname, '../../lab/lab.sh');
const labCmd = (...args: string[]) => execFileSync('bash', [labSh, ...args], { stdio: 'pipe', timeout: 120_000 });

describe('IMAP push (IDLE) and reconnect', () => {
  let admin: ImapFlow;
  let conn: ImapConnector;
  let ctx: RecordingContext;
  const config = accountConfig('user2');

  beforeAll(async () => {
    ensureLab(['mail']);
    resetMail('user2');
    admin = await adminClient('user2');
    await admin.append('INBOX', simpleMessage({ to: 'user2@localhost', subject: 'seed' }));
    ctx = recordingContext('user2');
    conn = createImapConnector(config, ctx, { debounceMs: 300, backoff: { baseMs: 300, maxMs: 2_000, jitter: 0.5 } });
  });
  afterAll(async () => {
    await conn?.stop();
    await admin?.logout().catch(() => {});
    labCmd('up', 'mail');
  });

  let cursor: unknown;

  it('goes online and emits sources:changed (debounced, once) when SMTP delivers a message', async () => {
    cursor = (await pullAll((c, l) => conn.pull(c, l), null, 50)).cursor;
    const online = ctx.nextStatus('online');
    await conn.start!();
    await online;
    const before = ctx.events.length;
    const changed = ctx.next('sources:changed');
    const transport = nodemailer.createTransport({ host: lab.host, port: lab.smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'customer@localhost', to: 'user2@localhost', subject: 'pushed by smtp', text: 'hello' });
    expect(await changed).toEqual({ sourceId: config.id });
    const b = await conn.pull(cursor, 50);
    expect(emails(b.records).map((r) => r.subject)).toEqual(['pushed by smtp']);
    cursor = b.cursor;
    expect(ctx.events.slice(before).filter((e) => e.event === 'sources:changed')).toHaveLength(1);
  });

  it('a flag change and an expunge from another client are pushed too', async () => {
    const changed = ctx.next('sources:changed');
    const lock = await admin.getMailboxLock('INBOX');
    try {
      await admin.messageFlagsAdd('1', ['\\Answered'], { uid: true });
    } finally {
      lock.release();
    }
    await changed;
    let b = await conn.pull(cursor, 50);
    expect(b.records.map((r) => r.type)).toEqual(['flags']);
    cursor = b.cursor;

    const gone = ctx.next('sources:changed');
    const lock2 = await admin.getMailboxLock('INBOX');
    try {
      await admin.messageDelete('1', { uid: true });
    } finally {
      lock2.release();
    }
    await gone;
    b = await conn.pull(cursor, 50);
    expect(b.records.map((r) => r.type)).toEqual(['removal']);
    cursor = b.cursor;
  });

  it('reconnects with backoff after Dovecot restarts, then asks for a pull', async () => {
    await admin.logout().catch(() => {});
    const offline = ctx.nextStatus('offline');
    labCmd('down', 'dovecot');
    const off = await offline;
    expect(off.nextRetryAt).toBeGreaterThan(Date.now() - 5_000);
    // While the server is down, a pull on a new connection fails with a clear 'offline' error.
    const fresh = createImapConnector(accountConfig('user2', { id: 'it-user2-fresh' }), recordingContext('user2'));
    await expect(fresh.pull(cursor, 50)).rejects.toMatchObject({ code: 'offline' });
    await fresh.stop();
    const changed = ctx.next('sources:changed', 60_000);
    const online = ctx.nextStatus('online', 60_000);
    labCmd('up', 'mail');
    await online;
    await changed;
    expect(conn.idle.backoff.attempts).toBeGreaterThan(0);
    // The backoff resets only after a successful sync.
    const b = await conn.pull(cursor, 50);
    expect(b.records).toEqual([]);
    expect(conn.idle.backoff.attempts).toBe(0);
    admin = await adminClient('user2');
    const pushed = ctx.next('sources:changed');
    await admin.append('INBOX', simpleMessage({ to: 'user2@localhost', subject: 'after restart' }));
    await pushed;
    expect(emails((await conn.pull(b.cursor, 50)).records).map((r) => r.subject)).toEqual(['after restart']);
  });
});
