import { describe, expect, it } from 'vitest';
import { splitQuoted } from '../../../src/shared/mail/quote';

describe('splitQuoted', () => {
  it('splits attribution + quote and the signature', () => {
    const text = ['Thanks, that worked.', '', '-- ', 'Jane Doe', 'ACME', '', 'On Mon, 3 Jun 2024 at 10:00, Support <s@x> wrote:', '> Try restarting.', '>', '> -- ', '> Support'].join('\n');
    expect(splitQuoted(text)).toEqual({
      body: 'Thanks, that worked.',
      signature: 'Jane Doe\nACME',
      quoted: 'On Mon, 3 Jun 2024 at 10:00, Support <s@x> wrote:\n> Try restarting.\n>\n> -- \n> Support',
    });
  });

  it('handles a wrapped attribution line', () => {
    const r = splitQuoted('Yes.\n\nOn Mon, 3 Jun 2024 at 10:00, Support Team\n<support@example.com> wrote:\n> ok?');
    expect(r.body).toBe('Yes.');
    expect(r.quoted.startsWith('On Mon')).toBe(true);
  });

  it('keeps interleaved replies in the body', () => {
    const text = '> question one?\nanswer one\n> question two?\nanswer two';
    expect(splitQuoted(text)).toEqual({ body: text, signature: '', quoted: '' });
  });

  it('Outlook header blocks and Original Message separators start the quote', () => {
    const outlook = 'See below.\r\n\r\nFrom: Jane <j@x>\r\nSent: Monday\r\nTo: support@x\r\nSubject: Help\r\n\r\nold text';
    expect(splitQuoted(outlook).body).toBe('See below.');
    expect(splitQuoted(outlook).quoted).toContain('old text');
    const orig = 'Fine.\n-----Original Message-----\nold';
    expect(splitQuoted(orig)).toEqual({ body: 'Fine.', signature: '', quoted: '-----Original Message-----\nold' });
  });

  it('German and Russian attributions', () => {
    expect(splitQuoted('Danke\n\nAm 03.06.2024 um 10:00 schrieb Support <s@x>:\n> alt').body).toBe('Danke');
    expect(splitQuoted('Спасибо\n\n3 июня 2024 г., Иван написал:\n> старое').body).toBe('Спасибо');
  });

  it('a body with no quote and no signature is unchanged', () => {
    expect(splitQuoted('just text\n\nmore text\n')).toEqual({ body: 'just text\n\nmore text', signature: '', quoted: '' });
  });
});
