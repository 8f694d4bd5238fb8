import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bareJid, fullOf, isValidJid, parseJid, resourceOf, sameBare } from '../../../src/shared/chat/jid';

describe('parseJid', () => {
  it('splits local, domain and resource', () => {
    expect(parseJid('Support@Example.COM/Desk 1')).toEqual({ ok: true, jid: { local: 'support', domain: 'example.com', resource: 'Desk 1' } });
    expect(parseJid('example.com')).toEqual({ ok: true, jid: { local: '', domain: 'example.com', resource: '' } });
  });

  it('keeps "@" and "/" inside the resource', () => {
    const r = parseJid('a@b.c/res/with@at');
    expect(r.ok && r.jid).toEqual({ local: 'a', domain: 'b.c', resource: 'res/with@at' });
  });

  it('accepts IP literals and trailing-dot domains', () => {
    expect(isValidJid('user@[::1]')).toBe(true);
    expect(isValidJid('user@127.0.0.1')).toBe(true);
    expect(isValidJid('user@example.com.')).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['@example.com', 'no local part'],
    ['a b@example.com', 'character'],
    ['a"b@example.com', 'character'],
    ['a@', 'domain part is empty'],
    ['a@exa mple.com', 'host name may not'],
    ['a@example..com', 'empty label'],
    ['a@example.com/', 'no resource'],
    ['a@-bad.com', 'host name may not'],
    ['a\u0000@example.com', 'control characters'],
    ['a@b@c', 'character'],
  ])('refuses %j with a reason', (input, reason) => {
    const r = parseJid(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('refuses parts longer than 1023 bytes', () => {
    expect(parseJid(`${'a'.repeat(1024)}@example.com`).ok).toBe(false);
    expect(parseJid(`a@example.com/${'é'.repeat(512)}`).ok).toBe(false);
    expect(parseJid(`a@example.com/${'é'.repeat(511)}`).ok).toBe(true);
  });
});

describe('bare / resource helpers', () => {
  it('normalise case of local and domain only', () => {
    expect(bareJid('Customer@LocalHost/Web')).toBe('customer@localhost');
    expect(resourceOf('customer@localhost/Web')).toBe('Web');
    expect(resourceOf('not a jid')).toBe('');
    expect(bareJid('not a jid@x')).toBeUndefined();
    expect(sameBare('a@b/1', 'A@B/2')).toBe(true);
    expect(sameBare('a@b', 'c@b')).toBe(false);
    expect(sameBare('bad jid', 'bad jid')).toBe(false);
  });

  it('round-trips: parse(full(parse(x))) == parse(x)', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
    const arb = fc.record({
      local: fc.stringMatching(/^[a-z0-9._+-]{1,12}$/),
      domain: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
      resource: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Za-z0-9 @/._-]{1,12}$/)),
    });
    fc.assert(
      fc.property(arb, ({ local, domain, resource }) => {
        const s = `${local}@${domain}${resource ? `/${resource}` : ''}`;
        const first = parseJid(s);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(parseJid(fullOf(first.jid))).toEqual(first);
      }),
    );
  });
});
