/**
 * Migration 4's upgrade: a database from before the search index gets its existing interactions
 * and customers indexed once, inside the version-change transaction. New databases skip this
 * (Dexie runs upgrades only when an older version exists); from then on ingest keeps the index.
 */
import type { Transaction } from 'dexie';
import type { Customer, Interaction } from '../../../shared/domain';
import { indexCustomers, indexInteractions, type SearchTables } from './search-index';

const PAGE = 1000;

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
