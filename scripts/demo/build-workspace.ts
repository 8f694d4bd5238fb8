/**
 * Builds resources/demo/workspace.json from scenarios.ts.
 *
 *   npx tsx scripts/demo/build-workspace.ts          # writes the file
 *   npx tsx scripts/demo/build-workspace.ts --check  # exits 1 if the committed file is stale
 *
 * Deterministic: no clock, no randomness. Every id (Message-ID, stanza id, archive id, channel
 * names) is a hash of the scenario's own ids, so running it twice gives byte-identical output and
 * a record keeps its sourceKey across regenerations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Address, AttachmentMeta, CallRecord, ChatRecord, EmailRecord, SourceRecord } from '../../src/shared/domain';
import type { TeamEventEnvelope } from '../../src/shared/team/event-schema';
import { buildTeamEvents } from './team-events';
import {
  CUSTOMERS,
  TEAM,
  TEAM_STORY,
  type TeamStorySpec,
  type AgentKey,
  type CallSpec,
  type ChatSessionSpec,
  type CustomerSpec,
  type EmailThreadSpec,
} from './scenarios';

export const DEMO_SOURCE_ID = 'demo';

/** Midnight UTC of the reference day the scenarios count back from ('0d'). Any fixed day works:
 *  the demo connector shifts all times so the newest item is an hour before "now". */
export const REFERENCE_DAY = Date.UTC(2025, 10, 14);

export const WORKSPACE_PATH = fileURLToPath(new URL('../../resources/demo/workspace.json', import.meta.url));

export interface DemoWorkspace {
  version: 1;
  /** Epoch ms of the newest item. */
  anchor: number;
  records: SourceRecord[];
  /** The team log (merges, assignments, notes, ...): TeamEventEnvelope objects, in clock order. */
  teamEvents: TeamEventEnvelope[];
}

const NO_STORY: TeamStorySpec = { leaveUnmerged: [], assign: [], priority: [], tags: [], customerTags: [], close: [], snooze: [], notes: [] };

// ---- deterministic ids ---------------------------------------------------------------------------

