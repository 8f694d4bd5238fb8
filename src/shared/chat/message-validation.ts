/**
 * What makes an incoming chat message acceptable, as pure checks the connector applies to every
 * stanza (live or from the archive). A bad message yields a clear reason and is skipped; an
 * oversized one is kept with its body cut to the limit and a warning, so the customer's words are
 * not lost.
 */
import { bareOf, parseJid } from './jid';
import { truncateUtf8, utf8Length } from './utf8';

export { truncateUtf8 };

/** Largest body kept, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyCheck =
  | { ok: true; body: string; warnings: string[] }
  | { ok: false; reason: string };

export function checkBody(body: string | null | undefined, maxBytes: number = MAX_BODY_BYTES): BodyCheck {
  if (body === null || body === undefined) return { ok: false, reason: 'the message has no <body>' };
  if (!body.trim()) return { ok: false, reason: 'the message body is empty' };
  const size = utf8Length(body);
  if (size > maxBytes) {
    return {
      ok: true,
      body: truncateUtf8(body, maxBytes),
      warnings: [`body of ${size} bytes cut to the ${maxBytes}-byte limit`],
    };
  }
  return { ok: true, body, warnings: [] };
}

export type AddressCheck = { ok: true; bare: string; resource: string } | { ok: false; reason: string };

/** A sender or recipient address: must be a valid JID with a local part (a user, not a server). */
export function checkAddress(value: string | undefined, role: 'from' | 'to'): AddressCheck {
  if (!value) return { ok: false, reason: `the message has no '${role}' address` };
  const r = parseJid(value);
  if (!r.ok) return { ok: false, reason: `'${role}' address "${value.slice(0, 200)}" is not a valid JID: ${r.reason}` };
  if (!r.jid.local) return { ok: false, reason: `'${role}' address "${value}" is a server, not a user` };
  return { ok: true, bare: bareOf(r.jid), resource: r.jid.resource };
}
