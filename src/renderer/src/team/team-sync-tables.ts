/**
 * Tables of team sync (schema version 5):
 *  - teamEvents gains an `hlc` index (and [status+hlc]) so local events ship in clock order and the
 *    next local timestamp is one indexed read (the newest hlc this console knows, local or received);
 *  - teamStamps holds the fold's registers (see src/shared/team/fold.ts): one row per field of
 *    a thread/customer/note/merge that the team log decided, with the winning stamp and value.
 * The upgrade gives events written before version 5 a timestamp from their wall time.
 */
import type { Transaction } from 'dexie';
import type { TeamEvent } from '../../../shared/domain';
import type { Register } from '../../../shared/team/fold';
import { formatHlc } from '../../../shared/team/hlc';

export type TeamStampRow = Register;

export const SCHEMA_V5 = {
  teamEvents: 'id, ts, status, type, hlc, [status+hlc]',
  teamStamps: 'key',
} as const;

export async function upgradeTeamSync(tx: Transaction): Promise<void> {
  await tx
    .table<TeamEvent, string>('teamEvents')
    .toCollection()
    .modify((e) => {
      if (!e.hlc) e.hlc = formatHlc({ ms: Math.max(0, Math.floor(e.ts)), counter: 0 });
    });
}
