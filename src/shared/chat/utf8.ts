/** UTF-8 sizes without TextEncoder (src/shared compiles without DOM or Node typings). */

function codePointBytes(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Number of bytes `s` takes in UTF-8 (a lone surrogate counts as U+FFFD: 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) n += codePointBytes(ch.codePointAt(0) ?? 0);
  return n;
}

/** The longest prefix of `s` that fits in `max` UTF-8 bytes, never splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  let n = 0;
  let end = 0;
  for (const ch of s) {
    const b = codePointBytes(ch.codePointAt(0) ?? 0);
    if (n + b > max) return s.slice(0, end);
    n += b;
    end += ch.length;
  }
  return s;
}
