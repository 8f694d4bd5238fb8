import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImapConnector, type ImapConnector } from '../../../src/main/connectors/imap/imap-connector';
import type { EmailDeliverRequest } from '../../../src/main/connectors/smtp/smtp-deliver';
import { threadMessages } from '../../../src/shared/mail/jwz';
import { ensureLab, resetMail } from '../../lab/env';
import { accountConfig, adminClient, emails, pullAll, recordingContext, simpleMessage, waitForMessage } from './mail-lab';

const labSh = join(__dirname, '../../lab/lab.sh');
const labCmd = (...args: string[]) => execFileSync('bash', [labSh, ...args], { stdio: 'pipe', timeout: 120_000 });

function request(over: Partial<EmailDeliverRequest['payload']> & { messageId?: string; attempts?: number } = {}): EmailDeliverRequest {
  const { messageId, attempts, ...payload } = over;
  return {
    kind: 'email',
    id: randomUUID(),
    sourceId: 'it-user4',
    messageId: messageId ?? `<${randomUUID()}@switchboard.test>`,
    attempts: attempts ?? 0,
    payload: {
      from: { name: 'Agent Four', address: 'user4@localhost' },
      to: [{ address: 'user5@localhost' }],
      cc: [],
      bcc: [],
      subject: 'Re: my order',
      text: 'We shipped it.',
      references: [],
      ...payload,
    },
  };
}

async function countIn(user: 'user4' | 'user5' | 'user7', folder: string, messageId: string): Promise<number> {
  const c = await adminClient(user);
  try {
    const lock = await c.getMailboxLock(folder);
    try {
      const r = await c.search({ header: { 'Message-ID': messageId } }, { uid: true });
      return Array.isArray(r) ? r.length : 0;
    } finally {
      lock.release();
    }
  } finally {
    await c.logout().catch(() => {});
  }
}

