/** Test helpers for the call-log connectors: a recording ConnectorContext and Master.csv lines. */
import type { EventContract } from '../../../src/shared/ipc/contract';
import type { ConnectorContext } from '../../../src/main/connectors/connector';
import type { SourceBatch, CallRecord, SourceStatus } from '../../../src/shared/domain';

export interface RecordingContext extends ConnectorContext {
  events: { event: keyof EventContract; payload: unknown }[];
  statuses: Omit<SourceStatus, 'sourceId' | 'kind' | 'label'>[];
  /** Resolves at the next emit of `event`. */
  next(event: keyof EventContract): Promise<unknown>;
}

export function recordingContext(password?: string): RecordingContext {
  const waiters: { event: keyof EventContract; resolve: (p: unknown) => void }[] = [];
  const ctx: RecordingContext = {
    ...(password !== undefined ? { password } : {}),
    events: [],
    statuses: [],
    emit<E extends keyof EventContract>(event: E, payload: EventContract[E]) {
      ctx.events.push({ event, payload });
      for (const w of waiters.splice(0)) {
        if (w.event === event) w.resolve(payload);
        else waiters.push(w);
      }
    },
    setStatus: (s) => void ctx.statuses.push(s),
    log: () => {},
    resourcesDir: '',
    next: (event) => new Promise((resolve) => waiters.push({ event, resolve })),
  };
  return ctx;
}

export const calls = (b: SourceBatch) => b.records as CallRecord[];

let seq = 0;
/** One Master.csv line (21-field layout unless fields are cut), as cdr_csv writes it. */
export function cdrLine(o: { src?: string; dst?: string; start?: string; disposition?: string; billsec?: number; duration?: number; uniqueid?: string; sequence?: number; lastapp?: string; dstchannel?: string; channel?: string; dcontext?: string; clid?: string; fields?: number } = {}): string {
  seq += 1;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const start = o.start ?? '2024-07-15 10:00:00';
  const all = [
    q(''),
    q(o.src ?? '030 1234567'),
    q(o.dst ?? '101'),
    q(o.dcontext ?? 'from-pstn'),
    q(o.clid ?? `"Customer" <${o.src ?? '0301234567'}>`),
    q(o.channel ?? 'SIP/trunk-0000000a'),
    q(o.dstchannel ?? 'PJSIP/101-0000000b'),
    q(o.lastapp ?? 'Dial'),
    q('PJSIP/101,30'),
    q(start),
    o.disposition === 'NO ANSWER' ? '' : q(start),
    q(start),
    String(o.duration ?? 60),
    String(o.billsec ?? (o.disposition && o.disposition !== 'ANSWERED' ? 0 : 50)),
    q(o.disposition ?? 'ANSWERED'),
    q('DOCUMENTATION'),
    q(o.uniqueid ?? `1721030400.${seq}`),
    q(''),
    q(''),
    q(o.uniqueid ?? `1721030400.${seq}`),
    String(o.sequence ?? seq),
  ];
  return all.slice(0, o.fields ?? 21).join(',') + '\n';
}
