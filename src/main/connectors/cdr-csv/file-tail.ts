/**
 * Incremental reading of a CSV file that another process appends to, by byte offset.
 *
 * The cursor holds the file's identity (dev+inode, hash of the first bytes), the byte offset of
 * the first unread byte and the number of lines before it. Each pull:
 *  - same file, size >= offset: read on from offset; only lines ending in "\n" are consumed, so a
 *    half-written last line waits for the next pull;
 *  - same file, size < offset (truncated) or first bytes changed (copytruncate, rewritten): the
 *    old content is looked for among rotated copies (below) and finished, then the file is read
 *    again from 0 (record keys are deterministic, so re-reading is harmless);
 *  - another inode at the path (rotated by rename + new file): the old file is looked for in the
 *    same directory under a rotated name (Master.csv.1, Master.csv-20240101, Master-20240101.csv,
 *    Master.csv.old ...; compressed copies are skipped) by inode, or by its first bytes for
 *    copytruncate copies; its remaining lines are read to its end (a last line without newline is
 *    taken then, since the writer has moved on), then the new file is read from 0. If the old file
 *    is gone, that is reported as a problem (what was written after the last pull is lost to us).
 */
import { basename, dirname, join } from 'node:path';
import { readdir, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { parseCsvChunk, type CsvRow } from '../../../shared/csv/csv-parser';
import { identify, isFileIdentity, openIfExists, sameContentStart, headHash, HEAD_BYTES, type FileIdentity } from './file-identity';

export interface TailCursor {
  v: 1;
  file: FileIdentity;
  /** Byte offset of the first unread byte. */
  offset: number;
  /** Physical lines before `offset`. */
  line: number;
}

export interface TailProblem {
  file: string;
  line?: number;
  reason: string;
}

export interface TailRow extends CsvRow {
  file: string;
}

export interface TailResult {
  /** Complete rows, in file order. */
  rows: TailRow[];
  problems: TailProblem[];
  cursor: TailCursor | null;
  hasMore: boolean;
  /** For progress: the file read and how far. */
  file: string;
  done: number;
  total: number;
}

export interface TailOptions {
  delimiter: string;
  /** Maximum rows to hand out (a pull's limit). */
  limit: number;
  /** Bytes read per step (default 1 MiB). */
  chunkBytes?: number;
}

const COMPRESSED = /\.(gz|bz2|xz|zst|zip|lz4|z)$/i;

export function isTailCursor(x: unknown): x is TailCursor {
  const c = x as Partial<TailCursor> | null;
  return !!c && typeof c === 'object' && c.v === 1 && isFileIdentity(c.file) && Number.isSafeInteger(c.offset) && (c.offset ?? -1) >= 0 && Number.isSafeInteger(c.line) && (c.line ?? -1) >= 0;
}

/** Names a rotated copy of `path` may have, in the same directory. */
export function isRotatedName(name: string, base: string): boolean {
  if (name === base || COMPRESSED.test(name)) return false;
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return name.startsWith(`${base}.`) || name.startsWith(`${base}-`) || name.startsWith(`${base}_`) || (stem !== base && (name.startsWith(`${stem}-`) || name.startsWith(`${stem}.`) || name.startsWith(`${stem}_`)));
}

async function findRotated(path: string, id: FileIdentity, minSize: number): Promise<string | undefined> {
  const dir = dirname(path);
  const base = basename(path);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => isRotatedName(n, base));
  } catch {
    return undefined;
  }
  const byContent: string[] = [];
  for (const name of names) {
    const p = join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (!st?.isFile() || st.size < minSize) continue;
    if (st.dev === id.dev && st.ino === id.ino) return p;
    byContent.push(p);
  }
  for (const p of byContent) {
    const fh = await openIfExists(p);
    if (!fh) continue;
    try {
      const st = await fh.stat();
      if (await sameContentStart(fh, st.size, id)) return p;
    } finally {
      await fh.close();
    }
  }
  return undefined;
}

interface ReadResult {
  rows: TailRow[];
  problems: TailProblem[];
  offset: number;
  line: number;
  /** Stopped because of the limit or the chunk size, not because the data ran out. */
  more: boolean;
}

/** Read rows from `fh` starting at offset/line. `final`: the file will not grow (take an unterminated last line). */
async function readRows(fh: FileHandle, fileName: string, size: number, offset: number, line: number, final: boolean, opts: TailOptions): Promise<ReadResult> {
  const rows: TailRow[] = [];
  const problems: TailProblem[] = [];
  let chunk = opts.chunkBytes ?? 1 << 20;
  let more = false;
  while (rows.length < opts.limit && offset < size) {
    const want = Math.min(chunk, size - offset);
    const buf = Buffer.alloc(want);
    const { bytesRead } = await fh.read(buf, 0, want, offset);
    const atEof = offset + bytesRead >= size;
    const lastLf = buf.lastIndexOf(10, bytesRead - 1);
    let usable: number;
    if (final && atEof) usable = bytesRead;
    else if (lastLf >= 0) usable = lastLf + 1;
    else if (atEof) break; // only a half-written line is left: wait for its newline
    else if (chunk < 16 << 20) {
      chunk *= 4; // one very long line: read more at once
      continue;
    } else {
      // Over 16 MiB without a newline: not a CDR line. Skip to the next newline.
      const next = await findByte(fh, offset + bytesRead, size, 10);
      problems.push({ file: fileName, line: line + 1, reason: 'line longer than 16 MiB skipped' });
      if (next < 0) {
        offset = final ? size : offset;
        break;
      }
      offset = next + 1;
      line += 1;
      continue;
    }
    const text = buf.toString('utf8', 0, usable);
    const room = opts.limit - rows.length;
    const parsed = parseCsvChunk(text, { delimiter: opts.delimiter, final: final && atEof && usable === bytesRead, firstLine: line + 1, maxRows: room + 1 });
    let consumedChars = parsed.consumed;
    let taken = parsed.rows;
    let problemsHere = parsed.problems;
    if (parsed.rows.length > room) {
      taken = parsed.rows.slice(0, room);
      const last = taken[taken.length - 1]!;
      consumedChars = last.end;
      problemsHere = parsed.problems.filter((p) => p.line <= last.line);
      more = true;
    }
    for (const r of taken) rows.push({ ...r, file: fileName });
    for (const p of problemsHere) problems.push({ file: fileName, line: p.line, reason: p.reason });
    const consumedText = text.slice(0, consumedChars);
    offset += Buffer.byteLength(consumedText, 'utf8');
    line += countLf(consumedText);
    if (more) break;
    if (consumedChars === 0) {
      // The parser waits for more text than this chunk holds (a long quoted field): widen.
      if (atEof || chunk >= 16 << 20) break;
      chunk *= 4;
      continue;
    }
  }
  if (!more && rows.length >= opts.limit && offset < size) {
    // Stopped exactly at the limit: is a complete line left? (A half-written one does not count.)
    more = final || (await findByte(fh, offset, size, 10)) >= 0;
  }
  return { rows, problems, offset, line, more };
}

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

