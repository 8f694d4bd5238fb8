// The chat connector against the lab's real Prosody 0.12 (MAM, carbons, smacks, offline storage).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import xml from '@xmpp/xml';
import { ensureLab } from '../../lab/env';
import type { ChatRecord, SourceBatch } from '../../../src/shared/domain';
import type { ChatCursor } from '../../../src/shared/chat/chat-cursor';
import { CodedError } from '../../../src/shared/result';
import { console_, LabClient, SUPPORT, uid } from './chat-lab';
import type { XmppConnector } from '../../../src/main/connectors/xmpp/xmpp-connector';

const chats = (b: SourceBatch) => b.records.filter((r): r is ChatRecord => r.type === 'chat');

/** Pull until the archive has nothing more after the cursor; returns every record and the final cursor. */
async function pullAll(c: XmppConnector, cursor: unknown, limit = 50) {
  const records: ChatRecord[] = [];
  let cur = cursor;
  for (let i = 0; i < 100; i++) {
    const batch = await c.pull(cur, limit);
    records.push(...chats(batch));
    if (batch.cursor !== null) cur = batch.cursor;
    if (!batch.hasMore) return { records, cursor: cur as ChatCursor | null };
  }
  throw new Error('the archive did not end');
}

describe('XMPP chat connector (Prosody)', () => {
  let customer: LabClient;
  let archive: LabClient; // a support@localhost session used only to read where the archive ends
  const open: XmppConnector[] = [];
  const recorders: { invalid: string[] }[] = [];

  function consoleFor(resource: string) {
    const c = console_(`${resource}-${uid()}`);
    open.push(c.connector);
    recorders.push(c.rec);
    return c;
  }

  beforeAll(async () => {
    ensureLab(['xmpp']);
    customer = new LabClient('customer');
    archive = new LabClient('support', `archive-${uid()}`);
    await Promise.all([customer.start(), archive.start()]);
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.stop()));
    // Every event the connector emitted passes the schema main checks before sending it.
    expect(recorders.splice(0).flatMap((r) => r.invalid)).toEqual([]);
  });

  afterAll(async () => {
    await Promise.all([customer?.stop(), archive?.stop()]);
  });

  it('receives a customer message live, shows typing, and the archive gives it the same key', async () => {
    const { connector, rec } = consoleFor('live');
    await connector.start();
    const cursor = await archive.archiveEnd();

    await customer.send(xml('message', { to: SUPPORT.jid, type: 'chat' }, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' })));
    await rec.waitFor((e) => e.event === 'presence:activity' && e.payload.state === 'composing' && e.payload.peer === customer.jid, 'typing');

    const body = `hello live ${uid()}`;
    await customer.say(body);
    const live = await rec.waitForBody(body);
    expect(live).toMatchObject({ type: 'chat', direction: 'inbound', peer: customer.jid, account: SUPPORT.jid, body });
    const liveBatch = rec.events.find((e) => e.event === 'sources:records' && e.payload.records.includes(live));
    expect(liveBatch?.event === 'sources:records' && liveBatch.payload.cursor).toBeNull();

    const { records, cursor: next } = await pullAll(connector, cursor);
    const fromArchive = records.filter((r) => r.body === body);
    expect(fromArchive).toHaveLength(1);
    expect(fromArchive[0]!.sourceKey).toBe(live.sourceKey);
    expect(next?.lastArchiveId).toBe(fromArchive[0]!.archiveId);
    // Pulling again from the new cursor gives nothing (idempotent, cursor-driven).
    expect(chats(await connector.pull(next, 50))).toEqual([]);
  });

  it('catches up from the archive after being offline, without duplicate keys', async () => {
    const { connector, rec } = consoleFor('gap');
    await connector.start();
    const before = await archive.archiveEnd();
    const first = `before the gap ${uid()}`;
    await customer.say(first);
    await rec.waitForBody(first);
    const upToFirst = await pullAll(connector, before);

    await connector.stop();
    await archive.stop(); // no support resource online: the server keeps and archives what comes
    const missed = [1, 2, 3].map((i) => `while away ${i} ${uid()}`);
    for (const m of missed) await customer.say(m);
    await customer.ping();

    await connector.start();
    const caught = await pullAll(connector, upToFirst.cursor, 2); // small pages: exercises hasMore + cursor
    expect(caught.records.map((r) => r.body)).toEqual(missed);
    const all = [...upToFirst.records, ...caught.records, ...rec.liveRecords()];
    const byKey = new Map<string, string>();
    for (const r of all) {
      const seen = byKey.get(r.sourceKey);
      if (seen !== undefined) expect(seen).toBe(r.body); // same key always means the same message
      byKey.set(r.sourceKey, r.body);
    }
    for (const body of [first, ...missed]) expect([...byKey.values()].filter((b) => b === body)).toHaveLength(1);
    await archive.start();
  });

  it('two consoles of the team account see the conversation and each other’s replies (carbons)', async () => {
    const a = consoleFor('desk-a');
    const b = consoleFor('desk-b');
    await Promise.all([a.connector.start(), b.connector.start()]);
    const cursor = await archive.archiveEnd();

    const question = `two desks ${uid()}`;
    await customer.say(question);
    const [ra, rb] = await Promise.all([a.rec.waitForBody(question), b.rec.waitForBody(question)]);
    // Each console is its own source (its own id) but both see the same archived message.
    expect(ra.archiveId).toBe(rb.archiveId);

    const answer = `answer from desk a ${uid()}`;
    const res = await a.connector.deliver({ kind: 'chat', id: uid(), sourceId: a.config.id, messageId: `m-${uid()}`, attempts: 0, payload: { to: customer.jid, body: answer } });
    expect(res.status).toBe('sent');
    await customer.waitForBody(answer);
    const carbon = await b.rec.waitForBody(answer);
    expect(carbon).toMatchObject({ direction: 'outbound', peer: customer.jid, agent: a.config.resource });

    // Desk a learns of its own reply through the archive (it asked the renderer to pull).
    await a.rec.waitFor((e) => e.event === 'sources:changed', 'sources:changed after sending');
    const pulled = await pullAll(a.connector, cursor);
    const own = pulled.records.find((r) => r.body === answer);
    expect(own).toMatchObject({ archiveId: carbon.archiveId, direction: 'outbound', agent: a.config.resource });

    // The other agent's reply also reaches b's desk when b answers: a sees b's reply.
    const answer2 = `answer from desk b ${uid()}`;
    await b.connector.deliver({ kind: 'chat', id: uid(), sourceId: b.config.id, messageId: `m-${uid()}`, attempts: 0, payload: { to: customer.jid, body: answer2 } });
    expect(await a.rec.waitForBody(answer2)).toMatchObject({ direction: 'outbound', agent: b.config.resource });
  });

  it('an offline reply goes out exactly once after reconnecting; a retry after success is already-sent', async () => {
    const { connector, config } = consoleFor('outbox');
    const messageId = `outbox-${uid()}`;
    const body = `exactly once ${uid()}`;
    const req = (attempts: number) => ({ kind: 'chat' as const, id: messageId, sourceId: config.id, messageId, attempts, payload: { to: customer.jid, body } });

    // Not connected: refused as offline, nothing sent.
    const offline = await connector.deliver(req(0)).catch((e: unknown) => e);
    expect(offline).toBeInstanceOf(CodedError);
    expect((offline as CodedError).code).toBe('offline');

    await connector.start();
    // The outbox retries (attempts=1): the archive has no copy, so it is sent now.
    expect((await connector.deliver(req(1))).status).toBe('sent');
    await customer.waitForBody(body);

    // A retry after an unknown outcome finds the copy in the archive and does not resend.
    const again = await connector.deliver(req(2));
    expect(again.status).toBe('already-sent');
    expect(again.at).toBeGreaterThan(Date.now() - 5 * 60_000);

    // Messages are delivered in order: once a later sentinel arrives, any duplicate would have too.
    const sentinel = `sentinel ${uid()}`;
    await connector.deliver({ ...req(0), id: `s-${uid()}`, messageId: `s-${uid()}`, payload: { to: customer.jid, body: sentinel } });
    await customer.waitForBody(sentinel);
    expect(customer.bodies().filter((b) => b === body)).toHaveLength(1);
  });

  it('refuses bad replies with a clear reason', async () => {
    const { connector, config } = consoleFor('bad-out');
    await connector.start();
    const base = { kind: 'chat' as const, id: 'x', sourceId: config.id, messageId: `bad-${uid()}`, attempts: 0 };
    await expect(connector.deliver({ ...base, payload: { to: customer.jid, body: '   ' } })).rejects.toMatchObject({ code: 'rejected' });
    await expect(connector.deliver({ ...base, payload: { to: customer.jid, body: 'x'.repeat(70_000) } })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('65536') });
    await expect(connector.deliver({ ...base, payload: { to: SUPPORT.jid, body: 'to myself' } })).rejects.toMatchObject({ code: 'rejected' });
    // A recipient the server does not know bounces; the error names the condition.
    await expect(connector.deliver({ ...base, messageId: `bounce-${uid()}`, payload: { to: 'nobody-here@localhost', body: 'hello?' } })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('refused the reply') });
  });

  it('bad stanzas do not crash it, are reported, and valid messages after them still arrive', async () => {
    const { connector, rec } = consoleFor('bad-in');
    await connector.start();
    const marker = uid();
    const chat = (...children: ReturnType<typeof xml>[]) => xml('message', { to: SUPPORT.jid, type: 'chat', id: uid() }, ...children);

    await customer.send(chat(xml('body', {}, '   ')));
    await customer.send(chat(xml('weird', { xmlns: 'urn:example:unknown-payload' }, marker)));
    const huge = `huge ${marker} ${'x'.repeat(70_000)}`;
    await customer.say(huge);
    // A customer forging an agent's reply as a carbon, with a malformed inner sender.
    await customer.send(
      chat(
        xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: 'urn:xmpp:forward:0' }, xml('message', { from: 'bad jid@@localhost', to: customer.jid, type: 'chat' }, xml('body', {}, `forged ${marker}`)))),
      ),
    );
    const valid = `still fine ${marker}`;
    await customer.say(valid);

    await rec.waitForBody(valid);
    expect(connector.state).toBe('online');
    const reasons = rec.liveProblems().map((p) => p.reason);
    expect(reasons.some((r) => r.includes('body is empty'))).toBe(true);
    expect(reasons.some((r) => r.includes('urn:example:unknown-payload'))).toBe(true);
    expect(reasons.some((r) => r.includes('forged carbon'))).toBe(true);
    expect(reasons.some((r) => r.includes('cut to the 65536-byte limit'))).toBe(true);
    const records = rec.liveRecords();
    expect(records.some((r) => r.type === 'chat' && r.body.includes(`forged ${marker}`))).toBe(false);
    const kept = records.find((r) => r.type === 'chat' && r.body.startsWith(`huge ${marker}`)) as ChatRecord | undefined;
    expect(kept?.body.length).toBe(65_536);
    expect(kept?.warnings[0]).toContain('cut');
  });

  it('pull with an unreadable cursor reports it and reads from the start instead of failing', async () => {
    const { connector } = consoleFor('badcursor');
    await connector.start();
    const batch = await connector.pull({ nonsense: true }, 5);
    expect(batch.problems?.[0]?.reason).toContain('archive id');
    expect(batch.records.length).toBeGreaterThan(0);
  });

  it('reconnects by itself after the connection drops, and keeps receiving', async () => {
    const { connector, rec, config } = consoleFor('reconnect');
    await connector.start();
    const isStatus = (state: string, after = 0) => (e: (typeof rec.events)[number]) =>
      e.event === 'sources:status' && e.payload.state === state && rec.events.indexOf(e) >= after;
    // Drop the session from the server side: a second login with the same resource replaces it.
    const usurper = new LabClient('support', config.resource);
    await usurper.start();
    const dropped = await rec.waitFor(isStatus('offline'), 'the connector to notice the drop');
    expect(dropped.event === 'sources:status' && dropped.payload.nextRetryAt).toBeGreaterThan(0);
    await usurper.stop();
    await rec.waitFor(isStatus('online', rec.events.indexOf(dropped)), 'the connector to come back', 30_000);
    expect(connector.state).toBe('online');
    const body = `after reconnect ${uid()}`;
    await customer.say(body);
    await rec.waitForBody(body);
  });
});
