/**
 * A neutral call detail record: what every phone source (Asterisk Master.csv, the `cdr` SQL
 * table) is mapped to before the direction/outcome rules run. Field names follow Asterisk's CDR.
 */
export interface CdrRow {
  src: string;
  dst: string;
  /** Caller ID as Asterisk writes it: `"Name" <number>`. */
  clid: string;
  dcontext: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  /** ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION (or the numeric cdr_odbc codes). */
  disposition: string;
  duration: number;
  billsec: number;
  /** Epoch ms. */
  start: number;
  answer?: number;
  end?: number;
  accountcode: string;
  amaflags: string;
  uniqueid: string;
  userfield: string;
  peeraccount?: string;
  linkedid?: string;
  /** Present only when the source logs it (cdr_csv newcdrcolumns, SQL tables since 1.8). */
  sequence?: string;
  /** FreePBX's recordingfile column, when present. */
  recordingfile?: string;
}

/** Split `"Jane Doe" <+4930123>` into name and number. */
export function parseClid(clid: string): { name?: string; number?: string } {
  const s = clid.trim();
  if (!s) return {};
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(s);
  if (m) {
    const name = (m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1').trim();
    const number = (m[3] ?? '').trim();
    return { ...(name ? { name } : {}), ...(number ? { number } : {}) };
  }
  return /\d/.test(s) && !/[a-z]{3}/i.test(s) ? { number: s } : { name: s };
}
