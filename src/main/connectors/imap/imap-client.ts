/**
 * ImapFlow construction from an account config, and the one place where network errors become
 * CodedErrors (dns, offline, tls, auth, ...).
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError, type ErrorCode } from '../../../shared/result';
import { isLocalNetworkHost, PLAIN_ONLY_LOCAL } from '../../../shared/security/local-host';

type Endpoint = ImapSourceConfig['imap'];

/** TLS / STARTTLS / plain settings shared by IMAP and SMTP. Plain only when the agent allowed it, and only to a local host. */
export function transportSecurity(endpoint: Endpoint, config: Pick<ImapSourceConfig, 'allowPlain' | 'allowSelfSigned'>, what: string) {
  if (endpoint.security === 'plain' && !config.allowPlain) {
    throw new CodedError(
      'tls',
      `${what} is set to an unencrypted connection, and plain connections are not allowed for this account. Use TLS or STARTTLS, or allow plain connections (lab servers only).`,
    );
  }
  if (endpoint.security === 'plain' && !isLocalNetworkHost(endpoint.host)) throw new CodedError('tls', `${what} (${endpoint.host}): ${PLAIN_ONLY_LOCAL}`);
  return {
    secure: endpoint.security === 'tls',
    starttls: endpoint.security === 'starttls',
    tls: { rejectUnauthorized: !config.allowSelfSigned, servername: /^[\d.:[\]]+$/.test(endpoint.host) ? undefined : endpoint.host },
  };
}

export function imapOptions(config: ImapSourceConfig, password: string | undefined, extra: Partial<ImapFlowOptions> = {}): ImapFlowOptions {
  if (!password) throw new CodedError('auth', `No password is stored for ${config.user}. Enter it in the account settings.`);
  const sec = transportSecurity(config.imap, config, 'IMAP');
  return {
    host: config.imap.host,
    port: config.imap.port,
    secure: sec.secure,
    doSTARTTLS: sec.secure ? undefined : sec.starttls,
    tls: sec.tls,
    auth: { user: config.user, pass: password },
    logger: false,
    qresync: true,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    clientInfo: { name: 'Switchboard' },
    ...extra,
  };
}

export function createImapClient(config: ImapSourceConfig, password: string | undefined, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow(imapOptions(config, password, extra));
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'ETIMEOUT',
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'StateLogout',
  'ECONNECTION',
  'ESOCKET',
]);

interface ErrLike {
  code?: string;
  originalCode?: string;
  message?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
  _err?: ErrLike;
  cause?: ErrLike;
}

/** Maps any error from imapflow / nodemailer / node:net to an app error code. */
export function classifyNetworkError(e: unknown): ErrorCode {
  if (e instanceof CodedError) return e.code;
  const err = (e ?? {}) as ErrLike;
  const codes = [err.code, err.originalCode, err._err?.code, err.cause?.code].filter((c): c is string => typeof c === 'string');
  if (err.authenticationFailed || err.serverResponseCode === 'AUTHENTICATIONFAILED' || codes.includes('EAUTH')) return 'auth';
  if (codes.includes('ENOTFOUND') || codes.includes('EDNS')) return 'dns';
  if (err.tlsFailed || codes.some((c) => TLS_CODES.has(c) || c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL'))) return 'tls';
  if (codes.some((c) => OFFLINE_CODES.has(c))) return 'offline';
  if (codes.includes('ETLS')) return 'tls';
  if (/certificate|self.signed/i.test(err.message ?? '')) return 'tls';
  return 'internal';
}

export function toCodedError(e: unknown, what: string): CodedError {
  if (e instanceof CodedError) return e;
  const code = classifyNetworkError(e);
  const err = (e ?? {}) as ErrLike;
  const detail = err.responseText || err.message || String(e);
  const prefix: Record<string, string> = {
    auth: `${what}: the server refused the user name or password`,
    dns: `${what}: the server name could not be found`,
    tls: `${what}: the secure connection failed`,
    offline: `${what}: the server cannot be reached`,
  };
  return new CodedError(code, `${prefix[code] ?? what} (${detail}).`);
}
