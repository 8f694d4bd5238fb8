/**
 * The cdr-sql cursor: a keyset position (calldate, uniqueid) plus short hashes of the rows already
 * handed out within LOOKBACK of that position.
 *
 * Why the hashes: Asterisk writes a CDR when the call ENDS but stamps calldate with its START, so
 * a long call appears in the table after shorter calls that started later and were already read.
 * A plain keyset (calldate, uniqueid) > cursor would skip it forever. When caught up, each pull
 * re-reads the window [calldate - LOOKBACK, calldate] and hands out only rows whose key is not in
 * `recent`. Calls longer than LOOKBACK that end after the cursor moved on are the remaining gap.
 */
export const LOOKBACK_SECONDS = 4 * 3600;

export interface SqlCursor {
  v: 1;
  /** calldate as the server returns it ("YYYY-MM-DD HH:MM:SS"), null before the first row. */
  calldate: string | null;
  /** uniqueid of the last row at `calldate` handed out, compared bytewise (BINARY). */
  uniqueid: string;
  /** calldate -> 12-hex-digit hashes of the sourceKeys handed out at that second. */
  recent: Record<string, string[]>;
}

export const emptySqlCursor = (): SqlCursor => ({ v: 1, calldate: null, uniqueid: '', recent: {} });

const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

export function isSqlCursor(x: unknown): x is SqlCursor {
  const c = x as Partial<SqlCursor> | null;
  return (
    !!c &&
    typeof c === 'object' &&
    c.v === 1 &&
    (c.calldate === null || (typeof c.calldate === 'string' && DATETIME.test(c.calldate))) &&
    typeof c.uniqueid === 'string' &&
    !!c.recent &&
    typeof c.recent === 'object' &&
    Object.values(c.recent).every((v) => Array.isArray(v) && v.every((h) => typeof h === 'string'))
  );
}

/** "YYYY-MM-DD HH:MM:SS" minus seconds, as naive wall-clock arithmetic (good enough for a window). */
export function minusSeconds(datetime: string, seconds: number): string {
  const ms = Date.parse(`${datetime.slice(0, 19).replace(' ', 'T')}Z`) - seconds * 1000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Drop hashes older than the window below `calldate`. */
export function pruneRecent(recent: Record<string, string[]>, calldate: string | null): Record<string, string[]> {
  if (!calldate) return recent;
  const cutoff = minusSeconds(calldate, LOOKBACK_SECONDS);
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(recent)) if (k >= cutoff) out[k] = v;
  return out;
}
