/**
 * Snooze: quick choices (pure, in the agent's local time) and the wake-up of due snoozes.
 * Waking is local and deterministic (every console wakes the same thread at the same time), so
 * it is not a team event; a new customer message wakes a thread earlier (ingest).
 */
import type { SwitchboardDb } from '../../db/schema';
import { dueSnoozeIds, nextSnoozeDue } from '../../db/repos/queues';

export interface SnoozeChoice {
  id: string;
  label: string;
  until: number;
}

const HOUR = 3_600_000;

function at(base: Date, dayOffset: number, hour: number): number {
  const d = new Date(base.getFullYear(), base.getMonth(), base.getDate() + dayOffset, hour, 0, 0, 0);
  return d.getTime();
}

export function snoozeChoices(now: number): SnoozeChoice[] {
  const d = new Date(now);
  const out: SnoozeChoice[] = [
    { id: '1h', label: 'In 1 hour', until: now + HOUR },
    { id: '3h', label: 'In 3 hours', until: now + 3 * HOUR },
  ];
  const evening = at(d, 0, 18);
  if (evening - now > 3 * HOUR) out.push({ id: 'evening', label: 'This evening, 18:00', until: evening });
  out.push({ id: 'tomorrow', label: 'Tomorrow morning, 09:00', until: at(d, 1, 9) });
  // Next Monday (never today): 1..7 days ahead.
  const toMonday = ((8 - d.getDay()) % 7) || 7;
  if (toMonday > 1) out.push({ id: 'monday', label: 'Next Monday, 09:00', until: at(d, toMonday, 9) });
  out.push({ id: 'week', label: 'In one week', until: at(d, 7, 9) });
  return out;
}

/** Parse a typed snooze time: "2h", "45m", "3d", "tomorrow 14:00", "14:30" (today, or tomorrow if past). */
export function parseSnooze(input: string, now: number): number | undefined {
  const s = input.trim().toLowerCase();
  const rel = /^(\d+(?:\.\d+)?)\s*(m|min|h|d|w)$/.exec(s);
  if (rel) {
    const unit = { m: 60_000, min: 60_000, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR }[rel[2] as 'm' | 'min' | 'h' | 'd' | 'w'];
    return now + Number(rel[1]) * unit;
  }
  const clock = /^(tomorrow\s+)?(\d{1,2})[:.](\d{2})$/.exec(s);
  if (clock) {
    const d = new Date(now);
    const h = Number(clock[2]);
    const m = Number(clock[3]);
    if (h > 23 || m > 59) return undefined;
    let t = new Date(d.getFullYear(), d.getMonth(), d.getDate() + (clock[1] ? 1 : 0), h, m).getTime();
    if (!clock[1] && t <= now) t += 24 * HOUR;
    return t;
  }
  return undefined;
}

/** Bring back every snoozed thread whose time has come. Returns the woken ids. */
export async function wakeDueSnoozes(db: SwitchboardDb, now: number): Promise<string[]> {
  return db.transaction('rw', db.threads, async () => {
    const ids = await dueSnoozeIds(db, now);
    if (ids.length) {
      await db.threads.where('id').anyOf(ids).modify((t) => {
        t.status = 'open';
        delete t.snoozeUntil;
      });
    }
    return ids;
  });
}

/** Keep waking snoozes: at the next due time (and every minute as a safety net). */
export function startSnoozeWaker(db: SwitchboardDb, onWake?: (ids: string[]) => void, now: () => number = Date.now): () => void {
  let timer: number | undefined;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    window.clearTimeout(timer);
    try {
      const woken = await wakeDueSnoozes(db, now());
      if (woken.length) onWake?.(woken);
      const next = await nextSnoozeDue(db);
      const wait = next === undefined ? 60_000 : Math.min(60_000, Math.max(250, next - now()));
      if (!stopped) timer = window.setTimeout(() => void tick(), wait);
    } catch {
      if (!stopped) timer = window.setTimeout(() => void tick(), 60_000);
    }
  };
  void tick();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
