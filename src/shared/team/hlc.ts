/**
 * Hybrid logical clock (Kulkarni et al.) for the team log.
 *
 * A timestamp is a string `YYYY-MM-DDTHH:MM:SS.mmmZ-CCCC`: the ISO wall time in ms plus a hex
 * logical counter. Strings compare in the same order as the clock (lexicographic = causal), so
 * they sort and index directly, and a person reading the log in a mail client can read them.
 *
 * The clock is never module-global: `tick` is a pure function of the latest timestamp this console
 * has seen (its own or a received one) and the wall time passed in; `HybridClock` wraps it with an
 * injected `now()` for code that keeps the latest timestamp in memory.
 */

export interface HlcParts {
  /** Wall time, epoch ms. */
  ms: number;
  /** Logical counter, 0..0xffff. */
  counter: number;
}

const MAX_COUNTER = 0xffff;
/** Years 0000..9999 keep the ISO form fixed-width (and so sortable). */
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})$/;

export class HlcError extends Error {}

export function formatHlc({ ms, counter }: HlcParts): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_MS) throw new HlcError(`HLC wall time out of range: ${ms}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new HlcError(`HLC counter out of range: ${counter}`);
  return `${new Date(ms).toISOString()}-${counter.toString(16).padStart(4, '0')}`;
}

export function parseHlc(hlc: string): HlcParts {
  const m = HLC_RE.exec(hlc);
  if (!m) throw new HlcError(`Not a team clock timestamp: ${JSON.stringify(hlc.slice(0, 60))}`);
  const ms = Date.parse(m[1]!);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== m[1]) throw new HlcError(`Not a valid time in timestamp ${hlc}`);
  return { ms, counter: parseInt(m[2]!, 16) };
}

export function isHlc(value: string): boolean {
  try {
    parseHlc(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The next timestamp for a local event: strictly after `latest` (the newest timestamp this console
 * knows of, local or received; undefined before the first event) and not before `wallMs`.
 * Receiving is folded in: store the received timestamps, and the next tick's `latest` includes them.
 */
export function tick(latest: string | undefined, wallMs: number): string {
  const wall = Math.min(Math.max(0, Math.floor(wallMs)), MAX_MS);
  if (latest === undefined) return formatHlc({ ms: wall, counter: 0 });
  const last = parseHlc(latest);
  if (wall > last.ms) return formatHlc({ ms: wall, counter: 0 });
  // The wall clock is behind (or equal to) what we have seen: keep the logical time, count up.
  if (last.counter < MAX_COUNTER) return formatHlc({ ms: last.ms, counter: last.counter + 1 });
  // Counter exhausted (65,536 events in one ms): step the logical wall time by 1 ms.
  return formatHlc({ ms: Math.min(last.ms + 1, MAX_MS), counter: 0 });
}

/** The later of two timestamps (undefined counts as earliest). */
export function maxHlc(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/** An in-memory clock with an injected wall clock. */
export class HybridClock {
  private latest: string | undefined;

  constructor(
    private readonly now: () => number,
    latest?: string,
  ) {
    if (latest !== undefined) parseHlc(latest);
    this.latest = latest;
  }

  /** A timestamp for a new local event. */
  send(): string {
    this.latest = tick(this.latest, this.now());
    return this.latest;
  }

  /** Take a timestamp seen on another console into account. Invalid input throws HlcError. */
  receive(remote: string): void {
    parseHlc(remote);
    this.latest = maxHlc(this.latest, remote);
  }

  peek(): string | undefined {
    return this.latest;
  }
}
