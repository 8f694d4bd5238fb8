/**
 * Search tokeniser (pure): text in any script to folded index terms, with the offsets of each
 * token in the original text so results can be highlighted.
 *
 *  - Scripts that separate words with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari,
 *    Hangul, ...): runs of letters, marks and digits. A regex does this at ~17 MB/s; Intl.Segmenter
 *    is quadratic on long strings in V8, so it is kept for short runs only.
 *  - Han, Hiragana, Katakana: character unigrams + bigrams in the index, bigrams in queries
 *    (the CJK-bigram approach of Lucene): independent of any dictionary, so "請求書" matches
 *    "東京都の請求書" however a segmenter would have split either string.
 *  - Thai, Lao, Khmer, Myanmar: Intl.Segmenter words (ICU dictionary), bigrams when the runtime
 *    has no Segmenter.
 *  - Folding: NFKC, lower case, ß -> ss, Latin/Greek/Cyrillic diacritics removed (é -> e,
 *    ё -> е), Arabic harakat and Hebrew points removed, Arabic alef/yeh variants unified.
 *    Devanagari vowel signs are NOT marks to drop: they are part of the word.
 */

export interface Token {
  /** Folded term, as stored in the index. */
  term: string;
  /** UTF-16 offsets of the token in the original text. */
  start: number;
  end: number;
}

export type TokeniseMode = 'index' | 'query';

/** Longer tokens are skipped (base64 blobs, long hashes): nobody types them. */
export const MAX_TOKEN_LENGTH = 48;

const RUN = /[\p{L}\p{N}\p{M}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005]/u;
const SEA = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NO_SPACE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const FOLD_MARKS = /[\u0300-\u036f\u0483-\u0489\u064b-\u065f\u0670\u0591-\u05c7]/g;
const MARK = /\p{M}/u;

type Segmenter = { segment(input: string): Iterable<{ segment: string; index: number; isWordLike?: boolean }> };
let segmenter: Segmenter | null | undefined;
function getSegmenter(): Segmenter | null {
  if (segmenter === undefined) {
    const Ctor = (Intl as unknown as { Segmenter?: new (locale: string, opts: { granularity: 'word' }) => Segmenter }).Segmenter;
    segmenter = Ctor ? new Ctor('th', { granularity: 'word' }) : null;
  }
  return segmenter;
}

/** Test hook: run as if the runtime had no Intl.Segmenter (null) or restore (undefined). */
export function setSegmenterForTests(s: null | undefined) {
  segmenter = s;
}

/** Fold one token (or any string) to its index form. */
export function foldTerm(s: string): string {
  let out = s.normalize('NFKC').toLowerCase();
  if (/[\u0080-\uffff]/.test(out)) {
    out = out
      .normalize('NFD')
      .replace(FOLD_MARKS, '')
      .normalize('NFC')
      .replace(/ß/g, 'ss')
      .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627') // alef variants -> bare alef
      .replace(/\u0649/g, '\u064a') // alef maksura -> yeh
      .replace(/\u0640/g, ''); // tatweel
  }
  return out;
}

type Kind = 'cjk' | 'sea' | 'word';
function kindOf(ch: string, prev: Kind): Kind {
  if (MARK.test(ch)) return prev; // a combining mark belongs to the character before it
  if (CJK.test(ch)) return 'cjk';
  if (SEA.test(ch)) return 'sea';
  return 'word';
}

function push(out: Token[], raw: string, start: number) {
  const term = foldTerm(raw);
  if (term && term.length <= MAX_TOKEN_LENGTH) out.push({ term, start, end: start + raw.length });
}

/** Code points of a run with their UTF-16 offsets (CJK extension planes are astral). */
function chars(run: string): { ch: string; at: number }[] {
  const list: { ch: string; at: number }[] = [];
  let at = 0;
  for (const ch of run) {
    list.push({ ch, at });
    at += ch.length;
  }
  return list;
}

function ngrams(out: Token[], run: string, base: number, mode: TokeniseMode) {
  const cs = chars(run);
  if (cs.length === 1 || mode === 'index') for (const c of cs) push(out, c.ch, base + c.at);
  for (let i = 0; i + 1 < cs.length; i++) push(out, cs[i]!.ch + cs[i + 1]!.ch, base + cs[i]!.at);
}

function seaWords(out: Token[], run: string, base: number, mode: TokeniseMode) {
  const seg = getSegmenter();
  if (!seg) return ngrams(out, run, base, mode);
  // Segment in bounded slices: the runtime's segmenter slows down badly on long input.
  for (let off = 0; off < run.length; off += 256) {
    const slice = run.slice(off, off + 256);
    for (const s of seg.segment(slice)) if (s.isWordLike !== false) push(out, s.segment, base + off + s.index);
  }
}

function splitRun(out: Token[], run: string, base: number, mode: TokeniseMode) {
  if (!NO_SPACE.test(run)) return push(out, run, base);
  let kind: Kind = 'word';
  let from = 0;
  let at = 0;
  const flush = (to: number) => {
    if (to <= from) return;
    const part = run.slice(from, to);
    if (kind === 'cjk') ngrams(out, part, base + from, mode);
    else if (kind === 'sea') seaWords(out, part, base + from, mode);
    else push(out, part, base + from);
  };
  for (const ch of run) {
    const k = kindOf(ch, kind);
    if (k !== kind && at > 0) {
      flush(at);
      from = at;
    }
    kind = k;
    at += ch.length;
  }
  flush(at);
}

/** Tokens of a text in order, with offsets. */
export function tokenise(text: string, mode: TokeniseMode = 'index'): Token[] {
  const out: Token[] = [];
  if (!text) return out;
  for (const m of text.matchAll(RUN)) splitRun(out, m[0], m.index, mode);
  return out;
}

/** Distinct index terms of a text (order of first appearance). */
export function indexTerms(text: string, into: Set<string> = new Set()): Set<string> {
  for (const t of tokenise(text, 'index')) into.add(t.term);
  return into;
}

/** Whether a query term would be treated as a prefix (long enough to be useful as one). */
export function isPrefixable(term: string): boolean {
  return term.length >= 2 || NO_SPACE.test(term);
}
