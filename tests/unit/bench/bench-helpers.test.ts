import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, summarise, targetMet } from '../../bench/stats';
import { formatNumber, formatTable, resolveRow } from '../../bench/table';

describe('percentile (nearest rank)', () => {
  it('picks the nearest-rank element regardless of input order', () => {
    const v = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 95)).toBe(10);
    expect(percentile(v, 90)).toBe(9);
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(v[0]).toBe(5); // input not sorted in place
  });
  it('handles one value, empty input and bad p', () => {
    expect(percentile([42], 95)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(median([3, 1, 2])).toBe(2);
  });
  it('summarises p50/p95/min/max', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(summarise(v)).toEqual({ n: 100, p50: 50, p95: 95, min: 1, max: 100 });
  });
});

describe('ratio and targets', () => {
  it('ratio is NaN without a usable baseline', () => {
    expect(ratio(10, 4)).toBe(2.5);
    expect(ratio(10, 0)).toBeNaN();
    expect(ratio(undefined, 3)).toBeNaN();
  });
  it('judges max, min and baseline targets, undefined when it cannot', () => {
    expect(targetMet({ kind: 'max', value: 16 }, 15.9)).toBe(true);
    expect(targetMet({ kind: 'max', value: 16 }, 16.1)).toBe(false);
    expect(targetMet({ kind: 'min', value: 100 }, 99)).toBe(false);
    expect(targetMet({ kind: 'min-baseline', factor: 1 }, 900, 1000)).toBe(false);
    expect(targetMet({ kind: 'min-baseline', factor: 1 }, 1100, 1000)).toBe(true);
    expect(targetMet({ kind: 'min-baseline', factor: 1 }, 1100, undefined)).toBeUndefined();
    expect(targetMet({ kind: 'max', value: 1 }, undefined)).toBeUndefined();
    expect(targetMet(undefined, 5)).toBeUndefined();
  });
});

describe('table', () => {
  it('formats numbers by magnitude', () => {
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.456)).toBe('0.46');
    expect(formatNumber(undefined)).toBe('–');
  });
  it('prints one aligned table with ratio and met? columns', () => {
    const text = formatTable([
      { metric: 'sync', unit: 'msg/s', value: 2000, baseline: 4000, baselineLabel: 'mbsync', target: { kind: 'min-baseline', factor: 1 } },
      { metric: 'triage p95', unit: 'ms', value: 9.5, target: { kind: 'max', value: 16 } },
      { metric: 'search p95', unit: 'ms', note: 'skipped' },
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^metric\s+value\s+baseline\s+ratio\s+target\s+met\?$/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toContain('2,000 msg/s');
    expect(lines[2]).toContain('4,000 msg/s (mbsync)');
    expect(lines[2]).toContain('0.50×');
    expect(lines[2]).toMatch(/NO$/);
    expect(lines[3]).toMatch(/yes$/);
    expect(lines[4]).toContain('skipped');
    expect(resolveRow({ metric: 'x', unit: 'ms', value: 1, baseline: 0 }).ratio).toBeUndefined();
  });
});
