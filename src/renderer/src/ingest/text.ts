/** Small text helpers used by ingest (pure). */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|sv|vs|antw|rif|tr|r|enc|res)\s*(\[\d+\])?\s*[:：]\s*)+/i;

export function normaliseSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isReplySubject(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

export function snippetOf(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatDuration(sec: number): string {
  if (sec < 60) return `${sec}s`;
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  if (m < 60) return s ? `${m}m ${s}s` : `${m}m`;
  const h = Math.floor(m / 60);
  return `${h}h ${m % 60}m`;
}
