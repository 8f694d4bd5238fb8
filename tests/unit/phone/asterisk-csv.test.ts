import { describe, expect, it } from 'vitest';
import { cdrCsvLayout, isCdrCsvHeader, parseCdrCsvFields } from '../../../src/shared/phone/asterisk-csv';
import { parseCsv } from '../../../src/shared/csv/csv-parser';

const base = ['support', '+4930123456', '101', 'from-pstn', '"Acme" <+4930123456>', 'SIP/trunk-00000001', 'PJSIP/101-00000002', 'Dial', 'PJSIP/101,30', '2024-07-15 10:00:00', '2024-07-15 10:00:05', '2024-07-15 10:01:05', '65', '60', 'ANSWERED', 'DOCUMENTATION'];

describe('Asterisk cdr_csv layouts', () => {
  it.each([
    [16, [], undefined, undefined],
    [17, ['1721030400.12'], '1721030400.12', undefined],
    [17, ['customer-42'], undefined, 'customer-42'],
    [18, ['pbx1-1721030400.12', 'note'], 'pbx1-1721030400.12', 'note'],
    [19, ['', '1721030400.11', '3'], undefined, undefined],
    [20, ['1721030400.12', '', '1721030400.11', '3'], '1721030400.12', undefined],
    [21, ['1721030400.12', 'vip', '', '1721030400.11', '3'], '1721030400.12', 'vip'],
  ])('%i fields', (count, extra, uniqueid, userfield) => {
    const fields = [...base, ...(extra as string[])];
    expect(fields).toHaveLength(count);
    const r = parseCdrCsvFields(fields, 'Europe/Berlin');
    if (!r.ok) throw new Error(r.reason);
    expect(r.row.uniqueid).toBe(uniqueid ?? '');
    expect(r.row.userfield).toBe(userfield ?? '');
    expect(r.row.start).toBe(Date.UTC(2024, 6, 15, 8, 0, 0));
    expect(r.row.answer).toBe(Date.UTC(2024, 6, 15, 8, 0, 5));
    expect(r.row.sequence).toBe(count >= 19 ? '3' : undefined);
  });

  it('parses a real cdr_csv line (quoted strings, bare numbers, empty answer)', () => {
    const line = '"","0301234567","101","from-pstn","""Jane"" <0301234567>","SIP/trunk-0000000a","PJSIP/101-0000000b","Dial","PJSIP/101,30,tT","2024-07-15 10:00:00",,"2024-07-15 10:00:30",30,0,"NO ANSWER","DOCUMENTATION","1721030400.10",""\n';
    const [parsedRow] = parseCsv(line).rows;
    const r = parseCdrCsvFields(parsedRow!.fields, 'Europe/Berlin');
    if (!r.ok) throw new Error(r.reason);
    expect(r.row).toMatchObject({ clid: '"Jane" <0301234567>', lastdata: 'PJSIP/101,30,tT', disposition: 'NO ANSWER', duration: 30, billsec: 0, uniqueid: '1721030400.10' });
    expect(r.row.answer).toBeUndefined();
  });

  it.each([
    [[...base.slice(0, 15)], 'expected 16 to 21 fields'],
    [[...base, 'a', 'b', 'c', 'd', 'e', 'f'], 'found 22'],
    [base.map((f, i) => (i === 9 ? '2024-02-30 10:00:00' : f)), 'start: impossible date'],
    [base.map((f, i) => (i === 9 ? 'soon' : f)), 'start:'],
    [base.map((f, i) => (i === 10 ? '2024-07-15 25:00:00' : f)), 'answer:'],
    [base.map((f, i) => (i === 12 ? '-5' : f)), 'duration "-5"'],
    [base.map((f, i) => (i === 13 ? 'abc' : f)), 'billsec "abc"'],
    [base.map((f, i) => (i === 13 ? '99' : f)), 'longer than duration'],
  ])('rejects bad rows with a reason (%#)', (fields, reason) => {
    const r = parseCdrCsvFields(fields, 'Europe/Berlin');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('knows a hand-added header line', () => {
    expect(isCdrCsvHeader(['accountcode', 'src', 'dst'])).toBe(true);
    expect(isCdrCsvHeader(base)).toBe(false);
    expect(cdrCsvLayout(['x'])).toBeUndefined();
  });
});
