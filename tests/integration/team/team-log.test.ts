/**
 * The team log against the lab's Dovecot: APPEND with deterministic Message-IDs (a second append
 * is detected), pull by UID cursor, bad messages reported and skipped, IDLE notices, presence
 * notes that expire and are swept, and the folder readable as mail by a plain client.
 */
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamLog, type TeamLog } from '../../../src/main/connectors/team/team-log';
import type { PresenceEnvelope, TeamEventEnvelope } from '../../../src/shared/team/event-schema';
import { formatHlc } from '../../../src/shared/team/hlc';
import type { TeamPullBatch } from '../../../src/shared/team/team-ipc';
import { ensureLab } from '../../lab/env';
import { accountConfig, adminClient, recordingContext, simpleMessage } from '../mail/mail-lab';

const run = randomUUID().slice(0, 8);
const folder = `Public/Team/it-log-${run}`;
const T0 = Date.UTC(2024, 0, 1);

function event(n: number, author = 'agent1'): TeamEventEnvelope {
  return {
    v: 1, kind: 'event', id: `${run}-e${n}`, type: 'thread.assign', author, hlc: formatHlc({ ms: T0 + n, counter: 0 }), ts: T0 + n,
    payload: { type: 'thread.assign', threadIds: [`thread-${n}`], assignee: author },
  };
}

async function pullAll(log: TeamLog, cursor: unknown, limit: number) {
  const batches: TeamPullBatch[] = [];
  let c = cursor;
  for (let i = 0; i < 50; i++) {
    const b = await log.pull(c, limit);
    batches.push(b);
    c = b.cursor;
    if (!b.hasMore) return { batches, cursor: c, events: batches.flatMap((x) => x.events) };
  }
  throw new Error('team log never finished');
}

describe('team log on Dovecot (shared folder)', () => {
  let admin: ImapFlow;
  let log1: TeamLog;
  let log2: TeamLog;
  const ctx2 = recordingContext('agent2');
  let now = Date.now();

  beforeAll(async () => {
    ensureLab(['mail']);
    admin = await adminClient('agent1');
    log1 = createTeamLog(accountConfig('agent1', { teamFolder: folder }), recordingContext('agent1'), { now: () => now });
    log2 = createTeamLog(accountConfig('agent2', { id: 'it-agent2', teamFolder: folder }), ctx2, { now: () => now, debounceMs: 50 });
  });
  afterAll(async () => {
    await log1?.stop();
    await log2?.stop();
    await admin?.mailboxDelete(folder).catch(() => {});
    await admin?.logout().catch(() => {});
  });

  it('appends events (creating the folder), and a second append of the same ids adds nothing', async () => {
    const first = await log1.append([event(1), event(2), event(3)]);
    expect(first.map((r) => r.status)).toEqual(['appended', 'appended', 'appended']);
    const again = await log1.append([event(2), event(3), event(4)]);
    expect(again.map((r) => r.status)).toEqual(['already-there', 'already-there', 'appended']);
    // agent2's console (another user of the shared namespace) sees the same, too.
    expect((await log2.append([event(1)]))[0]!.status).toBe('already-there');
    const status = await admin.status(folder, { messages: true });
    expect(status && status.messages).toBe(4);
  });

  it('another console pulls every event once, in UID order, in batches, and resumes from its cursor', async () => {
    const { batches, cursor, events } = await pullAll(log2, null, 3);
    expect(batches.length).toBe(2);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4].map((n) => `${run}-e${n}`));
    expect(events[0]).toEqual(event(1));
    const nothing = await log2.pull(cursor, 3);
    expect(nothing.events).toEqual([]);
    expect(nothing.hasMore).toBe(false);
    await log1.append([event(5)]);
    const next = await log2.pull(cursor, 3);
    expect(next.events.map((e) => e.id)).toEqual([`${run}-e5`]);
  });

  it('a foreign or broken message in the folder is reported with its UID and skipped; the rest is read', async () => {
    await admin.append(folder, simpleMessage({ subject: 'someone dropped a mail here' }));
    const bad = JSON.stringify({ ...event(6), hlc: 'tomorrow' });
    await admin.append(folder, [
      'From: x@localhost', 'Subject: forged', 'Message-ID: <evt-forged@switchboard>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: application/json', '', bad, '--b--', '',
    ].join('\r\n'));
    await log1.append([event(7)]);
    const { events, batches } = await pullAll(log2, null, 100);
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 7].map((n) => `${run}-e${n}`));
    const problems = batches.flatMap((b) => b.problems);
    expect(problems).toHaveLength(2);
    expect(problems[0]!.reason).toMatch(/no Switchboard event part/);
    expect(problems[1]!.reason).toMatch(/hlc/);
  });

  it('the message reads as mail: a text summary, X-Switchboard headers and the JSON attachment', async () => {
    const lock = await admin.getMailboxLock(folder);
    try {
      const uids = await admin.search({ header: { 'X-Switchboard-Event-Id': `${run}-e1` } }, { uid: true });
      expect(uids).toHaveLength(1);
      const msg = await admin.fetchOne(String((uids as number[])[0]), { source: true }, { uid: true });
      const src = msg && msg.source ? msg.source.toString('utf8') : '';
      expect(src).toContain(`Message-ID: <evt-${run}-e1@switchboard>`);
      expect(src).toContain('X-Switchboard-Event: thread.assign');
      expect(src).toMatch(/Subject: \[Switchboard\] agent1 assigned conversation thread-1 to agent1/);
      expect(src).toContain('Content-Type: text/plain');
      expect(src).toMatch(/filename=switchboard-event\.json/);
    } finally {
      lock.release();
    }
  });

  it('IDLE on the team folder announces an append by another console (team:changed)', async () => {
    await log2.start();
    const changed = ctx2.next('team:changed', 20_000);
    await log1.append([event(8)]);
    await expect(changed).resolves.toEqual({ sourceId: 'it-agent2' });
  });

  it('presence notes are pulled until they expire, never as events, and expired ones are swept', async () => {
    const presence = (n: number, expiresAt: number): PresenceEnvelope => ({
      v: 1, kind: 'presence', id: `${run}-p${n}`, author: 'agent1', hlc: formatHlc({ ms: T0 + 100 + n, counter: 0 }), ts: now, threadId: 'thread-1', state: 'replying', expiresAt,
    });
    const { cursor } = await pullAll(log2, null, 100);
    await log1.append([presence(1, now + 30_000)]);
    const live = await log2.pull(cursor, 100);
    expect(live.events).toEqual([]);
    expect(live.presence.map((p) => p.id)).toEqual([`${run}-p1`]);
    now += 60_000; // p1 has expired now
    expect((await log2.pull(cursor, 100)).presence).toEqual([]);
    await log1.append([presence(2, now + 30_000)]);
    const lock = await admin.getMailboxLock(folder);
    try {
      await admin.noop(); // this session has the folder selected: see the sweep's EXPUNGE
      const left = await admin.search({ header: { 'X-Switchboard-Kind': 'presence' } }, { uid: true });
      expect(left).toHaveLength(1);
    } finally {
      lock.release();
    }
  });
});
