/**
 * Offline guarantees against the real servers (Dovecot + Postfix of the lab):
 *  (2) Dovecot and Postfix are stopped mid-session: each console keeps working from IndexedDB,
 *      queues its reply and its team events, shows what waits, and when the servers come back
 *      delivers each exactly once (one copy of every event in the team folder, one copy of the
 *      reply at the customer) without anyone pressing a button;
 *  (3) the two consoles edited the same conversation while partitioned: after reconnect both
 *      hold the same state, the later clock winning per field.
 * The mail servers are shared with other suites, so they are stopped only inside this file
 * (integration files run one at a time) and always started again in afterAll.
 */
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Thread } from '../../../src/shared/domain';
import { enqueue } from '../../../src/renderer/src/outbox/enqueue';
import { commitTeamAction } from '../../../src/renderer/src/team/team-actions';
import { ensureLab, stopLab } from '../../lab/env';
import { accountConfig, adminClient, simpleMessage, waitForMessage } from '../mail/mail-lab';
import { openConsole, type TeamConsole } from './team-console';

const run = randomUUID().slice(0, 8);
const teamFolder = `Public/Team/it-offline-${run}`;
const mailFolder = `it-team-${run}`;
const customerMsgId = `<it-team-${run}@customer.localhost>`;

describe('offline: servers stopped mid-session, partitioned consoles', () => {
  let a: TeamConsole;
  let b: TeamConsole;
  let threadId: string;
  let serversDown = false;

  beforeAll(async () => {
    ensureLab(['mail']);
    // The same customer email in both agents' mailboxes (as support@ mail reaches agent1 and agent2).
    for (const user of ['user5', 'user6'] as const) {
      const admin: ImapFlow = await adminClient(user);
      await admin.mailboxCreate(mailFolder).catch(() => {});
      await admin.append(mailFolder, simpleMessage({ subject: `Refund for order ${run}`, from: 'customer@localhost', to: 'support@localhost', messageId: customerMsgId }));
      await admin.logout();
    }
    const cfg = (user: 'user5' | 'user6') => accountConfig(user, { id: `team-${user}`, folders: [mailFolder], teamFolder });
    a = await openConsole('user5', cfg('user5'), `it-team-a-${run}`);
    b = await openConsole('user6', cfg('user6'), `it-team-b-${run}`);
    await Promise.all([a.mail.sync(a.config.id), b.mail.sync(b.config.id)]);
  });

  afterAll(async () => {
    if (serversDown) ensureLab(['mail']);
    await a?.close();
    await b?.close();
    const admin = await adminClient('user5');
    await admin.mailboxDelete(teamFolder).catch(() => {});
    await admin.logout();
  });

  const row = async (c: TeamConsole) => (await c.db.threads.get(threadId)) as Thread;
  const view = (t: Thread) => ({ status: t.status, assignee: t.assignee, priority: t.priority, tags: t.tags, snoozeUntil: t.snoozeUntil });

  it('online: an assignment on one console reaches the other through the team folder', async () => {
    const threads = await a.db.threads.toArray();
    expect(threads).toHaveLength(1);
    threadId = threads[0]!.id;
    expect(await b.db.threads.get(threadId)).toBeDefined(); // same conversation id on both consoles
    await commitTeamAction(a.db, { type: 'thread.assign', threadIds: [threadId], assignee: 'user5' }, { author: 'user5' });
    await a.team.sync();
    await b.team.sync();
    expect((await row(b)).assignee).toBe('user5');
    expect(await a.team.pending()).toBe(0);
  });

  it('servers down: consoles keep working, queue replies and team events, and show what waits', async () => {
    stopLab(['mail']);
    serversDown = true;
    // `lab.sh down` stops the Dovecot master but running imap session processes live on (they are
    // reparented), so established connections would keep working. Drop the consoles' sessions as
    // a cut link would: every later request must open a new connection, which is refused.
    await Promise.all([a, b].map((c) => c.services.sources.stopAll()));
    // Console A: closes the conversation, tags it, and replies.
    await commitTeamAction(a.db, { type: 'thread.status', threadIds: [threadId], status: 'closed' }, { author: 'user5' });
    await commitTeamAction(a.db, { type: 'thread.tags', threadIds: [threadId], add: ['refund'], remove: [] }, { author: 'user5' });
    const reply = await enqueue(a.db, {
      kind: 'email',
      payload: { from: { address: 'user5@localhost' }, to: [{ address: 'customer@localhost' }], cc: [], bcc: [], subject: `Re: Refund for order ${run}`, text: 'Refund sent.', inReplyTo: customerMsgId, references: [customerMsgId] },
    }, { sourceId: a.config.id, threadId, now: Date.now() });
    await a.outbox.kick(a.config.id);
    // Console B, partitioned too, a moment later: reopens it as pending and takes it over.
    await commitTeamAction(b.db, { type: 'thread.status', threadIds: [threadId], status: 'pending' }, { author: 'user6', now: () => Date.now() + 5_000 });
    await commitTeamAction(b.db, { type: 'thread.assign', threadIds: [threadId], assignee: 'user6' }, { author: 'user6', now: () => Date.now() + 5_000 });
    await commitTeamAction(b.db, { type: 'thread.priority', threadIds: [threadId], priority: 'high' }, { author: 'user6' });

    const [offA, offB] = [a.until((s) => s.state === 'offline'), b.until((s) => s.state === 'offline')];
    void a.team.sync();
    void b.team.sync();
    const [sa, sb] = await Promise.all([offA, offB]);
    expect(sa, JSON.stringify(a.states.map((x) => [x.state, x.pending, x.message]))).toMatchObject({ state: 'offline', pending: 2 });
    expect(sa.message).toMatch(/cannot be reached|offline|connect/i);
    expect(sa.nextRetryAt).toBeGreaterThan(0);
    expect(sb, JSON.stringify(b.states.map((x) => [x.state, x.pending, x.message]))).toMatchObject({ state: 'offline', pending: 3 });
    // Each console works from IndexedDB: its own edits are visible at once.
    expect(view(await row(a))).toMatchObject({ status: 'closed', assignee: 'user5', tags: ['refund'] });
    expect(view(await row(b))).toMatchObject({ status: 'pending', assignee: 'user6', priority: 'high' });
    const queued = await a.db.outbox.get(reply.id);
    expect(queued, JSON.stringify(queued)).toMatchObject({ status: 'queued', lastError: expect.any(String) });
  });

  it('servers back: every event and the reply are delivered exactly once, and both consoles converge', async () => {
    const doneA = a.until((s) => s.state === 'idle' && s.pending === 0, 60_000);
    const doneB = b.until((s) => s.state === 'idle' && s.pending === 0, 60_000);
    ensureLab(['mail']);
    serversDown = false;
    // No button pressed: the team sync retries on its own backoff timer.
    await Promise.all([doneA, doneB]);
    // One more round each, so each has pulled what the other shipped last.
    await a.team.sync();
    await b.team.sync();
    await a.team.sync();
    // The reply: the outbox retries on its own timer too.
    await a.outbox.kick(a.config.id);
    await a.outbox.idle();
    const sent = await a.db.outbox.toArray();
    expect(sent.map((o) => o.status)).toEqual(['sent']);
    const uids = await waitForMessage('customer', 'INBOX', sent[0]!.messageId);
    expect(uids).toHaveLength(1);

    // Every local event is on the server once.
    const own = [
      ...(await a.db.teamEvents.filter((e) => e.author === 'user5').toArray()),
      ...(await b.db.teamEvents.filter((e) => e.author === 'user6').toArray()),
    ];
    expect(own).toHaveLength(6);
    expect(own.every((e) => e.status === 'sent')).toBe(true);
    const admin = await adminClient('user5');
    try {
      const lock = await admin.getMailboxLock(teamFolder);
      try {
        for (const e of own) {
          const found = await admin.search({ header: { 'Message-ID': `<evt-${e.id}@switchboard>` } }, { uid: true });
          expect(found, e.id).toHaveLength(1);
        }
        expect((await admin.search({ all: true }, { uid: true })) as number[]).toHaveLength(6);
      } finally {
        lock.release();
      }
    } finally {
      await admin.logout();
    }

    // Converged: same state on both, the later clock per field (B's status and assignment were
    // later; A's tag was the only tag change, so it stays).
    const [ra, rb] = [view(await row(a)), view(await row(b))];
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ status: 'pending', assignee: 'user6', priority: 'high', tags: ['refund'] });
    expect(await a.db.teamEvents.count()).toBe(6);
    expect(await b.db.teamEvents.count()).toBe(6);
  });

  it('a crash between "server stored it" and "marked sent" ships again without a second copy', async () => {
    // As after a crash: the server has the events, the console still holds them as 'local'.
    await a.db.teamEvents.filter((e) => e.author === 'user5').modify({ status: 'local' });
    expect(await a.team.pending()).toBe(3);
    await a.team.sync();
    expect(await a.team.pending()).toBe(0);
    const admin = await adminClient('user5');
    try {
      const lock = await admin.getMailboxLock(teamFolder);
      try {
        expect((await admin.search({ all: true }, { uid: true })) as number[]).toHaveLength(6);
      } finally {
        lock.release();
      }
    } finally {
      await admin.logout();
    }
  });
});
