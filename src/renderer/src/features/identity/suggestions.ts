/**
 * Merge suggestions, never automatic merges. Signals:
 *  - a phone number in an email (signature) that is another customer's phone identity;
 *  - an email address typed in a chat (or mail body) that is another customer's email identity;
 *  - the same full name on another customer reached on a different channel.
 * The text scan is pure; `suggestMerges` looks the hints up in the identities/customers tables.
 */
import type { Customer, Identity, IdentityKind, Interaction } from '../../../../shared/domain';
import { identityKey, normaliseName } from '../../../../shared/identity';
import { normalisePhone, phoneKey } from '../../../../shared/phone/phone-number';
import type { SwitchboardDb } from '../../db/schema';

export interface ContactHint {
  key: string;
  kind: IdentityKind;
  value: string;
  channel: Interaction['channel'];
}

export interface MergeSuggestion {
  customer: Customer;
  /** Human reason, e.g. "+14155550123 appears in an email signature". */
  reason: string;
  /** The identity that matched (absent for a name match). */
  identity?: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?:\+|\b00|\(|\b)\d[\d\s().-]{5,}\d\b/g;

/** Emails and phone numbers the customer wrote in their own messages (pure). */
export function extractContactHints(interactions: Interaction[], defaultRegion: string, limit = 300): ContactHint[] {
  const out = new Map<string, ContactHint>();
  const inbound = interactions.filter((i) => i.direction === 'inbound' && (i.channel === 'email' || i.channel === 'chat'));
  for (const i of inbound.slice(-limit)) {
    const text = i.text ?? '';
    for (const m of text.matchAll(EMAIL)) {
      const value = m[0].replace(/\.+$/, '');
      const key = identityKey('email', value);
      if (!out.has(key)) out.set(key, { key, kind: 'email', value, channel: i.channel });
    }
    for (const m of text.matchAll(PHONE)) {
      const raw = m[0];
      if (raw.replace(/\D/g, '').length < 7) continue;
      const parsed = normalisePhone(raw, defaultRegion);
      if (parsed.kind !== 'e164') continue;
      const value = phoneKey(parsed);
      const key = identityKey('phone', value);
      if (!out.has(key)) out.set(key, { key, kind: 'phone', value, channel: i.channel });
    }
  }
  return [...out.values()];
}

/** A real person's name (not an address or a number): worth matching across channels. */
export function isMatchableName(name: string): boolean {
  const n = normaliseName(name);
  return n.length >= 4 && !n.includes('@') && !/^\+?[\d\s().-]+$/.test(n) && /\s/.test(n);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export async function suggestMerges(
  db: SwitchboardDb,
  customer: Customer,
  identities: Identity[],
  interactions: Interaction[],
  opts: { defaultRegion: string; dismissed?: Set<string> },
): Promise<MergeSuggestion[]> {
  const own = new Set(identities.map((i) => i.key));
  const hints = extractContactHints(interactions, opts.defaultRegion).filter((h) => !own.has(h.key));
  const found = new Map<string, MergeSuggestion>();
  const rows = await db.identities.bulkGet(hints.map((h) => h.key));
  for (let n = 0; n < hints.length; n++) {
    const row = rows[n];
    if (!row || row.customerId === customer.id) continue;
    const other = await resolve(db, row.customerId);
    if (!other || other.id === customer.id || found.has(other.id)) continue;
    const h = hints[n]!;
    const reason =
      h.kind === 'phone'
        ? `${h.value} appears in ${h.channel === 'email' ? 'an email (signature)' : 'a chat'} and is ${other.name}'s number`
        : `${h.value} was typed in ${h.channel === 'chat' ? 'a chat' : 'an email'} and is ${other.name}'s address`;
    found.set(other.id, { customer: other, reason, identity: h.key });
  }
  if (isMatchableName(customer.name)) {
    const sameName = await db.customers.where('name').equalsIgnoreCase(customer.name.trim()).limit(20).toArray();
    const ownKinds = new Set(identities.map((i) => i.kind));
    for (const other of sameName) {
      if (other.id === customer.id || other.mergedInto || found.has(other.id)) continue;
      const theirs = await db.identities.where('customerId').equals(other.id).toArray();
      const kinds = new Set(theirs.map((i) => i.kind));
      const channels = [...new Set([...ownKinds, ...kinds])].map(kindLabel).join(' and ');
      found.set(other.id, { customer: other, reason: `Same name "${other.name}" on ${channels}` });
    }
  }
  return [...found.values()].filter((s) => !opts.dismissed?.has(pairKey(customer.id, s.customer.id)));
}

async function resolve(db: SwitchboardDb, id: string): Promise<Customer | undefined> {
  let c = await db.customers.get(id);
  for (let hops = 0; c?.mergedInto && hops < 20; hops++) c = await db.customers.get(c.mergedInto);
  return c;
}

function kindLabel(kind: IdentityKind): string {
  return { email: 'email', phone: 'phone', jid: 'chat', name: 'name' }[kind];
}

// ---- dismissed suggestions (per console, localStorage) --------------------------------------

const DISMISSED = 'switchboard.dismissedMergeSuggestions';

export function loadDismissed(): Set<string> {
  try {
    return new Set(JSON.parse(localStorage.getItem(DISMISSED) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
}

export function dismissSuggestion(a: string, b: string): void {
  const set = loadDismissed();
  set.add(pairKey(a, b));
  localStorage.setItem(DISMISSED, JSON.stringify([...set]));
}

export function defaultRegion(): string {
  const lang = typeof navigator === 'undefined' ? '' : navigator.language;
  const region = /[-_]([A-Z]{2})\b/i.exec(lang)?.[1];
  return region ? region.toUpperCase() : 'US';
}
