import { describe, expect, it } from 'vitest';
import { Backoff } from '../../../src/shared/backoff';

describe('Backoff', () => {
  it('grows exponentially up to the ceiling with jitter only taking the delay down', () => {
    const b = new Backoff({ baseMs: 1000, maxMs: 30_000, jitter: 0, random: () => 0.3 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(b.attempts).toBe(7);
  });

  it('applies the injected random as jitter within [ceiling*(1-jitter), ceiling]', () => {
    const lo = new Backoff({ baseMs: 1000, maxMs: 60_000, jitter: 0.5, random: () => 0.999999 });
    const hi = new Backoff({ baseMs: 1000, maxMs: 60_000, jitter: 0.5, random: () => 0 });
    for (let i = 0; i < 5; i++) {
      const c = 1000 * 2 ** i;
      const a = lo.next();
      const b = hi.next();
      expect(b).toBe(c);
      expect(a).toBeGreaterThanOrEqual(c / 2);
      expect(a).toBeLessThan(c);
    }
  });

  it('does not reset by itself, only after success()', () => {
    const b = new Backoff({ baseMs: 100, maxMs: 10_000, jitter: 0 });
    b.next();
    b.next();
    b.next();
    expect(b.next()).toBe(800);
    b.success();
    expect(b.attempts).toBe(0);
    expect(b.next()).toBe(100);
  });

  it('refuses nonsense options', () => {
    expect(() => new Backoff({ baseMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => new Backoff({ baseMs: 100, maxMs: 10 })).toThrow(RangeError);
  });
});
