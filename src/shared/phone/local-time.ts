/**
 * Wall-clock times in an IANA time zone -> epoch ms, with Intl only (no time-zone library).
 *
 * PBX logs write local times without an offset ("2024-03-31 02:30:00" in the PBX's zone). We find
 * the offset of that zone around the instant with Intl.DateTimeFormat and resolve the two DST
 * corner cases the way Temporal's 'compatible' disambiguation does:
 *  - a time that occurs twice (autumn, clocks go back) -> the earlier instant;
 *  - a time that never occurs (spring gap) -> shifted forward by the gap (02:30 -> 03:30).
 */

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `timeZone` from UTC at `epochMs`, in ms (Berlin in summer: +7_200_000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const whole = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return asUtc - whole;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a local date-time is impossible, or undefined when it is fine. */
export function invalidLocalDateTime(t: LocalDateTime): string | undefined {
  if (t.year < 1970 || t.year > 2200) return `year ${t.year} out of range`;
  if (t.month < 1 || t.month > 12) return `month ${t.month} does not exist`;
  if (t.day < 1 || t.day > daysInMonth(t.year, t.month)) return `day ${t.day} does not exist in ${t.year}-${String(t.month).padStart(2, '0')}`;
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return `time ${t.hour}:${t.minute}:${t.second} does not exist`;
  return undefined;
}

/** (zone, wall-clock quarter hour) -> offset used; zone transitions fall on quarter hours since 1970. */
const offsetCache = new Map<string, number>();
const QUARTER = 900_000;

/** Epoch ms of a wall-clock time in `timeZone` (IANA name, or "UTC"). Throws RangeError for an unknown zone. */
export function localToEpoch(t: LocalDateTime, timeZone: string): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.millisecond);
  const block = Math.floor(wall / QUARTER) * QUARTER;
  const key = `${timeZone}|${block}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = block - resolveWall(block, timeZone);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return wall - offset;
}

function resolveWall(wall: number, timeZone: string): number {
  const day = 86_400_000;
  const before = zoneOffsetMs(wall - day, timeZone);
  const after = zoneOffsetMs(wall + day, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => wall - zoneOffsetMs(instant, timeZone) === instant);
  if (candidates.length) return Math.min(...candidates);
  // In a gap: interpret with the offset in force before the transition (moves the time forward).
  return wall - before;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?$/;

/** Parse "YYYY-MM-DD HH:MM[:SS[.fff]]" (space or T). Returns the fields or a reason. */
export function parseLocalDateTime(text: string): LocalDateTime | { error: string } {
  const m = LOCAL_RE.exec(text.trim());
  if (!m) return { error: `"${text}" is not a date-time like YYYY-MM-DD HH:MM:SS` };
  const frac = m[7] ? Number(`0.${m[7]}`) : 0;
  const t: LocalDateTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: m[6] ? Number(m[6]) : 0,
    millisecond: Math.floor(frac * 1000),
  };
  const why = invalidLocalDateTime(t);
  return why ? { error: `impossible date "${text}": ${why}` } : t;
}

const ISO_OFFSET_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i;
const DOTTED_RE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export type TimeParse = { ok: true; epochMs: number } | { ok: false; error: string };

/**
 * Parse a timestamp from a call log. Accepted forms:
 *  - "YYYY-MM-DD HH:MM[:SS[.fff]]" or with T: wall-clock time in `timeZone`;
 *  - the same with "Z" or "+HH:MM"/"+HHMM": an absolute instant (timeZone ignored);
 *  - "DD.MM.YYYY HH:MM[:SS]": wall-clock time in `timeZone` (German-style exports);
 *  - 10 digits (epoch seconds) or 13 digits (epoch ms).
 * Slash dates (01/02/2024) are refused: day-first and month-first cannot be told apart.
 */
export function parseCallTime(text: string, timeZone: string): TimeParse {
  const s = text.trim();
  if (!s) return { ok: false, error: 'empty date' };
  if (/^\d{10}$/.test(s)) return { ok: true, epochMs: Number(s) * 1000 };
  if (/^\d{13}$/.test(s)) return { ok: true, epochMs: Number(s) };
  const iso = ISO_OFFSET_RE.exec(s);
  if (iso) {
    const local = parseLocalDateTime(`${iso[1]} ${iso[2]}`);
    if ('error' in local) return { ok: false, error: local.error };
    const zone = iso[3]!.toUpperCase();
    let offset = 0;
    if (zone !== 'Z') {
      const digits = zone.replace(':', '');
      const sign = digits.startsWith('-') ? -1 : 1;
      const hours = Number(digits.slice(1, 3));
      const minutes = Number(digits.slice(3, 5));
      if (hours > 14 || minutes > 59) return { ok: false, error: `impossible UTC offset ${zone}` };
      offset = sign * (hours * 60 + minutes) * 60_000;
    }
    return { ok: true, epochMs: localToEpoch(local, 'UTC') - offset };
  }
  let local: LocalDateTime | { error: string };
  const dotted = DOTTED_RE.exec(s);
  if (dotted) {
    const t: LocalDateTime = {
      year: Number(dotted[3]),
      month: Number(dotted[2]),
      day: Number(dotted[1]),
      hour: Number(dotted[4]),
      minute: Number(dotted[5]),
      second: dotted[6] ? Number(dotted[6]) : 0,
      millisecond: 0,
    };
    const why = invalidLocalDateTime(t);
    local = why ? { error: `impossible date "${s}": ${why}` } : t;
  } else {
    local = parseLocalDateTime(s);
  }
  if ('error' in local) return { ok: false, error: local.error };
  if (!isValidTimeZone(timeZone)) return { ok: false, error: `unknown time zone "${timeZone}"` };
  return { ok: true, epochMs: localToEpoch(local, timeZone) };
}
