import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwitchboardDb } from '../../../src/renderer/src/db/schema';
import { queueCounts, queueIds, queueThreads } from '../../../src/renderer/src/db/repos/queues';
import { parseSnooze, snoozeChoices, wakeDueSnoozes } from '../../../src/renderer/src/features/triage/snooze';
import { applyTags, commitTeamAction } from '../../../src/renderer/src/team/team-actions';
import { call, chat, clock, dropDb, email, freshDb, HOUR, ingest, MIN, T0 } from './helpers';

let db: SwitchboardDb;
beforeEach(async () => {
  db = await freshDb('triage');
});
afterEach(() => dropDb(db));

const NOW = T0 + 10 * HOUR;

/** Five open conversations from five customers, waiting since T0 + i hours (e0 waits longest). */
async function seedOpen() {
  const records = [0, 1, 2, 3, 4].map((i) =>
    email(`e${i}`, { date: T0 + i * HOUR, from: { name: `Customer ${i}`, address: `c${i}@x.example` } }),
  );
  await ingest(db, 'mail', records);
  const ids = await queueIds(db, 'open', 'maya', NOW);
  return ids;
}

const subjects = async (queue: Parameters<typeof queueIds>[1], me = 'maya', now = NOW) =>
  (await queueThreads(db, queue, me, now)).map((t) => t.subject);

