/**
 * Sending mail: nodemailer's MailComposer builds the message with the Message-ID the renderer fixed
 * before the first try, SMTPConnection sends it (we drive the SMTP phases ourselves so a failure is
 * mapped to what it means for a retry), and the copy is APPENDed to the Sent folder.
 *
 * Exactly once, as far as the protocols allow: a retry (attempts > 0) first looks for the
 * Message-ID in Sent (and INBOX when the message was addressed to the account itself) with IMAP
 * SEARCH HEADER and reports 'already-sent' when it is there. A failure before the message data was
 * handed over is 'offline' / 'rejected' / 'auth' (safe to retry or not worth it); a connection lost
 * while the data was in flight is 'unknown-outcome' (retry, which checks first).
 */
import type { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { AttachmentData, DeliverResult } from '../../../shared/ipc/contract';
import type { DeliverRequest, ImapSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { toCodedError, transportSecurity } from '../imap/imap-client';

export type EmailDeliverRequest = Extract<DeliverRequest, { kind: 'email' }>;

export interface DeliverDeps {
  config: ImapSourceConfig;
  password: string | undefined;
  /** Runs fn on the account's IMAP connection (serialised with sync). */
  withImap<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  log(line: string): void;
  now?: () => number;
  /** Test hook: SMTP connection options override (timeouts). */
  smtpOverrides?: Record<string, unknown>;
  /** Files to attach (a forward's attachments, already fetched from the server). */
  attachments?: AttachmentData[];
}

const fmt = (a: { name?: string; address: string }) => (a.name ? { name: a.name, address: a.address } : a.address);

export function composeOptions(req: EmailDeliverRequest, date: Date, attachments: AttachmentData[] = []) {
  const p = req.payload;
  return {
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
    from: fmt(p.from),
    to: p.to.map(fmt),
    cc: p.cc.map(fmt),
    bcc: p.bcc.map(fmt),
    subject: p.subject,
    text: p.text,
    messageId: req.messageId,
    inReplyTo: p.inReplyTo,
    references: p.references.length ? p.references : undefined,
    date,
    headers: { 'X-Switchboard-Outbox-Id': req.id },
  };
}

async function build(req: EmailDeliverRequest, date: Date, keepBcc: boolean, attachments: AttachmentData[] = []): Promise<Buffer> {
  const node = new MailComposer(composeOptions(req, date, attachments)).compile();
  node.keepBcc = keepBcc;
  return node.build();
}

/** UIDs of messages in `folder` whose Message-ID header is `messageId`; [] when the folder is missing. */
export async function findByMessageId(client: ImapFlow, folder: string, messageId: string): Promise<number[]> {
  let lock;
  try {
    lock = await client.getMailboxLock(folder, { readOnly: true, description: 'switchboard message-id check' });
  } catch (e) {
    if ((e as { mailboxMissing?: boolean }).mailboxMissing) return [];
    throw e;
  }
  try {
    const found = await client.search({ header: { 'Message-ID': messageId } }, { uid: true });
    return Array.isArray(found) ? found : [];
  } finally {
    lock.release();
  }
}

function selfAddressed(req: EmailDeliverRequest, config: ImapSourceConfig): boolean {
  const own = new Set([config.email, ...config.teamAddresses].map((a) => a.toLowerCase()));
  const p = req.payload;
  return [...p.to, ...p.cc, ...p.bcc].some((a) => own.has(a.address.toLowerCase()));
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** What a failure in the SEND phase means for a retry. */
export function classifySendError(e: SmtpError): CodedError {
  const detail = e.response || e.message || 'unknown error';
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 500) return new CodedError('rejected', `The mail server refused the message (${detail}).`);
    if (e.responseCode >= 400) return new CodedError('offline', `The mail server deferred the message; it will be retried (${detail}).`);
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return new CodedError('rejected', `The mail server refused the message (${detail}).`);
  return new CodedError(
    'unknown-outcome',
    `The connection to the mail server was lost while sending (${detail}); it is not known whether the message went out. A retry checks the Sent folder first.`,
  );
}

function smtpConnection(config: ImapSourceConfig, overrides: Record<string, unknown> = {}) {
  const sec = transportSecurity(config.smtp, config, 'SMTP');
  return new SMTPConnection({
    host: config.smtp.host,
    port: config.smtp.port,
    secure: sec.secure,
    requireTLS: sec.starttls,
    ignoreTLS: config.smtp.security === 'plain',
    tls: sec.tls,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    name: 'switchboard.localhost',
    ...overrides,
  });
}

/** Opens and (when the server offers AUTH) logs in. Errors are CodedErrors of the connect/auth phase. */
export async function openSmtp(config: ImapSourceConfig, password: string | undefined, overrides?: Record<string, unknown>): Promise<SMTPConnection> {
  const conn = smtpConnection(config, overrides);
  // Connection errors arrive as 'error' events (the connect callback only sees success); after
  // that, failures also come through the send/login callbacks, so later events are only swallowed.
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    conn.on('error', (err: Error) => {
      if (settled) return;
      settled = true;
      reject(toCodedError(err, 'SMTP'));
    });
    conn.connect((err) => {
      if (settled) return;
      settled = true;
      if (err) reject(toCodedError(err, 'SMTP'));
      else resolve();
    });
  });
  if (conn.allowsAuth) {
    if (!password) {
      conn.close();
      throw new CodedError('auth', `No password is stored for ${config.user}.`);
    }
    await new Promise<void>((resolve, reject) =>
      conn.login({ credentials: { user: config.user, pass: password } }, (err) => {
        if (err) {
          conn.close();
          reject(new CodedError('auth', `SMTP: the server refused the user name or password (${err.response || err.message}).`));
        } else resolve();
      }),
    );
  }
  return conn;
}

