/**
 * RFC 4180 CSV parser that works on a chunk of text and reports bad rows instead of throwing.
 *
 * - Fields may be quoted with `"`; inside quotes `""` is a literal quote and the delimiter, CR and
 *   LF are ordinary characters (so a field may span lines).
 * - Records end with LF or CRLF (a lone CR inside an unquoted field is kept as data).
 * - Blank lines are skipped, not reported.
 * - Incremental: with `final: false` a record is only returned once its terminating newline has
 *   been seen, so a half-written last line (a file someone is still appending to) is left for the
 *   next call; `consumed` says how many characters were fully used.
 * - Bad rows are reported with their starting line and a reason, and parsing resumes at the next
 *   physical line: text after a closing quote (`"ab"c`), a quoted field still open after
 *   `maxRecordLines` lines, or (when `final`) a quote never closed before the end of the input.
 *   A quote in the middle of an unquoted field (`12" screen`) is kept literally, as most
 *   spreadsheet programs write it that way.
 */

export interface CsvRow {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
  /** Character index just after the record's terminator (or end of input when final). */
  end: number;
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvChunkResult {
  rows: CsvRow[];
  problems: CsvProblem[];
  /** Characters fully consumed (rows and bad rows); the rest must be offered again with more text. */
  consumed: number;
  /** Physical lines (LF) inside the consumed part. */
  linesConsumed: number;
}

export interface CsvParseOptions {
  delimiter?: string;
  /** True when no more text will follow (end of a finished file). */
  final?: boolean;
  /** Line number of the first character of `text` (1-based). */
  firstLine?: number;
  /** A quoted field open for more lines than this is declared broken (default 50). */
  maxRecordLines?: number;
  /** Stop after this many rows (the rest is left unconsumed). */
  maxRows?: number;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

/** Parse as many complete records from `text` as possible. Never throws on bad data. */
export function parseCsvChunk(text: string, options: CsvParseOptions = {}): CsvChunkResult {
  const delimiter = options.delimiter ?? ',';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new RangeError(`Unsupported CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  const delim = delimiter.charCodeAt(0);
  const final = options.final ?? false;
  const firstLine = options.firstLine ?? 1;
  const maxRecordLines = options.maxRecordLines ?? 50;

  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let pos = 0; // start of the current record
  let line = firstLine; // line number at `pos`
  let consumed = 0;
  let consumedLine = firstLine;

  /** Index just after the next LF at or after i, or -1. */
  const nextLineStart = (i: number) => {
    const lf = text.indexOf('\n', i);
    return lf < 0 ? -1 : lf + 1;
  };

  const maxRows = options.maxRows ?? Infinity;
  outer: while (pos < n && rows.length < maxRows) {
    const fields: string[] = [];
    let i = pos;
    let linesInRecord = 0;
    let bad: string | undefined;
    // Parse fields until the record terminator.
    for (;;) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        // Quoted field.
        let value = '';
        let j = i + 1;
        let closed = false;
        while (j < n) {
          // Jump to the next quote; count the line feeds in between.
          const q = text.indexOf('"', j);
          const segEnd = q < 0 ? n : q;
          let lf = text.indexOf('\n', j);
          let overflow = false;
          while (lf >= 0 && lf < segEnd) {
            linesInRecord += 1;
            if (linesInRecord > maxRecordLines) {
              overflow = true;
              break;
            }
            lf = text.indexOf('\n', lf + 1);
          }
          if (overflow) break;
          value += text.slice(j, segEnd);
          j = segEnd;
          if (q < 0) break;
          if (j + 1 < n && text.charCodeAt(j + 1) === QUOTE) {
            value += '"';
            j += 2;
            continue;
          }
          if (j + 1 >= n && !final) break; // can't tell yet whether "" follows
          closed = true;
          j += 1;
          break;
        }
        if (!closed) {
          if (linesInRecord > maxRecordLines) {
            bad = `quoted field still open after ${maxRecordLines} lines (unbalanced quote)`;
          } else if (final) {
            bad = 'quoted field not closed before the end of the file';
          } else {
            break outer; // wait for more text
          }
          break;
        }
        fields.push(value);
        i = j;
        if (i >= n) {
          if (!final) break outer;
          break; // end of record at end of input
        }
        const c = text.charCodeAt(i);
        if (c === delim) {
          i += 1;
          continue;
        }
        if (c === LF) break;
        if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) break;
        if (c === CR && i + 1 >= n && !final) break outer;
        bad = `unexpected character ${JSON.stringify(text[i])} after a closing quote`;
        break;
      }
      // Unquoted field: up to delimiter or line end.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delim || c === LF) break;
        j += 1;
      }
      if (j >= n && !final) break outer; // record not terminated yet
      let value = text.slice(i, j);
      if (j < n && text.charCodeAt(j) === LF && value.endsWith('\r')) value = value.slice(0, -1);
      else if (j >= n && value.endsWith('\r')) value = value.slice(0, -1);
      fields.push(value);
      i = j;
      if (i < n && text.charCodeAt(i) === delim) {
        i += 1;
        continue;
      }
      break; // at LF or end of input
    }

    if (bad !== undefined) {
      problems.push({ line, reason: bad });
      // Resume at the line after the record's first line.
      const next = nextLineStart(pos);
      if (next < 0) {
        if (!final && linesInRecord <= maxRecordLines) break;
        pos = n;
      } else {
        pos = next;
        line += 1;
      }
      consumed = pos;
      consumedLine = line;
      continue;
    }

    // i is at the terminator (CR LF / LF) or at the end of input.
    let end = i;
    if (end < n && text.charCodeAt(end) === CR) end += 1;
    if (end < n && text.charCodeAt(end) === LF) {
      end += 1;
      linesInRecord += 1;
    }
    const blank = fields.length === 1 && fields[0] === '' && text.charCodeAt(pos) !== QUOTE;
    if (!blank) rows.push({ fields, line, end });
    line += linesInRecord;
    pos = end;
    consumed = pos;
    consumedLine = line;
  }

  return { rows, problems, consumed, linesConsumed: consumedLine - firstLine };
}

/** Parse a whole, finished text. */
export function parseCsv(text: string, options: Omit<CsvParseOptions, 'final'> = {}): CsvChunkResult {
  return parseCsvChunk(text, { ...options, final: true });
}

/** Guess the delimiter of a CSV sample: the candidate that splits the first lines most consistently. */
export function sniffDelimiter(sample: string, candidates: readonly string[] = [',', ';', '\t', '|']): string {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = candidates[0] ?? ',';
  let bestScore = -1;
  for (const d of candidates) {
    const counts = parseCsv(lines.join('\n'), { delimiter: d }).rows.map((r) => r.fields.length);
    if (!counts.length) continue;
    const first = counts[0] ?? 1;
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}
