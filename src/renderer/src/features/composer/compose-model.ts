/**
 * What a new reply / reply-all / forward / new message starts as (pure): the channel, the account
 * it goes out from, recipients, subject, In-Reply-To/References and the quoted original.
 */
import type { Address, ForwardedAttachment, Identity, Interaction, Thread } from '../../../../shared/domain';
import type { StoredSource } from '../../../../shared/ipc/contract';
import type { ImapSourceConfig, XmppSourceConfig } from '../../../../shared/ipc/schemas';
import type { ComposeMode, Draft } from '../../db/agent-tables';

export interface ComposeContext {
  mode: ComposeMode;
  thread?: Thread;
  /** The thread's interactions, any order. */
  items: Interaction[];
  customerId?: string;
  identities: Identity[];
  sources: StoredSource[];
  now: number;
  /** Formats a date for the attribution line. */
  formatDate?(ts: number): string;
}

export type Channel = 'email' | 'chat';

export const draftId = (mode: ComposeMode, threadId: string | undefined, customerId: string | undefined) =>
  threadId ? `thread:${threadId}:${mode}` : `new:${customerId ?? 'none'}`;

export function imapAccounts(sources: StoredSource[]): ImapSourceConfig[] {
  return sources.flatMap((s) => (s.config.kind === 'imap' && s.config.enabled ? [s.config] : []));
}

export function xmppAccounts(sources: StoredSource[]): XmppSourceConfig[] {
  return sources.flatMap((s) => (s.config.kind === 'xmpp' && s.config.enabled ? [s.config] : []));
}

/** Every address that is "us": account addresses and team aliases, lower-cased. */
export function ownAddresses(sources: StoredSource[]): Set<string> {
  const own = new Set<string>();
  for (const a of imapAccounts(sources)) {
    own.add(a.email.toLowerCase());
    for (const t of a.teamAddresses) own.add(t.toLowerCase());
  }
  return own;
}

export function replySubject(subject: string): string {
  const s = subject.trim();
  return /^re\s*:/i.test(s) ? s : `Re: ${s || '(no subject)'}`;
}

export function forwardSubject(subject: string): string {
  const s = subject.trim();
  return /^(fwd?|fw)\s*:/i.test(s) ? s : `Fwd: ${s || '(no subject)'}`;
}

/** References of a reply: the parent's References plus its Message-ID, de-duplicated, trimmed like RFC 5322 suggests (keep the first, then the newest). */
export function replyReferences(parent: Pick<Interaction, 'references' | 'messageId'>, max = 20): string[] {
  const all = [...(parent.references ?? []), ...(parent.messageId ? [parent.messageId] : [])];
  const seen = new Set<string>();
  const unique = all.filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
  if (unique.length <= max) return unique;
  return [unique[0]!, ...unique.slice(unique.length - (max - 1))];
}

