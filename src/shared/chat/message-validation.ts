/**
 * What makes an incoming chat message acceptable, as pure checks the connector applies to every
 * stanza (live or from the archive). A bad message yields a clear reason and is skipped; an
 * oversized one is kept with its body cut to the limit and a warning, so the customer's words are
 * not lost.
 */
import { bareOf, parseJid } from './jid';

/** Largest body kept, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 64 * 1024;

export type BodyCheck =
  | { ok: true; body: string; warnings: string[] }
  | { ok: false; reason: string };

function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** Cut a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  const bytes = utf8Bytes(s);
  if (bytes.length <= max) return s;
  let end = max;
  // Step back over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end));
}

export function checkBody(body: string | null | undefined, maxBytes: number = MAX_BODY_BYTES): BodyCheck {
  if (body === null || body === undefined) return { ok: false, reason: 'the message has no <body>' };
  if (!body.trim()) return { ok: false, reason: 'the message body is empty' };
  const size = utf8Bytes(body).length;
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
