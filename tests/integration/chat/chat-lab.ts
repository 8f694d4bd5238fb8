/**
 * Helpers for the chat integration suites: connectors for support@localhost consoles with an
 * event recorder, and a customer client that talks to the lab's Prosody.
 */
import { randomUUID } from 'node:crypto';
import xml, { type Element } from '@xmpp/xml';
import { lab } from '../../lab/env';
import type { EventContract } from '../../../src/shared/ipc/contract';
import type { XmppSourceConfig } from '../../../src/shared/ipc/schemas';
import type { ConnectorContext } from '../../../src/main/connectors/connector';
import { createXmppConnector, type XmppConnector } from '../../../src/main/connectors/xmpp/xmpp-connector';
import { createXmppClient, type XmppClient } from '../../../src/main/connectors/xmpp/xmpp-client';
import { queryArchive } from '../../../src/main/connectors/xmpp/mam-query';
import type { ChatCursor } from '../../../src/shared/chat/chat-cursor';
import type { ChatRecord } from '../../../src/shared/domain';
import { checkEvent } from '../../../src/shared/ipc/event-schemas';

export const SUPPORT = lab.users.support;
export const WAIT_MS = 20_000;

export type Recorded = { [E in keyof EventContract]: { event: E; payload: EventContract[E] } }[keyof EventContract];

export function chatConfig(resource: string, over: Partial<XmppSourceConfig> = {}): XmppSourceConfig {
  return {
    kind: 'xmpp',
    id: `chat-it-${resource}`,
    label: `Chat ${resource}`,
    enabled: true,
    jid: SUPPORT.jid,
    host: lab.xmpp.host,
    port: lab.xmpp.port,
    security: 'starttls',
    allowSelfSigned: true,
    resource,
    sessionGapMinutes: 30,
    ...over,
  };
}

/** Events recorded from a connector, with an awaitable "first event matching". */
export class Recorder {
  readonly events: Recorded[] = [];
  readonly statuses: string[] = [];
  readonly logs: string[] = [];
  private waiters: { pred: (e: Recorded) => boolean; resolve: (e: Recorded) => void }[] = [];

  /** Events main would refuse to send (they fail the event schema, src/shared/ipc/event-schemas.ts). */
  readonly invalid: string[] = [];

  push(e: Recorded) {
    this.events.push(e);
    const check = checkEvent(e.event, e.payload);
    if (!check.ok) this.invalid.push(`${e.event}: ${check.reason}`);
    for (const w of [...this.waiters]) {
      if (w.pred(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  }

  /** The first event (already seen or future) matching pred. */
  waitFor(pred: (e: Recorded) => boolean, what: string, ms = WAIT_MS): Promise<Recorded> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; events: ${JSON.stringify(this.events.map((e) => e.event))}`)), ms);
      this.waiters.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  liveRecords() {
    return this.events.flatMap((e) => (e.event === 'sources:records' ? e.payload.records : [])).filter((r): r is ChatRecord => r.type === 'chat');
  }

  liveProblems() {
    return this.events.flatMap((e) => (e.event === 'sources:records' ? (e.payload.problems ?? []) : []));
  }

  waitForBody(body: string, what = `a record with body "${body.slice(0, 40)}"`) {
    return this.waitFor((e) => e.event === 'sources:records' && e.payload.records.some((r) => r.type === 'chat' && r.body === body), what).then(
      (e) => (e.event === 'sources:records' ? (e.payload.records.find((r) => r.type === 'chat' && r.body === body) as ChatRecord) : never()),
    );
  }
}

function never(): never {
  throw new Error('unreachable');
}

export function console_(resource: string, over: Partial<XmppSourceConfig> = {}, password = SUPPORT.pass): { connector: XmppConnector; rec: Recorder; config: XmppSourceConfig } {
  const rec = new Recorder();
  const config = chatConfig(resource, over);
  const ctx: ConnectorContext = {
    password,
    emit: (event, payload) => rec.push({ event, payload } as Recorded),
    setStatus: (s) => {
      rec.statuses.push(s.state);
      rec.push({ event: 'sources:status', payload: { sourceId: config.id, kind: 'xmpp', label: config.label, ...s } });
    },
    log: (line) => rec.logs.push(line),
    resourcesDir: '/nonexistent',
  };
  return { connector: createXmppConnector(config, ctx, { timeoutMs: 10_000 }), rec, config };
}

export const uid = () => randomUUID().slice(0, 8);

/** A plain XMPP client for a lab user (the customer's side of the conversation). */
export class LabClient {
  readonly client: XmppClient;
  readonly received: Element[] = [];
  private listeners: ((s: Element) => void)[] = [];

  constructor(readonly name: 'customer' | 'customer2' | 'support', resource = `web-${uid()}`) {
    const u = lab.users[name];
    this.client = createXmppClient({
      service: lab.xmpp.service,
      domain: lab.xmpp.domain,
      username: u.user,
      password: u.pass,
      resource,
      requireTls: true,
      allowSelfSigned: true,
    });
    this.client.entity.on('error', () => undefined);
    this.client.entity.on('stanza', (s: Element) => {
      if (s.is('message')) this.received.push(s);
      for (const l of this.listeners) l(s);
    });
  }

  get jid(): string {
    return lab.users[this.name].jid;
  }

  /** priority: the connector's consoles use 1; a message to the bare JID reaches every resource of
   *  the highest priority, so a client meant to see those messages too must match it. */
  async start(priority = 0) {
    await this.client.startSession();
    await this.client.entity.send(xml('presence', {}, xml('priority', {}, String(priority))));
    await this.ping();
  }

  /** One round trip: the server has processed everything this client sent before. */
  ping() {
    return this.client.iqCaller.request(xml('iq', { type: 'get', to: lab.xmpp.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })), WAIT_MS);
  }

  async say(body: string, to = SUPPORT.jid, extra: Element[] = []) {
    await this.client.entity.send(xml('message', { to, type: 'chat', id: uid() }, xml('body', {}, body), ...extra));
  }

  send(stanza: Element) {
    return this.client.entity.send(stanza);
  }

  bodies(): string[] {
    return this.received.map((m) => m.getChildText('body')).filter((b): b is string => b !== null);
  }

  waitForBody(body: string, ms = WAIT_MS): Promise<Element> {
    const seen = this.received.find((m) => m.getChildText('body') === body);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not receive "${body}"`)), ms);
      const l = (s: Element) => {
        if (s.is('message') && s.getChildText('body') === body) {
          clearTimeout(timer);
          this.listeners.splice(this.listeners.indexOf(l), 1);
          resolve(s);
        }
      };
      this.listeners.push(l);
    });
  }

  /** The archive position now: pulls from here see only what happens next. */
  async archiveEnd(): Promise<ChatCursor | null> {
    const page = await queryArchive(this.client, { before: '', max: 1 });
    const last = page.results[page.results.length - 1];
    const id = last?.getChild('result', 'urn:xmpp:mam:2')?.attrs.id;
    return id ? { lastArchiveId: id, lastTs: Date.now() } : null;
  }

  async stop() {
    await this.client.entity.stop().catch(() => undefined);
  }
}
