/**
 * Domain types shared by every process. Pure types: no runtime imports.
 *
 * Two families:
 *  - Source records: what a connector in main emits (network + parsing, no storage).
 *  - Stored entities: what the renderer keeps in Dexie after ingest.
 */

export type Channel = 'email' | 'chat' | 'call' | 'note';
export type Direction = 'inbound' | 'outbound' | 'internal';
export type IdentityKind = 'email' | 'phone' | 'jid' | 'name';
export type SourceKind = 'demo' | 'imap' | 'xmpp' | 'cdr-csv' | 'cdr-sql' | 'csv-generic';

export interface Address {
  name?: string;
  address: string;
}

export interface AttachmentMeta {
  /** MIME part id as IMAP addresses it (e.g. "2", "1.2"); used for download on demand. */
  partId: string;
  filename: string;
  contentType: string;
  size: number;
  contentId?: string;
  inline?: boolean;
}

interface RecordBase {
  /** Deterministic key: the same source item always maps to the same key, so replays are harmless. */
  sourceKey: string;
  /** Id of the configured source (account) this came from. */
  sourceId: string;
}

export interface EmailRecord extends RecordBase {
  type: 'email';
  /** Mailbox path and IMAP identity (absent for demo/imported mail). */
  folder: string;
  uid?: number;
  uidValidity?: number;
  messageId: string;
  inReplyTo?: string;
  references: string[];
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  replyTo?: Address[];
  /** Epoch ms. */
  date: number;
  direction: Direction;
  text: string;
  html?: string;
  attachments: AttachmentMeta[];
  flags: string[];
  /** Non-fatal problems met while parsing (malformed headers, unknown charset...). */
  warnings: string[];
}

export interface ChatRecord extends RecordBase {
  type: 'chat';
  /** Customer's bare JID. */
  peer: string;
  /** Bare JID of the team account that took part. */
  account: string;
  direction: Direction;
  body: string;
  /** Epoch ms. */
  ts: number;
  stanzaId: string;
  archiveId?: string;
  /** Agent resource / name who wrote an outbound message, when known. */
  agent?: string;
  peerName?: string;
  warnings: string[];
}

export type CallOutcome = 'answered' | 'missed' | 'busy' | 'failed' | 'voicemail';

export interface CallRecord extends RecordBase {
  type: 'call';
  /** Customer's number: E.164 when it could be normalised, else the raw digits. */
  customerNumber: string;
  customerName?: string;
  /** Agent extension or name. */
  agent?: string;
  direction: Direction;
  outcome: CallOutcome;
  /** Epoch ms. */
  start: number;
  durationSec: number;
  billSec: number;
  recordingUrl?: string;
  notes?: string;
  /** Raw CDR fields kept for the detail view. */
  raw?: Record<string, string>;
  warnings: string[];
}

/** A message disappeared from the source (IMAP EXPUNGE/VANISHED). */
export interface RemovalRecord extends RecordBase {
  type: 'removal';
}

/** Flags changed on a known message (IMAP FETCH FLAGS / CHANGEDSINCE). */
export interface FlagsRecord extends RecordBase {
  type: 'flags';
  flags: string[];
}

export type SourceRecord = EmailRecord | ChatRecord | CallRecord | RemovalRecord | FlagsRecord;

export interface SyncProgress {
  /** What is being synced, e.g. a folder name. */
  label: string;
  done: number;
  total: number;
}

/** One unit of sync: records and the cursor that is valid once they are stored. */
export interface SourceBatch {
  sourceId: string;
  records: SourceRecord[];
  /** Opaque, JSON-serialisable cursor; null before the first sync. In a live push
   *  (`sources:records`, e.g. chat) null means "do not move the cursor": only a pull moves it. */
  cursor: unknown;
  /** True when the source has more to give right now (call pull again). */
  hasMore: boolean;
  /** When true, the renderer drops everything it has from this source before applying the batch
   *  (e.g. UIDVALIDITY changed): a silent reseed. */
  reset?: boolean;
  progress?: SyncProgress[];
  /** Problems found in the source data that lost nothing valid (bad CSV rows...). */
  problems?: ImportProblem[];
}

export interface ImportProblem {
  sourceId: string;
  file?: string;
  line?: number;
  reason: string;
  ts: number;
}

// ---- stored entities (renderer / Dexie) -------------------------------------------------------

export interface Customer {
  id: string;
  name: string;
  createdAt: number;
  lastActivityAt: number;
  /** Set when merged into another customer; the row stays so the merge can be undone. */
  mergedInto?: string;
  tags: string[];
  language?: string;
  timeZone?: string;
}

export interface Identity {
  /** `${kind}:${normalisedValue}` */
  key: string;
  kind: IdentityKind;
  value: string;
  customerId: string;
  label?: string;
}

export interface CallDetails {
  outcome: CallOutcome;
  durationSec: number;
  billSec: number;
  recordingUrl?: string;
  customerNumber: string;
}

export interface Interaction {
  /** = source record's sourceKey, or a generated id for notes. */
  id: string;
  customerId: string;
  threadId: string;
  channel: Channel;
  direction: Direction;
  /** Epoch ms. */
  ts: number;
  sourceId: string;
  /** Who wrote/handled it: display form. */
  fromLabel: string;
  /** Team member who handled it, when known. */
  agent?: string;
  subject?: string;
  text: string;
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  to?: Address[];
  cc?: Address[];
  from?: Address;
  attachments?: AttachmentMeta[];
  flags?: string[];
  call?: CallDetails;
  warnings?: string[];
  /** IMAP coordinates for attachment download and flag updates. */
  folder?: string;
  uid?: number;
}

