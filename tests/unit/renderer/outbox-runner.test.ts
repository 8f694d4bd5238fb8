/**
 * Outbox runner on fake-indexeddb with a fake main (a test double of 'outbox:deliver' that keeps a
 * "server" of delivered Message-IDs and, like the real connectors, looks there first when
 * attempts > 0). Proves order per source, exactly-once across crashes, and the reaction to each
 * error class.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceStatus } from '../../../src/shared/domain';
import type { EventContract, SwitchboardApi } from '../../../src/shared/ipc/contract';
import type { DeliverRequest } from '../../../src/shared/ipc/schemas';
import type { ErrorCode, Result } from '../../../src/shared/result';
import { openDb, type SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { cancelItem, listOutbox, makeMessageId, outboxTable, retryItem } from '../../../src/renderer/src/db/repos/outbox';
import { enqueue } from '../../../src/renderer/src/outbox/enqueue';
import { createOutboxRunner, type OutboxRunner } from '../../../src/renderer/src/outbox/outbox-runner';

type Behaviour =
  | { kind: 'ok' }
  | { kind: 'fail'; code: ErrorCode; message?: string }
  /** The server accepts the message, then the answer never arrives (the app dies). */
  | { kind: 'accept-then-hang' }
  /** The app dies before the request reaches the server. */
  | { kind: 'hang' };

class FakeMain {
  /** Message-IDs the server has, in arrival order (duplicates would show up here). */
  server: string[] = [];
  requests: DeliverRequest[] = [];
  script: Behaviour[] = [];
  listeners = new Map<string, Set<(p: unknown) => void>>();

  api: SwitchboardApi = {
    invoke: (async (channel: string, payload: unknown): Promise<Result<unknown>> => {
      if (channel !== 'outbox:deliver') return { ok: false, error: { code: 'unknown-channel', message: channel } };
      const req = payload as DeliverRequest;
      this.requests.push(req);
      // Like the IMAP/XMPP connectors: a retry looks for the message on the server first.
      if (req.attempts > 0 && this.server.includes(req.messageId)) return { ok: true, value: { status: 'already-sent', at: 2 } };
      const b = this.script.shift() ?? { kind: 'ok' };
      switch (b.kind) {
        case 'ok':
          this.server.push(req.messageId);
          return { ok: true, value: { status: 'sent', at: 1 } };
        case 'fail':
          return { ok: false, error: { code: b.code, message: b.message ?? b.code } };
        case 'accept-then-hang':
          this.server.push(req.messageId);
          return new Promise(() => {});
        case 'hang':
          return new Promise(() => {});
      }
    }) as SwitchboardApi['invoke'],
    on: ((event: string, listener: (p: unknown) => void) => {
      const set = this.listeners.get(event) ?? new Set();
      set.add(listener);
      this.listeners.set(event, set);
      return () => set.delete(listener);
    }) as SwitchboardApi['on'],
  };

  emit<E extends keyof EventContract>(event: E, payload: EventContract[E]) {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}

class FakeTimers {
  pending: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  set = (fn: () => void, ms: number) => {
    const t = { fn, ms, cancelled: false };
    this.pending.push(t);
    return () => void (t.cancelled = true);
  };
  fireAll() {
    const due = this.pending.filter((t) => !t.cancelled);
    this.pending = [];
    for (const t of due) t.fn();
    return due.length;
  }
}

let db: SwitchboardDb;
let n = 0;
const clock = 1_000_000;
const now = () => clock;
const runners: OutboxRunner[] = [];

beforeEach(async () => {
  db = openDb(`test-outbox-${++n}`);
  await db.open();
});
afterEach(async () => {
  runners.splice(0).forEach((r) => r.dispose());
  db.close();
  await db.delete();
});

function runner(main: FakeMain, timers = new FakeTimers()) {
  const r = createOutboxRunner(db, main.api, { now, setTimer: timers.set, backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 } });
  runners.push(r);
  return r;
}

const from = { name: 'Support', address: 'support@team.example' };
function mail(subject: string, sourceId = 'mail') {
  return enqueue(
    db,
    { kind: 'email', payload: { from, to: [{ address: 'ada@customer.example' }], cc: [], bcc: [], subject, text: `body of ${subject}`, references: [] } },
    { sourceId, now: clock },
  );
}

async function statuses() {
  return (await outboxTable(db).orderBy('createdAt').toArray()).map((i) => [i.payload && 'subject' in i.payload ? i.payload.subject : '', i.status]);
}

/** Lets pending promise callbacks (Dexie, the fake api) run. */
const flush = () => new Promise((r) => setTimeout(r, 20));

