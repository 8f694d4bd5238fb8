import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseCsvChunk, sniffDelimiter } from '../../../src/shared/csv/csv-parser';

describe('parseCsvChunk', () => {
  it('parses quoted fields with embedded commas, doubled quotes and newlines', () => {
    const text = 'a,"b,c","say ""hi""","line1\nline2"\nx,y,z,w\n';
    const r = parseCsvChunk(text);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.fields)).toEqual([
      ['a', 'b,c', 'say "hi"', 'line1\nline2'],
      ['x', 'y', 'z', 'w'],
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([1, 3]);
    expect(r.consumed).toBe(text.length);
    expect(r.linesConsumed).toBe(3);
  });

  it('accepts CRLF and skips blank lines, keeping line numbers right', () => {
    const r = parseCsvChunk('a,b\r\n\r\n"c",d\r\n\ne,f\n');
    expect(r.rows.map((x) => [x.fields, x.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 3],
      [['e', 'f'], 5],
    ]);
  });

  it('keeps empty fields and a trailing empty field', () => {
    expect(parseCsvChunk('a,,b,\n').rows[0]?.fields).toEqual(['a', '', 'b', '']);
    expect(parseCsvChunk('"",""\n').rows[0]?.fields).toEqual(['', '']);
  });

  it('leaves a half-written last line for later and resumes exactly where it stopped', () => {
    const first = 'a,b\nc,"d\n';
    const r1 = parseCsvChunk(first);
    expect(r1.rows.map((x) => x.fields)).toEqual([['a', 'b']]);
    expect(r1.consumed).toBe(4);
    const rest = first.slice(r1.consumed) + 'e",f\n';
    const r2 = parseCsvChunk(rest, { firstLine: 1 + r1.linesConsumed });
    expect(r2.rows).toEqual([{ fields: ['c', 'd\ne', 'f'], line: 2, end: rest.length }]);
  });

  it('does not take an unterminated unquoted line unless final', () => {
    expect(parseCsvChunk('a,b\nc,d').rows).toHaveLength(1);
    expect(parseCsvChunk('a,b\nc,d', { final: true }).rows.map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    // A closing quote as the very last character might be the first half of "": wait.
    expect(parseCsvChunk('a,"b"').rows).toHaveLength(0);
    expect(parseCsvChunk('a,"b"', { final: true }).rows[0]?.fields).toEqual(['a', 'b']);
  });

  it('reports garbage after a closing quote with its line and keeps the other rows', () => {
    const r = parseCsvChunk('a,b\n"x"y,z\nc,d\n');
    expect(r.rows.map((x) => x.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(r.problems).toEqual([{ line: 2, reason: expect.stringContaining('after a closing quote') }]);
    expect(r.rows[1]?.line).toBe(3);
  });

  it('gives up on an unbalanced quote after maxRecordLines and resyncs on the next line', () => {
    const text = 'a,"broken\nb,c\nd,e\nf,g\n';
    const r = parseCsvChunk(text, { maxRecordLines: 2 });
    expect(r.problems).toEqual([{ line: 1, reason: expect.stringContaining('still open') }]);
    expect(r.rows.map((x) => [x.fields, x.line])).toEqual([
      [['b', 'c'], 2],
      [['d', 'e'], 3],
      [['f', 'g'], 4],
    ]);
  });

  it('reports a quote never closed at the end of a finished file', () => {
    const r = parseCsv('a,b\nc,"d\n');
    expect(r.rows).toHaveLength(1);
    expect(r.problems).toEqual([{ line: 2, reason: expect.stringContaining('not closed') }]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parseCsv('12" screen,x\n').rows[0]?.fields).toEqual(['12" screen', 'x']);
  });

  it('supports other delimiters and refuses impossible ones', () => {
    expect(parseCsv('a;"b;c"\n', { delimiter: ';' }).rows[0]?.fields).toEqual(['a', 'b;c']);
    expect(parseCsv('a\tb\n', { delimiter: '\t' }).rows[0]?.fields).toEqual(['a', 'b']);
    expect(() => parseCsv('a', { delimiter: '"' })).toThrow(RangeError);
  });

  it('round-trips any table written the RFC 4180 way, however the text is split', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'é', '\r') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.nat(), (table, cut) => {
        const text = table.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',') + '\n').join('');
        // Parse in two chunks, as a file tail would.
        const at = cut % (text.length + 1);
        const a = parseCsvChunk(text.slice(0, at), { maxRecordLines: 1000 });
        const b = parseCsvChunk(text.slice(a.consumed), { final: true, firstLine: 1 + a.linesConsumed, maxRecordLines: 1000 });
        expect([...a.rows, ...b.rows].map((r) => r.fields)).toEqual(table);
        expect([...a.problems, ...b.problems]).toEqual([]);
      }),
    );
  });
});

describe('sniffDelimiter', () => {
  it('finds the delimiter that splits lines consistently', () => {
    expect(sniffDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(sniffDelimiter('a,b\n"x;y",2\n')).toBe(',');
    expect(sniffDelimiter('a\tb\tc\n1\t2\t3')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
  });
});
