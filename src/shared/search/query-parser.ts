/**
 * Search query language (pure):
 *   words            every word must match; each word also matches as a prefix (as you type)
 *   "quoted phrase"  the words must appear together, in this order
 *   from:ada         who wrote it (name or address, prefix)
 *   channel:email    email | chat | call | note (several = any of them)
 *   status:open      open | pending | snoozed | closed (several = any of them)
 *   assignee:maya    assignee:me, assignee:none
 *   tag:vip          thread tag (several = all of them)
 *   before:2026-03-01 / after:2026-03-01   also today, yesterday, 7d, 2w, 3m, 2026-03, 2026
 *   has:attachment
 * Bad filter values never throw: they become a message in `errors` and the filter is ignored,
 * so the rest of the query still runs.
 */
import type { Channel, TriageStatus } from '../domain';
import { foldTerm, isPrefixable, tokenise } from './tokenise';

export interface QueryTerm {
  term: string;
  prefix: boolean;
}

export interface QueryChip {
  key: string;
  value: string;
  /** Present when the value was refused. */
  error?: string;
}

export interface SearchFilters {
  channels?: Channel[];
  statuses?: TriageStatus[];
  /** Lower-cased names; 'me' already resolved; '' means unassigned. */
  assignees?: string[];
  tags?: string[];
  /** Folded tokens of the from: values (all must match, as prefixes). */
  from?: QueryTerm[];
  /** Epoch ms, inclusive lower bound. */
  after?: number;
  /** Epoch ms, exclusive upper bound. */
  before?: number;
  hasAttachment?: boolean;
}

export interface ParsedQuery {
  /** Every text term that must match (phrase words included). */
  terms: QueryTerm[];
  /** Phrases as sequences of folded terms (a trailing unclosed phrase's last term is a prefix). */
  phrases: QueryTerm[][];
  filters: SearchFilters;
  chips: QueryChip[];
  errors: string[];
  /** True when nothing constrains the search (empty input). */
  empty: boolean;
}

export interface ParseOptions {
  /** Current time, for relative dates. */
  now?: number;
  /** The agent's own name, for assignee:me. */
  me?: string;
}

const CHANNELS: Record<string, Channel> = {
  email: 'email', mail: 'email', emails: 'email',
  chat: 'chat', chats: 'chat', im: 'chat',
  call: 'call', calls: 'call', phone: 'call',
  note: 'note', notes: 'note',
};
const STATUSES: TriageStatus[] = ['open', 'pending', 'snoozed', 'closed'];
const KEYS = new Set(['from', 'channel', 'status', 'assignee', 'tag', 'before', 'after', 'has', 'in']);
const DAY = 86_400_000;

interface RawPart {
  key?: string;
  value: string;
  quoted: boolean;
  closed: boolean;
}

/** Split on spaces, keeping "quoted text" (straight or curly quotes) and key:"quoted value". */
function lex(input: string): RawPart[] {
  const parts: RawPart[] = [];
  let i = 0;
  const n = input.length;
  const isQuote = (c: string | undefined) => c === '"' || c === '“' || c === '”' || c === '„';
  while (i < n) {
    while (i < n && /\s/.test(input[i]!)) i++;
    if (i >= n) break;
    let key: string | undefined;
    const km = /^([a-zA-Z]+):/.exec(input.slice(i));
    if (km && KEYS.has(km[1]!.toLowerCase())) {
      key = km[1]!.toLowerCase();
      i += km[0].length;
    }
    if (isQuote(input[i])) {
      i++;
      const start = i;
      while (i < n && !isQuote(input[i])) i++;
      const closed = i < n;
      parts.push({ key, value: input.slice(start, i), quoted: true, closed });
      if (closed) i++;
    } else {
      const start = i;
      while (i < n && !/\s/.test(input[i]!)) i++;
      parts.push({ key, value: input.slice(start, i), quoted: false, closed: true });
    }
  }
  return parts;
}

