/**
 * Turns one incoming <message/> stanza (live, a carbon, or a MAM result) into what the console
 * needs: a ChatRecord, a typing notification, a "pull the archive" hint, or a problem with a clear
 * reason. Pure over the stanza: no network, no clock except the injected `now`.
 *
 * Security: carbons and archive results are only believed when they come from the team account
 * itself (XEP-0280 section 11, XEP-0313 section 5); a customer cannot forge an agent's reply.
 */
import type { Element } from '@xmpp/xml';
import type { ChatRecord } from '../../../shared/domain';
import { chatSourceKey } from '../../../shared/chat/chat-cursor';
import { checkAddress, checkBody } from '../../../shared/chat/message-validation';
import { bareJid } from '../../../shared/chat/jid';
import { NS, QUIET_PAYLOADS } from './namespaces';

export type ChatActivity = 'composing' | 'paused' | 'replying' | 'idle';

export interface Classified {
  record?: ChatRecord;
  /** A typing notification to show (XEP-0085). */
  activity?: { peer: string; state: ChatActivity; who?: string };
  /** A valid message without a server archive id: the renderer should pull the archive for it. */
  needsPull?: boolean;
  /** Why (part of) the stanza was not used. */
  problem?: string;
  /** How it reached us. */
  via?: 'direct' | 'carbon-received' | 'carbon-sent' | 'archive';
}

export interface ClassifyContext {
  sourceId: string;
  /** Bare JID of the team account, normalised. */
  account: string;
  now: number;
  /** When set, the stanza is expected to be a MAM result of this query. */
  queryId?: string;
}

function describe(el: Element): string {
  const ns = el.attrs.xmlns ?? el.getNS();
  return ns ? `<${el.name} xmlns="${ns}">` : `<${el.name}>`;
}

function parseStamp(el: Element | undefined): number | undefined {
  const stamp = el?.getChild('delay', NS.delay)?.attrs.stamp;
  if (!stamp) return undefined;
  const t = Date.parse(stamp);
  return Number.isFinite(t) ? t : undefined;
}

function chatState(msg: Element): string | undefined {
  for (const child of msg.getChildElements()) {
    if ((child.attrs.xmlns ?? child.getNS()) === NS.chatStates) return child.name;
  }
  return undefined;
}

/** The archive id the server stamped for the team account (XEP-0359), if any. */
export function accountStanzaId(msg: Element, account: string): string | undefined {
  for (const sid of msg.getChildren('stanza-id', NS.sid)) {
    if (sid.attrs.id && sid.attrs.by && bareJid(sid.attrs.by) === account) return sid.attrs.id;
  }
  return undefined;
}

/** The id the sender gave the message: origin-id (XEP-0359) first, then the id attribute. */
export function clientMessageId(msg: Element): string {
  return msg.getChild('origin-id', NS.sid)?.attrs.id ?? msg.attrs.id ?? '';
}

function unknownPayloads(msg: Element): Element[] {
  return msg.getChildElements().filter((c) => {
    const ns = c.attrs.xmlns ?? c.getNS();
    return !(c.name === 'body' || c.name === 'thread' || c.name === 'subject' || (ns && QUIET_PAYLOADS.has(ns)));
  });
}

