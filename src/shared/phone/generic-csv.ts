/**
 * Rows of another phone system's CSV export -> CallRecord, through a column mapping
 * (header name per field). Direction and outcome come from their columns when mapped (with the
 * value vocabularies below) and are derived from extensions / duration otherwise.
 */
import type { CallOutcome, CallRecord, Direction } from '../domain';
import type { ColumnMapping } from '../ipc/schemas';
import type { ExtensionMatcher } from './extension';
import { hash64 } from './hash';
import { parseCallTime } from './local-time';
import { normalisePhone, phoneKey } from './phone-number';

const DIRECTION_WORDS: Record<string, Direction> = {};
for (const w of ['in', 'inbound', 'incoming', 'received', 'inbound call', 'incoming call', 'eingehend', 'entrante', 'entrant']) DIRECTION_WORDS[w] = 'inbound';
for (const w of ['out', 'outbound', 'outgoing', 'dialed', 'dialled', 'placed', 'outbound call', 'outgoing call', 'ausgehend', 'saliente', 'sortant']) DIRECTION_WORDS[w] = 'outbound';
for (const w of ['internal', 'local', 'intern', 'extension']) DIRECTION_WORDS[w] = 'internal';

const OUTCOME_WORDS: Record<string, CallOutcome> = {};
for (const w of ['answered', 'answer', 'completed', 'complete', 'connected', 'success', 'successful', 'ok', 'accepted', 'talked', 'angenommen']) OUTCOME_WORDS[w] = 'answered';
for (const w of ['missed', 'no answer', 'noanswer', 'no_answer', 'unanswered', 'not answered', 'abandoned', 'cancelled', 'canceled', 'timeout', 'verpasst']) OUTCOME_WORDS[w] = 'missed';
for (const w of ['busy', 'user busy', 'besetzt']) OUTCOME_WORDS[w] = 'busy';
for (const w of ['failed', 'failure', 'congestion', 'error', 'rejected', 'declined', 'unreachable', 'not reachable', 'invalid']) OUTCOME_WORDS[w] = 'failed';
for (const w of ['voicemail', 'voice mail', 'vm', 'left voicemail', 'voicemail left', 'mailbox']) OUTCOME_WORDS[w] = 'voicemail';

export function parseDirectionWord(value: string): Direction | undefined {
  return DIRECTION_WORDS[value.trim().toLowerCase()];
}
export function parseOutcomeWord(value: string): CallOutcome | undefined {
  return OUTCOME_WORDS[value.trim().toLowerCase().replace(/\s+/g, ' ')];
}

/** "125", "125.6", "2:05", "0:02:05" -> seconds; undefined when unreadable. Empty -> 0. */
export function parseDurationSeconds(value: string): number | undefined {
  const v = value.trim();
  if (!v) return 0;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v));
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})$/.exec(v);
  if (m) {
    const [h, mi, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
    if (s > 59 || (m[1] !== undefined && mi > 59)) return undefined;
    return h * 3600 + mi * 60 + s;
  }
  return undefined;
}

export interface GenericCsvOptions {
  sourceId: string;
  mapping: ColumnMapping;
  timeZone: string;
  defaultRegion: string;
  isExtension: ExtensionMatcher;
}

/** Column index per mapped field; throws with the missing column names when a mapped header is absent. */
export function resolveMapping(headers: readonly string[], mapping: ColumnMapping): Map<keyof ColumnMapping, number> {
  const index = new Map<keyof ColumnMapping, number>();
  const norm = (s: string) => s.trim().replace(/^\uFEFF/, '').toLowerCase();
  const missing: string[] = [];
  for (const [field, header] of Object.entries(mapping) as [keyof ColumnMapping, string | undefined][]) {
    if (!header) continue;
    const i = headers.findIndex((h) => norm(h) === norm(header));
    if (i < 0) missing.push(`${field} -> "${header}"`);
    else index.set(field, i);
  }
  if (missing.length) throw new RangeError(`mapped column(s) not in the file's header: ${missing.join(', ')} (header: ${headers.join(' | ')})`);
  return index;
}

export type GenericRowResult = { ok: true; record: CallRecord; problems: string[] } | { ok: false; reason: string };

