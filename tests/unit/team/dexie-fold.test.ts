/**
 * The team log applied to Dexie (fake-indexeddb): consoles that edit while partitioned and then
 * exchange events in any order, in any batches, with duplicates, end with identical rows; a
 * failed fold transaction leaves nothing behind and the next pull repeats it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { TeamAction, TeamEvent, Thread } from '../../../src/shared/domain';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { markCalledBack, saveCallNote } from '../../../src/renderer/src/db/repos/calls';
import { commitTeamAction } from '../../../src/renderer/src/team/team-actions';
import { foldRemoteEvents, refreshThreads } from '../../../src/renderer/src/team/team-sync-fold';
import { teamCursorKey, toEnvelope } from '../../../src/renderer/src/team/team-sync-stamps';
import { dropDb, freshDb } from '../renderer/helpers';
import { actionArb } from './arbitraries';

const T0 = Date.UTC(2026, 0, 1);
const opened: SwitchboardDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(dropDb));
});

function thread(id: string, customerId: string): Thread {
  return {
    id, customerId, customerName: customerId, channel: 'email', subject: `s ${id}`, firstTs: T0, lastTs: T0, lastInboundTs: T0, count: 1,
    snippet: '', status: 'open', priority: 'normal', tags: ['manual'], awaitingReply: true, missedCall: id === 't3',
  };
}

async function console_(name: string): Promise<SwitchboardDb> {
  const db = await freshDb(`team-${name}`);
  opened.push(db);
  await db.customers.bulkAdd(['c1', 'c2'].map((id) => ({ id, name: id, createdAt: T0, lastActivityAt: T0, tags: [] })));
  await db.threads.bulkAdd([thread('t1', 'c1'), thread('t2', 'c1'), thread('t3', 'c2')]);
  return db;
}

/** What must be equal on every console. */
async function snapshot(db: SwitchboardDb) {
  const threads = (await db.threads.orderBy('id').toArray()).map((t) => ({ id: t.id, status: t.status, snoozeUntil: t.snoozeUntil, closedAt: t.closedAt, assignee: t.assignee, priority: t.priority, tags: t.tags, missedCall: t.missedCall }));
  const customers = (await db.customers.orderBy('id').toArray()).map((c) => ({ id: c.id, tags: c.tags }));
  const notes = (await db.handoffNotes.orderBy('id').toArray()).map((n) => ({ id: n.id, summary: n.summary, ackBy: n.acknowledgedBy, ackAt: n.acknowledgedAt }));
  const events = (await db.teamEvents.orderBy('id').toArray()).map((e) => ({ id: e.id, hlc: e.hlc }));
  const callNotes = await db.callNotes.orderBy('interactionId').toArray();
  return { threads, customers, notes, events, callNotes };
}