describe('queues', () => {
  it('orders open conversations by waiting time, longest first, and splits mine / unassigned', async () => {
    const ids = await seedOpen();
    expect(await subjects('open')).toEqual(['Subject e0', 'Subject e1', 'Subject e2', 'Subject e3', 'Subject e4']);
    const ctx = { author: 'maya', ...clock() };
    await commitTeamAction(db, { type: 'thread.assign', threadIds: [ids[3]!, ids[1]!], assignee: 'maya' }, ctx);
    await commitTeamAction(db, { type: 'thread.assign', threadIds: [ids[2]!], assignee: 'tom' }, ctx);
    expect(await subjects('mine')).toEqual(['Subject e1', 'Subject e3']);
    expect(await subjects('mine', 'tom')).toEqual(['Subject e2']);
    expect(await subjects('unassigned')).toEqual(['Subject e0', 'Subject e4']);
    // Unassigning removes the row from the assigned index again.
    await commitTeamAction(db, { type: 'thread.assign', threadIds: [ids[2]!], assignee: null }, ctx);
    expect(await subjects('unassigned')).toEqual(['Subject e0', 'Subject e2', 'Subject e4']);
    expect((await db.threads.get(ids[2]!))!.assignee).toBeUndefined();
    expect(await queueCounts(db, 'maya', NOW)).toEqual({ mine: 2, unassigned: 3, open: 5, snoozed: 0, missed: 0, closed: 0 });
  });

  it('closed recently is newest first and only the last 7 days; missed calls leave when handled', async () => {
    await ingest(db, 'pbx', [call('p1', { start: T0 - 2 * HOUR }), call('p2', { start: T0 - HOUR, customerNumber: '+14155550999' }), call('p3', { start: T0, outcome: 'answered', billSec: 30, customerNumber: '+14155550777' })]);
    const missed = await queueThreads(db, 'missed', 'maya', NOW);
    expect(missed.map((t) => t.firstTs)).toEqual([T0 - 2 * HOUR, T0 - HOUR]);
    const ctx = { author: 'maya', ...clock() };
    await commitTeamAction(db, { type: 'thread.status', threadIds: [missed[0]!.id], status: 'closed' }, ctx);
    expect((await queueThreads(db, 'missed', 'maya', NOW)).map((t) => t.id)).toEqual([missed[1]!.id]);
    // Reopening a handled missed call puts it in All open, not back in Missed calls.
    await commitTeamAction(db, { type: 'thread.status', threadIds: [missed[0]!.id], status: 'open' }, ctx);
    expect(await queueIds(db, 'missed', 'maya', NOW)).toEqual([missed[1]!.id]);
    expect(await queueIds(db, 'open', 'maya', NOW)).toContain(missed[0]!.id);
    // Closed: the answered call (T0) and nothing older than 7 days.
    expect((await queueThreads(db, 'closed', 'maya', NOW)).map((t) => t.subject)).toEqual(['Call · 30s']);
    expect(await queueIds(db, 'closed', 'maya', T0 + 8 * 24 * HOUR)).toEqual([]);
  });

  it('applies bulk actions to every selected conversation with one team event', async () => {
    const ids = await seedOpen();
    const ctx = { author: 'maya', ...clock() };
    const pick = [ids[0]!, ids[2]!, ids[4]!];
    await commitTeamAction(db, { type: 'thread.priority', threadIds: pick, priority: 'urgent' }, ctx);
    await commitTeamAction(db, { type: 'thread.tags', threadIds: pick, add: ['billing', 'VIP'], remove: [] }, ctx);
    await commitTeamAction(db, { type: 'thread.tags', threadIds: [ids[0]!], add: ['vip'], remove: ['billing'] }, ctx);
    await commitTeamAction(db, { type: 'thread.status', threadIds: pick, status: 'closed' }, ctx);
    const rows = await db.threads.bulkGet(ids);
    expect(rows.map((t) => t!.status)).toEqual(['closed', 'open', 'closed', 'open', 'closed']);
    expect(rows.map((t) => t!.priority)).toEqual(['urgent', 'normal', 'urgent', 'normal', 'urgent']);
    expect(rows[0]!.tags).toEqual(['VIP']);
    expect(rows[2]!.tags).toEqual(['billing', 'VIP']);
    const events = await db.teamEvents.orderBy('ts').toArray();
    expect(events.map((e) => e.type)).toEqual(['thread.priority', 'thread.tags', 'thread.tags', 'thread.status']);
    expect(events[3]!.payload).toEqual({ type: 'thread.status', threadIds: pick, status: 'closed', at: events[3]!.ts });
    expect(rows.filter((t) => t!.status === 'closed').every((t) => t!.closedAt === events[3]!.ts)).toBe(true);
    expect(await subjects('open')).toEqual(['Subject e1', 'Subject e3']);
    expect((await subjects('closed')).sort()).toEqual(['Subject e0', 'Subject e2', 'Subject e4']);
    // Closed recently is ordered by when it was closed: the last closed comes first.
    await commitTeamAction(db, { type: 'thread.status', threadIds: [ids[1]!], status: 'closed' }, ctx);
    expect((await subjects('closed'))[0]).toBe('Subject e1');
    // An old conversation closed now is in Closed recently; reopening clears closedAt.
    expect(await queueIds(db, 'closed', 'maya', T0 + 6 * 24 * HOUR)).toHaveLength(4);
    await commitTeamAction(db, { type: 'thread.status', threadIds: [ids[1]!], status: 'open' }, ctx);
    expect((await db.threads.get(ids[1]!))!.closedAt).toBeUndefined();
  });

  it('rejects an empty selection or a snooze without a time, changing nothing', async () => {
    const ids = await seedOpen();
    const ctx = { author: 'maya', ...clock() };
    await expect(commitTeamAction(db, { type: 'thread.status', threadIds: [], status: 'closed' }, ctx)).rejects.toThrow('no conversation');
    await expect(commitTeamAction(db, { type: 'thread.status', threadIds: [ids[0]!], status: 'snoozed' }, ctx)).rejects.toThrow('time');
    expect(await db.teamEvents.count()).toBe(0);
    expect((await db.threads.get(ids[0]!))!.status).toBe('open');
  });

  it('a failing change leaves neither the change nor its event', async () => {
    const ids = await seedOpen();
    const ctx = { author: 'maya', now: () => NOW, newId: () => 'same' };
    await commitTeamAction(db, { type: 'thread.priority', threadIds: [ids[0]!], priority: 'high' }, ctx);
    // Same event id again: the event insert fails, so the priority change must roll back too.
    await expect(commitTeamAction(db, { type: 'thread.priority', threadIds: [ids[1]!], priority: 'low' }, ctx)).rejects.toThrow();
    expect((await db.threads.get(ids[1]!))!.priority).toBe('normal');
    expect(await db.teamEvents.count()).toBe(1);
  });

  it('merges tags case-insensitively', () => {
    expect(applyTags(['Billing'], ['billing', ' refund ', ''], [])).toEqual(['Billing', 'refund']);
    expect(applyTags(['Billing', 'vip'], [], ['BILLING'])).toEqual(['vip']);
  });
});

