/**
 * The search index tables.
 *
 * Schema version 7 (current): `searchDocs` holds index SEGMENTS (`search-segment.ts`), one row per
 * write (an ingest batch, a note save, a background merge), keyed [ts+h] = [sequence number,
 * unique row id], with no secondary index. The table keeps its v4 name so that transactions other
 * features open with `db.searchDocs` in their table list (logManualCall) stay valid.
 *
 * Schema version 4 (migrated by v7): one row per searchable thing with its terms in a multi-entry
 * index, keyed [ts+h] (time, short hash of the doc id). `SearchDoc` is still the shape the doc
 * builders produce (a doc with its distinct folded terms) before it goes into a segment.
 *
 * Filters that never change after ingest (channel, sender, attachments) are terms too, in a
 * namespace users cannot type (\u0001); customers' terms have their own namespace (\u0002).
 */
import { hashString } from '../../../shared/hash';
import type { SegmentRow } from './search-segment';

export type { SegmentRow };

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

/**
 * Migration 7: segments instead of per-doc rows. The `id` and multi-entry `terms` indexes go (each
 * email wrote hundreds of index entries); the upgrade converts existing v4 rows into segments.
 */
export const SCHEMA_V7 = {
  searchDocs: '[ts+h]',
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
