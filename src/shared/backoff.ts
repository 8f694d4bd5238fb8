/**
 * Jittered exponential backoff for reconnects. Pure: the random source is injected, and the delay
 * only goes back to the base after an explicit success() (a completed sync), never because a
 * connection merely opened: a server that accepts the connection and then drops it must not be
 * hammered at the base delay.
 */
export interface BackoffOptions {
  /** First delay in ms. */
  baseMs: number;
  /** Ceiling in ms. */
  maxMs: number;
  /** Growth per failure (2 = doubling). */
  factor?: number;
  /** Fraction of the delay that is randomised: 0.5 gives delays in [d*0.5, d]. 0..1. */
  jitter?: number;
  /** Returns a number in [0, 1). */
  random?: () => number;
}

export class Backoff {
  private failures = 0;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;

  constructor(private readonly opts: BackoffOptions) {
    if (!(opts.baseMs > 0) || !(opts.maxMs >= opts.baseMs)) throw new RangeError('Backoff needs 0 < baseMs <= maxMs');
    this.factor = opts.factor ?? 2;
    this.jitter = Math.min(1, Math.max(0, opts.jitter ?? 0.5));
    this.random = opts.random ?? Math.random;
  }

  /** Failures since the last success. */
  get attempts(): number {
    return this.failures;
  }

  /** The un-jittered ceiling for the next delay. */
  ceiling(): number {
    return Math.min(this.opts.maxMs, this.opts.baseMs * Math.pow(this.factor, this.failures));
  }

  /** Records a failure and returns how long to wait before the next try. */
  next(): number {
    const ceiling = this.ceiling();
    this.failures++;
    const r = Math.min(0.999999, Math.max(0, this.random()));
    // Jitter takes the delay down, never above the ceiling: [ceiling*(1-jitter), ceiling].
    return Math.round(ceiling * (1 - this.jitter * r));
  }

  /** A sync completed: the next failure starts again from the base delay. */
  success(): void {
    this.failures = 0;
  }
}