export type TriageStatus = 'open' | 'pending' | 'snoozed' | 'closed';
export type Priority = 'urgent' | 'high' | 'normal' | 'low';

export interface Thread {
  id: string;
  customerId: string;
  /** Denormalised for the queue list, so a row renders without a join. */
  customerName: string;
  channel: Channel;
  subject: string;
  firstTs: number;
  lastTs: number;
  /** Last customer (inbound) message time; drives "waiting since". */
  lastInboundTs: number;
  count: number;
  snippet: string;
  /** Triage state lives on the thread row so queues are one indexed query. */
  status: TriageStatus;
  assignee?: string;
  priority: Priority;
  tags: string[];
  snoozeUntil?: number;
  /** True when the customer spoke last and nobody answered yet. */
  awaitingReply: boolean;
  /** For calls: a missed inbound call not yet handled. */
  missedCall?: boolean;
  /** When it was last closed (absent unless status is closed); orders Closed recently. */
  closedAt?: number;
}

export interface HandoffNote {
  id: string;
  /** All versions of one note share noteId; edits append a version. */
  noteId: string;
  version: number;
  customerId: string;
  threadId?: string;
  author: string;
  createdAt: number;
  summary: string;
  tried: string;
  promised: string;
  nextStep: string;
  forWhom?: string;
  mentions: string[];
  acknowledgedBy?: string;
  acknowledgedAt?: number;
}

export type OutboxKind = 'email' | 'chat';
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  sourceId: string;
  status: OutboxStatus;
  createdAt: number;
  attempts: number;
  lastError?: string;
  /** Fixed before the first try: Message-ID for mail, stanza id for chat. */
  messageId: string;
  threadId?: string;
  customerId?: string;
  payload: OutgoingEmail | OutgoingChat;
}

/** An attachment of a stored email, sent again with a forward: main fetches it from the server. */
export interface ForwardedAttachment {
  /** The source holding the original message, and where it is there. */
  sourceId: string;
  folder: string;
  uid: number;
  partId: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface OutgoingEmail {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  text: string;
  inReplyTo?: string;
  references: string[];
  /** Forward: the original's attachments, fetched by main at delivery (not stored in the outbox). */
  attachments?: ForwardedAttachment[];
}

export interface OutgoingChat {
  to: string;
  body: string;
}

export interface SyncCursor {
  sourceId: string;
  cursor: unknown;
  updatedAt: number;
}

export type SourceState = 'online' | 'offline' | 'connecting' | 'syncing' | 'error' | 'disabled';

export interface SourceStatus {
  sourceId: string;
  kind: SourceKind;
  label: string;
  state: SourceState;
  message?: string;
  nextRetryAt?: number;
}

// ---- identity merge history and the team event log (customer view + triage) -------------------

/**
 * One merge or split of customers, kept so it can be shown on the timeline and undone.
 *  - merge: customer `from` was folded into `into` (from.mergedInto = into);
 *  - split: the identities `identityKeys` left `from` for the new customer `into`.
 * The moved identity keys, thread ids and note ids are recorded so an undo restores exactly them
 * and another console can replay the same change.
 */
export interface MergeRecord {
  id: string;
  kind: 'merge' | 'split';
  ts: number;
  author: string;
  from: string;
  into: string;
  fromName: string;
  intoName: string;
  identityKeys: string[];
  threadIds: string[];
  noteIds: string[];
  /** [from, into], for the multi-entry index (history of one customer). */
  customers: string[];
  /** Why it was suggested, when it came from a suggestion. */
  reason?: string;
  undoneAt?: number;
  undoneBy?: string;
}

/** Every team-visible change, as the one team-actions module applies it. */
export type TeamAction =
  | { type: 'thread.status'; threadIds: string[]; status: TriageStatus; snoozeUntil?: number; /** When (closedAt); filled by commitTeamAction. */ at?: number }
  | { type: 'thread.assign'; threadIds: string[]; assignee: string | null }
  | { type: 'thread.priority'; threadIds: string[]; priority: Priority }
  | { type: 'thread.tags'; threadIds: string[]; add: string[]; remove: string[] }
  | { type: 'customer.tags'; customerId: string; add: string[]; remove: string[] }
  | { type: 'note.write'; note: HandoffNote }
  | { type: 'note.ack'; noteId: string; by: string; at: number }
  | { type: 'customer.merge'; merge: MergeRecord }
  | { type: 'customer.split'; merge: MergeRecord; newCustomer: Customer }
  | { type: 'merge.undo'; mergeId: string; by: string; at: number }
  /** An agent's note on a call (empty text: the note was removed). The latest write wins. */
  | { type: 'call.note'; interactionId: string; text: string; author: string; at: number }
  /** A missed call was returned: it leaves the Missed calls queue on every console. */
  | { type: 'thread.calledBack'; threadIds: string[] };

/** 'rejected': not a valid team-log event (kept for the record, never shipped; see `error`). */
export type TeamEventStatus = 'local' | 'sent' | 'rejected';

/** Immutable row of the team log (Dexie table teamEvents); team sync ships the 'local' ones. */
export interface TeamEvent {
  id: string;
  type: TeamAction['type'];
  author: string;
  ts: number;
  payload: TeamAction;
  status: TeamEventStatus;
  /** Hybrid logical clock timestamp (src/shared/team/hlc.ts): the team log's order. Set by
   *  commitTeamAction; events written before schema v5 get one from `ts` at upgrade. */
  hlc?: string;
  /** Why team sync could not ship it (status 'rejected'). */
  error?: string;
}
