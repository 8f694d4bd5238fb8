/**
 * Builds an xmpp.js client from its parts instead of using @xmpp/client's ready-made one, for two
 * reasons: the certificate policy (a lab or in-house server with a self-signed certificate is only
 * accepted when the agent allowed it, per source, never process-wide through
 * NODE_TLS_REJECT_UNAUTHORIZED), and STARTTLS must be enforced when the source asks for it
 * (@xmpp/client silently stays in plaintext when the server offers no STARTTLS).
 *
 * The parts are the same packages @xmpp/client 0.14 wires together: TCP and direct-TLS transports,
 * SASL (SCRAM-SHA-1, PLAIN only over TLS or when the agent chose a plain connection), resource
 * binding, stream management (XEP-0198) and the iq caller/callee. No reconnect module: the
 * connector schedules its own reconnects with backoff.
 */
import net from 'node:net';
import tls from 'node:tls';
import { Client } from '@xmpp/client-core';
import xml, { type Element } from '@xmpp/xml';
import { promise } from '@xmpp/events';
import middlewareFactory, { type MiddlewareApi } from '@xmpp/middleware';
import streamFeaturesFactory from '@xmpp/stream-features';
import iqCallerFactory, { type IqCaller } from '@xmpp/iq/caller.js';
import iqCalleeFactory from '@xmpp/iq/callee.js';
import tcpTransport from '@xmpp/tcp';
import tlsTransport from '@xmpp/tls';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import saslFactoryPlugin from '@xmpp/sasl';
import scramSha1 from '@xmpp/sasl-scram-sha-1';
import plainMechanism from '@xmpp/sasl-plain';
import SASLFactory from 'saslmechanisms';
import resourceBinding from '@xmpp/resource-binding';
import streamManagementFactory, { type StreamManagement } from '@xmpp/stream-management';
import { CodedError } from '../../../shared/result';
import { xmppServerHost } from '../../../shared/chat/jid';
import { isLocalNetworkHost, PLAIN_ONLY_LOCAL } from '../../../shared/security/local-host';
import type { XmppSourceConfig } from '../../../shared/ipc/schemas';
import { NS } from './namespaces';

export interface XmppClientOptions {
  /** xmpp://host:port (STARTTLS or plain) or xmpps://host:port (direct TLS). */
  service: string;
  domain: string;
  username: string;
  password: string;
  resource: string;
  /** Refuse to authenticate unless the stream is encrypted. */
  requireTls: boolean;
  /** Accept a certificate that does not verify (self-signed lab server). */
  allowSelfSigned: boolean;
  timeoutMs?: number;
}

export interface XmppClient {
  entity: Client;
  iqCaller: IqCaller;
  streamManagement: StreamManagement;
  middleware: MiddlewareApi;
  /**
   * Open a fresh session and wait until stream management is settled. Use this instead of
   * entity.start(): xmpp.js reports 'online' at resource binding, before <enabled/>, and resets its
   * inbound counter asynchronously; a stanza arriving in between is miscounted and Prosody then
   * closes the stream ("Client acknowledged more stanzas than sent by server"). So no presence (and
   * hence no message) may be sent before SM is settled.
   */
  startSession(): Promise<void>;
  /** Resolves once the current stream's SM negotiation is over (or at once without SM). */
  smSettled(): Promise<void>;
}

/** Why this configuration may not connect unencrypted (a plain connection to a non-local host), or undefined. */
export function plainRefusal(config: XmppSourceConfig): CodedError | undefined {
  if (config.security !== 'plain') return undefined;
  const host = xmppServerHost(config);
  return isLocalNetworkHost(host) ? undefined : new CodedError('tls', `XMPP (${host}): ${PLAIN_ONLY_LOCAL}`);
}

/** Where and how to connect, from a source configuration. */
export function clientOptionsFor(config: XmppSourceConfig, password: string): XmppClientOptions {
  const at = config.jid.indexOf('@');
  const username = config.jid.slice(0, at);
  const domain = config.jid.slice(at + 1).toLowerCase();
  const host = xmppServerHost(config);
  const direct = config.security === 'tls';
  const port = config.port || (direct ? 5223 : 5222);
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    service: `${direct ? 'xmpps' : 'xmpp'}://${hostPart}:${port}`,
    domain,
    username,
    password,
    resource: config.resource,
    requireTls: config.security !== 'plain',
    allowSelfSigned: config.allowSelfSigned,
  };
}

function tlsOptions(opts: XmppClientOptions): tls.ConnectionOptions {
  return {
    servername: opts.domain,
    rejectUnauthorized: !opts.allowSelfSigned,
  };
}

