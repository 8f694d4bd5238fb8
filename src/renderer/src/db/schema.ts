/**
 * The Dexie database. Numbered migrations: every schema change adds a version below with its
 * upgrade function; versions are never edited once released.
 *
 * Triage state (status, assignee, priority, tags, snooze) lives on the thread row so that each
 * queue is one indexed range query sorted by waiting time.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
  Customer,
  HandoffNote,
  Identity,
  ImportProblem,
  Interaction,
  OutboxItem,
  MergeRecord,
  SyncCursor,
  TeamEvent,
  Thread,
} from '../../../shared/domain';
import { SCHEMA_V3, type CachedAttachment, type CallNote, type Draft, type RemoteAllow } from './agent-tables';
import { SCHEMA_V5, upgradeTeamSync, type TeamStampRow } from '../team/team-sync-tables';
import { SCHEMA_V4, SCHEMA_V7, type SearchMeta, type SegmentRow } from '../search/search-tables';
import { upgradeSearchIndex, upgradeSearchSegments } from '../search/search-upgrade';

export interface ProblemRow extends ImportProblem {
  seq?: number;
}

export type SwitchboardDb = Dexie & {
  customers: EntityTable<Customer, 'id'>;
  identities: EntityTable<Identity, 'key'>;
  interactions: EntityTable<Interaction, 'id'>;
  threads: EntityTable<Thread, 'id'>;
  handoffNotes: EntityTable<HandoffNote, 'id'>;
  outbox: EntityTable<OutboxItem, 'id'>;
  cursors: EntityTable<SyncCursor, 'sourceId'>;
  problems: EntityTable<ProblemRow, 'seq'>;
  drafts: EntityTable<Draft, 'id'>;
  remoteAllow: EntityTable<RemoteAllow, 'sender'>;
  attachmentCache: EntityTable<CachedAttachment, 'key'>;
  callNotes: EntityTable<CallNote, 'interactionId'>;
  teamEvents: EntityTable<TeamEvent, 'id'>;
  merges: EntityTable<MergeRecord, 'id'>;
  teamStamps: EntityTable<TeamStampRow, 'key'>;
  /** Search index segments (schema v7; the table kept its v4 name). */
  searchDocs: Table<SegmentRow, [number, string]>;
  searchMeta: EntityTable<SearchMeta, 'key'>;
};

export const DB_NAME = 'switchboard';

/** Migration 1: the base schema. */
export const SCHEMA_V1 = {
  customers: 'id, lastActivityAt, mergedInto, name',
  identities: 'key, customerId, kind',
  interactions: 'id, [customerId+ts], [threadId+ts], ts, channel, sourceId, messageId',
  threads: 'id, [customerId+lastTs], [status+lastInboundTs], lastTs, assignee, snoozeUntil',
  handoffNotes: 'id, noteId, [customerId+createdAt], threadId',
  outbox: 'id, status, createdAt, sourceId',
  cursors: 'sourceId',
  problems: '++seq, sourceId, ts',
} as const;

/**
 * Migration 2 (customer view + triage): the team event log every team-visible change is appended
 * to (shipped later by team sync), the merge/split history, and one index per queue so every
 * queue is a key-only range query:
 *  - [assignee+status+lastInboundTs]: My open;   [status+assignee]: the assigned part of All open
 *    (Unassigned = open minus assigned; rows without an assignee are absent from that index);
 *  - [status+snoozeUntil]: Snoozed, and the wake-up of due snoozes;
 *  - [status+lastTs]: Closed recently;   [status+channel+lastInboundTs]: Missed calls;
 *  - *tags (multi-entry): the tag picker lists every tag in use from the index alone.
 * No data changes: existing rows are indexed as they are.
 */
export const SCHEMA_V2 = {
  threads:
    'id, [customerId+lastTs], [status+lastInboundTs], lastTs, assignee, snoozeUntil, [assignee+status+lastInboundTs], [status+assignee], [status+snoozeUntil], [status+lastTs], [status+channel+lastInboundTs], *tags',
  teamEvents: 'id, ts, status, type',
  merges: 'id, ts, *customers',
} as const;

/**
 * Migration 6 (triage): Closed recently is ordered by when a conversation was closed
 * ([status+closedAt]); conversations already closed count as closed at their last activity.
 */
export const SCHEMA_V6 = {
  threads: `${SCHEMA_V2.threads}, [status+closedAt]`,
} as const;

export function upgradeClosedAt(tx: Transaction) {
  return tx
    .table<Thread, string>('threads')
    .where('[status+lastTs]')
    .between(['closed', Dexie.minKey], ['closed', Dexie.maxKey])
    .modify((t) => {
      t.closedAt ??= t.lastTs;
    });
}

/**
 * Migration 8 (email threading): interactions indexed by In-Reply-To, so a message that arrives
 * after its replies (initial sync runs newest first) finds them and joins their thread.
 */
export const SCHEMA_V8 = {
  interactions: `${SCHEMA_V1.interactions}, inReplyTo`,
} as const;

export function openDb(name = DB_NAME): SwitchboardDb {
  const db = new Dexie(name) as SwitchboardDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores(SCHEMA_V3);
  db.version(4).stores(SCHEMA_V4).upgrade(upgradeSearchIndex);
  db.version(5).stores(SCHEMA_V5).upgrade(upgradeTeamSync);
  db.version(6).stores(SCHEMA_V6).upgrade(upgradeClosedAt);
  db.version(7).stores(SCHEMA_V7).upgrade(upgradeSearchSegments);
  db.version(8).stores(SCHEMA_V8);
  return db;
}
