/**
 * One pull of an IMAP account: for each configured folder, SELECT under a mailbox lock (always
 * released), ask the pure decision function what to do, do it, and return records plus the new
 * cursor. Stores nothing: the cursor goes back to the renderer, which commits it with the records.
 * The same cursor against the same server state gives the same batch (deterministic sourceKeys).
 */
import type { FetchMessageObject, ImapFlow } from 'imapflow';
import type { FlagsRecord, ImportProblem, RemovalRecord, SourceBatch, SourceRecord, SyncProgress } from '../../../shared/domain';
import {
  decideSync,
  initialFolderState,
  type FolderSyncState,
  type LiveMailboxState,
  type ServerCaps,
} from '../../../shared/mail/imap-sync-decision';
import { countUidSet, decodeUidSet, encodeUidSet } from '../../../shared/mail/uid-set';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { emailSourceKey, parseMessage } from './parse-message';

/** The cursor the renderer keeps for an IMAP source. JSON-safe. */
export interface ImapCursor {
  v: 1;
  folders: Record<string, FolderSyncState>;
}

export function emptyCursor(): ImapCursor {
  return { v: 1, folders: {} };
}

function isFolderState(x: unknown): x is FolderSyncState {
  const s = x as FolderSyncState;
  return (
    !!s &&
    typeof s === 'object' &&
    Number.isInteger(s.uidValidity) &&
    Number.isInteger(s.uidNext) &&
    Number.isInteger(s.exists) &&
    Number.isInteger(s.lastUid) &&
    Number.isInteger(s.backfill) &&
    typeof s.backfillDone === 'boolean' &&
    typeof s.known === 'string' &&
    /^[\d:,]*$/.test(s.known) &&
    (s.highestModseq === undefined || /^\d+$/.test(s.highestModseq))
  );
}

/** null/undefined -> fresh; anything unreadable -> 'invalid' (the caller reseeds). */
export function readCursor(raw: unknown): ImapCursor | 'invalid' {
  if (raw === null || raw === undefined) return emptyCursor();
  const c = raw as ImapCursor;
  if (!c || typeof c !== 'object' || c.v !== 1 || !c.folders || typeof c.folders !== 'object') return 'invalid';
  for (const s of Object.values(c.folders)) if (!isFolderState(s)) return 'invalid';
  return c;
}

export interface SyncDeps {
  sourceId: string;
  config: ImapSourceConfig;
  log(line: string): void;
}

interface FolderResult {
  state: FolderSyncState;
  records: SourceRecord[];
  emails: number;
  pending: boolean;
  progress: SyncProgress;
}

class ReseedSignal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function ownAddresses(config: ImapSourceConfig): Set<string> {
  return new Set([config.email, ...config.teamAddresses].map((a) => a.toLowerCase()));
}

function flagsOf(m: FetchMessageObject): string[] {
  return [...(m.flags ?? [])].sort();
}

/** Runs `fn` collecting 'expunge' (EXPUNGE with QRESYNC, VANISHED) UIDs reported for `path` meanwhile. */
async function collectingVanished<T>(client: ImapFlow, path: string, fn: () => Promise<T>): Promise<{ value: T; uids: number[] }> {
  const uids: number[] = [];
  const onExpunge = (e: { path: string; uid?: number }) => {
    if (e.path === path && typeof e.uid === 'number') uids.push(e.uid);
  };
  client.on('expunge', onExpunge);
  try {
    const value = await fn();
    return { value, uids };
  } finally {
    client.off('expunge', onExpunge);
  }
}

/** "min:max" of a non-empty UID collection: a short command line whatever the gaps. */
function spanOf(uids: Iterable<number>): string {
  let lo = Infinity;
  let hi = 0;
  for (const u of uids) {
    if (u < lo) lo = u;
    if (u > hi) hi = u;
  }
  return lo === hi ? String(lo) : `${lo}:${hi}`;
}

async function searchUids(client: ImapFlow, range: string): Promise<number[]> {
  const found = await client.search({ uid: range }, { uid: true });
  return Array.isArray(found) ? found : [];
}