describe('snooze', () => {
  it('hides a snoozed conversation until due, then brings it back to open', async () => {
    const ids = await seedOpen();
    const ctx = { author: 'maya', ...clock() };
    await commitTeamAction(db, { type: 'thread.status', threadIds: [ids[1]!], status: 'snoozed', snoozeUntil: NOW + 2 * HOUR }, ctx);
    await commitTeamAction(db, { type: 'thread.status', threadIds: [ids[0]!], status: 'snoozed', snoozeUntil: NOW + HOUR }, ctx);
    expect(await queueIds(db, 'snoozed', 'maya', NOW)).toEqual([ids[0], ids[1]]);
    expect(await queueIds(db, 'open', 'maya', NOW)).not.toContain(ids[0]);
    expect(await wakeDueSnoozes(db, NOW + 30 * MIN)).toEqual([]);
    expect(await wakeDueSnoozes(db, NOW + HOUR)).toEqual([ids[0]]);
    expect(await queueIds(db, 'snoozed', 'maya', NOW)).toEqual([ids[1]]);
    const woken = (await db.threads.get(ids[0]!))!;
    expect(woken.status).toBe('open');
    expect(woken.snoozeUntil).toBeUndefined();
    // Back in All open at its waiting-time position (it waited longest).
    expect((await queueIds(db, 'open', 'maya', NOW))[0]).toBe(ids[0]);
  });

  it('a customer message wakes a snoozed conversation early', async () => {
    await ingest(db, 'chat', [chat('a', T0)]);
    const [id] = await queueIds(db, 'open', 'maya', NOW);
    await commitTeamAction(db, { type: 'thread.status', threadIds: [id!], status: 'snoozed', snoozeUntil: NOW + 24 * HOUR }, { author: 'maya', ...clock() });
    await ingest(db, 'chat', [chat('b', T0 + 10 * MIN)]);
    expect(await db.threads.get(id!)).toMatchObject({ status: 'open', count: 2 });
    expect((await db.threads.get(id!))!.snoozeUntil).toBeUndefined();
  });

  it('offers quick choices in local time, all in the future and in order', () => {
    const monday10 = new Date(2026, 10, 2, 10, 0).getTime(); // a Monday
    const choices = snoozeChoices(monday10);
    expect(choices.map((c) => c.id)).toEqual(['1h', '3h', 'evening', 'tomorrow', 'monday', 'week']);
    expect(new Date(choices[2]!.until).getHours()).toBe(18);
    expect(new Date(choices[3]!.until)).toEqual(new Date(2026, 10, 3, 9, 0));
    expect(new Date(choices[4]!.until)).toEqual(new Date(2026, 10, 9, 9, 0));
    const sunday20 = new Date(2026, 10, 8, 20, 0).getTime();
    // No "this evening" at 20:00; next Monday is tomorrow, so it is not offered twice.
    expect(snoozeChoices(sunday20).map((c) => c.id)).toEqual(['1h', '3h', 'tomorrow', 'week']);
    for (const c of [...choices, ...snoozeChoices(sunday20)]) expect(c.until).toBeGreaterThan(monday10);
  });

  it('parses typed times', () => {
    const now = new Date(2026, 10, 2, 10, 0).getTime();
    expect(parseSnooze('2h', now)).toBe(now + 2 * HOUR);
    expect(parseSnooze('45m', now)).toBe(now + 45 * MIN);
    expect(parseSnooze('14:30', now)).toBe(new Date(2026, 10, 2, 14, 30).getTime());
    expect(parseSnooze('09:00', now)).toBe(new Date(2026, 10, 3, 9, 0).getTime());
    expect(parseSnooze('tomorrow 8:15', now)).toBe(new Date(2026, 10, 3, 8, 15).getTime());
    expect(parseSnooze('25:00', now)).toBeUndefined();
    expect(parseSnooze('soon', now)).toBeUndefined();
  });
});
