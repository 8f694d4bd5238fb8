/**
 * The demo workspace's team log: the team events in resources/demo/workspace.json (`teamEvents`),
 * served through the same 'team:pull' / 'team:append' contract as a real team folder, so the demo
 * opens as a team that has been at work (merged customers, assignments, handoff notes, ...)
 * through the renderer's ordinary team sync and fold.
 *
 *  - In memory: seeded from the file with every time shifted by the same amount as the records
 *    (so the story stays consistent with the conversations it is about); `append` keeps new
 *    events for the life of the process and answers 'already-there' for an id it holds.
 *  - pull pages by index. The cursor has the team-log shape {uidValidity, lastUid}: lastUid is
 *    the number of events read, uidValidity identifies the seeded log (another log starts over).
 *  - Presence is accepted and dropped: there is no other console to tell.
 */
import type { ImportProblem } from '../../../shared/domain';
import { parseEnvelope, type TeamEnvelope, type TeamEventEnvelope } from '../../../shared/team/event-schema';
import { formatHlc, parseHlc } from '../../../shared/team/hlc';
import type { TeamAction } from '../../../shared/domain';
import type { TeamAppendResult, TeamCursor, TeamLog, TeamPullBatch } from '../team/team-log';

export const DEMO_TEAM_FOLDER = 'Demo team log';

/** The same event, `delta` ms later: its clock, wall time and every time inside the payload. */
export function shiftTeamEvent(e: TeamEventEnvelope, delta: number): TeamEventEnvelope {
  const hlc = parseHlc(e.hlc);
  const at = (t: number) => t + delta;
  const p = e.payload;
  let payload: TeamAction;
  switch (p.type) {
    case 'thread.status':
      payload = { ...p, ...(p.at !== undefined ? { at: at(p.at) } : {}), ...(p.snoozeUntil !== undefined ? { snoozeUntil: at(p.snoozeUntil) } : {}) };
      break;
    case 'note.write':
      payload = { ...p, note: { ...p.note, createdAt: at(p.note.createdAt), ...(p.note.acknowledgedAt !== undefined ? { acknowledgedAt: at(p.note.acknowledgedAt) } : {}) } };
      break;
    case 'note.ack':
    case 'merge.undo':
    case 'call.note':
      payload = { ...p, at: at(p.at) };
      break;
    case 'customer.merge':
      payload = { ...p, merge: { ...p.merge, ts: at(p.merge.ts), ...(p.merge.undoneAt !== undefined ? { undoneAt: at(p.merge.undoneAt) } : {}) } };
      break;
    case 'customer.split':
      payload = {
        ...p,
        merge: { ...p.merge, ts: at(p.merge.ts), ...(p.merge.undoneAt !== undefined ? { undoneAt: at(p.merge.undoneAt) } : {}) },
        newCustomer: { ...p.newCustomer, createdAt: at(p.newCustomer.createdAt), lastActivityAt: at(p.newCustomer.lastActivityAt) },
      };
      break;
    default:
      payload = p;
  }
  return { ...e, ts: at(e.ts), hlc: formatHlc({ ms: hlc.ms + delta, counter: hlc.counter }), payload };
}

/** 31-bit FNV-1a of the seeded ids: a different seed log gets a different uidValidity. */
function validityOf(ids: string[]): number {
  let h = 0x811c9dc5;
  const s = ids.join('\n');
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return (h & 0x7fffffff) || 1;
}

function asCursor(c: unknown): TeamCursor | undefined {
  if (!c || typeof c !== 'object') return undefined;
  const { uidValidity, lastUid } = c as Partial<TeamCursor>;
  return Number.isInteger(uidValidity) && Number.isInteger(lastUid) && lastUid! >= 0 ? { uidValidity: uidValidity!, lastUid: lastUid! } : undefined;
}

export interface DemoTeamLogOptions {
  sourceId: string;
  /** The seeded events as stored in the file (unvalidated) and the shift to apply to them. */
  load(): Promise<{ events: unknown[]; delta: number }>;
  now?: () => number;
}

export function createDemoTeamLog(opts: DemoTeamLogOptions): TeamLog {
  const now = opts.now ?? Date.now;
  let state: Promise<{ events: TeamEventEnvelope[]; ids: Set<string>; problems: ImportProblem[]; validity: number }> | undefined;
  const loaded = () =>
    (state ??= opts.load().then(({ events: raw, delta }) => {
      const events: TeamEventEnvelope[] = [];
      const problems: ImportProblem[] = [];
      raw.forEach((item, i) => {
        const r = parseEnvelope(item);
        if (r.ok && r.envelope.kind === 'event') events.push(shiftTeamEvent(r.envelope, delta));
        else problems.push({ sourceId: opts.sourceId, file: 'workspace.json', line: i + 1, reason: `team event ${i + 1}: ${r.ok ? 'presence notes are not stored' : r.reason}`, ts: now() });
      });
      const ids = new Set<string>();
      const unique = events.filter((e) => !ids.has(e.id) && ids.add(e.id));
      return { events: unique, ids, problems, validity: validityOf(unique.map((e) => e.id)) };
    }));

  return {
    folder: DEMO_TEAM_FOLDER,
    async append(envelopes: TeamEnvelope[]): Promise<TeamAppendResult[]> {
      const log = await loaded();
      return envelopes.map((e) => {
        if (e.kind === 'presence') return { id: e.id, status: 'appended' };
        if (log.ids.has(e.id)) return { id: e.id, status: 'already-there' };
        log.ids.add(e.id);
        log.events.push(e);
        return { id: e.id, status: 'appended' };
      });
    },
    async pull(cursor: unknown, limit: number): Promise<TeamPullBatch> {
      const log = await loaded();
      const c = asCursor(cursor);
      const from = c && c.uidValidity === log.validity ? Math.min(c.lastUid, log.events.length) : 0;
      const events = log.events.slice(from, from + Math.max(1, limit));
      const next = from + events.length;
      return {
        sourceId: opts.sourceId,
        events,
        presence: [],
        cursor: { uidValidity: log.validity, lastUid: next },
        hasMore: next < log.events.length,
        problems: from === 0 ? log.problems : [],
      };
    },
    async start() {},
    async stop() {},
  };
}