describe('sending through SMTP', () => {
  let sender: ImapConnector;

  beforeAll(async () => {
    ensureLab(['mail']);
    resetMail('user4', 'user5', 'user7');
    sender = createImapConnector(accountConfig('user4'), recordingContext('user4'));
  });
  afterAll(async () => {
    await sender?.stop();
    labCmd('up', 'mail');
  });

  it('sends a reply with In-Reply-To/References, files a copy in Sent, and it threads with the original', async () => {
    // The customer (user5) wrote first; the agent (user4) has it in INBOX.
    const original = `<${randomUUID()}@customer.test>`;
    const seed = await adminClient('user4');
    await seed.append('INBOX', simpleMessage({ from: 'user5@localhost', to: 'user4@localhost', subject: 'my order', messageId: original }));
    await seed.logout();

    const req = request({ inReplyTo: original, references: [original] });
    const res = await sender.deliver!(req);
    expect(res.status).toBe('sent');
    await waitForMessage('user5', 'INBOX', req.messageId);
    expect(await countIn('user4', 'Sent', req.messageId)).toBe(1);

    const recipient = createImapConnector(accountConfig('user5'), recordingContext('user5'));
    try {
      const got = (await pullAll((c, l) => recipient.pull(c, l), null, 50)).batches.flatMap((b) => emails(b.records));
      const reply = got.find((r) => r.messageId === req.messageId)!;
      expect(reply.inReplyTo).toBe(original);
      expect(reply.references).toEqual([original]);
      expect(reply.subject).toBe('Re: my order');
      expect(reply.from).toEqual({ name: 'Agent Four', address: 'user4@localhost' });
      expect(reply.text.trim()).toBe('We shipped it.');
    } finally {
      await recipient.stop();
    }

    const mine = (await pullAll((c, l) => sender.pull(c, l), null, 50)).batches.flatMap((b) => emails(b.records));
    const copy = mine.find((r) => r.messageId === req.messageId)!;
    expect(copy.folder).toBe('Sent');
    expect(copy.direction).toBe('outbound');
    const threads = threadMessages(mine.map((r) => ({ ...r, id: r.sourceKey })));
    expect(threads.get(copy.sourceKey)).toBe(original);
    expect(threads.get(mine.find((r) => r.messageId === original)!.sourceKey)).toBe(original);
  });

  it("a forward carries the original's attachment, fetched from the server at delivery", async () => {
    // The customer sent a PDF (base64 part 2); the agent forwards it to a colleague.
    const original = `<${randomUUID()}@customer.test>`;
    const pdf = Buffer.from(`%PDF-1.4 forwarded invoice ${randomUUID()}\n`.repeat(40));
    const raw = [
      'From: user5@localhost', 'To: user4@localhost', 'Subject: invoice attached', `Message-ID: ${original}`, 'Date: Mon, 01 Jan 2024 10:00:00 +0000',
      'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'See the invoice.', '--b1',
      'Content-Type: application/pdf; name="invoice.pdf"', 'Content-Disposition: attachment; filename="invoice.pdf"', 'Content-Transfer-Encoding: base64', '',
      pdf.toString('base64').replace(/.{76}/g, '$&\r\n'), '--b1--', '',
    ].join('\r\n');
    const seed = await adminClient('user4');
    await seed.append('INBOX', raw);
    await seed.logout();
    const stored = (await pullAll((c, l) => sender.pull(c, l), null, 50)).batches.flatMap((b) => emails(b.records)).find((r) => r.messageId === original)!;
    const file = stored.attachments.find((a) => a.filename === 'invoice.pdf')!;
    expect(file).toBeDefined();

    const req = request({
      to: [{ address: 'user5@localhost' }],
      subject: 'Fwd: invoice attached',
      text: 'Forwarding the invoice.',
      attachments: [{ sourceId: 'it-user4', folder: stored.folder, uid: stored.uid!, partId: file.partId, filename: file.filename, contentType: file.contentType, size: file.size }],
    });
    expect((await sender.deliver!(req)).status).toBe('sent');
    await waitForMessage('user5', 'INBOX', req.messageId);
    const recipient = createImapConnector(accountConfig('user5'), recordingContext('user5'));
    try {
      const got = (await pullAll((c, l) => recipient.pull(c, l), null, 50)).batches.flatMap((b) => emails(b.records)).find((r) => r.messageId === req.messageId)!;
      const att = got.attachments.find((a) => a.filename === 'invoice.pdf')!;
      expect(att).toMatchObject({ contentType: 'application/pdf' });
      const data = await recipient.attachment!(got.folder, got.uid!, att.partId);
      expect(Buffer.from(data.base64, 'base64').equals(pdf)).toBe(true);
    } finally {
      await recipient.stop();
    }
    // An attachment that is not on the server any more: nothing is sent, and the reason is given.
    const gone = request({ subject: 'Fwd: gone', attachments: [{ ...req.payload.attachments![0]!, uid: 999_999 }] });
    await expect(sender.deliver!(gone)).rejects.toThrow();
    expect(await countIn('user5', 'INBOX', gone.messageId)).toBe(0);
  });

  it('a retry after an unknown outcome finds the message in Sent and does not send it twice', async () => {
    const req = request({ subject: 'exactly once' });
    expect((await sender.deliver!(req)).status).toBe('sent');
    await waitForMessage('user5', 'INBOX', req.messageId);
    const retry = await sender.deliver!({ ...req, attempts: 1 });
    expect(retry.status).toBe('already-sent');
    // A later, unrelated delivery has arrived, so a second copy would have too.
    const marker = request({ subject: 'marker' });
    await sender.deliver!(marker);
    await waitForMessage('user5', 'INBOX', marker.messageId);
    expect(await countIn('user5', 'INBOX', req.messageId)).toBe(1);
    expect(await countIn('user4', 'Sent', req.messageId)).toBe(1);
  });

  it('self-addressed: a retry also checks INBOX', async () => {
    const req = request({ to: [{ address: 'user4@localhost' }], subject: 'note to self' });
    await sender.deliver!(req);
    await waitForMessage('user4', 'INBOX', req.messageId);
    // Even with the Sent copy gone, the INBOX copy proves it went out.
    const c = await adminClient('user4');
    const lock = await c.getMailboxLock('Sent');
    try {
      await c.messageDelete({ header: { 'Message-ID': req.messageId } });
    } finally {
      lock.release();
    }
    await c.logout();
    expect(await countIn('user4', 'Sent', req.messageId)).toBe(0);
    expect((await sender.deliver!({ ...req, attempts: 2 })).status).toBe('already-sent');
  });

  it('SMTP down -> offline error; once it is back the retry delivers exactly one copy', async () => {
    const c7 = createImapConnector(accountConfig('user7'), recordingContext('user7'));
    const req = { ...request({ from: { address: 'user7@localhost' }, subject: 'while postfix was down' }), sourceId: 'it-user7' };
    try {
      labCmd('down', 'postfix');
      await expect(c7.deliver!(req)).rejects.toMatchObject({ code: 'offline' });
      labCmd('up', 'mail');
      const res = await c7.deliver!({ ...req, attempts: 1 });
      expect(res.status).toBe('sent');
      await waitForMessage('user5', 'INBOX', req.messageId);
      const again = await c7.deliver!({ ...req, attempts: 2 });
      expect(again.status).toBe('already-sent');
      expect(await countIn('user5', 'INBOX', req.messageId)).toBe(1);
      expect(await countIn('user7', 'Sent', req.messageId)).toBe(1);
    } finally {
      labCmd('up', 'mail');
      await c7.stop();
    }
  });

  it('a refused recipient is rejected (5xx), not retried as offline', async () => {
    const req = request({ to: [{ address: 'no-such-user@localhost' }], subject: 'unknown user' });
    await expect(sender.deliver!(req)).rejects.toMatchObject({ code: 'rejected', message: expect.stringMatching(/550/) });
    expect(await countIn('user4', 'Sent', req.messageId)).toBe(0);
  });
});