/** Local-time start of a calendar date, or a relative date; undefined when not a date. */
export function parseDate(value: string, now: number): { start: number; end: number } | undefined {
  const v = value.trim().toLowerCase();
  const startOfDay = (t: number) => {
    const d = new Date(t);
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  };
  if (v === 'today') return { start: startOfDay(now), end: startOfDay(now) + DAY };
  if (v === 'yesterday') return { start: startOfDay(now) - DAY, end: startOfDay(now) };
  const rel = /^(\d{1,4})([dwmy])$/.exec(v);
  if (rel) {
    const k = Number(rel[1]);
    const d = new Date(startOfDay(now));
    if (rel[2] === 'd') d.setDate(d.getDate() - k);
    if (rel[2] === 'w') d.setDate(d.getDate() - 7 * k);
    if (rel[2] === 'm') d.setMonth(d.getMonth() - k);
    if (rel[2] === 'y') d.setFullYear(d.getFullYear() - k);
    return { start: d.getTime(), end: d.getTime() + DAY };
  }
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(v);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) : undefined;
  const da = m[3] ? Number(m[3]) : undefined;
  if (mo !== undefined && (mo < 1 || mo > 12)) return undefined;
  if (da !== undefined) {
    const d = new Date(y, mo! - 1, da);
    if (d.getMonth() !== mo! - 1 || d.getDate() !== da) return undefined; // 2026-02-31
    return { start: d.getTime(), end: new Date(y, mo! - 1, da + 1).getTime() };
  }
  if (mo !== undefined) return { start: new Date(y, mo - 1, 1).getTime(), end: new Date(y, mo, 1).getTime() };
  return { start: new Date(y, 0, 1).getTime(), end: new Date(y + 1, 0, 1).getTime() };
}

function textTerms(value: string, lastIsPrefix: boolean): QueryTerm[] {
  const toks = tokenise(value, 'query');
  return toks.map((t, i) => ({ term: t.term, prefix: lastIsPrefix ? i === toks.length - 1 && isPrefixable(t.term) : false }));
}

export function parseQuery(input: string, opts: ParseOptions = {}): ParsedQuery {
  const now = opts.now ?? Date.now();
  const terms: QueryTerm[] = [];
  const phrases: QueryTerm[][] = [];
  const filters: SearchFilters = {};
  const chips: QueryChip[] = [];
  const errors: string[] = [];
  const refuse = (chip: QueryChip, message: string) => {
    chip.error = message;
    errors.push(message);
  };

  for (const part of lex(input)) {
    const value = part.value.trim();
    if (!part.key) {
      if (part.quoted) {
        // A closed phrase matches exactly; a phrase still being typed matches its last word as a prefix.
        const seq = textTerms(value, !part.closed);
        if (seq.length) {
          phrases.push(seq);
          terms.push(...seq);
        }
      } else {
        // Plain words match as prefixes: results follow the typing.
        for (const t of tokenise(value, 'query')) terms.push({ term: t.term, prefix: isPrefixable(t.term) });
      }
      continue;
    }
    if (!value) continue; // "from:" while still typing: not an error yet
    const chip: QueryChip = { key: part.key, value };
    chips.push(chip);
    const v = value.toLowerCase();
    switch (part.key) {
      case 'channel':
      case 'in': {
        const c = CHANNELS[v];
        if (!c) refuse(chip, `${part.key}: expects email, chat, call or note (got "${value}")`);
        else if (!filters.channels?.includes(c)) (filters.channels ??= []).push(c);
        break;
      }
      case 'status': {
        const s = STATUSES.find((x) => x === v);
        if (!s) refuse(chip, `status: expects open, pending, snoozed or closed (got "${value}")`);
        else if (!filters.statuses?.includes(s)) (filters.statuses ??= []).push(s);
        break;
      }
      case 'assignee': {
        const who = v === 'me' ? (opts.me ?? '').toLowerCase() : v === 'none' || v === 'nobody' ? '' : foldTerm(value);
        if (v === 'me' && !opts.me) refuse(chip, 'assignee:me needs an agent name (set it in Settings)');
        else (filters.assignees ??= []).push(who);
        break;
      }
      case 'tag':
        (filters.tags ??= []).push(foldTerm(value.replace(/^#/, '')));
        break;
      case 'from': {
        const toks = textTerms(value, true).map((t) => ({ ...t, prefix: true }));
        if (!toks.length) refuse(chip, `from: needs a name or address (got "${value}")`);
        else (filters.from ??= []).push(...toks);
        break;
      }
      case 'before':
      case 'after': {
        const d = parseDate(value, now);
        if (!d) {
          refuse(chip, `${part.key}: expects a date like 2026-03-31, today, yesterday or 7d (got "${value}")`);
        } else if (part.key === 'before') {
          filters.before = Math.min(filters.before ?? Infinity, d.start);
        } else {
          filters.after = Math.max(filters.after ?? -Infinity, d.start);
        }
        break;
      }
      case 'has':
        if (v === 'attachment' || v === 'attachments' || v === 'file' || v === 'files') filters.hasAttachment = true;
        else refuse(chip, `has: supports only has:attachment (got "${value}")`);
        break;
    }
  }
  if (filters.after !== undefined && filters.before !== undefined && filters.after >= filters.before) {
    errors.push('after: is not before before: — no item can match both dates');
  }
  const empty = terms.length === 0 && Object.keys(filters).length === 0;
  return { terms, phrases, filters, chips, errors, empty };
}