/** Fetches full sources for the UIDs, then parses them (no IMAP command runs inside the fetch loop). */
async function fetchEmails(client: ImapFlow, deps: SyncDeps, folder: string, uidValidity: number, uids: number[]) {
  if (!uids.length) return [];
  const raw: FetchMessageObject[] = [];
  for await (const m of client.fetch(encodeUidSet(uids), { uid: true, flags: true, internalDate: true, source: true }, { uid: true })) {
    raw.push(m);
  }
  const own = ownAddresses(deps.config);
  const sent = folder === deps.config.sentFolder;
  const records = [];
  for (const m of raw.sort((a, b) => b.uid - a.uid)) {
    const internal = m.internalDate instanceof Date ? m.internalDate : m.internalDate ? new Date(m.internalDate) : undefined;
    records.push(
      await parseMessage(m.source ?? Buffer.alloc(0), {
        sourceId: deps.sourceId,
        folder,
        uid: m.uid,
        uidValidity,
        flags: flagsOf(m),
        internalDate: internal,
        ownAddresses: own,
        sentFolder: sent,
      }),
    );
  }
  return records;
}

async function syncFolder(
  client: ImapFlow,
  deps: SyncDeps,
  folder: string,
  stored: FolderSyncState | undefined,
  caps: ServerCaps,
  budget: number,
): Promise<FolderResult> {
  const lock = await client.getMailboxLock(folder, { description: 'switchboard sync' });
  try {
    // A connection that stays on this folder between pulls is not re-selected, so its EXISTS /
    // UIDNEXT only move when the server can send updates: a NOOP lets it, before we decide.
    await client.noop();
    const mb = client.mailbox;
    if (!mb) throw new Error(`${folder} could not be selected`);
    // ...but UIDNEXT is only reported at SELECT: on a connection that stayed on the folder, a new
    // message raises EXISTS while uidNext keeps its old value, and a decision taken on it would
    // never fetch the message. The UID of the last message gives the real floor.
    let uidNext = mb.uidNext;
    if (mb.exists > 0) {
      const last = await client.fetchOne('*', { uid: true });
      if (last && last.uid + 1 > uidNext) uidNext = last.uid + 1;
    }
    const live: LiveMailboxState = {
      uidValidity: Number(mb.uidValidity),
      uidNext,
      exists: mb.exists,
      highestModseq: mb.highestModseq !== undefined && !mb.noModseq ? mb.highestModseq.toString() : undefined,
      noModseq: mb.noModseq,
    };
    let actions = decideSync(stored, live, caps);
    if (actions[0]?.type === 'reseed') throw new ReseedSignal(`${folder}: ${actions[0].reason}`);
    let state: FolderSyncState = stored ?? initialFolderState(live);
    if (actions[0]?.type === 'initial') actions = decideSync(state, live, caps);

    const knownBefore = state.known;
    const known = new Set(decodeUidSet(knownBefore));
    const records: SourceRecord[] = [];
    const key = (uid: number) => emailSourceKey(deps.sourceId, folder, live.uidValidity, uid);
    let emails = 0;
    let lastUid = state.lastUid;
    let backfill = state.backfill;
    let backfillDone = state.backfillDone;

    for (const action of actions) {
      switch (action.type) {
        case 'new-uids': {
          if (budget - emails <= 0) break;
          const uids = (await searchUids(client, `${action.fromUid}:*`)).filter((u) => u >= action.fromUid).sort((a, b) => a - b);
          const take = uids.slice(0, budget - emails);
          const got = await fetchEmails(client, deps, folder, live.uidValidity, take);
          records.push(...got);
          emails += got.length;
          for (const u of take) known.add(u);
          lastUid = take.length < uids.length ? take[take.length - 1]! : Math.max(lastUid, live.uidNext - 1, ...take);
          break;
        }
        case 'changedsince': {
          if (!knownBefore) break;
          const before = new Set(decodeUidSet(knownBefore));
          const { value: changed, uids: vanished } = await collectingVanished(client, folder, () =>
            client.fetchAll(spanOf(before), { uid: true, flags: true }, { uid: true, changedSince: BigInt(action.modseq) }),
          );
          for (const m of changed) {
            if (before.has(m.uid)) records.push({ type: 'flags', sourceKey: key(m.uid), sourceId: deps.sourceId, flags: flagsOf(m) } satisfies FlagsRecord);
          }
          for (const u of vanished) {
            if (known.delete(u)) records.push({ type: 'removal', sourceKey: key(u), sourceId: deps.sourceId } satisfies RemovalRecord);
          }
          break;
        }
        case 'full-flags': {
          if (!knownBefore) break;
          const before = new Set(decodeUidSet(knownBefore));
          const all = await client.fetchAll(spanOf(before), { uid: true, flags: true }, { uid: true });
          for (const m of all) if (before.has(m.uid)) records.push({ type: 'flags', sourceKey: key(m.uid), sourceId: deps.sourceId, flags: flagsOf(m) } satisfies FlagsRecord);
          break;
        }
        case 'expunge-check': {
          if (!knownBefore) break;
          const before = decodeUidSet(knownBefore);
          const present = new Set(await searchUids(client, spanOf(before)));
          for (const u of before) {
            if (!present.has(u) && known.delete(u)) records.push({ type: 'removal', sourceKey: key(u), sourceId: deps.sourceId } satisfies RemovalRecord);
          }
          break;
        }
        case 'backfill': {
          if (budget - emails <= 0) break;
          if (action.belowUid <= 1) {
            backfillDone = true;
            break;
          }
          const older = (await searchUids(client, `1:${action.belowUid - 1}`)).filter((u) => u < action.belowUid).sort((a, b) => b - a);
          const take = older.slice(0, budget - emails);
          const got = await fetchEmails(client, deps, folder, live.uidValidity, take);
          records.push(...got);
          emails += got.length;
          for (const u of take) known.add(u);
          if (take.length) backfill = take[take.length - 1]!;
          backfillDone = take.length === older.length;
          break;
        }
        case 'none':
        case 'initial':
        case 'reseed':
          break;
      }
    }
    state = {
      uidValidity: live.uidValidity,
      uidNext: live.uidNext,
      exists: live.exists,
      lastUid,
      highestModseq: caps.condstore ? live.highestModseq : undefined,
      backfill,
      backfillDone,
      known: encodeUidSet(known),
    };
    const pending = !backfillDone || lastUid < live.uidNext - 1;
    return {
      state,
      records,
      emails,
      pending,
      progress: { label: folder, done: Math.min(countUidSet(state.known), live.exists), total: live.exists },
    };
  } finally {
    lock.release();
  }
}

