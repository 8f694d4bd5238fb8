/** The one table the bench prints, and the row type that also goes to bench-results/bench.json. */
import { ratio, targetMet, type Target } from './stats';

export interface BenchRow {
  metric: string;
  unit: string;
  value?: number;
  baseline?: number;
  /** What the baseline is, e.g. "mbsync -> tmpfs Maildir". */
  baselineLabel?: string;
  target?: Target;
  /** Why there is no value (skipped, failed). */
  note?: string;
}

export interface ResolvedRow extends BenchRow {
  ratio?: number;
  met?: boolean;
}

export function resolveRow(row: BenchRow): ResolvedRow {
  const r = ratio(row.value, row.baseline);
  return { ...row, ratio: Number.isFinite(r) ? r : undefined, met: targetMet(row.target, row.value, row.baseline) };
}

/** Fixed-point with 0-2 decimals depending on size: 12345 -> "12,345", 12.3 -> "12.3", 0.456 -> "0.46". */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatTarget(t: Target | undefined, unit: string): string {
  if (!t) return '';
  switch (t.kind) {
    case 'max':
      return `≤ ${formatNumber(t.value)} ${unit}`;
    case 'min':
      return `≥ ${formatNumber(t.value)} ${unit}`;
    case 'min-baseline':
      return t.factor === 1 ? '≥ baseline' : `≥ ${t.factor} × baseline`;
  }
}

/** Rows -> aligned text table with columns metric, value, baseline, ratio, target, met?. */
export function formatTable(rows: BenchRow[]): string {
  const header = ['metric', 'value', 'baseline', 'ratio', 'target', 'met?'];
  const body = rows.map((raw) => {
    const r = resolveRow(raw);
    const value = r.value === undefined ? (r.note ?? '–') : `${formatNumber(r.value)} ${r.unit}`;
    const baseline = r.baseline === undefined ? '' : `${formatNumber(r.baseline)} ${r.unit}${r.baselineLabel ? ` (${r.baselineLabel})` : ''}`;
    const ratioText = r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`;
    const met = r.met === undefined ? '' : r.met ? 'yes' : 'NO';
    return [r.metric, value, baseline, ratioText, formatTarget(r.target, r.unit), met];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
