import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventIdFromMessageId, eventMessageId, parseEnvelope } from '../../../src/shared/team/event-schema';
import { formatHlc, HybridClock, HlcError, parseHlc, tick } from '../../../src/shared/team/hlc';
import { describeEvent } from '../../../src/shared/team/summary';

const T0 = Date.UTC(2024, 0, 1);

describe('hybrid logical clock', () => {
  it('round-trips and sorts as strings in clock order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 0, max: 0xffff }), (m1, c1, m2, c2) => {
        const a = formatHlc({ ms: m1, counter: c1 });
        const b = formatHlc({ ms: m2, counter: c2 });
        expect(parseHlc(a)).toEqual({ ms: m1, counter: c1 });
        expect(Math.sign(a.localeCompare(b, 'en'))).toBe(Math.sign(m1 - m2 || c1 - c2));
        expect(a < b).toBe(m1 < m2 || (m1 === m2 && c1 < c2));
      }),
    );
  });

  it('tick is strictly monotonic whatever the wall clock does (backwards, frozen, counter overflow)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 200 }), (walls) => {
        let last: string | undefined;
        for (const w of walls) {
          const next = tick(last, T0 + w);
          if (last !== undefined) expect(next > last).toBe(true);
          expect(parseHlc(next).ms).toBeGreaterThanOrEqual(T0 + w);
          last = next;
        }
      }),
    );
    expect(tick(formatHlc({ ms: T0, counter: 0xffff }), T0)).toBe(formatHlc({ ms: T0 + 1, counter: 0 }));
  });

  it('an injected clock: receive moves the clock past a remote timestamp from a console ahead of us', () => {
    let now = T0;
    const clock = new HybridClock(() => now);
    expect(clock.send()).toBe(formatHlc({ ms: T0, counter: 0 }));
    clock.receive(formatHlc({ ms: T0 + 60_000, counter: 7 }));
    now = T0 + 1;
    expect(clock.send()).toBe(formatHlc({ ms: T0 + 60_000, counter: 8 }));
    expect(() => clock.receive('yesterday')).toThrow(HlcError);
  });
});

describe('team log envelope', () => {
  const good = {
    v: 1, kind: 'event', id: 'abc-123', type: 'thread.assign', author: 'ana', hlc: formatHlc({ ms: T0, counter: 0 }), ts: T0,
    payload: { type: 'thread.assign', threadIds: ['t1'], assignee: 'bo' },
  };

  it('accepts a valid event and describes it for people', () => {
    const r = parseEnvelope(good);
    expect(r.ok).toBe(true);
    if (r.ok && r.envelope.kind === 'event') expect(describeEvent(r.envelope).subject).toBe('[Switchboard] ana assigned conversation t1 to bo');
  });

  it('rejects bad input with a reason naming the field, and flags a newer log version', () => {
    expect(parseEnvelope({ ...good, hlc: 'soon' })).toMatchObject({ ok: false, reason: expect.stringContaining('hlc') });
    expect(parseEnvelope({ ...good, type: 'thread.status' })).toMatchObject({ ok: false, reason: expect.stringContaining('type') });
    expect(parseEnvelope({ ...good, id: '<evil>' })).toMatchObject({ ok: false, reason: expect.stringContaining('id') });
    expect(parseEnvelope({ ...good, payload: { type: 'thread.assign', threadIds: [], assignee: 'x' } })).toMatchObject({ ok: false });
    expect(parseEnvelope({ ...good, v: 2 })).toMatchObject({ ok: false, newer: true });
    expect(parseEnvelope('not json at all')).toMatchObject({ ok: false });
  });

  it('maps event ids to a deterministic Message-ID and back', () => {
    expect(eventMessageId('abc-123')).toBe('<evt-abc-123@switchboard>');
    expect(eventIdFromMessageId('<evt-abc-123@switchboard>')).toBe('abc-123');
    expect(eventIdFromMessageId('<other@x>')).toBeUndefined();
    expect(() => eventMessageId('a b')).toThrow();
  });
});
