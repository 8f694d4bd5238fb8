/**
 * The committed demo workspace (resources/demo/workspace.json): shape, determinism, threading,
 * and the story it has to tell (about 30 customers, several reaching the team on more than one
 * channel, every call outcome, waiting threads, HTML mail that needs sanitising).
 */
import { readFileSync } from 'node:fs';
import { findPhoneNumbersInText, isValidPhoneNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, chatJid, parseAt, serializeWorkspace, WORKSPACE_PATH, type DemoWorkspace } from '../../../scripts/demo/build-workspace';
import { CUSTOMERS, TEAM, TEAM_STORY, type CustomerSpec } from '../../../scripts/demo/scenarios';
import type { CallRecord, ChatRecord, EmailRecord, SourceRecord } from '../../../src/shared/domain';
import { sourceRecordSchema } from '../../../src/shared/source-record-schema';
import { hashString } from '../../../src/shared/hash';
import { parseEnvelope } from '../../../src/shared/team/event-schema';
import { parseHlc } from '../../../src/shared/team/hlc';

const committedText = readFileSync(WORKSPACE_PATH, 'utf8');
const workspace = JSON.parse(committedText) as DemoWorkspace;
const records = workspace.records;
const emails = records.filter((r): r is EmailRecord => r.type === 'email');
const chats = records.filter((r): r is ChatRecord => r.type === 'chat');
const calls = records.filter((r): r is CallRecord => r.type === 'call');
const DAY = 86_400_000;

const timeOf = (r: SourceRecord) => (r.type === 'email' ? r.date : r.type === 'chat' ? r.ts : r.type === 'call' ? r.start : NaN);
const isTeamEmail = (a: string) => /@(chat\.)?northwind\.example$/i.test(a);
const agentEmails = new Set(Object.values(TEAM.agents).map((a) => a.email));
const agentResources = new Set(Object.values(TEAM.agents).map((a) => a.resource));
const agentExtensions = new Set(Object.values(TEAM.agents).map((a) => a.extension));

describe('demo workspace: file and shape', () => {
  it('is exactly what the builder produces, and the builder is deterministic', () => {
    const first = serializeWorkspace(buildWorkspace());
    const second = serializeWorkspace(buildWorkspace());
    expect(second).toBe(first);
    // If this fails: npx tsx scripts/demo/build-workspace.ts, then commit resources/demo/workspace.json.
    expect(committedText).toBe(first);
  });

  it('stays well under 1 MB', () => {
    expect(Buffer.byteLength(committedText)).toBeLessThan(1024 * 1024);
  });

  it('parses every record with the strict SourceRecord schema, losing nothing', () => {
    expect(workspace.version).toBe(1);
    expect(records.length).toBeGreaterThan(150);
    for (const r of records) {
      const parsed = sourceRecordSchema.safeParse(r);
      expect(parsed.success, `${r.sourceKey}: ${parsed.error?.message}`).toBe(true);
      expect(parsed.data).toEqual(r);
    }
  });

  it('has unique, deterministic demo sourceKeys and sourceId "demo"', () => {
    const keys = records.map((r) => r.sourceKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of records) {
      expect(r.sourceId).toBe('demo');
      expect(r.sourceKey).toMatch(new RegExp(`^demo:${r.type}:[a-z0-9-]+(\\.\\d+)?$`));
    }
  });

  it('is sorted by time, anchored on its newest item, and spans about 45 days with recent days busier', () => {
    const times = records.map(timeOf);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    expect(workspace.anchor).toBe(Math.max(...times));
    const span = workspace.anchor - Math.min(...times);
    expect(span).toBeGreaterThan(35 * DAY);
    expect(span).toBeLessThanOrEqual(46 * DAY);
    const lastWeek = times.filter((t) => workspace.anchor - t < 7 * DAY).length;
    const weekFiveAndSix = times.filter((t) => workspace.anchor - t >= 28 * DAY && workspace.anchor - t < 42 * DAY).length;
    expect(lastWeek).toBeGreaterThan(3 * weekFiveAndSix);
  });
});

