/**
 * The demo's team log: TEAM_STORY (scenarios.ts) plus one merge per extra channel of each
 * customer, as team events exactly as consoles exchange them (TeamEventEnvelope,
 * src/shared/team/event-schema.ts).
 *
 * Events address rows the way every console derives them, so the fold applies them anywhere:
 *  - a customer is `cu_<hashString(identityKey)>`: ingest creates one customer per new identity
 *    (src/renderer/src/ingest/ingest-batch.ts, customerFor), and the demo never auto-merges;
 *  - a conversation is `em_<hash(root Message-ID)>`, `ch_<hash(first line's sourceKey)>` or
 *    `ca_<hash(call's sourceKey)>` (same file: email, chat and call threading).
 * tests/unit/demo/demo-team-log.test.ts runs the real ingest and fold to prove they match.
 *
 * Deterministic: times come from the scenario times, ids are hashes of the story's own ids.
 */
import { hashString } from '../../src/shared/hash';
import { identityKey } from '../../src/shared/identity';
import type { HandoffNote, MergeRecord, SourceRecord, TeamAction } from '../../src/shared/domain';
import type { TeamEventEnvelope } from '../../src/shared/team/event-schema';
import { formatHlc } from '../../src/shared/team/hlc';
import type { AgentKey, ConversationSpec, ConvRef, CustomerSpec, TeamStorySpec } from './scenarios';

export interface TeamEventsInput {
  customers: readonly CustomerSpec[];
  story: TeamStorySpec;
  records: readonly SourceRecord[];
  /** Epoch ms of the newest record. */
  anchor: number;
  parseAt(at: string, where: string): number;
  chatJid(c: CustomerSpec): string;
  hexId(seed: string, length: number): string;
}

const MIN = 60_000;

interface Draft {
  t: number;
  author: AgentKey;
  seed: string;
  payload: TeamAction;
}

/** Identity key, customer id, display name and conversations of one channel identity of a customer. */
interface ChannelIdentity {
  key: string;
  customerId: string;
  name: string;
  convs: ConversationSpec[];
}

