import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAddress, checkBody, MAX_BODY_BYTES, truncateUtf8 } from '../../../src/shared/chat/message-validation';
import { parseChatCursor, chatSourceKey } from '../../../src/shared/chat/chat-cursor';

describe('checkBody', () => {
  it('refuses a missing or blank body with a reason', () => {
    expect(checkBody(null)).toEqual({ ok: false, reason: 'the message has no <body>' });
    expect(checkBody('  \n\t')).toEqual({ ok: false, reason: 'the message body is empty' });
  });

  it('keeps a normal body as is', () => {
    expect(checkBody('hello')).toEqual({ ok: true, body: 'hello', warnings: [] });
    expect(checkBody('x'.repeat(MAX_BODY_BYTES)).ok && checkBody('x'.repeat(MAX_BODY_BYTES))).toMatchObject({ warnings: [] });
  });

  it('cuts an oversized body to 64 KiB with a warning instead of losing it', () => {
    const r = checkBody('é'.repeat(MAX_BODY_BYTES)); // 128 KiB in UTF-8
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new TextEncoder().encode(r.body).length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    expect(r.body).toBe('é'.repeat(MAX_BODY_BYTES / 2));
    expect(r.warnings[0]).toContain('131072 bytes');
  });
});

describe('truncateUtf8', () => {
  it('never splits a character and never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 0, max: 120 }), (s, max) => {
        const t = truncateUtf8(s, max);
        const bytes = new TextEncoder().encode(t).length;
        expect(bytes).toBeLessThanOrEqual(Math.max(max, 0));
        expect(s.startsWith(t)).toBe(true);
        expect(t).not.toContain('\uFFFD');
      }),
    );
  });
});

describe('checkAddress', () => {
  it('gives the bare JID and resource of a valid user address', () => {
    expect(checkAddress('Customer@localhost/web', 'from')).toEqual({ ok: true, bare: 'customer@localhost', resource: 'web' });
  });
  it('refuses missing, malformed and server-only addresses', () => {
    expect(checkAddress(undefined, 'from')).toMatchObject({ ok: false, reason: "the message has no 'from' address" });
    const bad = checkAddress('bad jid@@x', 'from');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain('is not a valid JID');
    expect(checkAddress('localhost', 'to')).toMatchObject({ ok: false });
  });
});

describe('chat cursor', () => {
  it('accepts null and a well-formed cursor, refuses anything else', () => {
    expect(parseChatCursor(null)).toEqual({ ok: true, cursor: null });
    expect(parseChatCursor({ lastArchiveId: 'abc', lastTs: 5 })).toEqual({ ok: true, cursor: { lastArchiveId: 'abc', lastTs: 5 } });
    expect(parseChatCursor({ lastArchiveId: 'abc' })).toEqual({ ok: true, cursor: { lastArchiveId: 'abc', lastTs: 0 } });
    expect(parseChatCursor(42).ok).toBe(false);
    expect(parseChatCursor({ lastArchiveId: '' }).ok).toBe(false);
  });
  it('keys a message by source and archive id', () => {
    expect(chatSourceKey('chat1', 'v30E4q')).toBe('chat1:v30E4q');
  });
});

describe('utf8Length', () => {
  it('matches the real UTF-8 encoding', async () => {
    const { utf8Length } = await import('../../../src/shared/chat/utf8');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }));
    expect(utf8Length('a€😀')).toBe(1 + 3 + 4);
  });
});