describe('demo workspace: email', () => {
  const byId = new Map(emails.map((e) => [e.messageId, e]));

  it('has unique Message-IDs and threads that only reference existing, earlier messages', () => {
    expect(byId.size).toBe(emails.length);
    let replies = 0;
    for (const e of emails) {
      expect(e.messageId).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);
      for (const ref of e.references) {
        const target = byId.get(ref);
        expect(target, `${e.sourceKey} references unknown ${ref}`).toBeDefined();
        expect(target!.date).toBeLessThan(e.date);
      }
      if (e.inReplyTo) {
        replies++;
        expect(byId.get(e.inReplyTo), `${e.sourceKey} replies to unknown ${e.inReplyTo}`).toBeDefined();
        // References is the parent's chain plus the parent.
        expect(e.references.at(-1)).toBe(e.inReplyTo);
        expect(e.references).toEqual([...byId.get(e.inReplyTo)!.references, e.inReplyTo]);
      } else {
        expect(e.references).toEqual([]);
      }
    }
    expect(replies).toBeGreaterThan(50);
  });

  it('has multi-message threads with agent replies going out and customer mail coming in', () => {
    const threadSizes = new Map<string, number>();
    for (const e of emails) {
      const root = e.references[0] ?? e.messageId;
      threadSizes.set(root, (threadSizes.get(root) ?? 0) + 1);
    }
    expect([...threadSizes.values()].filter((n) => n >= 4).length).toBeGreaterThanOrEqual(8);
    for (const e of emails) {
      if (e.direction === 'outbound') {
        expect(agentEmails.has(e.from.address), e.sourceKey).toBe(true);
        expect(e.folder).toBe('Sent');
        expect(e.to.every((a) => !isTeamEmail(a.address))).toBe(true);
      } else {
        expect(e.direction).toBe('inbound');
        expect(isTeamEmail(e.from.address)).toBe(false);
        expect(e.folder).toBe('INBOX');
        expect(e.to.every((a) => isTeamEmail(a.address))).toBe(true);
      }
    }
  });

  it('uses only .example domains for every address', () => {
    const addresses = emails.flatMap((e) => [e.from, ...e.to, ...e.cc, ...(e.replyTo ?? [])].map((a) => a.address));
    for (const a of addresses) expect(a).toMatch(/^[^@\s]+@[a-z0-9.-]+\.example$/);
  });

  it('includes HTML mail: a remote image to block and a link whose text is not its target', () => {
    const html = emails.filter((e) => e.html);
    expect(html.length).toBeGreaterThanOrEqual(2);
    for (const e of html) {
      expect(e.text.trim().length, `${e.sourceKey} needs a text part too`).toBeGreaterThan(0);
      expect(e.html).not.toMatch(/<script|<iframe|\son\w+\s*=|javascript:/i);
    }
    expect(html.some((e) => /<img[^>]+src="https:\/\//i.test(e.html!))).toBe(true);
    const deceptive = html.some((e) =>
      [...e.html!.matchAll(/<a[^>]+href="([^"]+)"[^>]*>([^<]+)<\/a>/gi)].some(
        ([, href, label]) => /^https?:\/\//.test(label!.trim()) && new URL(label!.trim()).host !== new URL(href!).host,
      ),
    );
    expect(deceptive).toBe(true);
  });

  it('carries attachment metadata on several messages', () => {
    const withAttachments = emails.filter((e) => e.attachments.length);
    expect(withAttachments.length).toBeGreaterThanOrEqual(2);
    for (const e of withAttachments) {
      const parts = e.attachments.map((a) => a.partId);
      expect(new Set(parts).size).toBe(parts.length);
      for (const a of e.attachments) expect(a.size).toBeGreaterThan(0);
    }
  });

  it('speaks German, Spanish, Arabic and Japanese, and shows a Devanagari name', () => {
    const all = emails.map((e) => `${e.subject}\n${e.text}`).join('\n') + chats.map((c) => c.body).join('\n');
    expect(all).toMatch(/Sehr geehrte|Mit freundlichen Grüßen/);
    expect(all).toMatch(/Hola|Un saludo/);
    expect(all).toMatch(/\p{Script=Arabic}{3,}/u);
    expect(all).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}]{2,}/u);
    const names = [...emails.map((e) => e.from.name ?? ''), ...chats.map((c) => c.peerName ?? '')];
    expect(names.some((n) => /\p{Script=Devanagari}/u.test(n))).toBe(true);
    expect(names.some((n) => /\p{Script=Arabic}/u.test(n))).toBe(true);
  });
});