export function quoteText(text: string): string {
  return text
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`))
    .join('\n');
}

const fmtAddr = (a: Address) => (a.name ? `${a.name} <${a.address}>` : a.address);

function dedupe(list: Address[], exclude: Set<string>): Address[] {
  const seen = new Set(exclude);
  const out: Address[] = [];
  for (const a of list) {
    const k = a.address.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

function signatureBlock(sig: string): string {
  return sig.trim() ? `\n\n-- \n${sig.trim()}` : '';
}

/** Which channels the composer may offer for this thread/customer. */
export function availableChannels(ctx: Pick<ComposeContext, 'identities' | 'sources'>): Channel[] {
  const out: Channel[] = [];
  if (imapAccounts(ctx.sources).length) out.push('email');
  if (xmppAccounts(ctx.sources).length && (ctx.identities.some((i) => i.kind === 'jid') || !ctx.identities.length)) out.push('chat');
  return out;
}

export function defaultChannel(ctx: ComposeContext): Channel {
  const avail = availableChannels(ctx);
  if (ctx.thread?.channel === 'chat' && avail.includes('chat')) return 'chat';
  if (ctx.thread?.channel === 'email' && avail.includes('email')) return 'email';
  const hasEmail = ctx.identities.some((i) => i.kind === 'email');
  if (hasEmail && avail.includes('email')) return 'email';
  if (avail.includes('chat') && ctx.identities.some((i) => i.kind === 'jid')) return 'chat';
  return avail[0] ?? 'email';
}

export type InitialDraft = { ok: true; draft: Draft } | { ok: false; reason: string };

export function initialDraft(ctx: ComposeContext, channel: Channel = defaultChannel(ctx)): InitialDraft {
  const id = draftId(ctx.mode, ctx.thread?.id, ctx.customerId);
  const base = { id, mode: ctx.mode, threadId: ctx.thread?.id, customerId: ctx.customerId ?? ctx.thread?.customerId, updatedAt: ctx.now, cc: [], bcc: [], references: [] as string[] };
  return channel === 'chat' ? chatDraft(ctx, base) : emailDraft(ctx, base);
}

type Base = Pick<Draft, 'id' | 'mode' | 'threadId' | 'customerId' | 'updatedAt' | 'cc' | 'bcc' | 'references'>;

function emailDraft(ctx: ComposeContext, base: Base): InitialDraft {
  const accounts = imapAccounts(ctx.sources);
  if (!accounts.length) return { ok: false, reason: 'No email account is set up. Add one in Settings (g ,).' };
  const emails = ctx.items.filter((i) => i.channel === 'email').sort((a, b) => a.ts - b.ts);
  const anchor = emails[emails.length - 1];
  const account = accounts.find((a) => a.id === anchor?.sourceId) ?? accounts.find((a) => emails.some((e) => e.sourceId === a.id)) ?? accounts[0]!;
  const own = ownAddresses(ctx.sources);
  const customerEmail = ctx.identities.find((i) => i.kind === 'email')?.value;
  const sig = signatureBlock(account.signature);
  const common = { ...base, channel: 'email' as const, sourceId: account.id };

  if (ctx.mode === 'new' || !anchor) {
    return {
      ok: true,
      draft: { ...common, mode: anchor ? ctx.mode : 'new', to: customerEmail ? [{ address: customerEmail }] : [], subject: '', body: sig },
    };
  }
  const when = (ctx.formatDate ?? ((ts: number) => new Date(ts).toUTCString()))(anchor.ts);
  const sender = anchor.from ?? { address: customerEmail ?? '' };
  if (ctx.mode === 'forward') {
    // Forward what the customer sent (the usual support case: pass their message on), else the latest.
    const fwd = [...emails].reverse().find((e) => e.direction === 'inbound') ?? anchor;
    return forwardDraft(common, fwd, sig, ctx);
  }
  // Reply to the customer: the last inbound message's sender; if we wrote last, the same people again.
  const lastInbound = [...emails].reverse().find((e) => e.direction === 'inbound');
  const to = anchor.direction === 'inbound' ? [sender] : lastInbound?.from ? [lastInbound.from] : (anchor.to ?? []);
  const exclude = new Set([...own, ...to.map((a) => a.address.toLowerCase())]);
  const cc = ctx.mode === 'reply-all' ? dedupe([...(anchor.to ?? []), ...(anchor.cc ?? [])], exclude) : [];
  return {
    ok: true,
    draft: {
      ...common,
      to: dedupe(to, own),
      cc,
      subject: replySubject(anchor.subject ?? ctx.thread?.subject ?? ''),
      inReplyTo: anchor.messageId,
      references: replyReferences(anchor),
      body: `${sig}\n\nOn ${when}, ${sender.name || sender.address} wrote:\n${quoteText(anchor.text)}`,
    },
  };
}

function forwardDraft(common: Omit<Draft, 'to' | 'subject' | 'body'>, anchor: Interaction, sig: string, ctx: ComposeContext): InitialDraft {
  const when = (ctx.formatDate ?? ((ts: number) => new Date(ts).toUTCString()))(anchor.ts);
  const sender = anchor.from ?? { address: '' };
  const header = [
    '---------- Forwarded message ---------',
    `From: ${fmtAddr(sender)}`,
    `Date: ${when}`,
    `Subject: ${anchor.subject ?? ''}`,
    `To: ${(anchor.to ?? []).map(fmtAddr).join(', ')}`,
    ...(anchor.cc?.length ? [`Cc: ${anchor.cc.map(fmtAddr).join(', ')}`] : []),
  ].join('\n');
  return {
    ok: true,
    draft: {
      ...common,
      to: [],
      cc: [],
      subject: forwardSubject(anchor.subject ?? ctx.thread?.subject ?? ''),
      body: `${sig}\n\n${header}\n\n${anchor.text}`,
      references: replyReferences(anchor),
      ...(forwardedAttachments(anchor).length ? { attachments: forwardedAttachments(anchor) } : {}),
    },
  };
}

/**
 * The original's attachments a forward sends again: real files (not inline images of the HTML),
 * of a message that is on a server (folder and UID known; the demo workspace's are not).
 */
export function forwardedAttachments(anchor: Interaction): ForwardedAttachment[] {
  if (!anchor.folder || !anchor.uid) return [];
  return (anchor.attachments ?? [])
    .filter((a) => !a.inline)
    .map((a) => ({ sourceId: anchor.sourceId, folder: anchor.folder!, uid: anchor.uid!, partId: a.partId, filename: a.filename, contentType: a.contentType, size: a.size }));
}

function chatDraft(ctx: ComposeContext, base: Base): InitialDraft {
  const accounts = xmppAccounts(ctx.sources);
  if (!accounts.length) return { ok: false, reason: 'No chat account is set up. Add one in Settings (g ,).' };
  const chats = ctx.items.filter((i) => i.channel === 'chat').sort((a, b) => a.ts - b.ts);
  const last = chats[chats.length - 1];
  const account = accounts.find((a) => a.id === last?.sourceId) ?? accounts[0]!;
  const jid = ctx.identities.find((i) => i.kind === 'jid')?.value;
  if (!jid) return { ok: false, reason: 'This customer has no chat address.' };
  return { ok: true, draft: { ...base, channel: 'chat', sourceId: account.id, to: [{ address: jid }], subject: '', body: '' } };
}

/** "Ada <ada@x.org>, bob@y.org" -> addresses; invalid entries are returned separately. */
export function parseAddressList(text: string): { list: Address[]; invalid: string[] } {
  const list: Address[] = [];
  const invalid: string[] = [];
  // Split on commas/semicolons that are not inside quotes.
  const parts = text.match(/(?:"[^"]*"|[^,;])+/g) ?? [];
  for (const raw of parts) {
    const p = raw.trim();
    if (!p) continue;
    const m = /^(.*)<([^<>\s]+@[^<>\s]+)>$/.exec(p);
    const address = (m ? m[2]! : p).trim();
    const name = m ? m[1]!.trim().replace(/^"|"$/g, '') : undefined;
    if (/^[^@\s]+@[^@\s]+\.[^@\s]+$|^[^@\s]+@localhost$/i.test(address)) list.push(name ? { name, address } : { address });
    else invalid.push(p);
  }
  return { list, invalid };
}

export function formatAddressList(list: Address[]): string {
  return list.map((a) => (a.name ? `${a.name.includes(',') ? `"${a.name}"` : a.name} <${a.address}>` : a.address)).join(', ');
}
