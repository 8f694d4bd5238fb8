/**
 * Raw RFC 5322 source -> EmailRecord, with mailparser. Never throws and never drops a message: what
 * cannot be parsed is kept as text with a warning that the view shows. Deterministic for the same
 * input (the fallback Message-ID and date come from the IMAP coordinates, never from the clock), so
 * a replayed batch stores identical records.
 */
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { Address, AttachmentMeta, Direction, EmailRecord } from '../../../shared/domain';
import { normalizeMessageId } from '../../../shared/mail/jwz';

export interface MessageContext {
  sourceId: string;
  folder: string;
  uid: number;
  uidValidity: number;
  flags: string[];
  /** IMAP INTERNALDATE, the fallback when the Date header is missing or broken. */
  internalDate?: Date;
  /** The account's own addresses (lower case): a message from one of them is outbound. */
  ownAddresses: ReadonlySet<string>;
  /** True for the Sent folder: everything in it is outbound. */
  sentFolder: boolean;
}

/** Inline images up to this many characters of data: URLs are embedded in the HTML (offline view). */
const MAX_INLINED_IMAGES = 512 * 1024;

export function emailSourceKey(sourceId: string, folder: string, uidValidity: number, uid: number): string {
  return `${sourceId}:${folder}:${uidValidity}:${uid}`;
}

function fallbackMessageId(ctx: MessageContext): string {
  const folder = ctx.folder.replace(/[^A-Za-z0-9._-]/g, '_');
  return `<${ctx.uidValidity}.${ctx.uid}.${folder}.${ctx.sourceId.replace(/[^A-Za-z0-9._-]/g, '_')}@missing-message-id.invalid>`;
}

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const out: Address[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.group) walk(e.group);
      else if (e.address) out.push(e.name ? { name: e.name, address: e.address } : { address: e.address });
    }
  };
  for (const a of list) walk(a.value);
  return out;
}

/** Header block problems mailparser silently tolerates: lines without a colon, 8-bit garbage. */
function headerWarnings(raw: Buffer): string[] {
  const warnings: string[] = [];
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0) end = raw.indexOf('\n\n');
  if (end < 0) {
    warnings.push('The message has no blank line between headers and body.');
    end = Math.min(raw.length, 64 * 1024);
  }
  const head = raw.subarray(0, end).toString('latin1');
  const lines = head.split(/\r?\n/);
  let bad = 0;
  for (const line of lines) {
    if (line === '' || /^[ \t]/.test(line)) continue;
    if (!/^[!-9;-~]+:/.test(line)) bad++;
  }
  if (bad) warnings.push(`${bad} malformed header line${bad > 1 ? 's' : ''} (no "Name:" form) ignored.`);
  return warnings;
}

/** Charset labels nobody can decode, and multiparts whose closing boundary never comes. */
function structureWarnings(raw: Buffer): string[] {
  const warnings: string[] = [];
  const text = raw.toString('latin1');
  const unknown = new Set<string>();
  for (const m of text.matchAll(/charset\s*=\s*"?([^";\s]+)"?/gi)) {
    const label = m[1]!.toLowerCase();
    if (label === 'utf-7' || label === 'unicode-1-1-utf-7') continue;
    try {
      new TextDecoder(label);
    } catch {
      unknown.add(label);
    }
  }
  for (const label of unknown) warnings.push(`Unknown character set "${label}"; some text may be shown wrongly.`);
  for (const m of text.matchAll(/boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/gi)) {
    const boundary = m[1] ?? m[2]!;
    if (!text.includes(`--${boundary}--`)) {
      warnings.push('The message is cut short: a multipart section has no closing boundary.');
      break;
    }
  }
  return warnings;
}

/** A raw Subject header with 8-bit bytes that are not UTF-8: decode it as Windows-1252 instead of showing U+FFFD. */
function rawSubjectFallback(raw: Buffer): string | undefined {
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0) end = raw.indexOf('\n\n');
  const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 64 * 1024) : end);
  const m = /(?:^|\n)subject:[ \t]*((?:[^\r\n]|\r?\n[ \t])*)/i.exec(head.toString('latin1'));
  if (!m) return undefined;
  const bytes = Buffer.from(m[1]!, 'latin1');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    return new TextDecoder('windows-1252').decode(bytes).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
}

