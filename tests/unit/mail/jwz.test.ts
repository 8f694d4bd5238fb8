import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeMessageId, normalizeSubject, threadMessages, type ThreadInput } from '../../../src/shared/mail/jwz';

const m = (id: string, date: number, extra: Partial<ThreadInput> = {}): ThreadInput => ({
  id,
  messageId: `<${id}@x>`,
  date,
  subject: 'Help',
  ...extra,
});

describe('JWZ threading', () => {
  it('threads by In-Reply-To and References; thread id is the root Message-ID', () => {
    const t = threadMessages([
      m('a', 1),
      m('b', 2, { inReplyTo: '<a@x>', references: ['<a@x>'] }),
      m('c', 3, { references: ['<a@x>', '<b@x>'] }),
      m('d', 4, { inReplyTo: '<c@x>' }),
      m('z', 5, { subject: 'Other' }),
    ]);
    expect(t.get('a')).toBe('<a@x>');
    expect(t.get('b')).toBe('<a@x>');
    expect(t.get('c')).toBe('<a@x>');
    expect(t.get('d')).toBe('<a@x>');
    expect(t.get('z')).toBe('<z@x>');
  });

  it('groups replies whose root we never saw under the missing root id', () => {
    const t = threadMessages([
      m('b', 2, { references: ['<root@x>'] }),
      m('c', 3, { references: ['<root@x>'] }),
    ]);
    expect(t.get('b')).toBe('<root@x>');
    expect(t.get('c')).toBe('<root@x>');
  });

  it('a missing root with a single message child promotes the child (JWZ pruning)', () => {
    const t = threadMessages([m('b', 2, { references: ['<gone@x>'] }), m('c', 3, { inReplyTo: '<b@x>' })]);
    expect(t.get('b')).toBe('<b@x>');
    expect(t.get('c')).toBe('<b@x>');
  });

  it('survives reference loops and self references', () => {
    const t = threadMessages([
      m('a', 1, { references: ['<b@x>'] }),
      m('b', 2, { references: ['<a@x>'] }),
      m('c', 3, { references: ['<c@x>'] }),
    ]);
    expect(t.get('a')).toBe(t.get('b'));
    expect(t.get('c')).toBe('<c@x>');
  });

  it('messages without Message-ID stay apart and get a stable id', () => {
    const t = threadMessages([m('a', 1, { messageId: '' }), m('b', 1, { messageId: '   ' })]);
    expect(t.get('a')).toBe('<a@no-message-id.invalid>');
    expect(t.get('b')).toBe('<b@no-message-id.invalid>');
  });

  it('the same Message-ID twice (INBOX + Sent copy) lands in one thread', () => {
    const t = threadMessages([m('inbox', 1, { messageId: '<same@x>' }), m('sent', 1, { messageId: '<same@x>' }), m('r', 2, { inReplyTo: '<same@x>' })]);
    expect(new Set(t.values())).toEqual(new Set(['<same@x>']));
  });

  it('subject fallback only inside the same caller key', () => {
    const customer: Record<string, string> = { a: 'c1', b: 'c1', c: 'c2' };
    const input = [
      m('a', 1, { subject: 'Invoice 42' }),
      m('b', 2, { subject: 'Re: invoice 42' }),
      m('c', 3, { subject: 'RE: Invoice 42' }),
    ];
    const without = threadMessages(input);
    expect(new Set(without.values()).size).toBe(3);
    const t = threadMessages(input, { subjectGroupKey: (x) => customer[x.id] });
    expect(t.get('b')).toBe('<a@x>');
    expect(t.get('c')).toBe('<c@x>');
  });

  it('normalises ids and subjects', () => {
    expect(normalizeMessageId(' <a@b> ')).toBe('<a@b>');
    expect(normalizeMessageId('a@b')).toBe('<a@b>');
    expect(normalizeMessageId('')).toBe('');
    expect(normalizeSubject('Re: Fwd: [Support] AW:  Hello   World')).toBe('hello world');
    expect(normalizeSubject('Re[2]: x')).toBe('x');
  });

  it('property: any permutation of the same messages gives the same threads', () => {
    const ids = ['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'];
    const refId = fc.constantFrom(...ids.map((i) => `<${i}@x>`), '<ghost1@x>', '<ghost2@x>');
    const msg = fc.record({
      mid: fc.constantFrom(...ids.map((i) => `<${i}@x>`), '<dup@x>', ''),
      inReplyTo: fc.option(refId, { nil: undefined }),
      references: fc.array(refId, { maxLength: 4 }),
      subject: fc.constantFrom('Help', 'Re: help', 'Other', ''),
      date: fc.integer({ min: 0, max: 5 }),
      key: fc.constantFrom('c1', 'c2'),
    });
    fc.assert(
      fc.property(
        fc.array(msg, { minLength: 1, maxLength: 12 }).chain((raw) => {
          const items = raw.map((r, i) => ({ id: `k${i}`, messageId: r.mid, inReplyTo: r.inReplyTo, references: r.references, subject: r.subject, date: r.date, key: r.key }));
          return fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length }));
        }),
        ([items, shuffled]) => {
          const opts = { subjectGroupKey: (x: (typeof items)[number]) => x.key };
          const a = threadMessages(items, opts);
          const b = threadMessages(shuffled, opts);
          expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
          expect(a.size).toBe(items.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
