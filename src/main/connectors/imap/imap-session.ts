/**
 * One long-lived ImapFlow connection that runs one command sequence at a time: the mail
 * connector's sync connection and the team log's connection are both this. Connects on first
 * use, reconnects after the connection dropped, and drops it after a network failure so the
 * next call starts afresh.
 */
import type { ImapFlow } from 'imapflow';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import type { ConnectorContext } from '../connector';
import { createImapClient, toCodedError } from './imap-client';

export interface ImapSessionOptions {
  /** For connection errors: "IMAP", "Team log". */
  what: string;
  /** For the log: "sync connection". */
  connection: string;
  /** The message of the 'offline' error a call gets after halt(). */
  stoppedMessage: string;
  /** Turns an error of `fn` into the error to throw as it is (the connection is kept); undefined: the usual mapping. */
  mapError?: (e: unknown) => CodedError | undefined;
}

export interface ImapSession {
  /** Serialises work on the connection; a network failure drops the connection for the next call. */
  run<T>(what: string, fn: (c: ImapFlow) => Promise<T>): Promise<T>;
  /** Calls may run again (start). */
  resume(): void;
  /** Calls fail from now on (the first step of stop). */
  halt(): void;
  /** Waits for the running call, then logs out. */
  close(): Promise<void>;
}

export function createImapSession(config: ImapSourceConfig, ctx: Pick<ConnectorContext, 'password' | 'log'>, opts: ImapSessionOptions): ImapSession {
  let client: ImapFlow | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function connected(): Promise<ImapFlow> {
    if (client?.usable) return client;
    const c = createImapClient(config, ctx.password);
    c.on('error', (e: Error) => ctx.log(`${opts.connection}: ${e.message}`));
    c.on('close', () => {
      if (client === c) client = undefined;
    });
    try {
      await c.connect();
    } catch (e) {
      c.close();
      throw toCodedError(e, opts.what);
    }
    client = c;
    return c;
  }

  return {
    run<T>(what: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
      const run = async () => {
        if (stopped) throw new CodedError('offline', opts.stoppedMessage);
        const c = await connected();
        try {
          return await fn(c);
        } catch (e) {
          const mapped = opts.mapError?.(e);
          if (mapped) throw mapped;
          const err = toCodedError(e, what);
          if (err.code === 'offline' || err.code === 'internal') {
            if (client === c) client = undefined;
            c.close();
          }
          throw err;
        }
      };
      const next = queue.then(run, run);
      queue = next.catch(() => undefined);
      return next;
    },
    resume() {
      stopped = false;
    },
    halt() {
      stopped = true;
    },
    async close() {
      const c = client;
      client = undefined;
      await queue.catch(() => undefined);
      if (c) await c.logout().catch(() => c.close());
    },
  };
}

/** A connection for IdleWatcher (its own, so IDLE never waits for a sync). */
export async function connectIdleClient(config: ImapSourceConfig, password: string | undefined): Promise<ImapFlow> {
  const c = createImapClient(config, password, { maxIdleTime: 10 * 60_000 });
  await c.connect();
  return c;
}
