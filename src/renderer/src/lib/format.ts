/** Display formatting (pure). */
export function ageLabel(from: number, now: number): string {
  const s = Math.max(0, Math.round((now - from) / 1000));
  if (s < 60) return 'now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return `${d}d`;
}

/** SLA-style urgency of a waiting conversation: ok under 4 hours, late under 24, breach after. */
export function ageClass(from: number, now: number): '' | 'late' | 'breach' {
  const h = (now - from) / 3_600_000;
  if (h >= 24) return 'breach';
  if (h >= 4) return 'late';
  return '';
}

const dateFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeFmt = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export function formatDateTime(ts: number): string {
  return dateFmt.format(ts);
}

export function formatTime(ts: number): string {
  return timeFmt.format(ts);
}

export function initials(name: string): string {
  const parts = name.replace(/[<>@"].*$/, '').trim().split(/\s+/).filter(Boolean);
  const letters = parts.length >= 2 ? [parts[0]!, parts[parts.length - 1]!] : parts.slice(0, 1);
  return letters.map((p) => Array.from(p)[0]?.toUpperCase() ?? '').join('') || '?';
}