describe('outbox runner', () => {
  it('fixes the Message-ID before the first try, as <uuid@domain-of-from>', async () => {
    const item = await mail('hello');
    expect(item.messageId).toBe(`<${item.id}@team.example>`);
    expect(makeMessageId('Ana@Example.ORG', 'u-1')).toBe('<u-1@example.org>');
    const main = new FakeMain();
    const r = runner(main);
    await r.start();
    expect(main.requests.map((q) => q.messageId)).toEqual([item.messageId]);
    expect(main.requests[0]!.attempts).toBe(0);
    expect(await statuses()).toEqual([['hello', 'sent']]);
    const row = await outboxTable(db).get(item.id);
    expect(row).toMatchObject({ status: 'sent', outcome: 'sent', attempts: 1, sentAt: 1 });
  });

  it('delivers in creation order per source, and keeps the sent items for history', async () => {
    await mail('one');
    await mail('two');
    await mail('three', 'other');
    await mail('four');
    const main = new FakeMain();
    await runner(main).start();
    const order = main.requests.filter((q) => q.sourceId === 'mail').map((q) => (q.payload as { subject: string }).subject);
    expect(order).toEqual(['one', 'two', 'four']);
    const { pending, history } = await listOutbox(db);
    expect(pending).toEqual([]);
    expect(history.map((h) => h.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('offline: the item stays queued, later items of the same source wait, and all go once when the source is online', async () => {
    await mail('first');
    await mail('second');
    const main = new FakeMain();
    main.script = [{ kind: 'fail', code: 'offline', message: 'connect ECONNREFUSED 127.0.0.1:1' }];
    const timers = new FakeTimers();
    const r = runner(main, timers);
    await r.start();
    expect(await statuses()).toEqual([
      ['first', 'queued'],
      ['second', 'queued'],
    ]);
    expect(main.requests).toHaveLength(1);
    const first = (await outboxTable(db).orderBy('createdAt').first())!;
    expect(first.lastError).toContain('ECONNREFUSED');
    expect(first.nextTryAt).toBe(clock + 1000);
    expect(timers.pending.filter((t) => !t.cancelled).map((t) => t.ms)).toEqual([1000]);

    // A new enqueue for another source is not held up by this one.
    await mail('elsewhere', 'chatless');
    await r.kick('chatless');
    expect(main.requests.at(-1)!.sourceId).toBe('chatless');

    main.emit('sources:status', { sourceId: 'mail', kind: 'imap', label: 'Mail', state: 'online' } satisfies SourceStatus);
    await flush();
    await r.idle();
    expect(await statuses()).toEqual([
      ['first', 'sent'],
      ['second', 'sent'],
      ['elsewhere', 'sent'],
    ]);
    // The retry said it was a retry (main checks the server first); each message is there once.
    expect(main.requests.filter((q) => (q.payload as { subject: string }).subject === 'first').map((q) => q.attempts)).toEqual([0, 1]);
    expect(new Set(main.server).size).toBe(main.server.length);
  });

  it('retries with backoff when no status event comes', async () => {
    await mail('slow');
    const main = new FakeMain();
    main.script = [
      { kind: 'fail', code: 'timeout' },
      { kind: 'fail', code: 'offline' },
    ];
    const timers = new FakeTimers();
    const r = runner(main, timers);
    await r.start();
    expect(timers.pending.map((t) => t.ms)).toEqual([1000]);
    timers.fireAll();
    await flush();
    await r.idle();
    expect(timers.pending.filter((t) => !t.cancelled).map((t) => t.ms)).toEqual([2000]);
    timers.fireAll();
    await flush();
    await r.idle();
    expect(await statuses()).toEqual([['slow', 'sent']]);
    expect(main.requests.map((q) => q.attempts)).toEqual([0, 1, 2]);
  });

  it('rejected: marked failed with the message, the next item goes; retry sends it once', async () => {
    await mail('bad');
    await mail('good');
    const main = new FakeMain();
    main.script = [{ kind: 'fail', code: 'rejected', message: '550 5.1.1 mailbox unknown' }];
    const r = runner(main);
    await r.start();
    expect(await statuses()).toEqual([
      ['bad', 'failed'],
      ['good', 'sent'],
    ]);
    const bad = (await outboxTable(db).orderBy('createdAt').first())!;
    expect(bad.lastError).toBe('rejected: 550 5.1.1 mailbox unknown');
    // Not retried on its own.
    await r.kick();
    expect(main.requests).toHaveLength(2);
    expect(await retryItem(db, bad.id)).toBe(true);
    await r.kick('mail');
    expect(await statuses()).toEqual([
      ['bad', 'sent'],
      ['good', 'sent'],
    ]);
  });

  it('unknown-outcome: retried with attempts+1 and reported already-sent when the first try had gone through', async () => {
    await mail('maybe');
    const main = new FakeMain();
    // The server got the data, then the connection broke before the answer.
    main.script = [{ kind: 'fail', code: 'unknown-outcome', message: 'connection closed after DATA' }];
    const origInvoke = main.api.invoke;
    let firstCall = true;
    main.api = {
      ...main.api,
      invoke: (async (c: never, p: never) => {
        if (firstCall) {
          firstCall = false;
          main.server.push((p as DeliverRequest).messageId);
        }
        return origInvoke(c, p);
      }) as SwitchboardApi['invoke'],
    };
    const timers = new FakeTimers();
    const r = runner(main, timers);
    await r.start();
    expect(await statuses()).toEqual([['maybe', 'queued']]);
    timers.fireAll();
    await flush();
    await r.idle();
    const row = (await outboxTable(db).orderBy('createdAt').first())!;
    expect(row).toMatchObject({ status: 'sent', outcome: 'already-sent', attempts: 2 });
    expect(main.requests.map((q) => q.attempts)).toEqual([0, 1]);
    expect(main.server).toEqual([row.messageId]);
  });

  it('crash after the server accepted and before "sent" was written: the next start does not send a second copy', async () => {
    const item = await mail('crash');
    const main = new FakeMain();
    main.script = [{ kind: 'accept-then-hang' }];
    const dying = runner(main);
    void dying.start();
    await flush();
    expect(await statuses()).toEqual([['crash', 'sending']]);
    dying.dispose(); // the app dies here: the answer never arrives

    const restarted = runner(main);
    await restarted.start();
    const row = (await outboxTable(db).get(item.id))!;
    expect(row).toMatchObject({ status: 'sent', outcome: 'already-sent', attempts: 2 });
    expect(main.server).toEqual([item.messageId]);
    expect(main.requests.map((q) => q.attempts)).toEqual([0, 1]);
  });

  it('crash after the claim and before the request left: the next start sends it exactly once', async () => {
    const item = await mail('lost');
    const main = new FakeMain();
    main.script = [{ kind: 'hang' }];
    main.api.invoke = (() => new Promise(() => {})) as SwitchboardApi['invoke'];
    const dying = runner(main);
    void dying.start();
    await flush();
    dying.dispose();

    const fresh = new FakeMain();
    await runner(fresh).start();
    expect(fresh.server).toEqual([item.messageId]);
    expect(fresh.requests.map((q) => q.attempts)).toEqual([1]);
    expect((await outboxTable(db).get(item.id))!.status).toBe('sent');
  });

  it('cancel is refused while an item is being sent; allowed when queued or failed', async () => {
    const a = await mail('a');
    const main = new FakeMain();
    main.script = [{ kind: 'hang' }];
    const r = runner(main);
    void r.start();
    await flush();
    expect(await cancelItem(db, a.id)).toBe(false);
    const b = await mail('b');
    expect(await cancelItem(db, b.id)).toBe(true);
    expect((await outboxTable(db).get(b.id))!.status).toBe('cancelled');
  });

  it('an edit keeps the id and Message-ID, and a concurrent send wins over a late edit', async () => {
    const a = await mail('draft v1');
    const edited = await enqueue(
      db,
      { kind: 'email', payload: { from, to: [{ address: 'ada@customer.example' }], cc: [], bcc: [], subject: 'draft v2', text: 'better', references: [] } },
      { sourceId: 'mail', now: clock, outboxId: a.id },
    );
    expect(edited.id).toBe(a.id);
    expect(edited.messageId).toBe(a.messageId);
    const main = new FakeMain();
    await runner(main).start();
    expect((main.requests[0]!.payload as { subject: string }).subject).toBe('draft v2');
    // Editing an item that already went out makes a new message instead of changing history.
    const late = await enqueue(
      db,
      { kind: 'email', payload: { from, to: [{ address: 'ada@customer.example' }], cc: [], bcc: [], subject: 'draft v3', text: 'too late', references: [] } },
      { sourceId: 'mail', now: clock, outboxId: a.id },
    );
    expect(late.id).not.toBe(a.id);
    expect((await outboxTable(db).get(a.id))!.payload).toMatchObject({ subject: 'draft v2' });
  });

  it('enqueue deletes the draft in the same transaction', async () => {
    await db.drafts.put({ id: 'd1', mode: 'new', channel: 'chat', sourceId: 'xmpp', to: [{ address: 'ada@chat.example' }], cc: [], bcc: [], subject: '', body: 'hi', references: [], updatedAt: 1 });
    const item = await enqueue(db, { kind: 'chat', payload: { to: 'ada@chat.example', body: 'hi' } }, { sourceId: 'xmpp', now: clock, draftId: 'd1' });
    expect(await db.drafts.get('d1')).toBeUndefined();
    expect(item.messageId).toBe(item.id);
    expect(item.kind).toBe('chat');
  });
});