async function findByte(fh: FileHandle, from: number, size: number, byte: number): Promise<number> {
  const buf = Buffer.alloc(1 << 16);
  for (let pos = from; pos < size; pos += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
    const i = buf.subarray(0, bytesRead).indexOf(byte);
    if (i >= 0) return pos + i;
    if (!bytesRead) break;
  }
  return -1;
}

async function refreshIdentity(fh: FileHandle, id: FileIdentity, size: number): Promise<FileIdentity> {
  if (id.headLen >= HEAD_BYTES || size <= id.headLen) return id;
  const headLen = Math.min(size, HEAD_BYTES);
  return { ...id, headLen, headHash: await headHash(fh, headLen) };
}

/** One pull over the file at `path` from `cursor` (null = from the beginning). Never throws for bad content. */
export async function tailCsv(path: string, cursorIn: unknown, opts: TailOptions): Promise<TailResult> {
  const name = basename(path);
  const cursor = isTailCursor(cursorIn) ? cursorIn : null;
  const problems: TailProblem[] = [];
  const fh = await openIfExists(path);
  try {
    let current: { identity: FileIdentity; size: number } | undefined = fh ? await identify(fh) : undefined;

    if (cursor) {
      const sameInode = !!current && current.identity.dev === cursor.file.dev && current.identity.ino === cursor.file.ino;
      const sameStart = sameInode && fh && current ? await sameContentStart(fh, current.size, cursor.file) : false;
      if (sameInode && sameStart && current && fh && current.size >= cursor.offset) {
        const r = await readRows(fh, name, current.size, cursor.offset, cursor.line, false, opts);
        const file = await refreshIdentity(fh, cursor.file, current.size);
        return { rows: r.rows, problems: r.problems, cursor: { v: 1, file, offset: r.offset, line: r.line }, hasMore: r.more, file: name, done: r.offset, total: current.size };
      }
      // The path no longer holds the cursor's file at the cursor's offset: finish the old one if we can.
      const old = await findRotated(path, cursor.file, cursor.offset);
      if (old) {
        const ofh = await openIfExists(old);
        if (ofh) {
          try {
            const st = await ofh.stat();
            if (st.size > cursor.offset) {
              const r = await readRows(ofh, basename(old), st.size, cursor.offset, cursor.line, true, opts);
              if (r.more || r.offset < st.size) {
                return { rows: r.rows, problems: r.problems, cursor: { ...cursor, offset: r.offset, line: r.line }, hasMore: true, file: basename(old), done: r.offset, total: st.size };
              }
              // Finished the old file in this pull: carry its rows into the new file's batch.
              problems.push(...r.problems);
              const rest = current && fh ? await readRows(fh, name, current.size, 0, 0, false, { ...opts, limit: opts.limit - r.rows.length }) : undefined;
              const oldRows = r.rows;
              if (!rest || !current) {
                return { rows: oldRows, problems, cursor: null, hasMore: false, file: name, done: 0, total: 0 };
              }
              const file = fh ? await refreshIdentity(fh, current.identity, current.size) : current.identity;
              return {
                rows: [...oldRows, ...rest.rows],
                problems: [...problems, ...rest.problems],
                cursor: { v: 1, file, offset: rest.offset, line: rest.line },
                hasMore: rest.more,
                file: name,
                done: rest.offset,
                total: current.size,
              };
            }
          } finally {
            await ofh.close();
          }
        }
      } else if (!(sameInode && current && current.size < cursor.offset)) {
        problems.push({
          file: name,
          line: cursor.line + 1,
          reason: `${name} was replaced and its previous version was not found next to it (rotated and compressed, or deleted); calls logged there after line ${cursor.line} may be missing`,
        });
      }
      if (!current || !fh) return { rows: [], problems, cursor: null, hasMore: false, file: name, done: 0, total: 0 };
    }

    if (!current || !fh) return { rows: [], problems, cursor: cursor, hasMore: false, file: name, done: 0, total: 0 };
    const r = await readRows(fh, name, current.size, 0, 0, false, opts);
    current = { ...current, identity: await refreshIdentity(fh, current.identity, current.size) };
    return {
      rows: r.rows,
      problems: [...problems, ...r.problems],
      cursor: { v: 1, file: current.identity, offset: r.offset, line: r.line },
      hasMore: r.more,
      file: name,
      done: r.offset,
      total: current.size,
    };
  } finally {
    await fh?.close();
  }
}
