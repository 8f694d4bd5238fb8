import { afterEach, describe, expect, it } from 'vitest';
import { hasPhrase, highlightRanges, makeSnippet } from '../../../src/shared/search/match';
import { parseQuery } from '../../../src/shared/search/query-parser';
import { foldTerm, indexTerms, setSegmenterForTests, tokenise } from '../../../src/shared/search/tokenise';

const terms = (text: string, mode: 'index' | 'query' = 'index') => tokenise(text, mode).map((t) => t.term);

/** Does the text match the query the way the engine decides it (every term, prefix as typed)? */
function matches(text: string, query: string): boolean {
  const index = [...indexTerms(text)];
  const q = parseQuery(query);
  return q.terms.every((t) => index.some((x) => (t.prefix ? x.startsWith(t.term) : x === t.term)));
}

describe('tokenise', () => {
  afterEach(() => setSegmenterForTests(undefined));

  it('splits spaced scripts into words with offsets into the original text', () => {
    const text = 'Invoice #INV-2024 overdue';
    const toks = tokenise(text);
    expect(toks.map((t) => t.term)).toEqual(['invoice', 'inv', '2024', 'overdue']);
    for (const t of toks) expect(foldTerm(text.slice(t.start, t.end))).toBe(t.term);
  });

  it('Devanagari keeps its vowel signs and viramas (they are part of the word)', () => {
    expect(terms('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']);
    expect(matches('आपका नमस्ते दुनिया संदेश', 'दुनिया')).toBe(true);
    expect(matches('आपका नमस्ते दुनिया संदेश', 'नमस')).toBe(true); // prefix as typed
  });

  it('Cyrillic: case and ё/й folding', () => {
    expect(terms('Привет мир')).toEqual(['привет', 'мир']);
    expect(matches('ПРИВЕТ, Мир! Ёлка', 'привет елка')).toBe(true);
    expect(matches('Привет мир', 'пока')).toBe(false);
  });

  it('Arabic: words, harakat and alef variants folded', () => {
    expect(terms('مرحبا بالعالم')).toEqual(['مرحبا', 'بالعالم']);
    expect(matches('مَرْحَبًا بالعالم', 'مرحبا')).toBe(true);
    expect(foldTerm('أحمد')).toBe(foldTerm('احمد'));
  });

  it('Japanese: unigrams + bigrams, so a word matches wherever a segmenter would cut', () => {
    const index = terms('東京都の請求書');
    expect(index).toEqual(expect.arrayContaining(['東', '東京', '京都', '請求', '求書', '書']));
    expect(terms('請求書', 'query')).toEqual(['請求', '求書']);
    expect(matches('東京都の請求書について', '請求書')).toBe(true);
    expect(matches('東京都の請求書について', '東京')).toBe(true);
    expect(matches('東京都の請求書について', '大阪')).toBe(false);
    expect(matches('東京都の請求書', 'の')).toBe(true); // a single character is a unigram
  });

  it('Chinese: bigrams, and phrases stay in order', () => {
    expect(matches('我们的发票有问题', '发票')).toBe(true);
    expect(matches('我们的发票有问题', '问题 发票')).toBe(true);
    expect(matches('我们的发票有问题', '退款')).toBe(false);
    const q = parseQuery('"发票有问题"');
    expect(hasPhrase(tokenise('我们的发票有问题', 'query'), q.phrases[0]!)).toBe(true);
    expect(hasPhrase(tokenise('问题有发票', 'query'), q.phrases[0]!)).toBe(false);
  });

  it('Thai: dictionary words with Intl.Segmenter, bigrams without it', () => {
    expect(terms('สวัสดีครับ ใบแจ้งหนี้')).toEqual(['สวัสดี', 'ครับ', 'ใบ', 'แจ้ง', 'หนี้']);
    expect(matches('สวัสดีครับ ใบแจ้งหนี้ของคุณ', 'ใบแจ้งหนี้')).toBe(true);
    setSegmenterForTests(null);
    expect(terms('ใบแจ้ง', 'query')).toEqual(['ใบ', 'บแ', 'แจ', 'จ\u0e49', '\u0e49ง']);
    expect(matches('สวัสดีครับ ใบแจ้งหนี้ของคุณ', 'ใบแจ้ง')).toBe(true);
  });

  it('mixed scripts in one run are split by script', () => {
    expect(terms('iPhone東京 Zürich café')).toEqual(expect.arrayContaining(['iphone', '東京', 'zurich', 'cafe']));
    expect(matches('Rechnung für Müller, Straße 5', 'muller strasse')).toBe(true);
    expect(matches('Ｉｎｖｏｉｃｅ ＡＢＣ', 'invoice abc')).toBe(true); // NFKC full-width
  });

  it('skips absurdly long tokens (base64 blobs) but keeps everything else', () => {
    const blob = 'A'.repeat(200);
    expect(terms(`hello ${blob} world`)).toEqual(['hello', 'world']);
  });
});

describe('highlight and snippet', () => {
  it('highlights prefixes in the original text, across scripts', () => {
    const text = 'Your Invoice is overdue — Привет';
    const r = highlightRanges(text, parseQuery('inv прив').terms);
    expect(r.map(([a, b]) => text.slice(a, b))).toEqual(['Invoice', 'Привет']);
  });

  it('cuts a window around the first hit and keeps the ranges on the right characters', () => {
    const text = `${'lorem ipsum '.repeat(40)}the refund arrived ${'dolor sit '.repeat(40)}`;
    const s = makeSnippet(text, parseQuery('refund').terms, 120);
    expect(s.text.length).toBeLessThan(160);
    expect(s.text.startsWith('… ')).toBe(true);
    expect(s.ranges).toHaveLength(1);
    expect(s.text.slice(s.ranges[0]![0], s.ranges[0]![1])).toBe('refund');
  });
});