export function createXmppClient(opts: XmppClientOptions): XmppClient {
  const entity = new Client({ service: opts.service, domain: opts.domain, timeout: opts.timeoutMs ?? 10_000 });
  tcpTransport({ entity });
  tlsTransport({ entity });

  // Direct TLS: add the certificate policy to the socket parameters of the xmpps transport.
  const baseParams = entity.socketParameters.bind(entity);
  entity.socketParameters = (service: string) => {
    const params = baseParams(service);
    return params && service.startsWith('xmpps:') ? { ...params, ...tlsOptions(opts) } : params;
  };

  const middleware = middlewareFactory({ entity });
  const streamFeatures = streamFeaturesFactory({ middleware });
  const iqCaller = iqCallerFactory({ middleware, entity });
  const iqCallee = iqCalleeFactory({ middleware, entity });
  iqCallee.get(NS.ping, 'ping', () => ({}));

  // STARTTLS (RFC 6120 section 5) with the per-source certificate policy.
  streamFeatures.use('starttls', NS.tls, async (ctx, next) => {
    const socket = ctx.entity.socket;
    if (!(socket instanceof net.Socket) || socket instanceof tls.TLSSocket) return next();
    const answer = await ctx.entity.sendReceive(xml('starttls', { xmlns: NS.tls }));
    if (!answer.is('proceed', NS.tls)) throw new CodedError('tls', 'The server refused STARTTLS.');
    const secure = new TlsSocket();
    secure.connect({ socket, host: opts.domain, ...tlsOptions(opts) });
    await promise(secure, 'connect', 'error', entity.timeout);
    ctx.entity._attachSocket(secure);
    await ctx.entity.restart();
  });

  const saslFactory = new SASLFactory();
  scramSha1(saslFactory);
  plainMechanism(saslFactory);
  saslFactoryPlugin({ streamFeatures, saslFactory }, async (authenticate, mechanisms, _fast, ent) => {
    if (opts.requireTls && !ent.isSecure()) {
      throw new CodedError('tls', 'The server did not offer STARTTLS; refusing to log in over an unencrypted connection.');
    }
    const mechanism = mechanisms.includes('SCRAM-SHA-1')
      ? 'SCRAM-SHA-1'
      : ent.isSecure() || !opts.requireTls
        ? mechanisms.find((m) => m === 'PLAIN')
        : undefined;
    if (!mechanism) {
      throw new CodedError('auth', `The server offers no login method this app supports (offered: ${mechanisms.join(', ') || 'none'}).`);
    }
    await authenticate({ username: opts.username, password: opts.password }, mechanism);
  });

  const streamManagement = streamManagementFactory({ streamFeatures, entity, middleware });
  resourceBinding({ streamFeatures, iqCaller }, opts.resource);

  // Track the SM negotiation of the current stream (see startSession).
  let smOffered = false;
  let smSettled: () => void = () => undefined;
  let smDone = Promise.resolve();
  entity.on('nonza', (el: Element) => {
    if (el.is('features', 'http://etherx.jabber.org/streams') && el.getChild('bind', 'urn:ietf:params:xml:ns:xmpp-bind')) {
      smOffered = Boolean(el.getChild('sm', NS.sm));
      smDone = new Promise<void>((resolve) => (smSettled = resolve));
    } else if (el.is('enabled', NS.sm) || el.is('failed', NS.sm)) {
      // Let stream-management's own handler (a few microtasks later) reset its counters first.
      setImmediate(() => smSettled());
    }
  });

  const smSettledNow = () => (smOffered ? promiseWithTimeout(smDone, entity.timeout) : Promise.resolve());
  async function startSession() {
    await entity.start();
    await smSettledNow();
  }

  return { entity, iqCaller, streamManagement, middleware, startSession, smSettled: smSettledNow };
}

function promiseWithTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/** Map a connection failure to the step that failed, with a message an agent can act on. */
export function codedConnectError(error: unknown, opts: Pick<XmppClientOptions, 'service' | 'username' | 'domain'>): CodedError {
  if (error instanceof CodedError) return error;
  const e = error as { name?: string; code?: string; condition?: string; message?: string };
  const where = opts.service.replace(/^xmpps?:\/\//, '');
  const code = e?.code ?? '';
  if (e?.name === 'SASLError') {
    return new CodedError('auth', `The server refused the login of ${opts.username}@${opts.domain} (${e.condition ?? e.message}). Check the password.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new CodedError('dns', `Cannot resolve the host of ${where} (${code}).`);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ECONNRESET' || code === 'ETIMEDOUT') {
    return new CodedError('tcp', `Cannot connect to ${where} (${code}).`);
  }
  if (/CERT|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO/i.test(code) || /certificate|ssl|tls/i.test(e?.message ?? '')) {
    return new CodedError('tls', `The TLS handshake with ${where} failed (${code || e?.message}). For a server with a self-signed certificate, allow self-signed certificates for this source.`);
  }
  if (e?.name === 'TimeoutError') return new CodedError('timeout', `${where} did not answer in time.`);
  if (e?.name === 'StreamError') {
    if (e.condition === 'host-unknown') return new CodedError('rejected', `The server at ${where} does not serve the domain ${opts.domain}.`);
    return new CodedError('rejected', `The server closed the stream (${e.condition ?? e.message}).`);
  }
  return new CodedError('offline', `XMPP connection to ${where} failed: ${e?.message ?? String(error)}`);
}
