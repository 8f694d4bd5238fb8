/**
 * Tables for the agent's own work on messages and calls (schema version 3): composer drafts, the
 * per-sender "load remote content" allow list, attachments cached for offline reading and the
 * agents' call notes. Kept apart from CDR data so a re-imported call never overwrites a note.
 */
import type { Address, ForwardedAttachment, OutboxItem } from '../../../shared/domain';

export type ComposeMode = 'reply' | 'reply-all' | 'forward' | 'new';

export interface Draft {
  /** One draft per thread and mode ("thread:<id>:reply"), or a generated id for new messages. */
  id: string;
  mode: ComposeMode;
  channel: 'email' | 'chat';
  threadId?: string;
  customerId?: string;
  sourceId: string;
  /** Email: addresses; chat: `to[0].address` is the peer's bare JID. */
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  body: string;
  inReplyTo?: string;
  references: string[];
  /** Forward: the original's attachments, sent again (main fetches them from the server). */
  attachments?: ForwardedAttachment[];
  /** Set when the draft edits a queued or failed outbox item (same Message-ID on send). */
  outboxId?: string;
  updatedAt: number;
}

export interface RemoteAllow {
  /** Normalised sender address. */
  sender: string;
  addedAt: number;
}

export interface CachedAttachment {
  /** `${interactionId}:${partId}` */
  key: string;
  interactionId: string;
  partId: string;
  filename: string;
  contentType: string;
  base64: string;
  cachedAt: number;
}

export interface CallNote {
  interactionId: string;
  text: string;
  author: string;
  updatedAt: number;
}

/** The outbox row as stored: the shared OutboxItem plus delivery history. */
export type OutboxRow = OutboxItem & {
  /** When the server confirmed (status 'sent'). */
  sentAt?: number;
  /** 'already-sent' when a retry found the message on the server. */
  outcome?: 'sent' | 'already-sent';
  /** Earliest time of the next automatic try after a transient failure. */
  nextTryAt?: number;
  updatedAt?: number;
};

/** Migration 3: drafts, remote-content allow list, attachment cache, call notes; outbox order index. */
export const SCHEMA_V3 = {
  outbox: 'id, status, createdAt, sourceId, [sourceId+createdAt]',
  drafts: 'id, threadId, updatedAt',
  remoteAllow: 'sender',
  attachmentCache: 'key, interactionId',
  callNotes: 'interactionId, updatedAt',
} as const;
