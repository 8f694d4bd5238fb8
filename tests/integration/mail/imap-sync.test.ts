import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { createImapConnector, type ImapConnector } from '../../../src/main/connectors/imap/imap-connector';
import type { ImapCursor } from '../../../src/main/connectors/imap/imap-sync';
import type { FlagsRecord, RemovalRecord } from '../../../src/shared/domain';
import { ensureLab, resetMail } from '../../lab/env';
import { accountConfig, adminClient, emails, pullAll, recordingContext, simpleMessage } from './mail-lab';

const fixtures = join(__dirname, '../../fixtures/mail');

describe('IMAP sync against Dovecot', () => {
  let admin: ImapFlow;
  let conn: ImapConnector;
  const config = accountConfig('user1');

  beforeAll(async () => {
    ensureLab(['mail']);
    resetMail('user1');
    admin = await adminClient('user1');
    for (let i = 1; i <= 25; i++) await admin.append('INBOX', simpleMessage({ subject: `inbox ${i}` }));
    for (let i = 1; i <= 3; i++) await admin.append('Sent', simpleMessage({ from: 'user1@localhost', to: 'customer@localhost', subject: `sent ${i}` }));
    conn = createImapConnector(config, recordingContext('user1'));
  });
  afterAll(async () => {
    await conn?.stop();
    await admin?.logout().catch(() => {});
  });

  let synced: unknown;

  it('initial sync: newest first in batches, progress per folder, every message once', async () => {
    const first = await conn.pull(null, 10);
    const got = emails(first.records);
    expect(got.map((r) => r.subject)).toEqual(Array.from({ length: 10 }, (_, i) => `inbox ${25 - i}`));
    expect(got.every((r) => r.sourceKey === `${config.id}:INBOX:${r.uidValidity}:${r.uid}`)).toBe(true);
    expect(first.hasMore).toBe(true);
    expect(first.progress).toEqual([
      { label: 'INBOX', done: 10, total: 25 },
      { label: 'Sent', done: 0, total: 3 },
    ]);
    const c1 = first.cursor as ImapCursor;
    expect(c1.folders.INBOX).toMatchObject({ lastUid: 25, backfill: 16, backfillDone: false, known: '16:25' });

    const rest = await pullAll((c, l) => conn.pull(c, l), first.cursor, 10);
    const all = [...got, ...rest.batches.flatMap((b) => emails(b.records))];
    expect(all).toHaveLength(28);
    expect(new Set(all.map((r) => r.sourceKey)).size).toBe(28);
    const sent = all.filter((r) => r.folder === 'Sent');
    expect(sent.map((r) => r.subject)).toEqual(['sent 3', 'sent 2', 'sent 1']);
    expect(sent.every((r) => r.direction === 'outbound')).toBe(true);
    expect(all.filter((r) => r.folder === 'INBOX').every((r) => r.direction === 'inbound')).toBe(true);
    const last = rest.batches[rest.batches.length - 1]!;
    expect(last.progress).toEqual([
      { label: 'INBOX', done: 25, total: 25 },
      { label: 'Sent', done: 3, total: 3 },
    ]);
    synced = rest.cursor;
  });

  it('kill mid-sync: pulling again from an old cursor gives the same keys, and resuming leaves no gaps', async () => {
    const first = await conn.pull(null, 7);
    const again = await conn.pull(null, 7);
    expect(again.records.map((r) => r.sourceKey)).toEqual(first.records.map((r) => r.sourceKey));
    const mid = await conn.pull(first.cursor, 7);
    const dropped = await conn.pull(first.cursor, 7); // the app died before committing `mid`
    expect(dropped.records.map((r) => r.sourceKey)).toEqual(mid.records.map((r) => r.sourceKey));
    expect(dropped.cursor).toEqual(mid.cursor);
    const rest = await pullAll((c, l) => conn.pull(c, l), dropped.cursor, 7);
    const keys = [...first.records, ...dropped.records, ...rest.batches.flatMap((b) => b.records)].map((r) => r.sourceKey);
    expect(new Set(keys).size).toBe(28);
    expect(keys).toHaveLength(28);
  });

  it('incremental: nothing new -> empty batch; new mail -> exactly the new messages', async () => {
    const idle = await conn.pull(synced, 50);
    expect(idle.records).toEqual([]);
    expect(idle.hasMore).toBe(false);
    await admin.append('INBOX', simpleMessage({ subject: 'new 1' }));
    await admin.append('INBOX', simpleMessage({ subject: 'new 2' }));
    const b = await conn.pull(idle.cursor, 50);
    expect(emails(b.records).map((r) => r.subject)).toEqual(['new 2', 'new 1']);
    expect(b.records).toHaveLength(2);
    synced = b.cursor;
  });

  it('flag changes come back as flags records (CHANGEDSINCE)', async () => {
    const lock = await admin.getMailboxLock('INBOX');
    try {
      await admin.messageFlagsAdd('3', ['\\Flagged', '\\Seen'], { uid: true });
    } finally {
      lock.release();
    }
    const b = await conn.pull(synced, 50);
    const flags = b.records.filter((r): r is FlagsRecord => r.type === 'flags');
    const uv = (synced as ImapCursor).folders.INBOX!.uidValidity;
    expect(flags).toEqual([{ type: 'flags', sourceKey: `${config.id}:INBOX:${uv}:3`, sourceId: config.id, flags: ['\\Flagged', '\\Seen'] }]);
    synced = b.cursor;
  });

  it('expunge -> removal record, and the UID leaves the known set', async () => {
    const lock = await admin.getMailboxLock('INBOX');
    try {
      await admin.messageDelete('5', { uid: true });
    } finally {
      lock.release();
    }
    const b = await conn.pull(synced, 50);
    const uv = (synced as ImapCursor).folders.INBOX!.uidValidity;
    expect(b.records.filter((r): r is RemovalRecord => r.type === 'removal')).toEqual([
      { type: 'removal', sourceKey: `${config.id}:INBOX:${uv}:5`, sourceId: config.id },
    ]);
    expect((b.cursor as ImapCursor).folders.INBOX!.known).toBe('1:4,6:27');
    const again = await conn.pull(b.cursor, 50);
    expect(again.records).toEqual([]);
    synced = again.cursor;
  });

  it('malformed messages are stored with warnings and do not stop the sync', async () => {
    await admin.append('INBOX', readFileSync(join(fixtures, 'garbage.eml')));
    await admin.append('INBOX', readFileSync(join(fixtures, 'broken-headers.eml')));
    await admin.append('INBOX', simpleMessage({ subject: 'after the bad ones' }));
    const b = await conn.pull(synced, 50);
    const got = emails(b.records);
    expect(got).toHaveLength(3);
    expect(got[0]!.subject).toBe('after the bad ones');
    expect(got[0]!.warnings).toEqual([]);
    expect(got[1]!.warnings.join(' ')).toMatch(/malformed header/);
    expect(got[2]!.warnings.join(' ')).toMatch(/raw message is shown/);
    synced = b.cursor;
  });

  it('attachments download on demand by part id', async () => {
    await admin.append('INBOX', readFileSync(join(fixtures, 'nested-multipart.eml')));
    const b = await conn.pull(synced, 50);
    const [mail] = emails(b.records);
    expect(mail!.attachments.map((a) => a.partId)).toEqual(['1.2.2', '2', '3']);
    const pdf = await conn.attachment!('INBOX', mail!.uid!, '2');
    expect(pdf.filename).toBe('Rechnung März.pdf');
    expect(pdf.contentType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').toString()).toBe('%PDF-1.4\n% fake pdf for tests\n');
    await expect(conn.attachment!('INBOX', 99_999, '2')).rejects.toMatchObject({ code: 'not-found' });
    synced = b.cursor;
  });

  it('UIDVALIDITY change (folder deleted and recreated) -> reset batch with a silent reseed', async () => {
    const cfg = accountConfig('user1', { id: 'it-user1-reseed', folders: ['INBOX', 'Reseed'] });
    await admin.mailboxCreate('Reseed');
    await admin.append('Reseed', simpleMessage({ subject: 'old folder 1' }));
    const c = createImapConnector(cfg, recordingContext('user1'));
    try {
      const full = await pullAll((cur, l) => c.pull(cur, l), null, 100);
      const before = (full.cursor as ImapCursor).folders.Reseed!.uidValidity;
      await admin.mailboxDelete('Reseed');
      await admin.mailboxCreate('Reseed');
      await admin.append('Reseed', simpleMessage({ subject: 'new folder 1' }));
      const st = await admin.status('Reseed', { uidValidity: true });
      expect(Number(st && st.uidValidity)).not.toBe(before);
      const b = await c.pull(full.cursor, 100);
      expect(b.reset).toBe(true);
      const got = emails(b.records);
      expect(got.filter((r) => r.folder === 'Reseed').map((r) => r.subject)).toEqual(['new folder 1']);
      // INBOX is seeded again too: the renderer dropped everything from this source.
      expect(got.filter((r) => r.folder === 'INBOX').length).toBeGreaterThan(0);
      const after = await pullAll((cur, l) => c.pull(cur, l), b.cursor, 100);
      expect(after.batches.every((x) => !x.reset)).toBe(true);
    } finally {
      await c.stop();
    }
  });

  it('a missing folder is reported as a problem, not a failure', async () => {
    const c = createImapConnector(accountConfig('user1', { id: 'it-user1-missing', folders: ['INBOX', 'Nope'] }), recordingContext('user1'));
    try {
      const b = await c.pull(null, 5);
      expect(b.problems?.map((p) => p.reason)).toEqual(['Folder "Nope" does not exist on the server; it is skipped.']);
      expect(emails(b.records)).toHaveLength(5);
    } finally {
      await c.stop();
    }
  });

  it('a connection that stays on its only folder still sees new mail (UIDNEXT is not pushed)', async () => {
    // With one folder the sync connection never leaves INBOX, so it is not re-selected between
    // pulls: the new message shows up as EXISTS only, with the UIDNEXT of the last SELECT.
    const single = createImapConnector(accountConfig('user1', { id: 'it-user1-inbox', folders: ['INBOX'] }), recordingContext('user1'));
    try {
      const all = await pullAll((c, l) => single.pull(c, l), null, 50);
      const before = all.batches.flatMap((b) => emails(b.records)).length;
      expect(before).toBeGreaterThan(0);
      for (const subject of ['stay 1', 'stay 2']) {
        await admin.append('INBOX', simpleMessage({ subject }));
        const b = await single.pull(all.cursor, 50);
        expect(emails(b.records).map((r) => r.subject)).toEqual([subject]);
        all.cursor = b.cursor;
      }
    } finally {
      await single.stop();
    }
  });
});
