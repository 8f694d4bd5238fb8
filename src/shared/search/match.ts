/**
 * Matching helpers shared by the search engine and its tests (pure): does a token stream hold a
 * query term or phrase, where to highlight, and a snippet window around the first hit.
 */
import type { QueryTerm } from './query-parser';
import { tokenise, type Token } from './tokenise';

export type Range = [start: number, end: number];

export function termMatches(token: string, q: QueryTerm): boolean {
  return q.prefix ? token.startsWith(q.term) : token === q.term;
}

/** Whether the phrase's terms appear consecutively in the tokens (query-mode tokens). */
export function hasPhrase(tokens: Token[], phrase: QueryTerm[]): boolean {
  if (!phrase.length) return true;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (!termMatches(tokens[i + j]!.term, phrase[j]!)) continue outer;
    return true;
  }
  return false;
}

/** Ranges of the text to highlight for these terms, merged and in order. */
export function highlightRanges(text: string, terms: QueryTerm[], tokens: Token[] = tokenise(text, 'index')): Range[] {
  if (!terms.length) return [];
  const hits: Range[] = [];
  for (const t of tokens) if (terms.some((q) => termMatches(t.term, q))) hits.push([t.start, t.end]);
  hits.sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const r of hits) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export interface Snippet {
  text: string;
  ranges: Range[];
}

/**
 * A window of about `width` characters of flattened text around the first highlight, cut at
 * word boundaries, with the highlight ranges shifted into it.
 */
export function makeSnippet(text: string, terms: QueryTerm[], width = 180): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = highlightRanges(flat, terms);
  if (flat.length <= width) return { text: flat, ranges };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 4));
  if (start > 0) {
    const space = flat.lastIndexOf(' ', start);
    start = space >= 0 && first - space < width / 2 ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.indexOf(' ', end);
    if (space >= 0 && space - end < 20) end = space;
  }
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < flat.length ? ' …' : '';
  const shift = prefix.length - start;
  const inside = ranges
    .filter((r) => r[1] > start && r[0] < end)
    .map((r): Range => [Math.max(r[0], start) + shift, Math.min(r[1], end) + shift]);
  return { text: prefix + flat.slice(start, end) + suffix, ranges: inside };
}
