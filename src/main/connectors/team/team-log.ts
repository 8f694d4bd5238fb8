/**
 * The team log on the team's own IMAP server: one shared folder (ImapSourceConfig.teamFolder,
 * e.g. Dovecot's public namespace `Public/Team`), one message per event.
 *
 *  - append: for each event, SEARCH HEADER Message-ID <evt-ID@switchboard> and APPEND only when
 *    it is not there yet. A retry after a lost connection (APPEND sent, OK never seen) therefore
 *    finds the first copy and answers 'already-there'; readers dedup by event id anyway.
 *  - pull: UIDs after the cursor's lastUid, up to `limit`, parsed and validated. The cursor is
 *    {uidValidity, lastUid}: the folder is append-only (events are immutable; only expired presence
 *    notes are expunged), so MODSEQ/CHANGEDSINCE would add nothing over "UIDs after lastUid".
 *    A new UIDVALIDITY re-reads the folder (harmless: ids dedup).
 *  - IDLE on the folder (the imap connector's IdleWatcher, same backoff) -> 'team:changed'.
 *  - presence: a short-lived message with an expiry, returned by pull until it expires and then
 *    expunged by whichever console appends the next presence note.
 *
 * Reuses the imap connector's connection handling (imap/imap-session.ts: client construction,
 * TLS/STARTTLS/auth options, error mapping, one command sequence at a time) on a connection of its
 * own, so a long mail sync never delays the team log.
 */
import type { ImapFlow } from 'imapflow';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { eventMessageId, type TeamEnvelope } from '../../../shared/team/event-schema';
import type { TeamAppendResult, TeamCursor, TeamPullBatch } from '../../../shared/team/team-ipc';
import type { BackoffOptions } from '../../../shared/backoff';
import type { ConnectorContext } from '../connector';
import { IdleWatcher } from '../imap/imap-idle';
import { connectIdleClient, createImapSession } from '../imap/imap-session';
import { buildTeamMessage, HEADERS, parseTeamMessage } from './team-message';

export type { TeamAppendResult, TeamCursor, TeamPullBatch };

export interface TeamLog {
  readonly folder: string;
  append(envelopes: TeamEnvelope[]): Promise<TeamAppendResult[]>;
  pull(cursor: unknown, limit: number): Promise<TeamPullBatch>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface TeamLogOptions {
  backoff?: BackoffOptions;
  debounceMs?: number;
  now?: () => number;
}

function asCursor(c: unknown): TeamCursor | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const { uidValidity, lastUid } = c as Partial<TeamCursor>;
  return Number.isInteger(uidValidity) && Number.isInteger(lastUid) && lastUid! >= 0 ? { uidValidity: uidValidity!, lastUid: lastUid! } : undefined;
}