describe('demo workspace: chat and calls', () => {
  it('has chat sessions going both ways, with the agent resource on outbound messages', () => {
    for (const c of chats) {
      expect(c.account).toBe(TEAM.chatAccount);
      expect(c.peer).toMatch(/^[^@/\s]+@[^@/\s]+$/);
      if (c.direction === 'outbound') expect(agentResources.has(c.agent ?? '')).toBe(true);
      else expect(c.agent).toBeUndefined();
    }
    expect(new Set(chats.map((c) => c.stanzaId)).size).toBe(chats.length);
    expect(chats.filter((c) => c.direction === 'inbound').length).toBeGreaterThan(30);
    expect(chats.filter((c) => c.direction === 'outbound').length).toBeGreaterThan(30);
  });

  it('has every call outcome, durations, recordings and notes', () => {
    const outcomes = new Set(calls.map((c) => c.outcome));
    expect([...outcomes].sort()).toEqual(['answered', 'busy', 'failed', 'missed', 'voicemail']);
    for (const c of calls) {
      if (c.agent) expect(agentExtensions.has(c.agent)).toBe(true);
      if (c.outcome === 'answered') expect(c.billSec).toBeGreaterThan(0);
      if (c.outcome === 'missed' || c.outcome === 'busy' || c.outcome === 'failed') expect(c.billSec).toBe(0);
      if (c.recordingUrl) expect(c.recordingUrl).toMatch(/^https:\/\/pbx\.northwind\.example\/recordings\/[a-z0-9-]+\.wav$/);
    }
    expect(calls.filter((c) => c.recordingUrl).length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((c) => c.notes).length).toBeGreaterThanOrEqual(10);
    expect(calls.some((c) => c.direction === 'inbound')).toBe(true);
    expect(calls.some((c) => c.direction === 'outbound')).toBe(true);
  });

  it('has valid E.164 customer numbers from the US, GB, DE, ES, IN, JP, AE and BR', () => {
    const countries = new Set<string>();
    for (const c of calls) {
      expect(c.customerNumber).toMatch(/^\+[1-9]\d{6,14}$/);
      expect(isValidPhoneNumber(c.customerNumber), c.customerNumber).toBe(true);
      countries.add(parsePhoneNumberFromString(c.customerNumber)!.country!);
    }
    for (const cc of ['US', 'GB', 'DE', 'ES', 'IN', 'JP', 'AE', 'BR']) expect(countries).toContain(cc);
  });

  it('leaves some missed inbound calls unreturned, and some customers waiting for a reply', () => {
    const unreturned = calls.filter(
      (m) =>
        m.direction === 'inbound' &&
        (m.outcome === 'missed' || m.outcome === 'voicemail') &&
        !calls.some((c) => c.customerNumber === m.customerNumber && c.start > m.start && (c.direction === 'outbound' || c.outcome === 'answered')),
    );
    expect(unreturned.length).toBeGreaterThanOrEqual(3);

    // Email threads and chat conversations where the customer spoke last.
    const lastByThread = new Map<string, SourceRecord>();
    for (const r of records) {
      const key = r.type === 'email' ? `e:${r.references[0] ?? r.messageId}` : r.type === 'chat' ? `c:${r.peer}` : undefined;
      if (key) lastByThread.set(key, r);
    }
    const last = [...lastByThread.values()];
    const waiting = last.filter((r) => (r.type === 'email' || r.type === 'chat') && r.direction === 'inbound');
    const answered = last.filter((r) => (r.type === 'email' || r.type === 'chat') && r.direction === 'outbound');
    expect(waiting.length).toBeGreaterThanOrEqual(5);
    expect(answered.length).toBeGreaterThanOrEqual(5);
    // The newest unanswered customer mail is still unread.
    expect(waiting.some((r) => r.type === 'email' && !r.flags.includes('\\Seen'))).toBe(true);
  });
});