export function genericRowToCallRecord(
  fields: readonly string[],
  headers: readonly string[],
  index: Map<keyof ColumnMapping, number>,
  opts: GenericCsvOptions,
): GenericRowResult {
  if (fields.length !== headers.length) return { ok: false, reason: `expected ${headers.length} fields (as in the header), found ${fields.length}` };
  const get = (k: keyof ColumnMapping) => {
    const i = index.get(k);
    return i === undefined ? undefined : (fields[i] ?? '');
  };
  const warnings: string[] = [];
  const problems: string[] = [];

  const start = parseCallTime(get('start') ?? '', opts.timeZone);
  if (!start.ok) return { ok: false, reason: `start: ${start.error}` };

  const caller = (get('caller') ?? '').trim();
  const callee = (get('callee') ?? '').trim();
  let direction: Direction | undefined;
  const callerExt = opts.isExtension(caller);
  const calleeExt = opts.isExtension(callee);
  const dirText = get('direction');
  if (dirText !== undefined && dirText.trim() !== '') {
    direction = parseDirectionWord(dirText);
    if (!direction) return { ok: false, reason: `direction "${dirText}" is not one of in/inbound/incoming, out/outbound/outgoing, internal` };
    // Extensions are agents, never customers, whatever the column says.
    if (direction !== 'internal' && callerExt && calleeExt) {
      direction = 'internal';
      warnings.push(`both parties are extensions: an internal call (the direction column said "${dirText.trim()}")`);
    } else if (direction === 'inbound' && callerExt && callee) {
      direction = 'outbound';
      warnings.push(`the caller ${caller} is an extension: taken as outbound (the direction column said "${dirText.trim()}")`);
    } else if (direction === 'outbound' && calleeExt && caller) {
      direction = 'inbound';
      warnings.push(`the callee ${callee} is an extension: taken as inbound (the direction column said "${dirText.trim()}")`);
    }
  } else {
    direction = callerExt && calleeExt ? 'internal' : callerExt ? 'outbound' : calleeExt ? 'inbound' : undefined;
    if (!direction) {
      direction = 'inbound';
      warnings.push('direction guessed (no direction column and no extension on either side)');
    }
  }

  let duration = 0;
  const durText = get('duration');
  if (durText !== undefined) {
    const d = parseDurationSeconds(durText);
    if (d === undefined) return { ok: false, reason: `duration "${durText}" is not seconds or [h:]mm:ss` };
    duration = d;
  }

  let outcome: CallOutcome;
  const outText = get('outcome');
  if (outText !== undefined && outText.trim() !== '') {
    const o = parseOutcomeWord(outText);
    if (!o) {
      outcome = duration > 0 ? 'answered' : 'missed';
      warnings.push(`unknown outcome "${outText}", taken as ${outcome} from the duration`);
      problems.push(`unknown outcome "${outText}" (taken as ${outcome})`);
    } else outcome = o;
  } else outcome = duration > 0 ? 'answered' : 'missed';

  const customerRaw = direction === 'inbound' ? caller : direction === 'outbound' ? callee : '';
  const agentColumn = get('agent')?.trim();
  const agent = agentColumn || (direction === 'inbound' ? callee : caller) || undefined;

  let customerNumber = '';
  if (direction !== 'internal') {
    const parsed = normalisePhone(customerRaw, opts.defaultRegion);
    customerNumber = phoneKey(parsed);
    if (parsed.kind === 'invalid') {
      warnings.push(parsed.reason);
      problems.push(`unparseable number: ${parsed.reason}; kept as "${customerNumber}"`);
    } else if (parsed.kind === 'empty') warnings.push(parsed.reason);
  }

  const raw: Record<string, string> = {};
  headers.forEach((h, i) => (raw[h] = fields[i] ?? ''));
  const id = get('id')?.trim();
  const recording = get('recording')?.trim();
  const record: CallRecord = {
    type: 'call',
    sourceId: opts.sourceId,
    sourceKey: id ? `${opts.sourceId}:id:${id}` : `${opts.sourceId}:h${hash64(fields.join('\u001f'))}`,
    customerNumber,
    ...(agent ? { agent } : {}),
    direction,
    outcome,
    start: start.epochMs,
    durationSec: duration,
    billSec: outcome === 'answered' ? duration : 0,
    ...(recording && /^https?:\/\//i.test(recording) ? { recordingUrl: recording } : {}),
    raw,
    warnings,
  };
  if (recording && !record.recordingUrl) warnings.push(`recording "${recording}" is not an http(s) link`);
  return { ok: true, record, problems };
}