export function createTeamLog(config: ImapSourceConfig, ctx: Pick<ConnectorContext, 'password' | 'emit' | 'log'>, opts: TeamLogOptions = {}): TeamLog {
  const folder = config.teamFolder;
  if (!folder) throw new CodedError('invalid-payload', `Account ${config.label} has no team folder.`);
  const sourceId = config.id;
  const now = opts.now ?? Date.now;
  const from = { name: config.displayName || config.email, address: config.email };
  const session = createImapSession(config, ctx, {
    what: 'Team log',
    connection: 'team log connection',
    stoppedMessage: 'The team log is stopped.',
    mapError: (e) =>
      (e as { mailboxMissing?: boolean }).mailboxMissing
        ? new CodedError('not-found', `The team folder "${folder}" does not exist on the server, or this account may not read it. See docs/team-sync.md.`)
        : undefined,
  });
  const withClient = <T>(fn: (c: ImapFlow) => Promise<T>): Promise<T> => session.run('Team log', fn);

  async function findByMessageId(c: ImapFlow, messageId: string): Promise<number[]> {
    const found = await c.search({ header: { 'Message-ID': messageId } }, { uid: true });
    return Array.isArray(found) ? found : [];
  }

  /** Expunge presence notes that expired (any console may: they carry nothing anyone needs). */
  async function sweepPresence(c: ImapFlow) {
    const uids = await c.search({ header: { [HEADERS.kind]: 'presence' } }, { uid: true });
    if (!Array.isArray(uids) || !uids.length) return;
    const expired: number[] = [];
    for await (const m of c.fetch(uids.join(','), { uid: true, headers: [HEADERS.expires] }, { uid: true })) {
      const raw = m.headers?.toString('utf8') ?? '';
      const at = Date.parse(/:\s*(.+)/.exec(raw)?.[1]?.trim() ?? '');
      if (Number.isFinite(at) && at < now()) expired.push(m.uid);
    }
    if (expired.length) await c.messageDelete(expired.join(','), { uid: true });
  }

  const idle = new IdleWatcher({
    folders: [folder],
    connect: () => connectIdleClient(config, ctx.password),
    changed: () => ctx.emit('team:changed', { sourceId }),
    online: () => ctx.log('team log: live'),
    offline: (message) => ctx.log(`team log offline: ${message}`),
    log: ctx.log,
    debounceMs: opts.debounceMs ?? 150,
    backoff: opts.backoff,
  });

  return {
    folder,
    append(envelopes) {
      return withClient(async (c) => {
        const out: TeamAppendResult[] = [];
        let lock;
        try {
          lock = await c.getMailboxLock(folder, { description: 'switchboard team append' });
        } catch (e) {
          if (!(e as { mailboxMissing?: boolean }).mailboxMissing) throw e;
          // A shared mailbox without the folder yet: create it once (needs the 'k' right).
          await c.mailboxCreate(folder);
          lock = await c.getMailboxLock(folder, { description: 'switchboard team append' });
        }
        try {
          await c.noop(); // see what other sessions appended before deciding "not there yet"
          let presence = false;
          for (const e of envelopes) {
            if ((await findByMessageId(c, eventMessageId(e.id))).length) {
              out.push({ id: e.id, status: 'already-there' });
              continue;
            }
            const res = await c.append(folder, await buildTeamMessage(e, from), [], new Date(e.ts));
            if (res === false) throw new CodedError('rejected', `The server refused to store event ${e.id} in ${folder}.`);
            out.push({ id: e.id, status: 'appended' });
            presence ||= e.kind === 'presence';
          }
          if (presence) await sweepPresence(c).catch((err: Error) => ctx.log(`team log: presence sweep failed: ${err.message}`));
        } finally {
          lock.release();
        }
        return out;
      });
    },
    pull(cursor, limit) {
      return withClient(async (c) => {
        const lock = await c.getMailboxLock(folder, { readOnly: true, description: 'switchboard team pull' });
        try {
          // The folder may already be selected on this connection: NOOP makes the server report
          // what other sessions appended (STATUS of a selected mailbox can be the session's stale view).
          await c.noop();
          const box = c.mailbox;
          if (!box) throw new CodedError('not-found', `The team folder "${folder}" cannot be read.`);
          const uidValidity = Number(box.uidValidity);
          const prev = asCursor(cursor);
          const start: TeamCursor = prev && prev.uidValidity === uidValidity ? prev : { uidValidity, lastUid: 0 };
          const empty: TeamPullBatch = { sourceId, events: [], presence: [], cursor: start, hasMore: false, problems: [] };
          // imapflow does not move mailbox.uidNext on EXISTS, so ask the server: UID SEARCH of the
          // range after the cursor (empty when nothing is new; `n:*` also matches the last UID).
          const found = await c.search({ uid: `${start.lastUid + 1}:*` }, { uid: true });
          const uids = (Array.isArray(found) ? found : []).filter((u) => u > start.lastUid).sort((a, b) => a - b);
          if (!uids.length) return empty;
          const take = uids.slice(0, limit);
          const batch: TeamPullBatch = { ...empty, cursor: { uidValidity, lastUid: take[take.length - 1]! }, hasMore: uids.length > take.length };
          const raw: Array<{ uid: number; source: Buffer }> = [];
          for await (const m of c.fetch(take.join(','), { uid: true, source: true }, { uid: true })) raw.push({ uid: m.uid, source: m.source ?? Buffer.alloc(0) });
          for (const m of raw.sort((a, b) => a.uid - b.uid)) {
            const r = await parseTeamMessage(m.source);
            if (!r.ok) {
              batch.problems.push({ sourceId, file: folder, line: m.uid, reason: `team log message ${m.uid}: ${r.reason}`, ts: now() });
            } else if (r.envelope.kind === 'event') {
              batch.events.push(r.envelope);
            } else if (r.envelope.expiresAt > now()) {
              batch.presence.push(r.envelope);
            }
          }
          idle.markSynced();
          return batch;
        } finally {
          lock.release();
        }
      });
    },
    async start() {
      session.resume();
      await idle.start();
    },
    async stop() {
      session.halt();
      await idle.stop();
      await session.close();
    },
  };
}
