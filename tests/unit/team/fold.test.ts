import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackFor, applyTagView, compareStamps, foldEvents, keys, noteVersionPlacement, threadView, type Register } from '../../../src/shared/team/fold';
import type { TeamEventEnvelope } from '../../../src/shared/team/event-schema';
import { formatHlc } from '../../../src/shared/team/hlc';
import { shuffledWithDuplicatesArb } from './arbitraries';

const T0 = Date.UTC(2024, 0, 1);
const ev = (id: string, author: string, ms: number, payload: TeamEventEnvelope['payload'], counter = 0): TeamEventEnvelope => ({
  v: 1, kind: 'event', id, type: payload.type, author, hlc: formatHlc({ ms: T0 + ms, counter }), ts: T0 + ms, payload,
});
const regs = (state: Record<string, Register>, prefix: string) => Object.values(state).filter((r) => r.key.startsWith(prefix));

describe('team log fold', () => {
  it('property: any arrival order, with duplicates, gives identical state', () => {
    fc.assert(
      fc.property(shuffledWithDuplicatesArb, ({ events, other }) => {
        expect(foldEvents(other)).toEqual(foldEvents(events));
      }),
      { numRuns: 500 },
    );
  });

  it('property: folding is idempotent and can be split anywhere (incremental = full)', () => {
    fc.assert(
      fc.property(shuffledWithDuplicatesArb, fc.nat(), ({ events }, cut) => {
        const k = cut % (events.length + 1);
        const full = foldEvents(events);
        expect(foldEvents(events.slice(k), foldEvents(events.slice(0, k)))).toEqual(full);
        expect(foldEvents(events, full)).toEqual(full);
      }),
      { numRuns: 300 },
    );
  });

  it('last writer wins per field by (hlc, author, id); different fields never clobber each other', () => {
    const a = ev('a', 'ana', 5, { type: 'thread.status', threadIds: ['t1'], status: 'closed' });
    const b = ev('b', 'bo', 3, { type: 'thread.status', threadIds: ['t1'], status: 'pending' });
    const c = ev('c', 'bo', 1, { type: 'thread.assign', threadIds: ['t1'], assignee: 'bo' });
    const view = threadView(regs(foldEvents([a, b, c]), keys.threadPrefix('t1')));
    expect(view.status).toEqual({ status: 'closed' });
    expect(view.assignee).toBe('bo');
    expect(view.missedHandled).toBe(true);
    // Same hlc: author decides, then id.
    const x = ev('x', 'ana', 7, { type: 'thread.priority', threadIds: ['t2'], priority: 'low' });
    const y = ev('y', 'bo', 7, { type: 'thread.priority', threadIds: ['t2'], priority: 'urgent' });
    expect(threadView(regs(foldEvents([y, x]), keys.threadPrefix('t2'))).priority).toBe('urgent');
    expect(compareStamps({ hlc: 'h', author: 'a', id: '1' }, { hlc: 'h', author: 'a', id: '2' })).toBeLessThan(0);
  });

  it('tags are registers per tag: concurrent add and remove of different tags both survive', () => {
    const add = ev('a', 'ana', 1, { type: 'thread.tags', threadIds: ['t1'], add: ['VIP'], remove: [] });
    const add2 = ev('b', 'bo', 2, { type: 'thread.tags', threadIds: ['t1'], add: ['refund'], remove: [] });
    const rm = ev('c', 'cy', 3, { type: 'thread.tags', threadIds: ['t1'], add: [], remove: ['vip'] });
    const view = threadView(regs(foldEvents([rm, add2, add]), keys.threadPrefix('t1')));
    expect(applyTagView(['manual', 'Vip'], view.tags)).toEqual(['manual', 'refund']);
  });

  it('competing versions of one note keep both: the first keeps the id, the later one is set aside', () => {
    const note = (summary: string, author: string) => ({ id: 'n1:v2', noteId: 'n1', version: 2, customerId: 'c1', author, createdAt: T0, summary, tried: '', promised: '', nextStep: '', mentions: [] });
    const a = ev('ea', 'ana', 4, { type: 'note.write', note: note('from ana', 'ana') });
    const b = ev('eb', 'bo', 2, { type: 'note.write', note: note('from bo', 'bo') });
    const placed = noteVersionPlacement(foldEvents([a, b])[keys.noteVersion('n1:v2')]!);
    expect(placed.map((p) => [p.id, p.note.summary])).toEqual([
      ['n1:v2', 'from bo'],
      ['n1:v2~ea', 'from ana'],
    ]);
  });

  it('an acknowledgement covers versions written before it; the earliest one wins', () => {
    const acks = foldEvents([
      ev('k1', 'bo', 9, { type: 'note.ack', noteId: 'n1', by: 'bo', at: T0 + 9 }),
      ev('k2', 'cy', 5, { type: 'note.ack', noteId: 'n1', by: 'cy', at: T0 + 5 }),
    ])[keys.noteAcks('n1')];
    expect(ackFor(T0 + 1, acks)).toEqual({ by: 'cy', at: T0 + 5 });
    expect(ackFor(T0 + 7, acks)).toEqual({ by: 'bo', at: T0 + 9 });
    expect(ackFor(T0 + 10, acks)).toBeUndefined();
  });
});