export async function deliverEmail(req: EmailDeliverRequest, deps: DeliverDeps): Promise<DeliverResult> {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  const checkFolders = [config.sentFolder, ...(selfAddressed(req, config) ? ['INBOX'] : [])];

  if (req.attempts > 0) {
    // A previous try may have gone through: look before sending again. If we cannot look, do not send.
    const found = await deps
      .withImap(async (client) => {
        for (const folder of checkFolders) if ((await findByMessageId(client, folder, req.messageId)).length) return folder;
        return undefined;
      })
      .catch((e) => {
        throw toCodedError(e, 'Checking whether the message was already sent');
      });
    if (found) {
      deps.log(`${req.messageId} found in ${found}: already sent`);
      return { status: 'already-sent', at: now() };
    }
  }

  const date = new Date(now());
  const wire = await build(req, date, false, deps.attachments);
  const copy = await build(req, date, true, deps.attachments);
  const p = req.payload;
  const envelope = { from: p.from.address, to: [...p.to, ...p.cc, ...p.bcc].map((a) => a.address) };

  const conn = await openSmtp(config, deps.password, deps.smtpOverrides);
  try {
    await new Promise<void>((resolve, reject) =>
      conn.send(envelope, wire, (err, info) => {
        if (err) return reject(classifySendError(err as SmtpError));
        if (info && info.rejected.length && !info.accepted.length) return reject(new CodedError('rejected', `Every recipient was refused: ${info.rejected.join(', ')}.`));
        resolve();
      }),
    );
  } finally {
    try {
      conn.quit();
    } catch {
      conn.close();
    }
  }
  const at = now();

  // The copy in Sent is what a later retry looks for. Some servers file it themselves: check first.
  await deps
    .withImap(async (client) => {
      if ((await findByMessageId(client, config.sentFolder, req.messageId)).length) return;
      await client.append(config.sentFolder, copy, ['\\Seen'], date);
    })
    .catch((e) => deps.log(`sent, but the copy could not be stored in ${config.sentFolder}: ${(e as Error).message}`));
  return { status: 'sent', at };
}
