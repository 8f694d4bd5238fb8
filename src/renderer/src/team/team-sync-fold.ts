/**
 * Applying the team log to Dexie: the incremental form of the pure fold (src/shared/team/fold.ts).
 *
 *  - recordLocalEvent: called by commitTeamAction inside its transaction; records the registers
 *    of an event this console just applied (its hlc is newer than anything seen, so it wins).
 *  - foldRemoteEvents: events pulled from the team folder, deduplicated by id, stored (status
 *    'sent'), merged into the registers, and every row whose winner changed is rewritten from the
 *    registers; all of it and the team cursor in ONE transaction. A crash before the commit
 *    leaves nothing half-applied and the cursor where it was, so the next pull repeats the batch.
 *  - refreshThreads: re-applies registers to thread rows that arrived after their events (an
 *    assignment can reach a console before the email it is about).
 *
 * Rows are always rewritten from the registers (never patched by the incoming event), so the
 * result depends only on the set of events: every console converges.
 */
import type { Customer, ImportProblem, MergeRecord, TeamEvent } from '../../../shared/domain';
import type { TeamEventEnvelope } from '../../../shared/team/event-schema';
import { compareStamps, keys, stampOf, type SingleRegister } from '../../../shared/team/fold';
import type { SwitchboardDb } from '../db/schema';
import { applyRowRegisters, mergeRegisters, refreshThreads, teamCursorKey } from './team-sync-stamps';

export { refreshThreads };
import { applyTeamAction, teamTables } from './team-actions';

/** Merges and undos, in stamp order. A merge that arrives already undone only joins the history. */
async function applyMerges(db: SwitchboardDb, changed: string[]) {
  const regs = (await db.teamStamps.bulkGet(changed)).filter((r): r is SingleRegister => !!r && r.rule === 'first');
  regs.sort((a, b) => compareStamps(a.stamp, b.stamp));
  for (const r of regs) {
    if (r.key.startsWith('m:')) {
      const mergeId = r.key.slice(2);
      if (await db.merges.get(mergeId)) continue; // applied already (its own event, or an earlier copy)
      const { merge, newCustomer } = r.value as { merge: MergeRecord; newCustomer?: Customer };
      const undo = (await db.teamStamps.get(keys.undo(mergeId))) as SingleRegister | undefined;
      if (undo) {
        const u = undo.value as { by: string; at: number };
        if (newCustomer && !(await db.customers.get(newCustomer.id))) await db.customers.add({ ...newCustomer, mergedInto: merge.from });
        await db.merges.put({ ...merge, undoneAt: u.at, undoneBy: u.by });
        continue;
      }
      try {
        if (newCustomer) await applyTeamAction(db, { type: 'customer.split', merge, newCustomer });
        else await applyTeamAction(db, { type: 'customer.merge', merge });
      } catch (e) {
        // Customers this console does not know (yet): keep the history row; ingest will place rows.
        await db.merges.put(merge);
        console.warn(`team sync: merge ${mergeId} recorded without moving rows: ${(e as Error).message}`);
      }
    } else if (r.key.startsWith('u:')) {
      const mergeId = r.key.slice(2);
      const m = await db.merges.get(mergeId);
      if (!m || m.undoneAt) continue; // the merge has not arrived yet: it will be recorded as undone
      const u = r.value as { by: string; at: number };
      await applyTeamAction(db, { type: 'merge.undo', mergeId, by: u.by, at: u.at });
    }
  }
}

export interface FoldResult {
  /** Events new to this console. */
  added: number;
  /** Events already known (own events coming back, a repeated batch): ignored. */
  duplicates: number;
  threadsChanged: number;
}

/**
 * Fold pulled events into Dexie, together with the team cursor, in one transaction.
 * `fault` is a test hook: it runs inside the transaction after the writes, before the commit.
 */
export async function foldRemoteEvents(
  db: SwitchboardDb,
  events: TeamEventEnvelope[],
  opts: { sourceId?: string; cursor?: unknown; problems?: ImportProblem[]; now?: () => number; fault?: () => void } = {},
): Promise<FoldResult> {
  const now = opts.now ?? Date.now;
  return db.transaction('rw', [...teamTables(db), db.cursors, db.problems], async () => {
    const unique = [...new Map(events.map((e) => [e.id, e])).values()];
    const known = await db.teamEvents.bulkGet(unique.map((e) => e.id));
    const fresh = unique.filter((_, i) => !known[i]).sort((a, b) => compareStamps(stampOf(a), stampOf(b)));
    if (fresh.length) {
      await db.teamEvents.bulkAdd(fresh.map((e): TeamEvent => ({ id: e.id, type: e.payload.type, author: e.author, ts: e.ts, payload: e.payload, status: 'sent', hlc: e.hlc })));
    }
    const changed = await mergeRegisters(db, fresh);
    // Merges move rows between customers first; then every row a changed register decides.
    await applyMerges(db, [...changed].filter((k) => k.startsWith('m:') || k.startsWith('u:')));
    const threadsChanged = await applyRowRegisters(db, changed);
    if (opts.sourceId && opts.cursor !== undefined && opts.cursor !== null) {
      await db.cursors.put({ sourceId: teamCursorKey(opts.sourceId), cursor: opts.cursor, updatedAt: now() });
    }
    if (opts.problems?.length) await db.problems.bulkAdd(opts.problems.map((p) => ({ ...p })));
    opts.fault?.();
    return { added: fresh.length, duplicates: events.length - fresh.length, threadsChanged };
  });
}

/** Re-apply the team state to every thread the log has decided something about (start-up repair). */
export async function refreshAllThreads(db: SwitchboardDb): Promise<number> {
  const ids = new Set<string>();
  await db.teamStamps.where('key').startsWith('t:').eachPrimaryKey((k) => {
    ids.add(String(k).slice(2, String(k).indexOf(':', 2)));
  });
  return refreshThreads(db, ids);
}