/** What to show for a message mailparser could make nothing of: its bytes as text, control characters removed. */
function rawText(raw: Buffer): string {
  // eslint-disable-next-line no-control-regex
  return raw.subarray(0, 256 * 1024).toString('utf8').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

function dateFrom(parsed: ParsedMail | undefined, ctx: MessageContext, warnings: string[]): number {
  const hasHeader = parsed?.headerLines.some((h) => h.key === 'date');
  const d = parsed?.date;
  if (hasHeader && d instanceof Date && !Number.isNaN(d.getTime())) {
    // mailparser substitutes "now" for an unparseable Date header; catch that by re-parsing ourselves.
    const line = parsed!.headerLines.find((h) => h.key === 'date')!.line.replace(/^date:\s*/i, '');
    if (!Number.isNaN(Date.parse(line.replace(/\s*\([^)]*\)\s*$/, ''))) || Math.abs(d.getTime() - Date.now()) > 5_000) return d.getTime();
  }
  warnings.push(hasHeader ? 'The Date header could not be read; the server\'s arrival time is shown.' : 'The message has no Date header; the server\'s arrival time is shown.');
  const internal = ctx.internalDate?.getTime();
  return internal !== undefined && !Number.isNaN(internal) ? internal : 0;
}

function directionOf(from: Address, ctx: MessageContext): Direction {
  if (ctx.sentFolder) return 'outbound';
  return ctx.ownAddresses.has(from.address.toLowerCase()) ? 'outbound' : 'inbound';
}

function referencesOf(parsed: ParsedMail): string[] {
  const raw = parsed.references;
  const list = Array.isArray(raw) ? raw : raw ? raw.split(/\s+/) : [];
  return list.map(normalizeMessageId).filter(Boolean);
}

export async function parseMessage(raw: Buffer, ctx: MessageContext): Promise<EmailRecord> {
  const warnings = [...headerWarnings(raw), ...structureWarnings(raw)];
  let parsed: ParsedMail | undefined;
  try {
    parsed = await simpleParser(raw, {
      skipTextToHtml: true,
      checksumAlgo: false,
      maxInlinedImagesSize: MAX_INLINED_IMAGES,
    });
  } catch (e) {
    warnings.push(`The message could not be parsed as MIME (${(e as Error).message}); its raw text is shown.`);
  }

  const base = {
    type: 'email' as const,
    sourceKey: emailSourceKey(ctx.sourceId, ctx.folder, ctx.uidValidity, ctx.uid),
    sourceId: ctx.sourceId,
    folder: ctx.folder,
    uid: ctx.uid,
    uidValidity: ctx.uidValidity,
    flags: [...ctx.flags].sort(),
  };

  if (!parsed) {
    const from = { address: '' };
    return {
      ...base,
      messageId: fallbackMessageId(ctx),
      references: [],
      subject: '',
      from,
      to: [],
      cc: [],
      date: ctx.internalDate?.getTime() ?? 0,
      direction: ctx.sentFolder ? 'outbound' : 'inbound',
      text: rawText(raw),
      attachments: [],
      warnings,
    };
  }

  let messageId = normalizeMessageId(parsed.messageId);
  if (!messageId) {
    messageId = fallbackMessageId(ctx);
    warnings.push('The message has no Message-ID; replies to it cannot be threaded by headers.');
  }
  const fromList = addresses(parsed.from);
  const from: Address = fromList[0] ?? { address: '' };
  if (!fromList.length) warnings.push('The message has no readable From address.');
  if (parsed.textConversionError) warnings.push(`The HTML body could not be converted to text (${parsed.textConversionError.message}).`);

  const attachments: AttachmentMeta[] = parsed.attachments.map((a, i) => {
    const partId = a.partId ?? '1';
    const meta: AttachmentMeta = {
      partId,
      filename: a.filename ?? `attachment-${i + 1}`,
      contentType: a.contentType,
      size: a.size,
    };
    if (a.cid) meta.contentId = a.cid;
    if (a.related || a.contentDisposition === 'inline') meta.inline = true;
    return meta;
  });

  const inReplyTo = normalizeMessageId(parsed.inReplyTo?.split(/\s+/).find((x) => x.includes('@')));
  let subject = parsed.subject ?? '';
  if (subject.includes('\ufffd')) {
    const fixed = rawSubjectFallback(raw);
    if (fixed !== undefined) {
      subject = fixed;
      warnings.push('The Subject header holds 8-bit text without a declared charset; it was read as Windows-1252.');
    }
  }
  let text = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  if (!text.trim() && !html && !parsed.attachments.length && raw.length) {
    text = rawText(raw);
    warnings.push('No readable body was found; the raw message is shown as text.');
  }
  const record: EmailRecord = {
    ...base,
    messageId,
    references: referencesOf(parsed),
    subject,
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: dateFrom(parsed, ctx, warnings),
    direction: directionOf(from, ctx),
    text,
    attachments,
    warnings,
  };
  if (inReplyTo) record.inReplyTo = inReplyTo;
  const replyTo = addresses(parsed.replyTo);
  if (replyTo.length) record.replyTo = replyTo;
  if (html) record.html = html;
  return record;
}
