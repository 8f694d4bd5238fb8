import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SESSION_GAP_MS, groupSessions, nextSession, sessionIdFor, sessionIdsByKey } from '../../../src/shared/chat/sessions';

const MIN = 60_000;

describe('groupSessions', () => {
  it('cuts a conversation where the idle gap exceeds 30 minutes by default', () => {
    const msgs = [
      { key: 'a', ts: 0 },
      { key: 'b', ts: 10 * MIN },
      { key: 'c', ts: 40 * MIN }, // exactly 30 min after b: same session
      { key: 'd', ts: 70 * MIN + 1 }, // 30 min + 1 ms after c: new session
    ];
    const s = groupSessions(msgs);
    expect(s.map((x) => x.keys)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(s.map((x) => x.id)).toEqual([sessionIdFor('a'), sessionIdFor('d')]);
    expect(s[0]).toMatchObject({ firstTs: 0, lastTs: 40 * MIN });
    expect(DEFAULT_SESSION_GAP_MS).toBe(30 * MIN);
  });

  it('honours a custom gap and breaks ties by key', () => {
    const s = groupSessions([{ key: 'z', ts: 5 }, { key: 'y', ts: 5 }, { key: 'x', ts: 5 + 2 * MIN }], MIN);
    expect(s.map((x) => x.keys)).toEqual([['y', 'z'], ['x']]);
  });

  it('counts a key seen twice (live + archive) once, at its earliest time', () => {
    const s = groupSessions([{ key: 'a', ts: 1000 }, { key: 'a', ts: 1500 }, { key: 'b', ts: 2000 }]);
    expect(s).toEqual([{ id: sessionIdFor('a'), firstTs: 1000, lastTs: 2000, keys: ['a', 'b'] }]);
  });

  it('refuses a non-positive gap', () => {
    expect(() => groupSessions([], 0)).toThrow(RangeError);
  });

  it('is independent of input order and covers every key exactly once', () => {
    const msgs = fc.uniqueArray(fc.record({ key: fc.string({ minLength: 1, maxLength: 6 }), ts: fc.integer({ min: 0, max: 10 * 60 * MIN }) }), {
      selector: (m) => m.key,
      maxLength: 40,
    });
    fc.assert(
      fc.property(msgs, fc.integer({ min: 1, max: 120 }), (list, gapMin) => {
        const a = sessionIdsByKey(list, gapMin * MIN);
        const b = sessionIdsByKey([...list].reverse(), gapMin * MIN);
        expect([...a.entries()].sort()).toEqual([...b.entries()].sort());
        expect(a.size).toBe(list.length);
        // Within a session consecutive messages are at most one gap apart; across sessions more.
        const sessions = groupSessions(list, gapMin * MIN);
        for (let i = 1; i < sessions.length; i++) expect(sessions[i]!.firstTs - sessions[i - 1]!.lastTs).toBeGreaterThan(gapMin * MIN);
      }),
    );
  });
});

describe('nextSession', () => {
  it('continues the latest session within the gap and opens a new one after it', () => {
    const latest = { id: 'chat-session:k1', lastTs: 1000 };
    expect(nextSession(latest, { key: 'k2', ts: 1000 + 30 * MIN })).toEqual({ id: 'chat-session:k1', isNew: false });
    expect(nextSession(latest, { key: 'k3', ts: 1001 + 30 * MIN })).toEqual({ id: sessionIdFor('k3'), isNew: true });
    expect(nextSession(undefined, { key: 'k4', ts: 5 })).toEqual({ id: sessionIdFor('k4'), isNew: true });
  });

  it('agrees with groupSessions when messages arrive in time order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * MIN }), { maxLength: 30 }), (gaps) => {
        let ts = 0;
        const msgs = gaps.map((g, i) => ({ key: `m${String(i).padStart(3, '0')}`, ts: (ts += g) }));
        const expected = sessionIdsByKey(msgs);
        let latest: { id: string; lastTs: number } | undefined;
        for (const m of msgs) {
          const n = nextSession(latest, m);
          expect(n.id).toBe(expected.get(m.key));
          latest = { id: n.id, lastTs: m.ts };
        }
      }),
    );
  });
});