type Step = { kind: 'act'; who: 0 | 1; action: TeamAction; dt: number } | { kind: 'pull'; who: 0 | 1; seed: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('act' as const), who: fc.constantFrom(0 as const, 1 as const), action: actionArb, dt: fc.integer({ min: -5, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pull' as const), who: fc.constantFrom(0 as const, 1 as const), seed: fc.nat() }) },
);

/** Deliver the other console's events in a shuffled order, split in batches, with repeats. */
async function exchange(to: SwitchboardDb, from: SwitchboardDb, seed: number) {
  const rows: TeamEvent[] = await from.teamEvents.toArray();
  const env = rows.map(toEnvelope);
  let s = seed || 1;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const list = [...env, ...env.filter(() => rnd() < 0.3)].sort(() => rnd() - 0.5);
  while (list.length) await foldRemoteEvents(to, list.splice(0, 1 + Math.floor(rnd() * 5)));
}

describe('team log folded into Dexie', () => {
  it('property: two partitioned consoles converge after exchanging events in any order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 25 }), fc.nat(), async (steps, finalSeed) => {
        const dbs = [await console_('a'), await console_('b')] as const;
        // Each console has its own wall clock, skewed and sometimes going backwards.
        const clocks = [T0 + 1000, T0 + 1000 + 37];
        const authors = ['ana', 'bo'];
        let n = 0;
        for (const step of steps) {
          const db = dbs[step.who];
          if (step.kind === 'act') {
            clocks[step.who]! += step.dt;
            await commitTeamAction(db, step.action, { author: authors[step.who]!, now: () => clocks[step.who]!, newId: () => `${authors[step.who]}-${++n}` });
          } else {
            await exchange(db, dbs[1 - step.who]!, step.seed);
          }
        }
        await exchange(dbs[0], dbs[1], finalSeed);
        await exchange(dbs[1], dbs[0], finalSeed + 1);
        const [a, b] = [await snapshot(dbs[0]), await snapshot(dbs[1])];
        expect(a).toEqual(b);
        await Promise.all(opened.splice(0).map(dropDb));
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('a concurrent edit: the later clock wins on every console; other fields and tags are kept from both', async () => {
    const [a, b] = [await console_('a'), await console_('b')];
    await commitTeamAction(a, { type: 'thread.status', threadIds: ['t1'], status: 'closed' }, { author: 'ana', now: () => T0 + 10 });
    await commitTeamAction(a, { type: 'thread.tags', threadIds: ['t1'], add: ['refund'], remove: [] }, { author: 'ana', now: () => T0 + 11 });
    await commitTeamAction(b, { type: 'thread.status', threadIds: ['t1'], status: 'pending' }, { author: 'bo', now: () => T0 + 20 });
    await commitTeamAction(b, { type: 'thread.assign', threadIds: ['t1'], assignee: 'bo' }, { author: 'bo', now: () => T0 + 21 });
    await exchange(a, b, 7);
    await exchange(b, a, 9);
    for (const db of [a, b]) {
      expect(await db.threads.get('t1')).toMatchObject({ status: 'pending', assignee: 'bo', tags: ['manual', 'refund'] });
    }
    // Own events coming back from the server are ignored (deduplicated by id).
    const own = (await a.teamEvents.toArray()).map(toEnvelope);
    expect(await foldRemoteEvents(a, own)).toMatchObject({ added: 0, duplicates: own.length });
  });

  it('a call note and "called back" reach the other console; the later note wins on both, and an empty one removes it', async () => {
    const [a, b] = [await console_('a'), await console_('b')];
    await saveCallNote(a, 'cdr:m1', 'Promised a refund by Friday', 'ana', T0 + 5);
    await markCalledBack(a, 't3', 'ana');
    await exchange(b, a, 5);
    expect(await b.callNotes.get('cdr:m1')).toEqual({ interactionId: 'cdr:m1', text: 'Promised a refund by Friday', author: 'ana', updatedAt: T0 + 5 });
    expect((await b.threads.get('t3'))?.missedCall).toBe(false);
    // Both edit the note while partitioned: the later clock wins everywhere.
    await saveCallNote(a, 'cdr:m1', 'Refund sent', 'ana', T0 + 30);
    await saveCallNote(b, 'cdr:m1', 'Customer will call again', 'bo', T0 + 40);
    await exchange(a, b, 1);
    await exchange(b, a, 2);
    for (const db of [a, b]) expect((await db.callNotes.get('cdr:m1'))?.text).toBe('Customer will call again');
    await saveCallNote(a, 'cdr:m1', '  ', 'ana', T0 + 50);
    await exchange(b, a, 3);
    for (const db of [a, b]) expect(await db.callNotes.get('cdr:m1')).toBeUndefined();
    const types = (await b.teamEvents.toArray()).map((e) => e.type).sort();
    expect(types).toEqual(['call.note', 'call.note', 'call.note', 'call.note', 'thread.calledBack']);
  });

  it('an event about a conversation this console has not synced yet applies when the conversation arrives', async () => {
    const [a, b] = [await console_('a'), await console_('b')];
    await b.threads.add(thread('t9', 'c1'));
    await commitTeamAction(b, { type: 'thread.assign', threadIds: ['t9'], assignee: 'bo' }, { author: 'bo', now: () => T0 });
    await exchange(a, b, 3);
    expect(await a.threads.get('t9')).toBeUndefined();
    await a.threads.add(thread('t9', 'c1')); // ingest creates it later
    await a.transaction('rw', a.threads, a.teamStamps, () => refreshThreads(a, ['t9']));
    expect((await a.threads.get('t9'))?.assignee).toBe('bo');
  });

  it('a failed fold transaction (e.g. quota) leaves no partial batch and the cursor unmoved; the repeat applies it', async () => {
    const [a, b] = [await console_('a'), await console_('b')];
    for (let i = 0; i < 5; i++) await commitTeamAction(b, { type: 'thread.priority', threadIds: ['t1', 't2'], priority: i % 2 ? 'high' : 'urgent' }, { author: 'bo', now: () => T0 + i });
    await commitTeamAction(b, { type: 'thread.status', threadIds: ['t2'], status: 'closed' }, { author: 'bo', now: () => T0 + 9 });
    const events = (await b.teamEvents.toArray()).map(toEnvelope);
    await a.cursors.put({ sourceId: teamCursorKey('acct'), cursor: { uidValidity: 1, lastUid: 3 }, updatedAt: T0 });
    const before = await snapshot(a);
    const quota = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    await expect(foldRemoteEvents(a, events, { sourceId: 'acct', cursor: { uidValidity: 1, lastUid: 9 }, fault: quota })).rejects.toThrow(/quota/i);
    expect(await snapshot(a)).toEqual(before);
    expect(await a.teamStamps.count()).toBe(0);
    expect((await a.cursors.get(teamCursorKey('acct')))?.cursor).toEqual({ uidValidity: 1, lastUid: 3 });
    const r = await foldRemoteEvents(a, events, { sourceId: 'acct', cursor: { uidValidity: 1, lastUid: 9 } });
    expect(r.added).toBe(6);
    expect(await a.threads.get('t2')).toMatchObject({ status: 'closed', priority: 'urgent' });
    expect((await a.cursors.get(teamCursorKey('acct')))?.cursor).toEqual({ uidValidity: 1, lastUid: 9 });
  });
});
