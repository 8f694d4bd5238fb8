/** Small deterministic string hash (FNV-1a, 53 bits) for ids derived from source keys. Not cryptographic. */
export function hashString(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return (h1 >>> 0).toString(36) + (h2 & 0x1fffff).toString(36);
}
