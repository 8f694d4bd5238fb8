import { describe, expect, it } from 'vitest';
import { localToEpoch, parseCallTime, parseLocalDateTime, zoneOffsetMs } from '../../../src/shared/phone/local-time';

const at = (s: string, zone: string) => {
  const r = parseCallTime(s, zone);
  if (!r.ok) throw new Error(r.error);
  return new Date(r.epochMs).toISOString();
};

describe('PBX wall-clock times', () => {
  it('converts with the zone offset in force (winter and summer)', () => {
    expect(at('2024-01-15 10:00:00', 'Europe/Berlin')).toBe('2024-01-15T09:00:00.000Z');
    expect(at('2024-07-15 10:00:00', 'Europe/Berlin')).toBe('2024-07-15T08:00:00.000Z');
    expect(at('2024-07-15 10:00:00', 'America/New_York')).toBe('2024-07-15T14:00:00.000Z');
    expect(at('2024-07-15 10:00:00', 'Asia/Kolkata')).toBe('2024-07-15T04:30:00.000Z');
    expect(at('2024-07-15 10:00:00', 'UTC')).toBe('2024-07-15T10:00:00.000Z');
    expect(at('2024-07-15T10:00', 'Asia/Tokyo')).toBe('2024-07-15T01:00:00.000Z');
  });

  it('takes the earlier instant for a repeated autumn hour and moves a spring-gap time forward', () => {
    // Berlin 2024-10-27: 02:00-03:00 happens twice (CEST then CET).
    expect(at('2024-10-27 02:30:00', 'Europe/Berlin')).toBe('2024-10-27T00:30:00.000Z');
    // Berlin 2024-03-31: 02:00-03:00 does not exist; 02:30 is read as 03:30 CEST.
    expect(at('2024-03-31 02:30:00', 'Europe/Berlin')).toBe('2024-03-31T01:30:00.000Z');
    // New York 2024-03-10 gap, 2024-11-03 overlap.
    expect(at('2024-03-10 02:30:00', 'America/New_York')).toBe('2024-03-10T07:30:00.000Z');
    expect(at('2024-11-03 01:30:00', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
  });

  it('round-trips every hour of a DST year in Berlin', () => {
    const tz = 'Europe/Berlin';
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_600_000) {
      const wall = new Date(t + zoneOffsetMs(t, tz));
      const local = {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: 0,
        second: 0,
        millisecond: 0,
      };
      const back = localToEpoch(local, tz);
      // Only the second pass through the repeated autumn hour maps to the earlier instant.
      if (back !== t) expect(back).toBe(t - 3_600_000);
    }
  });

  it('honours explicit offsets and epoch numbers', () => {
    expect(at('2024-07-15T10:00:00Z', 'Asia/Tokyo')).toBe('2024-07-15T10:00:00.000Z');
    expect(at('2024-07-15 10:00:00+02:00', 'UTC')).toBe('2024-07-15T08:00:00.000Z');
    expect(at('2024-07-15T10:00:00.250-0500', 'UTC')).toBe('2024-07-15T15:00:00.250Z');
    expect(at('1721037600', 'UTC')).toBe('2024-07-15T10:00:00.000Z');
    expect(at('1721037600123', 'UTC')).toBe('2024-07-15T10:00:00.123Z');
    expect(at('15.07.2024 10:00', 'Europe/Berlin')).toBe('2024-07-15T08:00:00.000Z');
  });

  it.each([
    ['2024-02-30 10:00:00', 'day 30'],
    ['2023-02-29 10:00:00', 'day 29'],
    ['2024-13-01 10:00:00', 'month 13'],
    ['2024-01-01 24:00:00', 'does not exist'],
    ['2024-01-01 10:60:00', 'does not exist'],
    ['01/02/2024 10:00', 'not a date-time'],
    ['yesterday', 'not a date-time'],
    ['', 'empty'],
    ['2024-07-15T10:00:00+15:00', 'impossible UTC offset'],
  ])('refuses %j (%s)', (text, reason) => {
    const r = parseCallTime(text, 'Europe/Berlin');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(reason);
  });

  it('refuses an unknown zone instead of guessing', () => {
    const r = parseCallTime('2024-07-15 10:00:00', 'Mars/Olympus');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('unknown time zone') });
  });

  it('accepts leap days that exist', () => {
    expect(parseLocalDateTime('2024-02-29 23:59:59')).toMatchObject({ day: 29, second: 59 });
  });
});