// ---- identity linkage -------------------------------------------------------------------------
//
// The demo links a person's channels the way real data does, and this is the linkage the test
// checks, using the records only:
//  - a chat peer typed an email address in one of their messages, or chats from a JID equal to it;
//  - a number the team called or was called from appears in the customer's own words (email text
//    outside quoted lines, or a chat message), parsed with libphonenumber.

class UnionFind {
  private readonly parent = new Map<string, string>();
  add(x: string) {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  find(x: string): string {
    this.add(x);
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string) {
    this.parent.set(this.find(a), this.find(b));
  }
}

const REGIONS: CountryCode[] = ['US', 'GB', 'DE', 'ES', 'IN', 'JP', 'AE', 'BR'];
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

function phonesIn(text: string): Set<string> {
  const own = text
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('>'))
    .join('\n');
  const found = new Set<string>();
  for (const region of REGIONS) {
    for (const m of findPhoneNumbersInText(own, { defaultCountry: region })) found.add(m.number.number);
  }
  found.delete(TEAM.mainLine);
  return found;
}

/** The node a record belongs to: the customer-side identity it carries. */
function identityOf(r: SourceRecord): string | undefined {
  if (r.type === 'email') return `email:${(r.direction === 'inbound' ? r.from : r.to[0]!).address.toLowerCase()}`;
  if (r.type === 'chat') return `jid:${r.peer.toLowerCase()}`;
  if (r.type === 'call') return `phone:${r.customerNumber}`;
  return undefined;
}

function linkIdentities() {
  const uf = new UnionFind();
  const callNumbers = new Set(calls.map((c) => c.customerNumber));
  const primary = new Set<string>();
  for (const r of records) {
    const id = identityOf(r);
    if (id) {
      uf.add(id);
      primary.add(id);
    }
  }
  for (const c of chats) {
    if (c.direction !== 'inbound') continue;
    const jid = `jid:${c.peer.toLowerCase()}`;
    if (primary.has(`email:${c.peer.toLowerCase()}`)) uf.union(jid, `email:${c.peer.toLowerCase()}`);
    for (const m of c.body.matchAll(EMAIL_IN_TEXT)) if (!isTeamEmail(m[0])) uf.union(jid, `email:${m[0].toLowerCase()}`);
    for (const n of phonesIn(c.body)) if (callNumbers.has(n)) uf.union(jid, `phone:${n}`);
  }
  for (const e of emails) {
    if (e.direction !== 'inbound') continue;
    for (const n of phonesIn(e.text)) if (callNumbers.has(n)) uf.union(`email:${e.from.address.toLowerCase()}`, `phone:${n}`);
  }
  // One "customer" per cluster of primary identities, with the channels it used.
  const clusters = new Map<string, Set<string>>();
  for (const r of records) {
    const id = identityOf(r);
    if (!id) continue;
    const root = uf.find(id);
    if (!clusters.has(root)) clusters.set(root, new Set());
    clusters.get(root)!.add(r.type);
  }
  return { uf, clusters };
}

/** The identities a scenario customer actually used in the records. */
function usedIdentities(c: CustomerSpec): string[] {
  const ids = new Set<string>();
  for (const conv of c.conversations) {
    if (conv.kind === 'email') ids.add(`email:${c.email!.toLowerCase()}`);
    if (conv.kind === 'chat') ids.add(`jid:${chatJid(c).toLowerCase()}`);
    if (conv.kind === 'call' && !conv.number) ids.add(`phone:${c.phone}`);
  }
  return [...ids];
}

