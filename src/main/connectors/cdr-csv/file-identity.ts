/**
 * Which file a cursor points into: device + inode, plus a hash of the file's first bytes (inode
 * numbers are reused after delete + create, and copytruncate keeps the inode while the content
 * starts over).
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

export const HEAD_BYTES = 1024;

export interface FileIdentity {
  dev: number;
  ino: number;
  /** How many leading bytes the hash covers (the file may have been shorter than HEAD_BYTES). */
  headLen: number;
  headHash: string;
}

export async function headHash(fh: FileHandle, len: number): Promise<string> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = len ? await fh.read(buf, 0, len, 0) : { bytesRead: 0 };
  return createHash('sha256').update(buf.subarray(0, bytesRead)).digest('hex').slice(0, 32);
}

export async function identify(fh: FileHandle): Promise<{ identity: FileIdentity; size: number }> {
  const st = await fh.stat();
  const headLen = Math.min(st.size, HEAD_BYTES);
  return { identity: { dev: st.dev, ino: st.ino, headLen, headHash: await headHash(fh, headLen) }, size: st.size };
}

/** Does this open file start with the same bytes the identity was taken from? */
export async function sameContentStart(fh: FileHandle, size: number, id: FileIdentity): Promise<boolean> {
  if (size < id.headLen) return false;
  return (await headHash(fh, id.headLen)) === id.headHash;
}

export function isFileIdentity(x: unknown): x is FileIdentity {
  const o = x as Partial<FileIdentity> | null;
  return (
    !!o &&
    typeof o === 'object' &&
    typeof o.dev === 'number' &&
    typeof o.ino === 'number' &&
    typeof o.headLen === 'number' &&
    o.headLen >= 0 &&
    o.headLen <= HEAD_BYTES &&
    typeof o.headHash === 'string'
  );
}

export async function openIfExists(path: string): Promise<FileHandle | undefined> {
  try {
    return await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw e;
  }
}
