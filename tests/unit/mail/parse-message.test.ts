import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMessage, type MessageContext } from '../../../src/main/connectors/imap/parse-message';

const dir = join(__dirname, '../../fixtures/mail');
const ctx = (over: Partial<MessageContext> = {}): MessageContext => ({
  sourceId: 'acct',
  folder: 'INBOX',
  uid: 7,
  uidValidity: 1234,
  flags: ['\\Seen'],
  internalDate: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
  ownAddresses: new Set(['support@localhost']),
  sentFolder: false,
  ...over,
});
const parse = (name: string, over: Partial<MessageContext> = {}) => parseMessage(readFileSync(join(dir, name)), ctx(over));

describe('parseMessage', () => {
  it('keys the record by source, folder, UIDVALIDITY and UID', async () => {
    const r = await parse('iso-8859-1.eml');
    expect(r.sourceKey).toBe('acct:INBOX:1234:7');
    expect(r).toMatchObject({ type: 'email', folder: 'INBOX', uid: 7, uidValidity: 1234, flags: ['\\Seen'] });
  });

  it('decodes ISO-8859-1 (Q encoded-words, quoted-printable body)', async () => {
    const r = await parse('iso-8859-1.eml');
    expect(r.subject).toBe('Rechnung für März');
    expect(r.from).toEqual({ name: 'Renée Müller', address: 'renee@example.de' });
    expect(r.text).toContain('Grüße aus Köln');
    expect(r.date).toBe(Date.UTC(2024, 5, 4, 7, 15));
    expect(r.warnings).toEqual([]);
  });

  it('decodes Windows-1251 and Shift_JIS headers and bodies', async () => {
    const ru = await parse('windows-1251.eml');
    expect(ru.subject).toBe('Не работает вход');
    expect(ru.from.name).toBe('Иван Петров');
    expect(ru.text).toContain('Не могу войти');
    const jp = await parse('shift-jis.eml');
    expect(jp.subject).toBe('請求書について');
    expect(jp.from.name).toBe('山田太郎');
    expect(jp.text).toContain('請求書が届いていません');
  });

  it('joins adjacent UTF-8 encoded words, keeps threading headers', async () => {
    const r = await parse('utf8-encoded-words.eml');
    expect(r.subject).toBe('Café au lait ☕');
    expect(r.from.name).toBe('Zoë 😀 Ünicode');
    expect(r.to).toEqual([{ name: 'Søren', address: 'soren@localhost' }, { address: 'support@localhost' }]);
    expect(r.inReplyTo).toBe('<orig-1@localhost>');
    expect(r.references).toEqual(['<root-0@localhost>', '<orig-1@localhost>']);
  });

  it('nested multiparts: text + html, attachments as metadata with IMAP part ids, inline image embedded', async () => {
    const r = await parse('nested-multipart.eml');
    expect(r.text.trim()).toBe('See the screenshot.');
    expect(r.html).toContain('<b>screenshot</b>');
    expect(r.html).toContain('data:image/png;base64,');
    expect(r.attachments).toEqual([
      { partId: '1.2.2', filename: 'shot.png', contentType: 'image/png', size: 66, contentId: 'shot1@localhost', inline: true },
      { partId: '2', filename: 'Rechnung März.pdf', contentType: 'application/pdf', size: 30 },
      { partId: '3', filename: 'forwarded.eml', contentType: 'message/rfc822', size: expect.any(Number) },
    ]);
    expect(JSON.stringify(r)).not.toContain('fake pdf');
  });

  it('RTL Arabic and Hebrew survive in subject, text and html', async () => {
    const r = await parse('rtl-arabic-hebrew.eml');
    expect(r.subject).toBe('مشكلة في الفاتورة / בעיה בחשבונית');
    expect(r.text).toContain('שלום');
    expect(r.html).toContain('dir="rtl"');
  });

  it('broken headers: stored with warnings, body kept, date from INTERNALDATE', async () => {
    const r = await parse('broken-headers.eml');
    expect(r.text).toContain('Body survives.');
    expect(r.subject).toBe('broken éè');
    expect(r.date).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(r.from.address).toBe('');
    expect(r.warnings.join('\n')).toMatch(/malformed header/);
    expect(r.warnings.join('\n')).toMatch(/Date header could not be read/);
    expect(r.warnings.join('\n')).toMatch(/no readable From/);
  });

  it('a missing Message-ID gets a stable synthetic one and a warning', async () => {
    const a = await parse('no-message-id.eml');
    const b = await parse('no-message-id.eml');
    expect(a.messageId).toBe(b.messageId);
    expect(a.messageId).toMatch(/^<1234\.7\.INBOX\.acct@missing-message-id\.invalid>$/);
    expect(a.warnings).toEqual([expect.stringMatching(/no Message-ID/)]);
  });

  it('garbage is never dropped: raw text shown, warnings set, no throw', async () => {
    const r = await parse('garbage.eml');
    expect(r.sourceKey).toBe('acct:INBOX:1234:7');
    expect(r.text.length).toBeGreaterThan(100);
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.warnings.join('\n')).toMatch(/raw message is shown/);
  });

  it('unknown charsets and truncated multiparts are reported', async () => {
    const r = await parse('unknown-charset-truncated.eml');
    expect(r.text).toContain('plain ascii words');
    expect(r.attachments.map((a) => a.filename)).toEqual(['cut.bin']);
    expect(r.warnings.join('\n')).toMatch(/Unknown character set "x-no-such-charset"/);
    expect(r.warnings.join('\n')).toMatch(/closing boundary/);
  });

  it('direction: Sent folder or own address -> outbound', async () => {
    expect((await parse('iso-8859-1.eml')).direction).toBe('inbound');
    expect((await parse('iso-8859-1.eml', { sentFolder: true })).direction).toBe('outbound');
    expect((await parse('iso-8859-1.eml', { ownAddresses: new Set(['renee@example.de']) })).direction).toBe('outbound');
  });

  it('is deterministic: the same bytes give the same record', async () => {
    for (const f of ['garbage.eml', 'broken-headers.eml', 'nested-multipart.eml']) {
      expect(await parse(f)).toEqual(await parse(f));
    }
  });
});
