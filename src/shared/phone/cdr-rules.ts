/**
 * Call direction and outcome from CDR fields. Pure, table-driven rules; docs/calls.md holds the
 * same table in prose. Each result names the rule that fired so the detail view (and the tests)
 * can show why a call was classified the way it was.
 */
import type { CallOutcome, Direction } from '../domain';
import type { CdrRow } from './cdr-row';
import { channelDevice, type ExtensionMatcher } from './extension';

export type DirectionRule = 'D1-both-internal' | 'D2-internal-to-external' | 'D3-external-to-internal' | 'D4-context-inbound' | 'D5-context-outbound' | 'D6-default-inbound';
export type OutcomeRule =
  | 'O1-voicemail'
  | 'O2-busy'
  | 'O3-failed'
  | 'O4-no-answer'
  | 'O5-answered-by-pbx-only'
  | 'O6-answered'
  | 'O7-unknown-disposition';

/** Contexts that mean "came in from a trunk" (FreePBX, common hand-written dialplans). */
const INBOUND_CONTEXT = /^(from-(pstn|trunk|did|external|sip-external|provider|carrier)|ext-did|incoming|inbound|did)(\b|[-_])/i;
/** Contexts that mean "an internal phone dialled out". */
const OUTBOUND_CONTEXT = /^(from-internal|outbound|outrt|macro-dialout|dialout|to-pstn|to-trunk|outgoing)(\b|[-_])/i;
/** Channel technologies whose device name says nothing about a phone (Local chains, DAHDI spans). */
const NEUTRAL_TECH = /^(Local|DAHDI|Zap|Message|Announcer|Recorder|Multicast)$/i;

function internalChannel(channel: string, isExt: ExtensionMatcher): string | undefined {
  const dev = channelDevice(channel);
  if (!dev || NEUTRAL_TECH.test(dev.tech)) return undefined;
  return isExt(dev.device) ? dev.device : undefined;
}

/** The agent's extension on the destination side (Local/101@from-queue counts here: a queue rang 101). */
function internalDstChannel(channel: string, isExt: ExtensionMatcher): string | undefined {
  const dev = channelDevice(channel);
  if (!dev || /^(DAHDI|Zap)$/i.test(dev.tech)) return undefined;
  return isExt(dev.device) ? dev.device : undefined;
}

export interface DirectionResult {
  direction: Direction;
  rule: DirectionRule;
  /** Agent extension, when one side is internal. */
  agent?: string;
}

export function cdrDirection(row: CdrRow, isExt: ExtensionMatcher): DirectionResult {
  const srcAgent = isExt(row.src) ? row.src.trim() : internalChannel(row.channel, isExt);
  const dstAgent = internalDstChannel(row.dstchannel, isExt) ?? (isExt(row.dst) ? row.dst.trim() : undefined);
  if (srcAgent && dstAgent) return { direction: 'internal', rule: 'D1-both-internal', agent: srcAgent };
  if (srcAgent) return { direction: 'outbound', rule: 'D2-internal-to-external', agent: srcAgent };
  if (dstAgent) return { direction: 'inbound', rule: 'D3-external-to-internal', agent: dstAgent };
  if (INBOUND_CONTEXT.test(row.dcontext.trim())) return { direction: 'inbound', rule: 'D4-context-inbound' };
  if (OUTBOUND_CONTEXT.test(row.dcontext.trim())) return { direction: 'outbound', rule: 'D5-context-outbound' };
  return { direction: 'inbound', rule: 'D6-default-inbound' };
}

/** cdr_odbc without dispositionstring writes Asterisk's enum values. */
const NUMERIC_DISPOSITION: Record<string, string> = { '0': 'NO ANSWER', '1': 'NULL', '2': 'FAILED', '4': 'BUSY', '8': 'ANSWERED', '16': 'CONGESTION' };

export function normaliseDisposition(disposition: string): string {
  const d = disposition.trim().toUpperCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return NUMERIC_DISPOSITION[d] ?? (d === 'NOANSWER' ? 'NO ANSWER' : d);
}

export interface OutcomeResult {
  outcome: CallOutcome;
  rule: OutcomeRule;
}

const VOICEMAIL_DST = /^vm[ubsi]?\d+$/i;

export function cdrOutcome(row: CdrRow, direction: Direction): OutcomeResult {
  if (/^voicemail$/i.test(row.lastapp.trim()) || VOICEMAIL_DST.test(row.dst.trim())) return { outcome: 'voicemail', rule: 'O1-voicemail' };
  const d = normaliseDisposition(row.disposition);
  if (d === 'BUSY') return { outcome: 'busy', rule: 'O2-busy' };
  if (d === 'FAILED' || d === 'CONGESTION') return { outcome: 'failed', rule: 'O3-failed' };
  if (d === 'NO ANSWER') return { outcome: 'missed', rule: 'O4-no-answer' };
  if (d === 'ANSWERED') {
    // Inbound, answered, but no agent channel was ever bridged: the PBX itself answered (IVR,
    // queue, announcement) and the caller hung up there. For a support desk that is a missed call.
    if (direction === 'inbound' && row.dstchannel.trim() === '') return { outcome: 'missed', rule: 'O5-answered-by-pbx-only' };
    return { outcome: 'answered', rule: 'O6-answered' };
  }
  return { outcome: row.billsec > 0 ? 'answered' : 'failed', rule: 'O7-unknown-disposition' };
}
