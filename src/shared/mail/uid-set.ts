/**
 * IMAP sequence sets of UIDs ("1:5,7,9:12"): a compact way to keep the set of synced UIDs of a
 * folder inside a JSON cursor. Pure.
 */

/** Sorted, de-duplicated positive integers -> "a:b,c,..." ('' for none). */
export function encodeUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set([...uids].filter((u) => Number.isInteger(u) && u > 0))].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!;
    let end = start;
    while (i + 1 < sorted.length && sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}:${end}`);
    i++;
  }
  return parts.join(',');
}

function ranges(set: string): Array<[number, number]> {
  if (!set) return [];
  return set.split(',').map((part) => {
    const [a, b] = part.split(':');
    const lo = Number(a);
    const hi = b === undefined ? lo : Number(b);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < 1) throw new RangeError(`bad UID set part: ${part}`);
    return lo <= hi ? [lo, hi] : [hi, lo];
  });
}

/** Expands a set; throws RangeError on garbage. */
export function decodeUidSet(set: string): number[] {
  const out: number[] = [];
  for (const [lo, hi] of ranges(set)) for (let u = lo; u <= hi; u++) out.push(u);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** Number of UIDs in a set without expanding it (ranges are assumed disjoint, as encodeUidSet makes them). */
export function countUidSet(set: string): number {
  return ranges(set).reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
}

export function minUid(set: string): number | undefined {
  const r = ranges(set);
  return r.length ? Math.min(...r.map(([lo]) => lo)) : undefined;
}
