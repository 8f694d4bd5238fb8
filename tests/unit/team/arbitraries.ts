/** fast-check generators of team-log events over small id spaces (so collisions and ties happen). */
import fc from 'fast-check';
import type { TeamAction } from '../../../src/shared/domain';
import type { TeamEventEnvelope } from '../../../src/shared/team/event-schema';
import { formatHlc } from '../../../src/shared/team/hlc';

const T0 = Date.UTC(2024, 0, 1);
export const threadIdArb = fc.constantFrom('t1', 't2', 't3');
const tagArb = fc.constantFrom('vip', 'VIP', 'refund', 'bug', 'Bug ');
const agentArb = fc.constantFrom('ana', 'bo', 'cy');

export const hlcArb = fc
  .record({ ms: fc.integer({ min: 0, max: 20 }), counter: fc.integer({ min: 0, max: 3 }) })
  .map(({ ms, counter }) => formatHlc({ ms: T0 + ms, counter }));

const noteArb = fc.record({
  noteId: fc.constantFrom('n1', 'n2'),
  version: fc.integer({ min: 1, max: 3 }),
  summary: fc.string({ minLength: 1, maxLength: 8 }),
  createdAt: fc.integer({ min: 0, max: 20 }).map((d) => T0 + d),
  author: agentArb,
});

export const actionArb: fc.Arbitrary<TeamAction> = fc.oneof(
  fc.record({
    type: fc.constant('thread.status' as const),
    threadIds: fc.uniqueArray(threadIdArb, { minLength: 1, maxLength: 2 }),
    status: fc.constantFrom('open', 'pending', 'snoozed', 'closed' as const),
    snoozeUntil: fc.integer({ min: 1, max: 9 }).map((d) => T0 + d * 3_600_000),
  }).map((a) => (a.status === 'snoozed' ? a : { type: a.type, threadIds: a.threadIds, status: a.status })),
  fc.record({ type: fc.constant('thread.assign' as const), threadIds: fc.uniqueArray(threadIdArb, { minLength: 1, maxLength: 2 }), assignee: fc.option(agentArb, { nil: null }) }),
  fc.record({ type: fc.constant('thread.priority' as const), threadIds: fc.uniqueArray(threadIdArb, { minLength: 1, maxLength: 2 }), priority: fc.constantFrom('urgent', 'high', 'normal', 'low' as const) }),
  fc.record({ type: fc.constant('thread.tags' as const), threadIds: fc.uniqueArray(threadIdArb, { minLength: 1, maxLength: 2 }), add: fc.array(tagArb, { maxLength: 2 }), remove: fc.array(tagArb, { maxLength: 2 }) }),
  fc.record({ type: fc.constant('customer.tags' as const), customerId: fc.constantFrom('c1', 'c2'), add: fc.array(tagArb, { maxLength: 2 }), remove: fc.array(tagArb, { maxLength: 2 }) }),
  noteArb.map((n): TeamAction => ({
    type: 'note.write',
    note: { id: `${n.noteId}:v${n.version}`, noteId: n.noteId, version: n.version, customerId: 'c1', threadId: 't1', author: n.author, createdAt: n.createdAt, summary: n.summary, tried: '', promised: '', nextStep: '', mentions: [] },
  })),
  fc.record({ type: fc.constant('note.ack' as const), noteId: fc.constantFrom('n1', 'n2'), by: agentArb, at: fc.integer({ min: 0, max: 20 }).map((d) => T0 + d) }),
  fc.record({
    type: fc.constant('call.note' as const),
    interactionId: fc.constantFrom('call:1', 'call:2'),
    text: fc.constantFrom('', 'Promised a refund', 'Left a voicemail', 'Call back Monday'),
    author: agentArb,
    at: fc.integer({ min: 0, max: 20 }).map((d) => T0 + d),
  }),
  fc.record({ type: fc.constant('thread.calledBack' as const), threadIds: fc.uniqueArray(threadIdArb, { minLength: 1, maxLength: 2 }) }),
);

let seq = 0;
export const eventArb: fc.Arbitrary<TeamEventEnvelope> = fc
  .record({ action: actionArb, author: agentArb, hlc: hlcArb, n: fc.integer({ min: 0, max: 1_000_000 }) })
  .map(({ action, author, hlc, n }) => ({
    v: 1 as const,
    kind: 'event' as const,
    id: `e${n.toString(36)}-${(seq++).toString(36)}`,
    type: action.type,
    author,
    hlc,
    ts: T0,
    payload: action,
  }));

/** A list of events, and a second arrival order of the same events with some duplicated. */
export const shuffledWithDuplicatesArb = fc.array(eventArb, { minLength: 1, maxLength: 30 }).chain((events) =>
  fc
    .tuple(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.array(fc.constantFrom(...events), { maxLength: 10 }))
    .chain(([perm, dups]) => fc.shuffledSubarray([...perm, ...dups], { minLength: perm.length + dups.length, maxLength: perm.length + dups.length }))
    .map((other) => ({ events, other })),
);
