/** The first rows of a CSV file, for the column-mapping step of the settings UI. */
import { open } from 'node:fs/promises';
import { parseCsvChunk, sniffDelimiter } from '../../../shared/csv/csv-parser';
import { CodedError } from '../../../shared/result';

import type { CsvPreview } from '../../../shared/ipc/contract';

export type { CsvPreview };

const PREVIEW_BYTES = 256 * 1024;

/** Read the start of a file (up to `bytes`); `complete` when that was the whole file. */
export async function readHead(path: string, bytes = PREVIEW_BYTES): Promise<{ text: string; complete: boolean }> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CodedError(err.code === 'ENOENT' ? 'not-found' : 'rejected', `Cannot open ${path}: ${err.message}`);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new CodedError('rejected', `${path} is not a regular file`);
    const buf = Buffer.alloc(Math.min(st.size, bytes));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const complete = bytesRead >= st.size;
    // Never cut a UTF-8 sequence: stop after the last newline unless this is the whole file.
    const end = complete ? bytesRead : buf.lastIndexOf(10, bytesRead - 1) + 1;
    return { text: buf.toString('utf8', 0, end).replace(/^\uFEFF/, ''), complete };
  } finally {
    await fh.close();
  }
}

/** The header row of a CSV file (first record). */
export async function readCsvHeader(path: string, delimiter: string): Promise<string[]> {
  const { text, complete } = await readHead(path, 64 * 1024);
  const first = parseCsvChunk(text, { delimiter, final: complete }).rows[0];
  if (!first) throw new CodedError('parse', `${path} has no header line yet`);
  return first.fields.map((h) => h.trim());
}

export async function previewCsv(req: { path: string; delimiter?: string | undefined; rows?: number | undefined }): Promise<CsvPreview> {
  const { text, complete } = await readHead(req.path);
  const delimiter = req.delimiter ?? sniffDelimiter(text.slice(0, 64 * 1024));
  const parsed = parseCsvChunk(text, { delimiter, final: complete });
  const [header, ...rest] = parsed.rows;
  return {
    headers: (header?.fields ?? []).map((h) => h.trim()),
    rows: rest.slice(0, req.rows ?? 20).map((r) => r.fields),
    delimiter,
  };
}
