/**
 * The demo's team log: the demo connector serves workspace.json's teamEvents through the TeamLog
 * contract ('team:pull' / 'team:append'), and the renderer's real ingest + team fold turn a fresh
 * console into a team that has been at work: ~30 customers (not 59), assignments, notes, a snooze.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../../src/main/connectors/demo/demo-connector';
import { shiftTeamEvent } from '../../../src/main/connectors/demo/demo-team-log';
import type { ConnectorContext } from '../../../src/main/connectors/connector';
import type { TeamLog } from '../../../src/main/connectors/team/team-log';
import { hashString } from '../../../src/shared/hash';
import { identityKey } from '../../../src/shared/identity';
import type { TeamEventEnvelope, PresenceEnvelope } from '../../../src/shared/team/event-schema';
import { parseHlc } from '../../../src/shared/team/hlc';
import { ingestBatch } from '../../../src/renderer/src/ingest/ingest-batch';
import { foldRemoteEvents } from '../../../src/renderer/src/team/team-sync-fold';
import { queueThreads } from '../../../src/renderer/src/db/repos/queues';
import { isPinned } from '../../../src/renderer/src/db/repos/notes';
import { buildWorkspace, chatJid, type DemoWorkspace } from '../../../scripts/demo/build-workspace';
import { CUSTOMERS, TEAM_STORY } from '../../../scripts/demo/scenarios';
import { dropDb, freshDb } from '../renderer/helpers';

const NOW = Date.UTC(2031, 2, 3, 9, 30, 0);
const workspace = buildWorkspace();
const DELTA = NOW - 3_600_000 - workspace.anchor;

function context(resourcesDir = join(process.cwd(), 'resources')): ConnectorContext {
  return { emit: () => {}, setStatus: () => {}, log: () => {}, resourcesDir };
}

function teamOf(resourcesDir?: string): TeamLog {
  const team = createDemoConnector(context(resourcesDir), () => NOW).team;
  if (!team) throw new Error('the demo connector has no team log');
  return team;
}

async function pullAllEvents(team: TeamLog, limit: number, cursor: unknown = null) {
  const pages = [];
  for (let guard = 0; guard < 1000; guard++) {
    const page = await team.pull(cursor, limit);
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { pages, events: pages.flatMap((p) => p.events), cursor };
}

function localEvent(id: string, threadId: string): TeamEventEnvelope {
  return { v: 1, kind: 'event', id, type: 'thread.assign', author: 'maya', hlc: '2031-03-03T09:30:00.000Z-0000', ts: NOW, payload: { type: 'thread.assign', threadIds: [threadId], assignee: 'maya' } };
}

describe('demo team log (TeamLog contract)', () => {
  it('serves every seeded event once, in clock order, in pages, shifted like the records', async () => {
    const { pages, events } = await pullAllEvents(teamOf(), 10);
    expect(pages.length).toBe(Math.ceil(workspace.teamEvents.length / 10));
    expect(events.map((e) => e.id)).toEqual(workspace.teamEvents.map((e) => e.id));
    expect(events).toEqual(workspace.teamEvents.map((e) => shiftTeamEvent(e, DELTA)));
    for (let i = 1; i < events.length; i++) expect(events[i]!.hlc > events[i - 1]!.hlc).toBe(true);
    for (const p of pages) {
      expect(p.presence).toEqual([]);
      expect(p.problems).toEqual([]);
    }
    // Shifted by the records' shift: nothing in the future, times inside payloads moved too.
    for (const e of events) {
      expect(e.ts).toBeLessThan(NOW);
      expect(parseHlc(e.hlc).ms).toBe(e.ts);
    }
    const snooze = events.find((e) => e.payload.type === 'thread.status' && e.payload.status === 'snoozed')!;
    expect(snooze.payload.type === 'thread.status' && snooze.payload.snoozeUntil! > NOW).toBe(true);
    const note = events.find((e) => e.payload.type === 'note.write')!;
    expect(note.payload.type === 'note.write' && note.payload.note.createdAt).toBe(note.ts);
  });

  it('a pull from the last cursor is empty; appended events follow; known ids are already there', async () => {
    const team = teamOf();
    const first = await pullAllEvents(team, 500);
    const again = await team.pull(first.cursor, 500);
    expect(again.events).toEqual([]);
    expect(again.hasMore).toBe(false);

    const mine = localEvent('local-1', 'em_x');
    const presence: PresenceEnvelope = { v: 1, kind: 'presence', id: 'p-1', author: 'maya', hlc: mine.hlc, ts: NOW, threadId: 'em_x', state: 'replying', expiresAt: NOW + 60_000 };
    expect(await team.append([mine, presence])).toEqual([
      { id: 'local-1', status: 'appended' },
      { id: 'p-1', status: 'appended' },
    ]);
    // A retry, and an id the seed already holds, add nothing.
    expect(await team.append([mine, { ...localEvent(workspace.teamEvents[0]!.id, 'em_y') }])).toEqual([
      { id: 'local-1', status: 'already-there' },
      { id: workspace.teamEvents[0]!.id, status: 'already-there' },
    ]);
    const after = await team.pull(first.cursor, 500);
    expect(after.events).toEqual([mine]);
    expect(after.presence).toEqual([]);
    const total = await pullAllEvents(team, 500);
    expect(total.events.length).toBe(workspace.teamEvents.length + 1);
  });

  it('starts over for a cursor of another log, and for no cursor', async () => {
    const team = teamOf();
    const all = await pullAllEvents(team, 500);
    const foreign = await team.pull({ uidValidity: 12345, lastUid: 3 }, 500);
    expect(foreign.events.map((e) => e.id)).toEqual(all.events.map((e) => e.id));
    expect((await team.pull('garbage', 500)).events.length).toBe(all.events.length);
  });

  it('reports an invalid event in the file and still serves the valid ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-team-'));
    mkdirSync(join(dir, 'demo'));
    const file = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'demo', 'workspace.json'), 'utf8')) as DemoWorkspace;
    const bad = { ...file.teamEvents[1]!, hlc: 'yesterday' };
    writeFileSync(join(dir, 'demo', 'workspace.json'), JSON.stringify({ ...file, teamEvents: [file.teamEvents[0], bad, file.teamEvents[2]] }));
    const page = await teamOf(dir).pull(null, 500);
    expect(page.events.map((e) => e.id)).toEqual([file.teamEvents[0]!.id, file.teamEvents[2]!.id]);
    expect(page.problems).toHaveLength(1);
    expect(page.problems[0]!.reason).toMatch(/team event 2: hlc/);
  });

  it('a workspace without teamEvents has an empty team log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-team-'));
    mkdirSync(join(dir, 'demo'));
    writeFileSync(join(dir, 'demo', 'workspace.json'), JSON.stringify({ version: 1, anchor: workspace.anchor, records: workspace.records.slice(0, 3) }));
    const page = await teamOf(dir).pull(null, 500);
    expect(page).toMatchObject({ events: [], hasMore: false, problems: [] });
  });
});

describe('demo team log through the real ingest and fold', () => {
  it('opens as a team at work: customers merged across channels, assignments, notes, a snooze', async () => {
    const db = await freshDb('demo-team');
    try {
      const connector = createDemoConnector(context(), () => NOW);
      let cursor: unknown = null;
      for (let guard = 0; guard < 100; guard++) {
        const batch = await connector.pull(cursor, 80);
        await ingestBatch(db, batch, { now: () => NOW });
        cursor = batch.cursor;
        if (!batch.hasMore) break;
      }
      // Without the team log every channel identity is its own customer.
      const before = await db.customers.count();
      expect(before).toBeGreaterThan(50);

      // Everything the log refers to exists on a console that ingested the demo.
      const { events } = await pullAllEvents(connector.team!, 500);
      const threadIds = new Set(await db.threads.toCollection().primaryKeys());
      const customerIds = new Set(await db.customers.toCollection().primaryKeys());
      const identityKeys = new Set(await db.identities.toCollection().primaryKeys());
      for (const e of events) {
        const p = e.payload;
        if ('threadIds' in p) for (const id of p.threadIds) expect(threadIds.has(id), `${e.id}: thread ${id}`).toBe(true);
        if (p.type === 'customer.tags') expect(customerIds.has(p.customerId), `${e.id}: customer ${p.customerId}`).toBe(true);
        if (p.type === 'note.write') {
          expect(customerIds.has(p.note.customerId)).toBe(true);
          if (p.note.threadId) expect(threadIds.has(p.note.threadId)).toBe(true);
        }
        if (p.type === 'customer.merge') {
          for (const id of p.merge.customers) expect(customerIds.has(id), `${e.id}: customer ${id}`).toBe(true);
          for (const k of p.merge.identityKeys) expect((await db.identities.get(k))?.customerId, `${e.id}: identity ${k}`).toBe(p.merge.from);
          for (const id of p.merge.threadIds) expect(threadIds.has(id), `${e.id}: thread ${id}`).toBe(true);
          // The merge names every conversation its customer had: none is left behind.
          const owned = await db.threads.where('customerId').equals(p.merge.from).primaryKeys();
          expect([...owned].sort()).toEqual([...p.merge.threadIds].sort());
          expect(identityKeys.has(p.merge.identityKeys[0]!)).toBe(true);
        }
      }

      const result = await foldRemoteEvents(db, events, { sourceId: 'demo', cursor: null, now: () => NOW });
      expect(result.added).toBe(events.length);

      // One customer per scenario customer, plus Ben Carter's unlinked mobile (a merge by hand) and
      // Jessica Alvarez's newest missed call (a "Same person?" suggestion), left for the newcomer.
      const customers = (await db.customers.toArray()).filter((c) => !c.mergedInto);
      const unlinked = CUSTOMERS.flatMap((c) => c.unlinkedPhones ?? []);
      const left = new Set<string>(TEAM_STORY.leaveUnmerged);
      expect(customers.length).toBe(CUSTOMERS.length + unlinked.length + left.size);
      for (const c of CUSTOMERS) {
        const keys = new Set<string>();
        let conversations = 0;
        for (const conv of c.conversations) {
          const channel = conv.kind === 'call' ? 'phone' : conv.kind;
          if (left.has(`${c.id}/${channel}`) || (conv.kind === 'call' && conv.number)) continue;
          conversations++;
          if (conv.kind === 'email') keys.add(identityKey('email', c.email!));
          if (conv.kind === 'chat') keys.add(identityKey('jid', chatJid(c)));
          if (conv.kind === 'call') keys.add(identityKey('phone', c.phone!));
        }
        const owners = new Set((await db.identities.bulkGet([...keys])).map((i) => i?.customerId));
        expect(owners.size, `${c.id}: identities on one customer`).toBe(1);
        const owner = [...owners][0]!;
        const threads = await db.threads.where('customerId').equals(owner!).toArray();
        expect(threads.length, c.id).toBe(conversations);
      }
      const jessicaPhone = (await db.identities.get(identityKey('phone', CUSTOMERS.find((c) => c.id === 'jessica-alvarez')!.phone!)))!;
      expect((await db.customers.get(jessicaPhone.customerId))?.mergedInto).toBeUndefined();
      for (const n of unlinked) {
        const id = (await db.identities.get(identityKey('phone', n)))!.customerId;
        expect(id).toBe(`cu_${hashString(identityKey('phone', n))}`);
        expect((await db.customers.get(id))?.mergedInto).toBeUndefined();
      }
      // Several customers on all three channels.
      let allThree = 0;
      for (const c of customers) {
        const channels = new Set((await db.threads.where('customerId').equals(c.id).toArray()).map((t) => t.channel));
        if (channels.size === 3) allThree++;
      }
      expect(allThree).toBeGreaterThanOrEqual(3);

      // Maya (the e2e host's agent) has open work; others do too; some open work is nobody's.
      const mine = await queueThreads(db, 'mine', 'maya', NOW);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.every((t) => t.assignee === 'maya' && t.status === 'open')).toBe(true);
      for (const agent of ['tom', 'priya', 'lukas']) expect((await queueThreads(db, 'mine', agent, NOW)).length, agent).toBeGreaterThan(0);
      expect((await queueThreads(db, 'unassigned', 'maya', NOW)).length).toBeGreaterThanOrEqual(3);
      const threads = await db.threads.toArray();
      expect(threads.some((t) => t.priority === 'urgent')).toBe(true);
      expect(threads.some((t) => t.tags.includes('escalation'))).toBe(true);
      const snoozed = await queueThreads(db, 'snoozed', 'maya', NOW);
      expect(snoozed).toHaveLength(1);
      expect(snoozed[0]!.snoozeUntil!).toBeGreaterThan(NOW);
      expect((await queueThreads(db, 'closed', 'maya', NOW)).length).toBeGreaterThanOrEqual(2);

      // A handoff note pinned for Maya (with an @mention), and one already acknowledged.
      const notes = await db.handoffNotes.toArray();
      const pinned = notes.filter(isPinned);
      expect(pinned).toHaveLength(1);
      expect(pinned[0]).toMatchObject({ forWhom: 'maya', mentions: ['maya'] });
      expect(pinned[0]!.nextStep).toMatch(/@maya/);
      expect(mine.some((t) => t.id === pinned[0]!.threadId)).toBe(true);
      expect(notes.filter((n) => n.acknowledgedBy === 'priya')).toHaveLength(1);

      // Folding the same log again (a restart, a repeated page) changes nothing.
      const snapshot = JSON.stringify([await db.threads.toArray(), await db.customers.toArray(), await db.handoffNotes.toArray()]);
      const again = await foldRemoteEvents(db, events, { sourceId: 'demo', cursor: null, now: () => NOW });
      expect(again).toMatchObject({ added: 0, duplicates: events.length });
      expect(JSON.stringify([await db.threads.toArray(), await db.customers.toArray(), await db.handoffNotes.toArray()])).toBe(snapshot);
    } finally {
      await dropDb(db);
    }
  }, 120_000);
});