/** 32-bit FNV-1a. */
function fnv1a(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `length` hex digits derived from `seed`. */
export function hexId(seed: string, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += fnv1a(`${i}:${seed}`).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
function base32Id(seed: string, length: number): string {
  const hex = hexId(seed, length * 2);
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32];
  return out;
}

function uuidLike(seed: string): string {
  const h = hexId(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---- time ----------------------------------------------------------------------------------------

/** '<days ago>d HH:MM' -> epoch ms. */
export function parseAt(at: string, where: string): number {
  const m = /^(\d{1,2})d ([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new Error(`${where}: bad time "${at}" (want "<days ago>d HH:MM")`);
  const [, days, hh, mm] = m;
  const t = REFERENCE_DAY - Number(days) * 86_400_000 + Number(hh) * 3_600_000 + Number(mm) * 60_000;
  // Seconds make the stamps look less synthetic; derived from the place, so stable.
  return t + (fnv1a(where) % 50) * 1000;
}

// ---- helpers ---------------------------------------------------------------------------------------

const agent = (key: AgentKey) => TEAM.agents[key];
const supportAddress: Address = { name: TEAM.supportName, address: TEAM.supportEmail };

function agentAddress(key: AgentKey): Address {
  return { name: agent(key).name, address: agent(key).email };
}

function agentSignature(key: AgentKey): string {
  const a = agent(key);
  return `-- \n${a.name}\n${a.title}, ${TEAM.company}\n${TEAM.mainLineDisplay} ext. ${a.extension} · ${TEAM.supportEmail}`;
}

function emailDomain(address: string): string {
  return address.slice(address.indexOf('@') + 1);
}

/** The chat JID a customer uses: their own, or the web chat widget's per-browser visitor JID. */
export function chatJid(c: CustomerSpec): string {
  return c.jid ?? `visitor-${hexId(`visitor:${c.id}`, 8)}@guest.chat.northwind.example`;
}

const REPLY_PREFIX: Record<CustomerSpec['lang'], string> = { en: 'Re: ', de: 'AW: ', es: 'RE: ', ar: 'رد: ', ja: 'Re: ' };

function quoteBlock(parent: { from: Address; text: string }): string {
  const who = parent.from.name ? `${parent.from.name} <${parent.from.address}>` : parent.from.address;
  const quoted = parent.text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');
  return `\n\n${who} wrote:\n${quoted}`;
}

function attachmentsFor(specs: { filename: string; contentType: string; size: number }[] | undefined): AttachmentMeta[] {
  return (specs ?? []).map((a, i) => ({ partId: String(i + 2), filename: a.filename, contentType: a.contentType, size: a.size }));
}

// ---- per channel -----------------------------------------------------------------------------------

function emailRecords(c: CustomerSpec, thread: EmailThreadSpec, unanswered: Set<string>): EmailRecord[] {
  if (!c.email) throw new Error(`${c.id}/${thread.id}: an email thread needs the customer's email`);
  const customer: Address = { name: c.name, address: c.email };
  const out: EmailRecord[] = [];
  let cc: Address[] = [];
  let lastTs = -Infinity;

  thread.messages.forEach((m, i) => {
    const where = `${c.id}/${thread.id}#${i + 1}`;
    const date = parseAt(m.at, where);
    if (date <= lastTs) throw new Error(`${where}: messages must be in time order`);
    lastTs = date;
    if (m.cc) cc = m.cc.map((a) => ({ ...a }));
    const inbound = m.by === 'customer';

    // The message this one answers: the latest from the other side, else simply the previous one.
    const parent =
      [...out].reverse().find((p) => (p.direction === 'inbound') !== inbound) ?? out[out.length - 1];
    const references = parent ? [...parent.references, parent.messageId] : [];
    const lang = inbound ? c.lang : 'en';
    const subject = m.subject ?? (parent ? `${REPLY_PREFIX[lang]}${thread.subject}` : thread.subject);

    let text = m.body;
    if (!m.html && m.signature !== false) {
      if (inbound && c.signature) text += `\n\n${c.signature}`;
      if (!inbound) text += `\n\n${agentSignature(m.by as AgentKey)}`;
    }
    const wantsQuote = m.quote ?? (inbound && c.lang === 'en');
    if (parent && wantsQuote && !m.html) text += quoteBlock(parent);

    const messageId = inbound
      ? `<${hexId(`${where}:mid`, 16).toUpperCase()}.${hexId(`${where}:mid2`, 6)}@mail.${emailDomain(c.email!)}>`
      : `<nw.${hexId(`${where}:mid`, 20)}@${TEAM.emailDomain}>`;

    const answered = inbound && thread.messages.slice(i + 1).some((n) => n.by !== 'customer');
    const sourceKey = `demo:email:${c.id}-${thread.id}.${i + 1}`;
    // Unanswered customer mail: read or unread depending on its age, decided once the newest time is known.
    if (inbound && !answered) unanswered.add(sourceKey);
    const flags = !inbound ? ['\\Seen'] : answered ? ['\\Answered', '\\Seen'] : ['\\Seen'];

    const record: EmailRecord = {
      sourceKey,
      sourceId: DEMO_SOURCE_ID,
      type: 'email',
      folder: inbound ? 'INBOX' : 'Sent',
      messageId,
      ...(parent ? { inReplyTo: parent.messageId } : {}),
      references,
      subject,
      from: inbound ? customer : agentAddress(m.by as AgentKey),
      to: inbound ? [m.toAgent ? agentAddress(m.toAgent) : supportAddress] : [customer],
      cc: cc.map((a) => ({ ...a })),
      ...(inbound ? {} : { replyTo: [supportAddress] }),
      date,
      direction: inbound ? 'inbound' : 'outbound',
      text,
      ...(m.html ? { html: m.html } : {}),
      attachments: attachmentsFor(m.attachments),
      flags,
      warnings: [],
    };
    out.push(record);
  });
  return out;
}

function chatRecords(c: CustomerSpec, session: ChatSessionSpec): ChatRecord[] {
  const peer = chatJid(c);
  const peerName = c.chatName ?? c.name;
  let ts = parseAt(session.at, `${c.id}/${session.id}`);
  return session.lines.map(([who, after, body], i) => {
    const where = `${c.id}/${session.id}#${i + 1}`;
    if (i === 0 && after !== 0) throw new Error(`${where}: the first line starts the session (after = 0)`);
    if (i > 0 && !(after > 0)) throw new Error(`${where}: lines must be at least a second apart`);
    ts += after * 1000;
    const inbound = who === 'customer';
    const record: ChatRecord = {
      sourceKey: `demo:chat:${c.id}-${session.id}.${i + 1}`,
      sourceId: DEMO_SOURCE_ID,
      type: 'chat',
      peer,
      account: TEAM.chatAccount,
      direction: inbound ? 'inbound' : 'outbound',
      body,
      ts,
      stanzaId: inbound ? uuidLike(`${where}:stanza`) : `nw-${hexId(`${where}:stanza`, 12)}`,
      archiveId: base32Id(`${where}:mam`, 16),
      ...(inbound ? {} : { agent: agent(who as AgentKey).resource }),
      peerName,
      warnings: [],
    };
    return record;
  });
}

const DISPOSITION: Record<CallSpec['outcome'], string> = {
  answered: 'ANSWERED',
  missed: 'NO ANSWER',
  busy: 'BUSY',
  failed: 'FAILED',
  voicemail: 'ANSWERED',
};

function callRecord(c: CustomerSpec, call: CallSpec): CallRecord {
  const where = `${c.id}/${call.id}`;
  const number = call.number ?? c.phone;
  if (!number || !/^\+[1-9]\d{6,14}$/.test(number)) throw new Error(`${where}: the customer number must be E.164`);
  const talk = call.talkSec ?? 0;
  const reached = call.outcome === 'answered' || call.outcome === 'voicemail';
  if (reached !== talk > 0) throw new Error(`${where}: talkSec must be > 0 exactly when the call was answered or went to voicemail`);
  if (call.direction === 'outbound' && !call.agent) throw new Error(`${where}: an outbound call needs an agent`);
  if (call.recorded && !reached) throw new Error(`${where}: only a connected call can have a recording`);

  const ext = call.agent ? agent(call.agent).extension : undefined;
  const trunk = `PJSIP/northwind-trunk-${hexId(`${where}:trunk`, 8)}`;
  const phone = call.agent ? `PJSIP/${ext}-${hexId(`${where}:phone`, 8)}` : '';
  const voicemailBox = call.direction === 'inbound' && call.outcome === 'voicemail';
  const callerName = call.callerName === undefined ? c.name : call.callerName;
  const raw: Record<string, string> =
    call.direction === 'inbound'
      ? {
          clid: callerName ? `"${callerName}" <${number}>` : `<${number}>`,
          src: number,
          dst: TEAM.mainLine,
          dcontext: 'from-pstn',
          channel: trunk,
          dstchannel: phone,
          lastapp: voicemailBox ? 'VoiceMail' : 'Queue',
          lastdata: voicemailBox ? `${call.agent ? ext : '200'}@default,u` : 'support,t,,,300',
          disposition: DISPOSITION[call.outcome],
        }
      : {
          clid: `"${agent(call.agent!).name}" <${ext}>`,
          src: ext!,
          dst: number,
          dcontext: 'from-internal',
          channel: phone,
          dstchannel: call.outcome === 'failed' ? '' : trunk,
          lastapp: 'Dial',
          lastdata: `PJSIP/${number}@northwind-trunk,60`,
          disposition: DISPOSITION[call.outcome],
        };

  return {
    sourceKey: `demo:call:${c.id}-${call.id}`,
    sourceId: DEMO_SOURCE_ID,
    type: 'call',
    customerNumber: number,
    ...(callerName ? { customerName: callerName } : {}),
    ...(ext ? { agent: ext } : {}),
    direction: call.direction,
    outcome: call.outcome,
    start: parseAt(call.at, where),
    durationSec: call.ringSec + talk,
    billSec: talk,
    ...(call.recorded ? { recordingUrl: `${TEAM.recordingBase}${c.id}-${call.id}.wav` } : {}),
    ...(call.notes ? { notes: call.notes } : {}),
    raw,
    warnings: [],
  };
}

// ---- the workspace ---------------------------------------------------------------------------------

function timeOf(r: SourceRecord): number {
  switch (r.type) {
    case 'email':
      return r.date;
    case 'chat':
      return r.ts;
    case 'call':
      return r.start;
    default:
      return 0;
  }
}

export function buildRecords(customers: readonly CustomerSpec[] = CUSTOMERS): SourceRecord[] {
  const ids = new Set<string>();
  const unanswered = new Set<string>();
  const records: SourceRecord[] = [];
  for (const c of customers) {
    if (ids.has(c.id)) throw new Error(`duplicate customer id ${c.id}`);
    ids.add(c.id);
    const convIds = new Set<string>();
    for (const conv of c.conversations) {
      if (convIds.has(`${conv.kind}:${conv.id}`)) throw new Error(`${c.id}: duplicate ${conv.kind} id ${conv.id}`);
      convIds.add(`${conv.kind}:${conv.id}`);
      if (conv.kind === 'email') records.push(...emailRecords(c, conv, unanswered));
      else if (conv.kind === 'chat') records.push(...chatRecords(c, conv));
      else records.push(callRecord(c, conv));
    }
  }
  // Customer mail that nobody answered and that arrived in the last two days is still unread.
  const newest = records.reduce((max, r) => Math.max(max, timeOf(r)), 0);
  for (const r of records) {
    if (r.type === 'email' && unanswered.has(r.sourceKey) && newest - r.date < 2 * 86_400_000) r.flags = [];
  }
  return records.sort((a, b) => timeOf(a) - timeOf(b) || (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0));
}

export function buildWorkspace(
  customers: readonly CustomerSpec[] = CUSTOMERS,
  story: TeamStorySpec = customers === CUSTOMERS ? TEAM_STORY : NO_STORY,
): DemoWorkspace {
  const records = buildRecords(customers);
  const anchor = records.reduce((max, r) => Math.max(max, timeOf(r)), 0);
  const teamEvents = buildTeamEvents({ customers, story, records, anchor, parseAt, chatJid, hexId });
  return { version: 1, anchor, records, teamEvents };
}

/** The exact bytes of workspace.json: two-space JSON with a trailing newline. */
export function serializeWorkspace(workspace: DemoWorkspace): string {
  return `${JSON.stringify(workspace, null, 2)}\n`;
}

function main(argv: string[]) {
  const text = serializeWorkspace(buildWorkspace());
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(WORKSPACE_PATH, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${WORKSPACE_PATH} is out of date: run npx tsx scripts/demo/build-workspace.ts`);
      process.exit(1);
    }
    console.log(`${WORKSPACE_PATH} is up to date`);
    return;
  }
  writeFileSync(WORKSPACE_PATH, text);
  const ws = JSON.parse(text) as DemoWorkspace;
  const count = (type: string) => ws.records.filter((r) => r.type === type).length;
  console.log(
    `wrote ${WORKSPACE_PATH}: ${ws.records.length} records (${count('email')} email, ${count('chat')} chat, ${count('call')} call), ${ws.teamEvents.length} team events, ${(text.length / 1024).toFixed(0)} KiB`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
