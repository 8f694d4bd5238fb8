/** Helpers for the mail integration suites: account configs, a recording ConnectorContext, seeding. */
import { ImapFlow } from 'imapflow';
import type { SourceBatch, SourceStatus, SourceRecord, EmailRecord } from '../../../src/shared/domain';
import type { EventContract } from '../../../src/shared/ipc/contract';
import type { ImapSourceConfig } from '../../../src/shared/ipc/schemas';
import type { ConnectorContext } from '../../../src/main/connectors/connector';
import { lab, type LabMailUser } from '../../lab/env';

export function accountConfig(user: LabMailUser, over: Partial<ImapSourceConfig> = {}): ImapSourceConfig {
  const u = lab.users[user];
  return {
    kind: 'imap',
    id: `it-${user}`,
    label: `${user} (integration)`,
    enabled: true,
    displayName: user,
    email: u.email,
    user: u.user,
    imap: { host: lab.host, port: lab.imap.port, security: 'starttls' },
    smtp: { host: lab.host, port: lab.smtp.port, security: 'starttls' },
    allowPlain: false,
    allowSelfSigned: true,
    folders: ['INBOX', 'Sent'],
    sentFolder: 'Sent',
    signature: '',
    teamAddresses: [],
    teamFolder: '',
    ...over,
  };
}

export interface RecordingContext extends ConnectorContext {
  events: Array<{ event: keyof EventContract; payload: unknown }>;
  statuses: Array<Omit<SourceStatus, 'sourceId' | 'kind' | 'label'>>;
  /** Resolves at the next emit of `event` (after now). */
  next<E extends keyof EventContract>(event: E, timeoutMs?: number): Promise<EventContract[E]>;
  /** Resolves when a status with this state is reported (after now). */
  nextStatus(state: SourceStatus['state'], timeoutMs?: number): Promise<Omit<SourceStatus, 'sourceId' | 'kind' | 'label'>>;
}

export function recordingContext(user: LabMailUser): RecordingContext {
  const waiters: Array<{ event: string; resolve: (p: unknown) => void }> = [];
  const statusWaiters: Array<{ state: string; resolve: (p: never) => void }> = [];
  const ctx: RecordingContext = {
    password: lab.users[user].pass,
    events: [],
    statuses: [],
    emit(event, payload) {
      ctx.events.push({ event, payload });
      for (const w of waiters.splice(0).filter((w) => (w.event === event ? (w.resolve(payload), false) : true))) waiters.push(w);
    },
    setStatus(s) {
      ctx.statuses.push(s);
      for (const w of statusWaiters.splice(0).filter((w) => (w.state === s.state ? (w.resolve(s as never), false) : true))) statusWaiters.push(w);
    },
    log: () => {},
    resourcesDir: '',
    next(event, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ event, resolve: (p) => (clearTimeout(t), resolve(p as never)) });
      });
    },
    nextStatus(state, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no status ${state} within ${timeoutMs} ms`)), timeoutMs);
        statusWaiters.push({ state, resolve: (p) => (clearTimeout(t), resolve(p)) });
      });
    },
  };
  return ctx;
}

/** A plain imapflow session for seeding and checking, as the lab user. */
export async function adminClient(user: LabMailUser): Promise<ImapFlow> {
  const c = new ImapFlow({ host: lab.host, port: lab.imap.port, secure: false, doSTARTTLS: false, auth: { user, pass: lab.users[user].pass }, logger: false });
  c.on('error', () => {});
  await c.connect();
  return c;
}

let counter = 0;
export function simpleMessage(opts: { from?: string; to?: string; subject: string; body?: string; messageId?: string; date?: Date; extraHeaders?: string }): string {
  const id = opts.messageId ?? `<it-${Date.now()}-${++counter}@localhost>`;
  return [
    `From: ${opts.from ?? 'customer@localhost'}`,
    `To: ${opts.to ?? 'support@localhost'}`,
    `Subject: ${opts.subject}`,
    `Date: ${(opts.date ?? new Date(Date.UTC(2024, 0, 1, 0, 0, counter))).toUTCString()}`,
    `Message-ID: ${id}`,
    ...(opts.extraHeaders ? [opts.extraHeaders] : []),
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.body ?? `body of ${opts.subject}`,
    '',
  ].join('\r\n');
}

/** Pulls until hasMore is false; returns every batch. */
export async function pullAll(pull: (cursor: unknown, limit: number) => Promise<SourceBatch>, cursor: unknown, limit: number, max = 100) {
  const batches: SourceBatch[] = [];
  let c = cursor;
  for (let i = 0; i < max; i++) {
    const b = await pull(c, limit);
    batches.push(b);
    c = b.cursor;
    if (!b.hasMore) return { batches, cursor: c };
  }
  throw new Error('pullAll: source never finished');
}

export const emails = (records: SourceRecord[]) => records.filter((r): r is EmailRecord => r.type === 'email');

/** Waits (IDLE, no sleeping) until a message with this Message-ID is in `folder`; returns the UIDs found. */
export async function waitForMessage(user: LabMailUser, folder: string, messageId: string, timeoutMs = 20_000): Promise<number[]> {
  const c = await adminClient(user);
  const deadline = Date.now() + timeoutMs;
  try {
    const lock = await c.getMailboxLock(folder);
    try {
      for (;;) {
        const found = await c.search({ header: { 'Message-ID': messageId } }, { uid: true });
        if (Array.isArray(found) && found.length) return found;
        if (Date.now() > deadline) throw new Error(`${messageId} did not arrive in ${user}/${folder}`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          c.once('exists', () => (clearTimeout(t), resolve()));
          void c.idle().catch(() => {});
        });
      }
    } finally {
      lock.release();
    }
  } finally {
    await c.logout().catch(() => c.close());
  }
}
