/**
 * Asterisk cdr_csv (Master.csv) rows -> CdrRow.
 *
 * cdr_csv writes, in this order: accountcode, src, dst, dcontext, clid, channel, dstchannel,
 * lastapp, lastdata, start, answer, end, duration, billsec, disposition, amaflags; then uniqueid
 * if cdr.conf [csv] loguniqueid=yes, userfield if loguserfield=yes, and peeraccount, linkedid,
 * sequence if newcdrcolumns=yes. So a row has 16 to 21 fields:
 *   16 base | 17 base+uniqueid (or +userfield) | 18 base+uniqueid+userfield
 *   19 base+new | 20 base+uniqueid(or userfield)+new | 21 base+uniqueid+userfield+new
 * With 17 or 20 fields the extra one is taken as uniqueid when it looks like one
 * ("1700000000.42", optionally "system-name-" prefixed), else as userfield.
 * Times are "YYYY-MM-DD HH:MM:SS" in the PBX's zone (or GMT with usegmtime=yes: configure "UTC").
 */
import type { CdrRow } from './cdr-row';
import { parseCallTime } from './local-time';

export const CDR_CSV_BASE_FIELDS = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;

const NEW_COLUMNS = ['peeraccount', 'linkedid', 'sequence'] as const;
const UNIQUEID_RE = /^(?:[A-Za-z0-9_.-]+-)?\d{9,}\.\d+$/;

/** Field names for a row of `count` fields, or undefined when no cdr_csv layout has that many. */
export function cdrCsvLayout(fields: readonly string[]): string[] | undefined {
  const base: string[] = [...CDR_CSV_BASE_FIELDS];
  const extra = (i: number) => (UNIQUEID_RE.test((fields[i] ?? '').trim()) ? 'uniqueid' : 'userfield');
  switch (fields.length) {
    case 16:
      return base;
    case 17:
      return [...base, extra(16)];
    case 18:
      return [...base, 'uniqueid', 'userfield'];
    case 19:
      return [...base, ...NEW_COLUMNS];
    case 20:
      return [...base, extra(16), ...NEW_COLUMNS];
    case 21:
      return [...base, 'uniqueid', 'userfield', ...NEW_COLUMNS];
    default:
      return undefined;
  }
}

/** True for a header line someone added by hand ("accountcode","src",...). */
export function isCdrCsvHeader(fields: readonly string[]): boolean {
  return fields[0]?.trim().toLowerCase() === 'accountcode' && fields[1]?.trim().toLowerCase() === 'src';
}

export type CdrCsvParse = { ok: true; row: CdrRow; raw: Record<string, string> } | { ok: false; reason: string };

function nonNegativeInt(value: string, name: string): number | string {
  const v = value.trim();
  if (!/^\d{1,9}$/.test(v)) return `${name} "${value}" is not a whole number of seconds`;
  return Number(v);
}

export function parseCdrCsvFields(fields: readonly string[], timeZone: string): CdrCsvParse {
  const layout = cdrCsvLayout(fields);
  if (!layout) return { ok: false, reason: `expected 16 to 21 fields (Asterisk cdr_csv layout), found ${fields.length}` };
  const raw: Record<string, string> = {};
  layout.forEach((name, i) => (raw[name] = fields[i] ?? ''));
  const get = (name: string) => raw[name] ?? '';

  const start = parseCallTime(get('start'), timeZone);
  if (!start.ok) return { ok: false, reason: `start: ${start.error}` };
  const optionalTime = (name: 'answer' | 'end'): number | undefined | string => {
    if (!get(name).trim()) return undefined;
    const t = parseCallTime(get(name), timeZone);
    return t.ok ? t.epochMs : `${name}: ${t.error}`;
  };
  const answer = optionalTime('answer');
  if (typeof answer === 'string') return { ok: false, reason: answer };
  const end = optionalTime('end');
  if (typeof end === 'string') return { ok: false, reason: end };
  const duration = nonNegativeInt(get('duration'), 'duration');
  if (typeof duration === 'string') return { ok: false, reason: duration };
  const billsec = nonNegativeInt(get('billsec'), 'billsec');
  if (typeof billsec === 'string') return { ok: false, reason: billsec };
  if (billsec > duration) return { ok: false, reason: `billsec ${billsec} is longer than duration ${duration}` };
  if ('sequence' in raw && !/^\d+$/.test(get('sequence').trim())) return { ok: false, reason: `sequence "${get('sequence')}" is not a number` };

  const row: CdrRow = {
    accountcode: get('accountcode'),
    src: get('src'),
    dst: get('dst'),
    dcontext: get('dcontext'),
    clid: get('clid'),
    channel: get('channel'),
    dstchannel: get('dstchannel'),
    lastapp: get('lastapp'),
    lastdata: get('lastdata'),
    start: start.epochMs,
    ...(answer !== undefined ? { answer } : {}),
    ...(end !== undefined ? { end } : {}),
    duration,
    billsec,
    disposition: get('disposition'),
    amaflags: get('amaflags'),
    uniqueid: get('uniqueid'),
    userfield: get('userfield'),
    ...('peeraccount' in raw ? { peeraccount: get('peeraccount'), linkedid: get('linkedid'), sequence: get('sequence') } : {}),
  };
  return { ok: true, row, raw };
}