export function buildTeamEvents(input: TeamEventsInput): TeamEventEnvelope[] {
  const { customers, story, records, anchor, parseAt, chatJid, hexId } = input;
  const byKey = new Map(records.map((r) => [r.sourceKey, r]));
  const byId = new Map(customers.map((c) => [c.id, c]));

  const threadIdOf = (c: CustomerSpec, conv: ConversationSpec): string => {
    if (conv.kind === 'email') {
      const first = byKey.get(`demo:email:${c.id}-${conv.id}.1`);
      if (first?.type !== 'email') throw new Error(`${c.id}/${conv.id}: no first email record`);
      return `em_${hashString(first.messageId!)}`;
    }
    if (conv.kind === 'chat') return `ch_${hashString(`demo:chat:${c.id}-${conv.id}.1`)}`;
    return `ca_${hashString(`demo:call:${c.id}-${conv.id}`)}`;
  };

  const startOf = (c: CustomerSpec, conv: ConversationSpec) =>
    conv.kind === 'email' ? parseAt(conv.messages[0]!.at, `${c.id}/${conv.id}#1`) : parseAt(conv.at, `${c.id}/${conv.id}`);
  const endOf = (c: CustomerSpec, conv: ConversationSpec) => {
    if (conv.kind === 'email') return parseAt(conv.messages.at(-1)!.at, `${c.id}/${conv.id}#${conv.messages.length}`);
    if (conv.kind === 'chat') return parseAt(conv.at, `${c.id}/${conv.id}`) + conv.lines.reduce((s, [, after]) => s + after * 1000, 0);
    return parseAt(conv.at, `${c.id}/${conv.id}`) + (conv.ringSec + (conv.talkSec ?? 0)) * 1000;
  };
  const agentOf = (conv: ConversationSpec): AgentKey | undefined => {
    if (conv.kind === 'email') return conv.messages.find((m) => m.by !== 'customer')?.by as AgentKey | undefined;
    if (conv.kind === 'chat') return conv.lines.find(([who]) => who !== 'customer')?.[0] as AgentKey | undefined;
    return conv.agent;
  };

  /** The channel identities a customer used, in order of first use (unlinked numbers excluded). */
  function identitiesOf(c: CustomerSpec): ChannelIdentity[] {
    const out = new Map<string, ChannelIdentity>();
    const convs = [...c.conversations].sort((a, b) => startOf(c, a) - startOf(c, b));
    for (const conv of convs) {
      let key: string;
      let name: string;
      if (conv.kind === 'email') {
        key = identityKey('email', c.email!);
        name = c.name;
      } else if (conv.kind === 'chat') {
        key = identityKey('jid', chatJid(c));
        name = c.chatName ?? c.name;
      } else {
        if (conv.number && conv.number !== c.phone) continue; // a number nothing links to them
        key = identityKey('phone', c.phone!);
        name = (conv.callerName === undefined ? c.name : conv.callerName) ?? c.phone!;
      }
      const entry = out.get(key) ?? { key, customerId: `cu_${hashString(key)}`, name, convs: [] };
      entry.convs.push(conv);
      out.set(key, entry);
    }
    return [...out.values()];
  }

  /** The customer row that survives the merges: the email identity when there is one. */
  const primaryOf = (ids: ChannelIdentity[]) => ids.find((i) => i.key.startsWith('email:')) ?? ids[0]!;
  const identities = new Map(customers.map((c) => [c.id, identitiesOf(c)]));
  const customerIdOf = (id: string): string => {
    const ids = identities.get(id);
    if (!ids?.length) throw new Error(`team story: unknown customer ${id}`);
    return primaryOf(ids).customerId;
  };
  const resolve = (ref: ConvRef): string => {
    const [cid, convId] = ref.split('/') as [string, string];
    const c = byId.get(cid);
    if (!c) throw new Error(`team story: unknown customer in ${ref}`);
    const matches = c.conversations.filter((x) => x.id === convId);
    if (matches.length !== 1) throw new Error(`team story: ${ref} names ${matches.length} conversations`);
    return threadIdOf(c, matches[0]!);
  };
  // The demo connector puts the newest record an hour before "now": the team may act up to half
  // an hour after it, never in the future.
  const clampTime = (t: number, where: string) => {
    if (t > anchor + 30 * MIN) throw new Error(`team story ${where}: more than 30 minutes after the newest record`);
    return t;
  };

  const drafts: Draft[] = [];

  // Merges: each extra channel folded into the primary one by the agent of the conversation that
  // made the link visible (the later of the two first conversations), a few minutes after it ended.
  const leave = new Set<string>(story.leaveUnmerged);
  for (const ref of leave) if (!byId.has(ref.split('/')[0]!)) throw new Error(`team story: unknown customer in ${ref}`);
  for (const c of customers) {
    const ids = identities.get(c.id)!;
    const into = primaryOf(ids);
    for (const from of ids) {
      if (from === into) continue;
      const kind = from.key.slice(0, from.key.indexOf(':'));
      if (leave.has(`${c.id}/${kind === 'jid' ? 'chat' : kind}`)) continue;
      const link = [from.convs[0]!, into.convs[0]!].sort((a, b) => startOf(c, b) - startOf(c, a))[0]!;
      const sorted = [...c.conversations].sort((a, b) => startOf(c, a) - startOf(c, b));
      const seed = `merge:${c.id}:${from.key}`;
      const author = agentOf(link) ?? sorted.map(agentOf).find((a) => a) ?? 'maya';
      const t = clampTime(endOf(c, link) + 4 * MIN, seed);
      const merge: MergeRecord = {
        id: `demo-merge-${hexId(seed, 12)}`,
        kind: 'merge',
        ts: t,
        author,
        from: from.customerId,
        into: into.customerId,
        fromName: from.name,
        intoName: into.name,
        identityKeys: [from.key],
        threadIds: from.convs.map((conv) => threadIdOf(c, conv)).sort(),
        noteIds: [],
        customers: [from.customerId, into.customerId],
      };
      drafts.push({ t, author, seed, payload: { type: 'customer.merge', merge } });
    }
  }

  story.assign.forEach((a, i) => {
    const where = `assign#${i + 1}`;
    drafts.push({ t: clampTime(parseAt(a.at, where), where), author: a.by, seed: where, payload: { type: 'thread.assign', threadIds: a.convs.map(resolve), assignee: a.to } });
  });
  story.priority.forEach((p, i) => {
    const where = `priority#${i + 1}`;
    drafts.push({ t: clampTime(parseAt(p.at, where), where), author: p.by, seed: where, payload: { type: 'thread.priority', threadIds: p.convs.map(resolve), priority: p.priority } });
  });
  story.tags.forEach((g, i) => {
    const where = `tags#${i + 1}`;
    drafts.push({ t: clampTime(parseAt(g.at, where), where), author: g.by, seed: where, payload: { type: 'thread.tags', threadIds: g.convs.map(resolve), add: g.add, remove: [] } });
  });
  story.customerTags.forEach((g, i) => {
    const where = `customer-tags#${i + 1}`;
    drafts.push({ t: clampTime(parseAt(g.at, where), where), author: g.by, seed: where, payload: { type: 'customer.tags', customerId: customerIdOf(g.customer), add: g.add, remove: [] } });
  });
  story.close.forEach((s, i) => {
    const where = `close#${i + 1}`;
    const t = clampTime(parseAt(s.at, where), where);
    drafts.push({ t, author: s.by, seed: where, payload: { type: 'thread.status', threadIds: s.convs.map(resolve), status: 'closed', at: t } });
  });
  story.snooze.forEach((s, i) => {
    const where = `snooze#${i + 1}`;
    const t = clampTime(parseAt(s.at, where), where);
    const snoozeUntil = anchor + s.wakeHoursAfterNewest * 3_600_000;
    drafts.push({ t, author: s.by, seed: where, payload: { type: 'thread.status', threadIds: s.convs.map(resolve), status: 'snoozed', snoozeUntil, at: t } });
  });
  for (const n of story.notes) {
    const where = `note:${n.id}`;
    const t = clampTime(parseAt(n.at, where), where);
    const noteId = `demo-note-${hexId(where, 12)}`;
    const mentions = [...`${n.summary}\n${n.tried}\n${n.promised}\n${n.nextStep}`.matchAll(/@([a-z]+)/g)].map((m) => m[1]!);
    if (n.forWhom) mentions.push(n.forWhom);
    const note: HandoffNote = {
      id: `${noteId}:v1`,
      noteId,
      version: 1,
      customerId: customerIdOf(n.customer),
      ...(n.conv ? { threadId: resolve(n.conv) } : {}),
      author: n.by,
      createdAt: t,
      summary: n.summary,
      tried: n.tried,
      promised: n.promised,
      nextStep: n.nextStep,
      ...(n.forWhom ? { forWhom: n.forWhom } : {}),
      mentions: [...new Set(mentions)],
    };
    drafts.push({ t, author: n.by, seed: where, payload: { type: 'note.write', note } });
    if (n.ack) {
      const at = clampTime(parseAt(n.ack.at, `${where}:ack`), `${where}:ack`);
      if (at < t) throw new Error(`team story ${where}: acknowledged before it was written`);
      drafts.push({ t: at, author: n.ack.by, seed: `${where}:ack`, payload: { type: 'note.ack', noteId, by: n.ack.by, at } });
    }
  }

  // Clock order = time order; events in the same millisecond count up the logical counter.
  drafts.sort((a, b) => a.t - b.t || (a.seed < b.seed ? -1 : a.seed > b.seed ? 1 : 0));
  const ids = new Set<string>();
  let lastMs = -1;
  let counter = 0;
  return drafts.map((d) => {
    counter = d.t === lastMs ? counter + 1 : 0;
    lastMs = d.t;
    const id = `demo-${d.payload.type.replace('.', '-')}-${hexId(d.seed, 12)}`;
    if (ids.has(id)) throw new Error(`team story: duplicate event id ${id}`);
    ids.add(id);
    return { v: 1, kind: 'event', id, type: d.payload.type, author: d.author, hlc: formatHlc({ ms: d.t, counter }), ts: d.t, payload: d.payload };
  });
}
