import { describe, expect, it } from 'vitest';
import { parseDate, parseQuery } from '../../../src/shared/search/query-parser';

const NOW = new Date(2026, 2, 15, 12, 0, 0).getTime(); // 15 March 2026, local time

describe('parseQuery', () => {
  it('plain words are prefix terms; one-letter Latin words are exact', () => {
    const q = parseQuery('Refund a inv');
    expect(q.terms).toEqual([
      { term: 'refund', prefix: true },
      { term: 'a', prefix: false },
      { term: 'inv', prefix: true },
    ]);
    expect(q.errors).toEqual([]);
    expect(q.empty).toBe(false);
  });

  it('quoted phrases (straight and curly quotes) are exact sequences; an unclosed one is still being typed', () => {
    const q = parseQuery('"card declined" “late fee”');
    expect(q.phrases).toEqual([
      [{ term: 'card', prefix: false }, { term: 'declined', prefix: false }],
      [{ term: 'late', prefix: false }, { term: 'fee', prefix: false }],
    ]);
    expect(q.terms).toHaveLength(4);
    const open = parseQuery('"card decl');
    expect(open.phrases[0]).toEqual([{ term: 'card', prefix: false }, { term: 'decl', prefix: true }]);
  });

  it('parses every filter', () => {
    const q = parseQuery('from:ada channel:email channel:call status:open status:pending assignee:me tag:VIP has:attachment after:2026-03-01 before:2026-03-10 refund', { now: NOW, me: 'Maya' });
    expect(q.errors).toEqual([]);
    expect(q.terms).toEqual([{ term: 'refund', prefix: true }]);
    expect(q.filters).toEqual({
      from: [{ term: 'ada', prefix: true }],
      channels: ['email', 'call'],
      statuses: ['open', 'pending'],
      assignees: ['maya'],
      tags: ['vip'],
      hasAttachment: true,
      after: new Date(2026, 2, 1).getTime(),
      before: new Date(2026, 2, 10).getTime(),
    });
    expect(q.chips.map((c) => `${c.key}:${c.value}`)).toContain('channel:call');
  });

  it('quoted filter values, aliases and assignee:none', () => {
    const q = parseQuery('from:"Ada Lovelace" channel:phone in:chat assignee:none tag:#billing');
    expect(q.filters.from).toEqual([
      { term: 'ada', prefix: true },
      { term: 'lovelace', prefix: true },
    ]);
    expect(q.filters.channels).toEqual(['call', 'chat']);
    expect(q.filters.assignees).toEqual(['']);
    expect(q.filters.tags).toEqual(['billing']);
  });

  it('bad filter values give a clear message, never a crash, and the rest still runs', () => {
    const q = parseQuery('before:notadate channel:fax status:lost has:pony refund', { now: NOW });
    expect(q.terms).toEqual([{ term: 'refund', prefix: true }]);
    expect(q.filters).toEqual({});
    expect(q.errors).toEqual([
      'before: expects a date like 2026-03-31, today, yesterday or 7d (got "notadate")',
      'channel: expects email, chat, call or note (got "fax")',
      'status: expects open, pending, snoozed or closed (got "lost")',
      'has: supports only has:attachment (got "pony")',
    ]);
    expect(q.chips.filter((c) => c.error)).toHaveLength(4);
    expect(parseQuery('after:2026-02-31').errors[0]).toMatch(/after: expects a date/);
    expect(parseQuery('assignee:me').errors[0]).toMatch(/agent name/);
    expect(parseQuery('after:2026-03-10 before:2026-03-01').errors[0]).toMatch(/no item can match/);
  });

  it('a filter key typed without a value yet is not an error; unknown keys are plain text', () => {
    const q = parseQuery('from: re:invoice http://x.example');
    expect(q.errors).toEqual([]);
    expect(q.terms.map((t) => t.term)).toEqual(['re', 'invoice', 'http', 'x', 'example']);
    expect(parseQuery('   ').empty).toBe(true);
    expect(parseQuery('"').empty).toBe(true);
  });

  it('never throws on arbitrary input', () => {
    for (const s of ['"""', 'from:"', ':::', 'before:', 'tag:"" ""', '\u0000\uffff', 'a'.repeat(10_000), '𠀀𠀁 "𠀂']) {
      expect(() => parseQuery(s, { now: NOW })).not.toThrow();
    }
  });
});

describe('parseDate', () => {
  it('understands days, months, years and relative dates in local time', () => {
    expect(parseDate('2026-03-05', NOW)).toEqual({ start: new Date(2026, 2, 5).getTime(), end: new Date(2026, 2, 6).getTime() });
    expect(parseDate('2026/3/5', NOW)?.start).toBe(new Date(2026, 2, 5).getTime());
    expect(parseDate('2026-03', NOW)).toEqual({ start: new Date(2026, 2, 1).getTime(), end: new Date(2026, 3, 1).getTime() });
    expect(parseDate('2025', NOW)?.start).toBe(new Date(2025, 0, 1).getTime());
    expect(parseDate('today', NOW)?.start).toBe(new Date(2026, 2, 15).getTime());
    expect(parseDate('yesterday', NOW)?.start).toBe(new Date(2026, 2, 14).getTime());
    expect(parseDate('7d', NOW)?.start).toBe(new Date(2026, 2, 8).getTime());
    expect(parseDate('2w', NOW)?.start).toBe(new Date(2026, 2, 1).getTime());
    expect(parseDate('1m', NOW)?.start).toBe(new Date(2026, 1, 15).getTime());
    expect(parseDate('2026-13-01', NOW)).toBeUndefined();
    expect(parseDate('soon', NOW)).toBeUndefined();
  });
});
