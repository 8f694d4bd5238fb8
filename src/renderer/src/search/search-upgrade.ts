/**
 * The search index migrations.
 *
 * Migration 4: a database from before the search index gets its existing interactions and
 * customers indexed once, inside the version-change transaction. New databases skip this (Dexie
 * runs upgrades only when an older version exists); from then on ingest keeps the index.
 *
 * Migration 7: the v4 per-doc rows (one row per doc, its terms in a multi-entry index) become
 * segments. Each old row already holds its doc's terms, so nothing is re-tokenised: rows are read
 * in key order, a page at a time, built into segments of up to SEGMENT_DOCS docs, and replace the
 * old rows in the same upgrade transaction. The background merge folds them together later.
 */
import type { Transaction } from 'dexie';
import type { Customer, Interaction } from '../../../shared/domain';
import { indexCustomers, indexInteractions, type SearchTables } from './search-index';
import { buildSegment, type SegmentRow } from './search-segment';
import type { SearchDoc } from './search-tables';

const PAGE = 1000;
const SEGMENT_DOCS = 20_000;

export async function upgradeSearchIndex(tx: Transaction): Promise<void> {
  const t = { searchDocs: tx.table('searchDocs'), identities: tx.table('identities') } as unknown as SearchTables;
  for (const name of ['interactions', 'customers'] as const) {
    const table = tx.table(name);
    let last: string | undefined;
    for (;;) {
      const rows = (await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(PAGE).toArray()) as (Interaction | Customer)[];
      if (!rows.length) break;
      if (name === 'interactions') await indexInteractions(t, rows as Interaction[]);
      else await indexCustomers(t, rows as Customer[]);
      last = rows[rows.length - 1]!.id;
    }
  }
}

export async function upgradeSearchSegments(tx: Transaction): Promise<void> {
  const table = tx.table('searchDocs');
  const oldKeys: [number, string][] = [];
  const segments: SegmentRow[] = [];
  let docs: SearchDoc[] = [];
  let maxSeq = 0;
  let last: [number, string] | undefined;
  const flush = () => {
    if (docs.length) segments.push(buildSegment(0, docs.map((d) => ({ id: d.id, ts: d.ts, threadId: d.threadId, terms: d.terms }))));
    docs = [];
  };
  for (;;) {
    const rows = (await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last)).limit(PAGE).toArray()) as (SearchDoc | SegmentRow)[];
    if (!rows.length) break;
    for (const r of rows) {
      if ('terms' in r && !('post' in r)) {
        oldKeys.push([r.ts, r.h]);
        docs.push(r);
        if (docs.length >= SEGMENT_DOCS) flush();
      } else maxSeq = Math.max(maxSeq, r.ts); // already a segment (written by migration 4 in this upgrade)
    }
    last = [rows[rows.length - 1]!.ts, rows[rows.length - 1]!.h];
  }
  flush();
  if (oldKeys.length) await table.bulkDelete(oldKeys);
  // Sequence numbers after any segment already there (old rows' keys were times; they are gone now).
  for (const s of segments) s.ts = ++maxSeq;
  if (segments.length) await table.bulkPut(segments);
}