describe('demo workspace: customers across channels', () => {
  const { uf, clusters } = linkIdentities();

  it('has about 30 distinct customers', () => {
    expect(clusters.size).toBeGreaterThanOrEqual(26);
    expect(clusters.size).toBeLessThanOrEqual(35);
  });

  it('has at least 5 customers on 2+ channels and at least 2 on all three', () => {
    const counts = [...clusters.values()].map((channels) => channels.size);
    expect(counts.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(5);
    expect(counts.filter((n) => n === 3).length).toBeGreaterThanOrEqual(2);
  });

  it('links each scenario customer into exactly one cluster, and no two customers together', () => {
    const rootOf = new Map<string, string>();
    for (const c of CUSTOMERS) {
      const roots = new Set(usedIdentities(c).map((id) => uf.find(id)));
      expect(roots.size, `${c.id}: channels not linked by the data`).toBe(1);
      const root = [...roots][0]!;
      expect(rootOf.get(root), `${c.id} shares a cluster with ${rootOf.get(root)}`).toBeUndefined();
      rootOf.set(root, c.id);
    }
    // The only other clusters are numbers deliberately left unlinked (a merge for the agent to make).
    const unlinked = CUSTOMERS.flatMap((c) => c.unlinkedPhones ?? []);
    expect(clusters.size).toBe(CUSTOMERS.length + unlinked.length);
    for (const n of unlinked) expect(rootOf.has(uf.find(`phone:${n}`))).toBe(false);
  });
});

describe('demo builder: bad scenarios fail loudly', () => {
  const base: CustomerSpec = { id: 'x', name: 'X', company: 'X Co', lang: 'en', email: 'x@x.example', phone: '+14155550111', conversations: [] };

  it('rejects a malformed time', () => {
    expect(() => parseAt('3 days ago', 'x/y')).toThrow(/bad time "3 days ago"/);
    expect(() => parseAt('2d 24:00', 'x/y')).toThrow(/bad time/);
  });

  it('rejects email messages out of time order', () => {
    const bad: CustomerSpec = {
      ...base,
      conversations: [
        {
          kind: 'email',
          id: 't',
          subject: 's',
          messages: [
            { at: '2d 10:00', by: 'customer', body: 'a' },
            { at: '3d 10:00', by: 'maya', body: 'b' },
          ],
        },
      ],
    };
    expect(() => buildWorkspace([bad])).toThrow(/x\/t#2: messages must be in time order/);
  });

  it('rejects a call whose talk time contradicts its outcome, and duplicate ids', () => {
    const missedWithTalk: CustomerSpec = {
      ...base,
      conversations: [{ kind: 'call', id: 'c', at: '1d 10:00', direction: 'inbound', outcome: 'missed', ringSec: 20, talkSec: 30 }],
    };
    expect(() => buildWorkspace([missedWithTalk])).toThrow(/talkSec must be > 0 exactly when/);
    expect(() => buildWorkspace([base, base])).toThrow(/duplicate customer id x/);
  });
});

// ---- the team log ---------------------------------------------------------------------------------
//
// teamEvents: what the team did in Switchboard (merges, assignments, notes, ...), as team-log
// envelopes. Checked here from the file alone; demo-team-log.test.ts runs them through the real
// ingest and fold.

describe('demo workspace: team log', () => {
  const events = workspace.teamEvents;
  const agents = Object.keys(TEAM.agents);
  // What a console derives from these records: one customer per identity, thread ids per channel.
  const identityKeys = new Set(records.map(identityOf).filter((k): k is string => !!k));
  const customerIds = new Set([...identityKeys].map((k) => `cu_${hashString(k)}`));
  const threadIds = new Set(
    records.map((r) =>
      r.type === 'email' ? `em_${hashString(r.references[0] ?? r.messageId!)}` : r.type === 'chat' ? `ch_${hashString(r.sourceKey)}` : `ca_${hashString(r.sourceKey)}`,
    ),
  );

  it('parses every event with the team-log schema, losing nothing, in clock order with unique ids', () => {
    expect(events.length).toBeGreaterThan(30);
    for (const e of events) {
      const parsed = parseEnvelope(e);
      expect(parsed.ok, `${e.id}: ${parsed.ok ? '' : parsed.reason}`).toBe(true);
      if (parsed.ok) expect(parsed.envelope).toEqual(e);
      expect(agents).toContain(e.author);
      expect(parseHlc(e.hlc).ms).toBe(e.ts);
      // Nothing happens in the future: at most half an hour after the newest record (an hour before "now").
      expect(e.ts).toBeLessThanOrEqual(workspace.anchor + 30 * 60_000);
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i]!.hlc > events[i - 1]!.hlc).toBe(true);
  });

  it('refers only to customers, identities and conversations the records create', () => {
    for (const e of events) {
      const p = e.payload;
      if ('threadIds' in p) for (const id of p.threadIds) expect(threadIds.has(id), `${e.id}: ${id}`).toBe(true);
      if (p.type === 'customer.tags') expect(customerIds.has(p.customerId), e.id).toBe(true);
      if (p.type === 'note.write') {
        expect(customerIds.has(p.note.customerId), e.id).toBe(true);
        expect(threadIds.has(p.note.threadId!), e.id).toBe(true);
      }
      if (p.type === 'customer.merge') {
        for (const k of p.merge.identityKeys) expect(identityKeys.has(k), `${e.id}: ${k}`).toBe(true);
        // The merged customer is the one its identity created.
        expect(p.merge.from).toBe(`cu_${hashString(p.merge.identityKeys[0]!)}`);
        expect(customerIds.has(p.merge.into), e.id).toBe(true);
        for (const id of p.merge.threadIds) expect(threadIds.has(id), `${e.id}: ${id}`).toBe(true);
      }
    }
  });

  it('merges each customer\'s channels (not Ben Carter\'s mobile) and has the team at work', () => {
    const merges = events.flatMap((e) => (e.payload.type === 'customer.merge' ? [e.payload.merge] : []));
    const { uf, clusters } = linkIdentities();
    // Every identity but one per cluster is merged away, except the ones left for the newcomer;
    // nobody is merged twice or into a merged customer.
    expect(merges.length).toBe(identityKeys.size - clusters.size - TEAM_STORY.leaveUnmerged.length);
    const from = new Set(merges.map((m) => m.from));
    expect(from.size).toBe(merges.length);
    for (const m of merges) {
      expect(from.has(m.into)).toBe(false);
      // Only identities the data links (the "Same person?" evidence) are merged.
      const intoKey = [...identityKeys].find((k) => `cu_${hashString(k)}` === m.into)!;
      expect(uf.find(m.identityKeys[0]!)).toBe(uf.find(intoKey));
    }
    for (const n of CUSTOMERS.flatMap((c) => c.unlinkedPhones ?? [])) expect(from.has(`cu_${hashString(`phone:${n}`)}`)).toBe(false);
    // Jessica Alvarez's newest missed call is left for a "Same person?" suggestion.
    expect(TEAM_STORY.leaveUnmerged).toEqual(['jessica-alvarez/phone']);
    const jessica = CUSTOMERS.find((c) => c.id === 'jessica-alvarez')!;
    expect(from.has(`cu_${hashString(`phone:${jessica.phone}`)}`)).toBe(false);
    expect(merges.some((m) => m.into === `cu_${hashString(`email:${jessica.email}`)}`)).toBe(false);

    const types = events.map((e) => e.payload);
    expect(new Set(events.map((e) => e.author))).toEqual(new Set(agents));
    expect(types.filter((p) => p.type === 'thread.assign' && p.assignee === 'maya').length).toBeGreaterThanOrEqual(3);
    expect(types.some((p) => p.type === 'thread.assign' && p.assignee === null)).toBe(true);
    expect(types.some((p) => p.type === 'thread.status' && p.status === 'snoozed' && p.snoozeUntil! > workspace.anchor)).toBe(true);
    expect(types.some((p) => p.type === 'thread.priority')).toBe(true);
    expect(types.some((p) => p.type === 'thread.tags')).toBe(true);
    const notes = types.flatMap((p) => (p.type === 'note.write' ? [p.note] : []));
    const acked = new Set(types.flatMap((p) => (p.type === 'note.ack' ? [p.noteId] : [])));
    const waiting = notes.filter((n) => !acked.has(n.noteId));
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    expect(waiting.some((n) => n.mentions.length > 0 && /@\w+/.test(`${n.summary} ${n.nextStep}`))).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(1);
  });
});
