/**
 * Jabber IDs (RFC 7622), parsed and validated without a network or a stringprep library.
 *
 * The checks are the ones that matter for a support console: the three parts are split the same
 * way every server does, each part has a length limit, the localpart has its forbidden characters,
 * the domain looks like a host name or an IP literal, and nothing carries control characters.
 * Localpart and domain are lower-cased (a simplification of PRECIS case folding that is exact for
 * ASCII addresses); the resource keeps its case.
 */

import { utf8Length } from './utf8';

export interface Jid {
  local: string;
  domain: string;
  resource: string;
}

export type JidResult = { ok: true; jid: Jid } | { ok: false; reason: string };

const MAX_PART = 1023;
// RFC 7622 3.3.1: these may not appear in a localpart.
const LOCAL_FORBIDDEN = /["&'/:<>@\s]/u;
// Control characters (C0, DEL, C1) are not allowed anywhere.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/i;


function checkDomain(domain: string): string | undefined {
  if (!domain) return 'the domain part is empty';
  if (utf8Length(domain) > MAX_PART) return 'the domain part is longer than 1023 bytes';
  if (IPV6_LITERAL.test(domain)) return undefined;
  const trimmed = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  const labels = trimmed.split('.');
  for (const label of labels) {
    if (!label) return `the domain "${domain}" has an empty label`;
    if (label.length > 63) return `the domain "${domain}" has a label longer than 63 characters`;
    if (!DOMAIN_LABEL.test(label)) return `the domain "${domain}" holds a character a host name may not`;
  }
  return undefined;
}

/** Split and validate a JID string: `[local@]domain[/resource]`. */
export function parseJid(input: string): JidResult {
  if (typeof input !== 'string' || !input) return { ok: false, reason: 'the JID is empty' };
  if (CONTROL.test(input)) return { ok: false, reason: 'the JID holds control characters' };
  // The resource is everything after the first '/', and may itself hold '@' and '/'.
  const slash = input.indexOf('/');
  const head = slash === -1 ? input : input.slice(0, slash);
  const resource = slash === -1 ? '' : input.slice(slash + 1);
  if (slash !== -1 && !resource) return { ok: false, reason: `"${input}" ends with "/" but has no resource` };
  const at = head.indexOf('@');
  const local = at === -1 ? '' : head.slice(0, at);
  const domain = (at === -1 ? head : head.slice(at + 1)).toLowerCase();
  if (at !== -1 && !local) return { ok: false, reason: `"${input}" has an "@" but no local part` };
  if (LOCAL_FORBIDDEN.test(local)) return { ok: false, reason: `the local part "${local}" holds a character a JID may not (" & ' / : < > @ or a space)` };
  if (utf8Length(local) > MAX_PART) return { ok: false, reason: 'the local part is longer than 1023 bytes' };
  if (utf8Length(resource) > MAX_PART) return { ok: false, reason: 'the resource is longer than 1023 bytes' };
  const domainProblem = checkDomain(domain);
  if (domainProblem) return { ok: false, reason: domainProblem };
  return { ok: true, jid: { local: local.toLowerCase(), domain, resource } };
}

export function isValidJid(input: string): boolean {
  return parseJid(input).ok;
}

/** `local@domain` (or `domain`) of a parsed JID. */
export function bareOf(jid: Jid): string {
  return jid.local ? `${jid.local}@${jid.domain}` : jid.domain;
}

export function fullOf(jid: Jid): string {
  return jid.resource ? `${bareOf(jid)}/${jid.resource}` : bareOf(jid);
}

/** Normalised bare JID of a string, or undefined when it is not a valid JID. */
export function bareJid(input: string): string | undefined {
  const r = parseJid(input);
  return r.ok ? bareOf(r.jid) : undefined;
}

/** Resource of a full JID ('' for a bare JID or an invalid one). */
export function resourceOf(input: string): string {
  const r = parseJid(input);
  return r.ok ? r.jid.resource : '';
}

/** True when both strings are valid JIDs with the same bare part. */
/** The host an XMPP account connects to: its host override, else its JID's domain (no SRV lookup). */
export function xmppServerHost(config: { host: string; jid: string }): string {
  return config.host || config.jid.slice(config.jid.indexOf('@') + 1).toLowerCase();
}

export function sameBare(a: string, b: string): boolean {
  const x = bareJid(a);
  return x !== undefined && x === bareJid(b);
}
