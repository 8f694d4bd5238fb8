/** A neutral CdrRow -> the CallRecord a connector emits (direction, outcome, normalised numbers). */
import type { CallRecord } from '../domain';
import { parseClid, type CdrRow } from './cdr-row';
import { cdrDirection, cdrOutcome } from './cdr-rules';
import type { ExtensionMatcher } from './extension';
import { hash64 } from './hash';
import { normalisePhone, phoneKey } from './phone-number';

export interface CdrRecordOptions {
  sourceId: string;
  defaultRegion: string;
  isExtension: ExtensionMatcher;
  /** The raw fields, kept on the record for the detail view. */
  raw: Record<string, string>;
  /** Canonical text of the source row, hashed into the key when uniqueid+sequence are missing. */
  rawText: string;
  /** Where the PBX's recordings are served (see `recordingLink`); '' or undefined = no links. */
  recordingUrl?: string;
}

const AUDIO = /\.(wav|wav49|gsm|mp3|ogg|opus|flac|sln|ulaw|alaw)$/i;

/**
 * The link to a call's recording, from the source's recording URL setting and the row:
 * the file is FreePBX's `recordingfile` column, or `userfield` when it holds an audio file name
 * (a common dialplan convention for Master.csv). The setting is a URL template: `{file}` is the
 * file name, `{yyyy}`, `{mm}`, `{dd}` the call's date as the PBX wrote it (FreePBX keeps
 * recordings under monitor/YYYY/MM/DD/); without `{file}` the file name is appended. Only http(s)
 * links are made; a file name that is itself an http(s) URL is used as it is.
 */
export function recordingLink(row: Pick<CdrRow, 'recordingfile' | 'userfield'>, template: string | undefined, callDate: string): string | undefined {
  const userfield = row.userfield.trim();
  const file = row.recordingfile?.trim() || (AUDIO.test(userfield) ? userfield : '');
  if (!file) return undefined;
  if (/^https?:\/\//i.test(file)) return file;
  const t = template?.trim();
  if (!t || !/^https?:\/\//i.test(t)) return undefined;
  const [, yyyy = '', mm = '', dd = ''] = /^(\d{4})-(\d{2})-(\d{2})/.exec(callDate.trim()) ?? [];
  const name = encodeURIComponent(file.split(/[\\/]/).pop()!);
  const filled = t.replace(/\{yyyy\}/g, yyyy).replace(/\{mm\}/g, mm).replace(/\{dd\}/g, dd);
  return filled.includes('{file}') ? filled.replace(/\{file\}/g, name) : `${filled.replace(/\/+$/, '')}/${name}`;
}

export interface CdrRecordResult {
  record: CallRecord;
  /** Problems worth reporting in SourceBatch.problems (the record is still emitted). */
  problems: string[];
}

/**
 * Deterministic key: `<sourceId>:<uniqueid>:<sequence>` when the source logs both (Asterisk's
 * sequence makes several CDRs of one channel distinct), otherwise a hash of the raw row.
 */
export function cdrSourceKey(row: CdrRow, sourceId: string, rawText: string): string {
  if (row.uniqueid.trim() && row.sequence !== undefined && row.sequence.trim() !== '') {
    return `${sourceId}:${row.uniqueid.trim()}:${row.sequence.trim()}`;
  }
  return `${sourceId}:h${hash64(rawText)}`;
}

export function cdrToCallRecord(row: CdrRow, opts: CdrRecordOptions): CdrRecordResult {
  const warnings: string[] = [];
  const problems: string[] = [];
  const dir = cdrDirection(row, opts.isExtension);
  const out = cdrOutcome(row, dir.direction);
  if (dir.rule === 'D6-default-inbound') warnings.push('direction guessed (no extension on either side, unknown context)');
  if (out.rule === 'O7-unknown-disposition') warnings.push(`unknown disposition "${row.disposition}"`);

  const clid = parseClid(row.clid);
  let customerRaw = '';
  let customerName: string | undefined;
  if (dir.direction === 'inbound') {
    customerRaw = row.src.trim() || clid.number || '';
    customerName = clid.name && clid.name !== customerRaw ? clid.name : undefined;
  } else if (dir.direction === 'outbound') {
    customerRaw = row.dst.trim();
  }

  let customerNumber = '';
  if (dir.direction !== 'internal') {
    const parsed = normalisePhone(customerRaw, opts.defaultRegion);
    customerNumber = phoneKey(parsed);
    if (parsed.kind === 'invalid') {
      warnings.push(parsed.reason);
      problems.push(`unparseable number: ${parsed.reason}; kept as "${customerNumber}"`);
    } else if (parsed.kind === 'empty') {
      warnings.push(parsed.reason);
    }
  }

  const record: CallRecord = {
    type: 'call',
    sourceId: opts.sourceId,
    sourceKey: cdrSourceKey(row, opts.sourceId, opts.rawText),
    customerNumber,
    ...(customerName ? { customerName } : {}),
    ...(dir.agent ? { agent: dir.agent } : {}),
    direction: dir.direction,
    outcome: out.outcome,
    start: row.start,
    durationSec: row.duration,
    billSec: row.billsec,
    raw: { ...opts.raw, directionRule: dir.rule, outcomeRule: out.rule },
    warnings,
  };
  const link = recordingLink(row, opts.recordingUrl, opts.raw.calldate ?? opts.raw.start ?? '');
  if (link) record.recordingUrl = link;
  return { record, problems };
}