/** One pull. `client` must be connected; errors propagate (the connector maps them). */
export async function pullImap(client: ImapFlow, deps: SyncDeps, rawCursor: unknown, limit: number): Promise<SourceBatch> {
  const read = readCursor(rawCursor);
  let cursor = read === 'invalid' ? emptyCursor() : read;
  let reset = read === 'invalid';
  const problems: ImportProblem[] = [];
  if (reset) deps.log('cursor unreadable: reseeding');
  const caps: ServerCaps = { condstore: client.enabled.has('CONDSTORE'), qresync: client.enabled.has('QRESYNC') };

  for (let round = 0; round < 2; round++) {
    try {
      const records: SourceRecord[] = [];
      const progress: SyncProgress[] = [];
      const folders: Record<string, FolderSyncState> = {};
      let emails = 0;
      let hasMore = false;
      for (const folder of deps.config.folders) {
        const stored = cursor.folders[folder];
        try {
          const r = await syncFolder(client, deps, folder, stored, caps, limit - emails);
          records.push(...r.records);
          emails += r.emails;
          folders[folder] = r.state;
          progress.push(r.progress);
          hasMore ||= r.pending;
        } catch (e) {
          const err = e as { mailboxMissing?: boolean; serverResponseCode?: string; responseText?: string };
          if (e instanceof ReseedSignal) throw e;
          if (err.mailboxMissing || err.serverResponseCode === 'NONEXISTENT') {
            problems.push({ sourceId: deps.sourceId, reason: `Folder "${folder}" does not exist on the server; it is skipped.`, ts: Date.now() });
            if (stored) folders[folder] = stored;
            continue;
          }
          throw e;
        }
      }
      return {
        sourceId: deps.sourceId,
        records,
        cursor: { v: 1, folders } satisfies ImapCursor,
        hasMore,
        ...(reset ? { reset: true } : {}),
        progress,
        ...(problems.length ? { problems } : {}),
      };
    } catch (e) {
      if (!(e instanceof ReseedSignal) || round > 0) throw e;
      deps.log(`reseed: ${e.reason}`);
      cursor = emptyCursor();
      reset = true;
    }
  }
  throw new Error('unreachable');
}
