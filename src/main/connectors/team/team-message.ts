/**
 * One team-log entry as an RFC 5322 message: a text/plain part a person can read in any mail
 * client, and the event itself as an application/json attachment (switchboard-event.json).
 * X-Switchboard-* headers allow filtering without parsing the body; the Message-ID is derived
 * from the event id (`<evt-ID@switchboard>`), so a second APPEND of the same event is detectable.
 */
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Address } from '../../../shared/domain';
import { eventIdFromMessageId, eventMessageId, parseEnvelope, type ParsedEnvelope, type TeamEnvelope } from '../../../shared/team/event-schema';
import { describeEvent, describePresence } from '../../../shared/team/summary';

export const EVENT_FILENAME = 'switchboard-event.json';

export const HEADERS = {
  kind: 'X-Switchboard-Kind',
  event: 'X-Switchboard-Event',
  id: 'X-Switchboard-Event-Id',
  author: 'X-Switchboard-Author',
  hlc: 'X-Switchboard-Hlc',
  version: 'X-Switchboard-Version',
  expires: 'X-Switchboard-Expires',
} as const;

export async function buildTeamMessage(envelope: TeamEnvelope, from: Address): Promise<Buffer> {
  const { subject, text } = envelope.kind === 'event' ? describeEvent(envelope) : describePresence(envelope);
  const headers: Record<string, string> = {
    [HEADERS.kind]: envelope.kind,
    [HEADERS.id]: envelope.id,
    [HEADERS.author]: envelope.author,
    [HEADERS.hlc]: envelope.hlc,
    [HEADERS.version]: String(envelope.v),
  };
  if (envelope.kind === 'event') headers[HEADERS.event] = envelope.type;
  else headers[HEADERS.expires] = new Date(envelope.expiresAt).toISOString();
  const node = new MailComposer({
    from,
    to: from,
    subject,
    text,
    date: new Date(envelope.ts),
    messageId: eventMessageId(envelope.id),
    headers,
    attachments: [{ filename: EVENT_FILENAME, contentType: 'application/json; charset=utf-8', content: JSON.stringify(envelope, null, 1) }],
  }).compile();
  return node.build();
}

/** Read one message of the team folder. Never throws: a foreign or broken message is a reason. */
export async function parseTeamMessage(source: Buffer): Promise<ParsedEnvelope> {
  let parsed;
  try {
    parsed = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch (e) {
    return { ok: false, reason: `not a readable message (${(e as Error).message})` };
  }
  const part = parsed.attachments.find((a) => a.contentType.toLowerCase() === 'application/json' || a.filename === EVENT_FILENAME);
  if (!part) return { ok: false, reason: 'no Switchboard event part (not a team-log message)' };
  let json: unknown;
  try {
    json = JSON.parse(part.content.toString('utf8'));
  } catch (e) {
    return { ok: false, reason: `the event part is not JSON (${(e as Error).message})` };
  }
  const r = parseEnvelope(json);
  if (!r.ok) return r;
  // The headers are an index; the JSON is the truth. A mismatch means someone edited the message.
  const idFromHeader = eventIdFromMessageId(parsed.messageId);
  if (idFromHeader !== undefined && idFromHeader !== r.envelope.id) {
    return { ok: false, reason: `Message-ID ${parsed.messageId} does not match event ${r.envelope.id}` };
  }
  return r;
}
