/** Identity keys: how a customer's email, phone, JID or name is normalised for lookup. */
import type { IdentityKind } from './domain';

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

export function normaliseJid(jid: string): string {
  const bare = jid.trim().split('/')[0] ?? '';
  return bare.toLowerCase();
}

/** Phone numbers reach ingest already in E.164 when the connector could normalise them. */
export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const plus = trimmed.startsWith('+');
  const digits = trimmed.replace(/[^\d]/g, '');
  return plus ? `+${digits}` : digits;
}

export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

export function normaliseIdentity(kind: IdentityKind, value: string): string {
  switch (kind) {
    case 'email':
      return normaliseEmail(value);
    case 'jid':
      return normaliseJid(value);
    case 'phone':
      return normalisePhone(value);
    case 'name':
      return normaliseName(value);
  }
}

export function identityKey(kind: IdentityKind, value: string): string {
  return `${kind}:${normaliseIdentity(kind, value)}`;
}
