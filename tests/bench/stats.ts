/** Plain helpers for the bench suite: percentiles, ratios, target checks. No I/O. */

/** Nearest-rank percentile (p in 0..100) of a list of numbers; NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  if (p < 0 || p > 100 || Number.isNaN(p)) throw new RangeError(`percentile ${p} is not within 0..100`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

export function summarise(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
  };
}

/** value / baseline, or NaN when either is missing or the baseline is 0. */
export function ratio(value: number | undefined, baseline: number | undefined): number {
  if (value === undefined || baseline === undefined || !Number.isFinite(value) || !Number.isFinite(baseline) || baseline === 0) return NaN;
  return value / baseline;
}

/** A target: `max` = the value must not exceed it (latency, memory); `min` = must reach it (throughput). */
export type Target = { kind: 'max'; value: number } | { kind: 'min'; value: number } | { kind: 'min-baseline'; factor: number };

/** true/false when it can be judged, undefined when the value (or needed baseline) is missing. */
export function targetMet(target: Target | undefined, value: number | undefined, baseline?: number): boolean | undefined {
  if (!target || value === undefined || !Number.isFinite(value)) return undefined;
  switch (target.kind) {
    case 'max':
      return value <= target.value;
    case 'min':
      return value >= target.value;
    case 'min-baseline':
      return baseline === undefined || !Number.isFinite(baseline) ? undefined : value >= baseline * target.factor;
  }
}
