import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ImapFlow } from 'imapflow';
import { IdleWatcher } from '../../../src/main/connectors/imap/imap-idle';

/** Stand-in for an ImapFlow session: only the surface IdleWatcher uses. */
class FakeSession extends EventEmitter {
  usable = true;
  async mailboxOpen() {}
  idle() {
    return new Promise<boolean>(() => {});
  }
  async logout() {
    this.drop();
  }
  close() {
    this.drop();
  }
  drop() {
    if (!this.usable) return;
    this.usable = false;
    this.emit('close');
  }
}

function harness(failConnects = 0) {
  const timers: Array<{ fn: () => void; ms: number; id: number }> = [];
  let nextId = 1;
  const sessions: FakeSession[] = [];
  const log: string[] = [];
  let failures = failConnects;
  const w = new IdleWatcher({
    folders: ['INBOX'],
    connect: async () => {
      if (failures-- > 0) throw new Error('ECONNREFUSED');
      const s = new FakeSession();
      sessions.push(s);
      return s as unknown as ImapFlow;
    },
    changed: () => log.push('changed'),
    online: () => log.push('online'),
    offline: (_m, at) => log.push(`offline@${at}`),
    log: () => {},
    debounceMs: 300,
    backoff: { baseMs: 1000, maxMs: 8000, jitter: 0, random: () => 0 },
    setTimer: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, ms, id });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimer: (t) => {
      const i = timers.findIndex((x) => x.id === (t as unknown as number));
      if (i >= 0) timers.splice(i, 1);
    },
    now: () => 0,
  });
  const fire = async () => {
    const t = timers.shift()!;
    t.fn();
    await new Promise((r) => setImmediate(r));
    return t.ms;
  };
  return { w, timers, sessions, log, fire };
}

describe('IdleWatcher', () => {
  it('debounces a burst of EXISTS/EXPUNGE/FLAGS into one sources:changed', async () => {
    const h = harness();
    await h.w.start();
    // Once watching, one catch-up pull for mail that arrived before IDLE was in place.
    expect(h.log).toEqual(['online', 'changed']);
    const s = h.sessions[0]!;
    s.emit('exists', {});
    s.emit('exists', {});
    s.emit('expunge', {});
    s.emit('flags', {});
    expect(h.timers).toHaveLength(1);
    expect(await h.fire()).toBe(300);
    expect(h.log).toEqual(['online', 'changed', 'changed']);
  });

  it('reconnects with growing delays that reset only after markSynced()', async () => {
    const h = harness(2);
    await h.w.start(); // first connect fails
    expect(h.log).toEqual(['offline@1000']);
    expect(await h.fire()).toBe(1000); // second fails
    expect(h.log.at(-1)).toBe('offline@2000');
    expect(await h.fire()).toBe(2000); // third succeeds
    expect(h.log.slice(-2)).toEqual(['online', 'changed']);
    // Connected, but no sync yet: a drop now continues the backoff.
    h.sessions[0]!.drop();
    expect(h.log.at(-1)).toBe('offline@4000');
    expect(await h.fire()).toBe(4000);
    h.w.markSynced();
    h.sessions[1]!.drop();
    expect(h.log.at(-1)).toBe('offline@1000');
    await h.w.stop();
    expect(h.timers).toHaveLength(0);
  });
});