export function classifyMessage(stanza: Element, ctx: ClassifyContext): Classified {
  if (!stanza.is('message')) return {};
  if (stanza.attrs.type === 'error') {
    const cond = stanza.getChild('error')?.getChildElements()[0]?.name ?? 'unknown';
    return { problem: `the server returned a message error (${cond}) from ${stanza.attrs.from ?? 'the server'}` };
  }

  const outerFrom = stanza.attrs.from;
  const fromAccount = !outerFrom || bareJid(outerFrom) === ctx.account;
  let msg: Element = stanza;
  let via: Classified['via'] = 'direct';
  let archiveId: string | undefined;
  let ts: number | undefined;

  const result = stanza.getChild('result', NS.mam);
  const carbon = stanza.getChild('sent', NS.carbons) ?? stanza.getChild('received', NS.carbons);
  if (result) {
    if (!fromAccount) return { problem: `ignored an archive result sent by ${outerFrom}, not by the team account` };
    if (ctx.queryId && result.attrs.queryid !== ctx.queryId) return {};
    const inner = result.getChild('forwarded', NS.forward);
    const m = inner?.getChild('message');
    if (!inner || !m) return { problem: `archive result ${result.attrs.id ?? ''} holds no forwarded message` };
    msg = m;
    via = 'archive';
    archiveId = result.attrs.id;
    ts = parseStamp(inner);
    if (!archiveId) return { problem: 'archive result without an id' };
  } else if (carbon) {
    if (!fromAccount) return { problem: `ignored a forged carbon copy from ${outerFrom} (carbons must come from the team account)` };
    const inner = carbon.getChild('forwarded', NS.forward);
    const m = inner?.getChild('message');
    if (!inner || !m) return { problem: 'carbon copy holds no forwarded message' };
    msg = m;
    via = carbon.name === 'sent' ? 'carbon-sent' : 'carbon-received';
    ts = parseStamp(inner) ?? parseStamp(m);
    archiveId = accountStanzaId(m, ctx.account) ?? accountStanzaId(stanza, ctx.account);
  } else {
    ts = parseStamp(stanza);
    archiveId = accountStanzaId(stanza, ctx.account);
  }

  const type = msg.attrs.type ?? 'normal';
  if (type === 'groupchat' || type === 'headline') return {};
  if (type === 'error') return via === 'archive' ? { problem: `archived error message ${archiveId}` } : {};

  // Addresses. A live direct message may omit 'to' (it is then for us).
  const fromCheck = checkAddress(msg.attrs.from ?? (via === 'carbon-sent' || via === 'archive' ? undefined : outerFrom), 'from');
  if (!fromCheck.ok) return { problem: `${fromCheck.reason}; message skipped` };
  const toRaw = msg.attrs.to ?? (via === 'direct' ? ctx.account : undefined);
  const toCheck = checkAddress(toRaw, 'to');
  if (!toCheck.ok) return { problem: `${toCheck.reason}; message skipped` };

  const outbound = fromCheck.bare === ctx.account;
  const inbound = toCheck.bare === ctx.account;
  if (!outbound && !inbound) {
    return { problem: `message from ${fromCheck.bare} to ${toCheck.bare} does not involve ${ctx.account}; skipped` };
  }
  const peer = outbound && !inbound ? toCheck.bare : fromCheck.bare;
  const direction = outbound && inbound ? 'internal' : outbound ? 'outbound' : 'inbound';
  const agent = outbound ? fromCheck.resource || undefined : undefined;

  const state = chatState(msg);
  let activity: Classified['activity'];
  if (state && via !== 'archive') {
    if (direction === 'inbound') {
      activity = { peer, state: state === 'composing' ? 'composing' : state === 'paused' ? 'paused' : 'idle' };
    } else if (direction === 'outbound') {
      activity = { peer, state: state === 'composing' ? 'replying' : 'idle', ...(agent ? { who: agent } : {}) };
    }
  }

  const rawBody = msg.getChildText('body');
  if (rawBody === null) {
    if (state) return { activity, via };
    const unknown = unknownPayloads(msg);
    if (unknown.length) {
      return { via, problem: `message from ${fromCheck.bare} has no body and only payloads the console does not show (${unknown.map(describe).slice(0, 5).join(', ')}); skipped` };
    }
    return { via };
  }
  const body = checkBody(rawBody);
  if (!body.ok) return { activity, via, problem: `${body.reason} (from ${fromCheck.bare}); skipped` };

  if (!archiveId) return { activity, via, needsPull: true };

  const warnings = [...body.warnings];
  if (ts === undefined) ts = ctx.now;
  const peerName = direction === 'inbound' ? msg.getChildText('nick', NS.nick)?.trim().slice(0, 200) || undefined : undefined;
  const record: ChatRecord = {
    type: 'chat',
    sourceKey: chatSourceKey(ctx.sourceId, archiveId),
    sourceId: ctx.sourceId,
    peer,
    account: ctx.account,
    direction,
    body: body.body,
    ts,
    stanzaId: clientMessageId(msg),
    archiveId,
    ...(agent ? { agent } : {}),
    ...(peerName ? { peerName } : {}),
    warnings,
  };
  const problem = body.warnings.length ? `message ${archiveId} from ${fromCheck.bare}: ${body.warnings.join('; ')}` : undefined;
  return { record, activity, via, ...(problem ? { problem } : {}) };
}
