/**
 * The email connector: one per account. A sync connection (pull, attachment download, Sent-folder
 * checks and APPEND, one command sequence at a time) plus IDLE connections for push. Holds no
 * records; the renderer owns the cursor.
 */
import type { BackoffOptions } from '../../../shared/backoff';
import type { AttachmentData } from '../../../shared/ipc/contract';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import type { Connector, ConnectorContext, ConnectorFactory } from '../connector';
import { deliverEmail } from '../smtp/smtp-deliver';
import { toCodedError } from './imap-client';
import { IdleWatcher } from './imap-idle';
import { connectIdleClient, createImapSession } from './imap-session';
import { pullImap } from './imap-sync';
import { testImapAccount } from './imap-test';
import { createTeamLog } from '../team/team-log';

export interface ImapConnectorOptions {
  backoff?: BackoffOptions;
  debounceMs?: number;
  /** How many of the configured folders get their own IDLE connection (the rest are noticed on the next pull). */
  idleFolders?: number;
  smtpOverrides?: Record<string, unknown>;
}

const MAX_ATTACHMENT = 50 * 1024 * 1024;

export interface ImapConnector extends Connector {
  readonly idle: IdleWatcher;
}

export function createImapConnector(config: ImapSourceConfig, ctx: ConnectorContext, opts: ImapConnectorOptions = {}): ImapConnector {
  const sourceId = config.id;
  const session = createImapSession(config, ctx, { what: 'IMAP', connection: 'sync connection', stoppedMessage: 'The account is stopped.' });
  const team = config.teamFolder ? createTeamLog(config, ctx, { backoff: opts.backoff }) : undefined;

  const idle = new IdleWatcher({
    folders: config.folders.slice(0, opts.idleFolders ?? 4),
    connect: () => connectIdleClient(config, ctx.password),
    changed: () => ctx.emit('sources:changed', { sourceId }),
    online: () => ctx.setStatus({ state: 'online' }),
    offline: (message, nextRetryAt) => ctx.setStatus({ state: 'offline', message, nextRetryAt }),
    log: ctx.log,
    debounceMs: opts.debounceMs,
    backoff: opts.backoff,
  });

  const connector: ImapConnector = {
    sourceId,
    idle,
    team,
    async pull(cursor, limit) {
      try {
        const batch = await session.run('IMAP sync', (c) => pullImap(c, { sourceId, config, log: ctx.log }, cursor, limit));
        idle.markSynced();
        ctx.setStatus(batch.hasMore ? { state: 'syncing', message: progressText(batch.progress) } : { state: 'online' });
        return batch;
      } catch (e) {
        const err = e instanceof CodedError ? e : toCodedError(e, 'IMAP sync');
        ctx.setStatus({ state: err.code === 'offline' ? 'offline' : 'error', message: err.message });
        throw err;
      }
    },
    async start() {
      session.resume();
      await idle.start();
      await team?.start();
    },
    async stop() {
      session.halt();
      await idle.stop();
      await team?.stop();
      await session.close();
    },
    async deliver(req) {
      if (req.kind !== 'email') throw new CodedError('invalid-payload', 'An email account can only send email.');
      // A forward's attachments come from the server before anything is sent: if one cannot be
      // fetched (offline, gone), nothing goes out and the outbox says why.
      const files: AttachmentData[] = [];
      for (const a of req.payload.attachments ?? []) {
        const got = a.sourceId === sourceId ? await connector.attachment!(a.folder, a.uid, a.partId) : ctx.attachmentOf ? await ctx.attachmentOf(a.sourceId, a.folder, a.uid, a.partId) : undefined;
        if (!got) throw new CodedError('not-found', `The attachment ${a.filename} is in another account that is not connected.`);
        files.push({ ...got, filename: a.filename || got.filename, contentType: a.contentType || got.contentType });
      }
      return deliverEmail(req, {
        config,
        password: ctx.password,
        withImap: (fn) => session.run('IMAP', fn),
        log: ctx.log,
        smtpOverrides: opts.smtpOverrides,
        attachments: files,
      });
    },
    async attachment(folder, uid, partId): Promise<AttachmentData> {
      return session.run('Attachment download', async (c) => {
        const lock = await c.getMailboxLock(folder, { readOnly: true, description: 'switchboard attachment' });
        try {
          const dl = await c.download(String(uid), partId, { uid: true, maxBytes: MAX_ATTACHMENT });
          if (!dl.content) throw new CodedError('not-found', `Part ${partId} of message ${uid} in ${folder} is not on the server any more.`);
          const chunks: Buffer[] = [];
          for await (const chunk of dl.content) chunks.push(chunk as Buffer);
          return {
            filename: dl.meta.filename ?? `attachment-${partId}`,
            contentType: dl.meta.contentType ?? 'application/octet-stream',
            base64: Buffer.concat(chunks).toString('base64'),
          };
        } finally {
          lock.release();
        }
      });
    },
  };
  return connector;
}

function progressText(progress: { label: string; done: number; total: number }[] | undefined): string | undefined {
  return progress?.map((p) => `${p.label}: ${p.done} of ${p.total}`).join(', ');
}

export const imapFactory: ConnectorFactory<'imap'> = {
  kind: 'imap',
  create: (config, ctx) => createImapConnector(config, ctx),
  test: testImapAccount,
};
