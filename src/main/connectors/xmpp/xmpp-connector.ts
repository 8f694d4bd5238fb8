/**
 * The chat source: one team account (e.g. support@example.com) on an XMPP server, one resource per
 * agent console.
 *
 * - Live: a session with carbons (XEP-0280) so every console sees the whole conversation, including
 *   other agents' replies; stream management (XEP-0198); reconnect with backoff. Each message with a
 *   server archive id is pushed at once as a `sources:records` batch whose cursor is null ("do not
 *   move the cursor"); typing (XEP-0085) goes out as `presence:activity`.
 * - Pull: the renderer's cursor is the archive id of the last stored message; pull() pages the
 *   archive (XEP-0313) after it. Live copies and archive copies of a message share the server's
 *   stanza-id (XEP-0359), hence the same sourceKey, so nothing is stored twice.
 * - Deliver: an agent's reply carries the outbox messageId as stanza id and origin-id. When a retry
 *   follows an attempt of unknown outcome (attempts > 0), the archive is searched for that id first,
 *   and a hit returns 'already-sent' instead of a second message.
 */
import xml, { type Element } from '@xmpp/xml';
import type { ChatRecord, ImportProblem, SourceBatch } from '../../../shared/domain';
import type { DeliverResult } from '../../../shared/ipc/contract';
import type { DeliverRequest, XmppSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { parseChatCursor, type ChatCursor } from '../../../shared/chat/chat-cursor';
import { bareJid } from '../../../shared/chat/jid';
import { MAX_BODY_BYTES } from '../../../shared/chat/message-validation';
import { Backoff } from '../../../shared/backoff';
import type { Connector, ConnectorContext } from '../connector';
import { classifyMessage, clientMessageId, type Classified } from './classify-stanza';
import { queryArchive, type MamPage } from './mam-query';
import { NS } from './namespaces';
import { clientOptionsFor, codedConnectError, createXmppClient, plainRefusal, type XmppClient, type XmppClientOptions } from './xmpp-client';

/** Largest archive page asked for at once (servers cap it anyway; Prosody's default is 50..500). */
export const MAX_PAGE = 250;
/** How far back a resend looks for an earlier copy of the same reply (messages with that customer). */
const RESEND_SEARCH_PAGES = 10;
const RESEND_PAGE = 100;

export interface XmppConnectorOptions {
  now?: () => number;
  backoff?: Backoff;
  /** Per network round trip (connect, iq). */
  timeoutMs?: number;
  /** How long pull() waits for a session that is still connecting. */
  pullWaitMs?: number;
}

export interface XmppConnector extends Connector {
  /** Resolves once the session is online (for tests and the bench). */
  whenOnline(timeoutMs?: number): Promise<void>;
  readonly state: Phase;
  start(): Promise<void>;
  deliver(req: DeliverRequest): Promise<DeliverResult>;
}

type Phase = 'idle' | 'connecting' | 'online' | 'waiting' | 'failed' | 'stopped';

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CodedError('timeout', `${what} took longer than ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Map an error met on an established session (iq failed, socket gone). */
function sessionError(e: unknown, what: string): CodedError {
  if (e instanceof CodedError) return e;
  const err = e as { name?: string; condition?: string; message?: string };
  if (err?.name === 'TimeoutError') return new CodedError('timeout', `${what}: the server did not answer in time.`);
  if (err?.name === 'StanzaError') {
    if (err.condition === 'feature-not-implemented' || err.condition === 'service-unavailable') {
      return new CodedError('capability', `${what}: the server does not support it (${err.condition}); it needs message archiving (XEP-0313, Prosody mod_mam).`);
    }
    return new CodedError('rejected', `${what}: the server refused (${err.condition}).`);
  }
  return new CodedError('offline', `${what}: ${err?.message ?? String(e)}`);
}

export function createXmppConnector(
  config: XmppSourceConfig,
  ctx: ConnectorContext,
  opts: XmppConnectorOptions = {},
): XmppConnector {
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const pullWaitMs = opts.pullWaitMs ?? 20_000;
  const backoff = opts.backoff ?? new Backoff({ baseMs: 1000, maxMs: 5 * 60_000 });
  const account = bareJid(config.jid) ?? config.jid.toLowerCase();
  const clientOpts: XmppClientOptions | undefined = ctx.password ? { ...clientOptionsFor(config, ctx.password), timeoutMs } : undefined;

  let phase: Phase = 'idle';
  let client: XmppClient | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let changedTimer: NodeJS.Timeout | undefined;
  let firstAttempt: Promise<void> | undefined;
  let lastError: CodedError | undefined;
  let deliverChain: Promise<unknown> = Promise.resolve();
  const onlineWaiters = new Set<{ resolve: () => void; reject: (e: Error) => void }>();

  const problem = (reason: string): ImportProblem => ({ sourceId: config.id, reason, ts: now() });

  function settleWaiters(error?: Error) {
    for (const w of onlineWaiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
    onlineWaiters.clear();
  }

  function signalChanged() {
    if (changedTimer) return;
    changedTimer = setTimeout(() => {
      changedTimer = undefined;
      ctx.emit('sources:changed', { sourceId: config.id });
    }, 100);
  }

  function pushLive(result: Classified) {
    const problems = result.problem ? [problem(result.problem)] : [];
    if (result.problem) ctx.log(`chat: ${result.problem}`);
    if (result.activity) ctx.emit('presence:activity', { sourceId: config.id, ...result.activity });
    if (result.record || problems.length) {
      const batch: SourceBatch = {
        sourceId: config.id,
        records: result.record ? [result.record] : [],
        // Live records never move the cursor: only an archive pull does.
        cursor: null,
        hasMore: false,
        ...(problems.length ? { problems } : {}),
      };
      ctx.emit('sources:records', batch);
    }
    if (result.needsPull) signalChanged();
  }

  function onStanza(stanza: Element) {
    try {
      if (!stanza.is('message')) return;
      // Archive results belong to the query that asked for them.
      if (stanza.getChild('result', NS.mam)) return;
      pushLive(classifyMessage(stanza, { sourceId: config.id, account, now: now() }));
    } catch (e) {
      ctx.log(`chat: a stanza could not be read and was skipped: ${(e as Error).message}`);
    }
  }

  function onDisconnect() {
    if (phase !== 'online') return;
    phase = 'waiting';
    scheduleRetry(new CodedError('offline', 'Lost the connection to the chat server.'));
  }

  function discardClient() {
    const c = client;
    client = undefined;
    if (!c) return;
    c.entity.removeListener('stanza', onStanza);
    c.entity.removeListener('disconnect', onDisconnect);
    // Keep an error listener: a late socket error must never become an uncaught exception.
    c.entity.disconnect().catch(() => undefined);
  }

  function newClient(o: XmppClientOptions): XmppClient {
    const c = createXmppClient(o);
    c.entity.on('error', (e: Error) => ctx.log(`xmpp: ${e.message}`));
    c.entity.on('stanza', onStanza);
    c.entity.on('disconnect', onDisconnect);
    return c;
  }

  async function ping(c: XmppClient) {
    await c.iqCaller.request(xml('iq', { type: 'get', to: c.entity.options.domain }, xml('ping', { xmlns: NS.ping })), timeoutMs);
  }

  async function openSession(o: XmppClientOptions): Promise<void> {
    let c = client;
    let resumed = false;
    if (c && c.entity.status !== 'offline' && c.streamManagement.id) {
      // Try to resume the stream (XEP-0198); the server then replays what we missed.
      const online = new Promise<boolean>((resolve, reject) => {
        const entity = c!.entity;
        const sm = c!.streamManagement;
        const done = (r: boolean) => {
          entity.removeListener('online', onOnline);
          sm.removeListener('resumed', onResumed);
          entity.removeListener('error', onError);
          resolve(r);
        };
        const onOnline = () => done(false);
        const onResumed = () => done(true);
        const onError = (e: Error) => {
          entity.removeListener('online', onOnline);
          sm.removeListener('resumed', onResumed);
          reject(e);
        };
        entity.once('online', onOnline);
        sm.once('resumed', onResumed);
        entity.once('error', onError);
      });
      await c.entity.connect(o.service);
      await c.entity.open({ domain: o.domain });
      resumed = await online;
      // Resumption refused: a new session was bound; let SM settle before any presence (see startSession).
      if (!resumed) await c.smSettled();
    } else {
      discardClient();
      c = client = newClient(o);
      await c.startSession();
    }
    if (!resumed) {
      // Carbons first, then presence: no message may slip between "available" and "copies on".
      try {
        await c.iqCaller.request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons })), timeoutMs);
      } catch (e) {
        ctx.log(`chat: carbons could not be enabled (${(e as Error).message}); other agents' replies show only after an archive pull`);
      }
      await c.entity.send(xml('presence', {}, xml('priority', {}, '1')));
    }
    // One round trip: the server has processed the presence (and routes bare-JID messages here).
    await ping(c);
  }

  function scheduleRetry(error: CodedError) {
    lastError = error;
    if (phase === 'stopped') return;
    if (error.code === 'auth' || (error.code === 'tls' && /refusing|self-signed/.test(error.message))) {
      // Retrying cannot fix a wrong password or a certificate policy: wait for the agent.
      phase = 'failed';
      ctx.setStatus({ state: 'error', message: error.message });
      settleWaiters(error);
      return;
    }
    phase = 'waiting';
    const delay = backoff.next();
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void attempt().catch(() => undefined);
    }, delay);
    ctx.setStatus({ state: 'offline', message: error.message, nextRetryAt: now() + delay });
  }

  async function attempt(): Promise<void> {
    if (phase === 'stopped') return;
    const refused = plainRefusal(config);
    if (!clientOpts || refused) {
      const e = refused ?? new CodedError('auth', 'No password is stored for this chat account.');
      phase = 'failed';
      ctx.setStatus({ state: 'error', message: e.message });
      settleWaiters(e);
      throw e;
    }
    phase = 'connecting';
    ctx.setStatus({ state: 'connecting' });
    try {
      await withTimeout(openSession(clientOpts), timeoutMs * 2, 'Connecting to the chat server');
    } catch (e) {
      const coded = codedConnectError(e, clientOpts);
      if ((phase as Phase) === 'stopped') throw coded;
      discardClient();
      scheduleRetry(coded);
      throw coded;
    }
    if ((phase as Phase) === 'stopped') {
      discardClient();
      return;
    }
    phase = 'online';
    lastError = undefined;
    backoff.success();
    ctx.setStatus({ state: 'online' });
    settleWaiters();
    // Catch up on what arrived while we were away: the renderer pulls the archive.
    signalChanged();
  }

  function whenOnline(waitMs = pullWaitMs): Promise<void> {
    if (phase === 'online') return Promise.resolve();
    if (phase === 'stopped' || phase === 'idle') {
      return Promise.reject(new CodedError('offline', 'The chat account is not connected.'));
    }
    if (phase === 'failed') return Promise.reject(lastError ?? new CodedError('offline', 'The chat account is not connected.'));
    return new Promise<void>((resolve, reject) => {
      const waiter = { resolve: () => (clearTimeout(timer), resolve()), reject: (e: Error) => (clearTimeout(timer), reject(e)) };
      const timer = setTimeout(() => {
        onlineWaiters.delete(waiter);
        reject(new CodedError('offline', lastError ? `The chat account is offline: ${lastError.message}` : 'The chat account is still connecting.'));
      }, waitMs);
      onlineWaiters.add(waiter);
    });
  }

  function classifyPage(page: MamPage, problems: ImportProblem[]): ChatRecord[] {
    const records: ChatRecord[] = [];
    for (const stanza of page.results) {
      try {
        const r = classifyMessage(stanza, { sourceId: config.id, account, now: now(), queryId: page.queryId });
        if (r.problem) {
          problems.push(problem(r.problem));
          ctx.log(`chat: ${r.problem}`);
        }
        if (r.record) records.push(r.record);
      } catch (e) {
        problems.push(problem(`an archived message could not be read: ${(e as Error).message}`));
      }
    }
    return records;
  }

  async function pull(cursor: unknown, limit: number): Promise<SourceBatch> {
    const problems: ImportProblem[] = [];
    const parsed = parseChatCursor(cursor);
    let from: ChatCursor | null = null;
    if (parsed.ok) from = parsed.cursor;
    else problems.push(problem(`${parsed.reason}; reading the archive from the start (records already stored are not duplicated)`));

    if (phase === 'idle') await start().catch(() => undefined);
    await whenOnline();
    const c = client;
    if (!c) throw new CodedError('offline', 'The chat account is not connected.');
    const max = Math.max(1, Math.min(MAX_PAGE, Math.floor(limit) || MAX_PAGE));

    let page: MamPage;
    try {
      page = await queryArchive(c, { max, ...(from ? { after: from.lastArchiveId } : {}) }, timeoutMs);
    } catch (e) {
      const err = e as { name?: string; condition?: string };
      if (from && err?.name === 'StanzaError' && err.condition === 'item-not-found') {
        // The archive no longer knows our id (purged, or a new server): continue from the time.
        problems.push(problem(`the archive no longer holds message ${from.lastArchiveId}; continuing from its time`));
        try {
          page = await queryArchive(c, { max, start: new Date(Math.max(0, from.lastTs - 1000)).toISOString() }, timeoutMs);
        } catch (e2) {
          throw sessionError(e2, 'Reading the chat archive');
        }
      } else {
        throw sessionError(e, 'Reading the chat archive');
      }
    }

    const records = classifyPage(page, problems);
    const lastResult = page.results[page.results.length - 1]?.getChild('result', NS.mam);
    const lastId = page.last ?? lastResult?.attrs.id;
    let next: ChatCursor | null = from;
    if (lastId && page.results.length) {
      const lastRecord = records.find((r) => r.archiveId === lastId);
      const stamp = lastResult?.getChild('forwarded', NS.forward)?.getChild('delay', NS.delay)?.attrs.stamp;
      const lastTs = lastRecord?.ts ?? (stamp ? Date.parse(stamp) : NaN);
      next = { lastArchiveId: lastId, lastTs: Number.isFinite(lastTs) ? lastTs : (from?.lastTs ?? 0) };
    }
    const hasMore = !page.complete && page.results.length > 0;
    return {
      sourceId: config.id,
      records,
      cursor: next,
      hasMore,
      ...(problems.length ? { problems } : {}),
    };
  }

  /** Look for an earlier copy of our reply `messageId` to `peer` in the archive. */
  async function findSent(c: XmppClient, peer: string, messageId: string): Promise<number | undefined> {
    let before = '';
    for (let i = 0; i < RESEND_SEARCH_PAGES; i++) {
      const page = await queryArchive(c, { with: peer, before, max: RESEND_PAGE }, timeoutMs);
      for (const stanza of page.results) {
        const forwarded = stanza.getChild('result', NS.mam)?.getChild('forwarded', NS.forward);
        const msg = forwarded?.getChild('message');
        if (!msg || bareJid(msg.attrs.from ?? '') !== account) continue;
        if (clientMessageId(msg) === messageId || msg.attrs.id === messageId) {
          const stamp = forwarded?.getChild('delay', NS.delay)?.attrs.stamp;
          const t = stamp ? Date.parse(stamp) : NaN;
          return Number.isFinite(t) ? t : now();
        }
      }
      if (page.complete || !page.results.length || !page.first) return undefined;
      before = page.first;
    }
    return undefined;
  }

  async function sendOnce(req: Extract<DeliverRequest, { kind: 'chat' }>): Promise<DeliverResult> {
    const to = bareJid(req.payload.to);
    if (!to) throw new CodedError('rejected', `"${req.payload.to}" is not a valid chat address.`);
    if (to === account) throw new CodedError('rejected', 'A reply cannot be sent to the team account itself.');
    const body = req.payload.body;
    if (!body.trim()) throw new CodedError('rejected', 'The reply is empty.');
    if (utf8Length(body) > MAX_BODY_BYTES) {
      throw new CodedError('rejected', `The reply is ${utf8Length(body)} bytes; chat messages are limited to ${MAX_BODY_BYTES} bytes.`);
    }
    const c = client;
    if (phase !== 'online' || !c) {
      throw new CodedError('offline', 'The chat account is offline; the reply stays in the outbox and goes out after reconnecting.');
    }

    if (req.attempts > 0) {
      let found: number | undefined;
      try {
        found = await findSent(c, to, req.messageId);
      } catch (e) {
        // Without the archive we cannot tell whether the earlier try went out: do not risk a duplicate.
        throw sessionError(e, 'Checking whether the reply was already sent');
      }
      if (found !== undefined) return { status: 'already-sent', at: found };
    }

    // A bounce for this id (recipient unknown...) arrives before the answer to our ping.
    let bounce: string | undefined;
    const onBounce = (stanza: Element) => {
      if (stanza.is('message') && stanza.attrs.type === 'error' && stanza.attrs.id === req.messageId) {
        bounce = stanza.getChild('error')?.getChildElements()[0]?.name ?? 'error';
      }
    };
    c.entity.on('stanza', onBounce);
    try {
      const message = xml(
        'message',
        { to, type: 'chat', id: req.messageId },
        xml('body', {}, body),
        xml('origin-id', { xmlns: NS.sid, id: req.messageId }),
        xml('active', { xmlns: NS.chatStates }),
      );
      try {
        await c.entity.send(message);
      } catch (e) {
        throw new CodedError('unknown-outcome', `The connection failed while sending the reply (${(e as Error).message}); it will be checked against the archive before any resend.`);
      }
      try {
        // The server handles a stream in order: once it answers the ping, it has taken the message.
        await ping(c);
      } catch (e) {
        throw new CodedError('unknown-outcome', `The server did not confirm the reply (${(e as Error).message}); it will be checked against the archive before any resend.`);
      }
    } finally {
      c.entity.removeListener('stanza', onBounce);
    }
    if (bounce) throw new CodedError('rejected', `The server refused the reply to ${to} (${bounce}).`);
    // Our own copy is not carbon-copied back to us: let the renderer pull it from the archive.
    signalChanged();
    return { status: 'sent', at: now() };
  }

  async function start(): Promise<void> {
    if (phase === 'connecting' || phase === 'online' || phase === 'waiting') return firstAttempt;
    phase = 'connecting';
    firstAttempt = attempt();
    return firstAttempt;
  }

  return {
    sourceId: config.id,
    get state() {
      return phase;
    },
    whenOnline,
    pull,
    start,
    async stop() {
      phase = 'stopped';
      clearTimeout(retryTimer);
      clearTimeout(changedTimer);
      retryTimer = changedTimer = undefined;
      settleWaiters(new CodedError('offline', 'The chat account was disconnected.'));
      const c = client;
      client = undefined;
      if (c) {
        c.entity.removeListener('stanza', onStanza);
        c.entity.removeListener('disconnect', onDisconnect);
        await withTimeout(c.entity.stop(), 5000, 'Closing the chat session').catch(() => c.entity.disconnect().catch(() => undefined));
      }
      ctx.setStatus({ state: 'offline', message: 'Disconnected.' });
    },
    deliver(req) {
      if (req.kind !== 'chat') return Promise.reject(new CodedError('invalid-payload', 'A chat source only sends chat messages.'));
      // One reply at a time, in the order they were asked for.
      const run = deliverChain.then(() => sendOnce(req));
      deliverChain = run.catch(() => undefined);
      return run;
    },
  };
}
