/**
 * The Dexie database. Numbered migrations: every schema change adds a version below with its
 * upgrade function; versions are never edited once released.
 *
 * Triage state (status, assignee, priority, tags, snooze) lives on the thread row so that each
 * queue is one indexed range query sorted by waiting time.
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  Customer,
  HandoffNote,
  Identity,
  ImportProblem,
  Interaction,
  OutboxItem,
  SyncCursor,
  Thread,
} from '../../../shared/domain';
import { SCHEMA_V3, type CachedAttachment, type CallNote, type Draft, type RemoteAllow } from './agent-tables';

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

export function openDb(name = DB_NAME): SwitchboardDb {
  const db = new Dexie(name) as SwitchboardDb;
  db.version(1).stores(SCHEMA_V1);
  // Version 2 (customer view + triage) is added by that feature; Dexie allows the gap meanwhile.
  db.version(3).stores(SCHEMA_V3);
  return db;
}
