/**
 * The search index tables (schema version 4).
 *
 * `searchDocs` holds one row per searchable thing (an interaction, a customer, a handoff note, a
 * call note) with its distinct folded terms in a multi-entry index. The primary key is
 * [ts+h] (time, short hash of the doc id): inside one term's index range IndexedDB keeps entries
 * sorted by primary key, so a term's postings come out in time order and the newest matches are
 * found without reading any row. Filters that never change after ingest (channel, sender,
 * attachments) are terms too, in a namespace users cannot type (\u0001).
 */
import { hashString } from '../../../shared/hash';

export type SearchDocKind = 'item' | 'customer' | 'note' | 'callnote';

export interface SearchDoc {
  /** Sort time (interaction ts, note time); 0 for customers. */
  ts: number;
  /** Short hash of `id`: keeps the primary key (stored with every index entry) small. */
  h: string;
  /** Interaction id, or `#cu:<customerId>`, `#note:<noteId>`, `#callnote:<interactionId>`. */
  id: string;
  kind: SearchDocKind;
  /** The row the doc stands for: interaction id, customer id or note id. */
  ref: string;
  /** The interaction's thread (items), so thread filters run before any interaction row is read. */
  threadId?: string;
  /** For notes: the version indexed, so a catch-up only rewrites what changed. */
  version?: number;
  terms: string[];
}

export interface SearchMeta {
  key: string;
  value: number;
}

/** Migration 4: the search index. Existing rows are indexed by the migration itself, once. */
export const SCHEMA_V4 = {
  searchDocs: '[ts+h], id, *terms',
  searchMeta: 'key',
} as const;

/** Filter namespace: cannot collide with a typed word (tokens never hold control characters). */
export const NS = '\u0001';
export const channelTerm = (channel: string) => `${NS}c:${channel}`;
export const fromTerm = (token: string) => `${NS}f:${token}`;
export const ATTACHMENT_TERM = `${NS}a`;
/** Customer docs keep their terms in their own namespace: a customer search never walks item postings. */
export const CU = '\u0002';
export const customerTerm = (term: string) => `${CU}${term}`;

export function docKey(ts: number, id: string): [number, string] {
  return [ts, hashString(id)];
}
