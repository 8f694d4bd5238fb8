/**
 * Splits a plain-text mail body into what the sender wrote, the signature and the trailing quote
 * (the previous messages), so the view can collapse the last two. Pure. Interleaved quoting (a
 * reply written between quoted lines) stays in `body`: only a quote that runs to the end of the
 * message is split off, so nothing the sender wrote is ever hidden.
 */

export interface SplitBody {
  body: string;
  signature: string;
  quoted: string;
}

/** Lines that introduce a quote: "On <date>, <name> wrote:" and its translations. */
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:?$/i,
  /^am\b.{0,300}\bschrieb.{0,80}:$/i,
  /^le\b.{0,300}\ba [ée]crit\s?:$/i,
  /^el\b.{0,300}\bescribi[óo]:$/i,
  /^il\b.{0,300}\bha scritto:$/i,
  /^op\b.{0,300}\bschreef.{0,80}:$/i,
  /^.{1,300}\s(написал|написала|написал\(а\)|пишет):$/i,
  /^.{1,300}\s(wrote|writes):$/i,
];

/** Separators after which everything is the forwarded/quoted original, '>' or not. */
const ORIGINAL = [
  /^-{2,}\s*(original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original|исходное сообщение)\s*-{2,}$/i,
  /^_{10,}$/,
  /^-{2,}\s*forwarded message\s*-{2,}$/i,
];

const isQuoteLine = (l: string) => /^\s*>/.test(l);
const isBlank = (l: string) => l.trim() === '';

/** True if lines[i..] is an Outlook style header block: From:/Sent:|Date:/To:/Subject: within a few lines. */
function outlookHeader(lines: string[], i: number): boolean {
  if (!/^\*?(from|von|de|от):\*?\s/i.test(lines[i]!.trim())) return false;
  const next = lines.slice(i + 1, i + 6).map((l) => l.trim().toLowerCase());
  const has = (re: RegExp) => next.some((l) => re.test(l));
  return has(/^\*?(sent|date|gesendet|datum|envoy[ée]|отправлено|дата):/) && has(/^\*?(to|an|à|a|кому|subject|betreff|objet|тема):/);
}

function attributionAt(lines: string[], i: number): number {
  // Returns how many lines the attribution takes (1 or 2; wrapped attributions are common), or 0.
  const one = lines[i]!.trim();
  if (ATTRIBUTION.some((re) => re.test(one))) return 1;
  if (i + 1 < lines.length) {
    const two = `${one} ${lines[i + 1]!.trim()}`;
    if (/^on\b/i.test(one) && ATTRIBUTION.some((re) => re.test(two))) return 2;
  }
  return 0;
}

function restIsQuote(lines: string[], from: number): boolean {
  let any = false;
  for (let j = from; j < lines.length; j++) {
    if (isBlank(lines[j]!)) continue;
    if (!isQuoteLine(lines[j]!)) return false;
    any = true;
  }
  return any;
}

function findQuoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (ORIGINAL.some((re) => re.test(t)) || outlookHeader(lines, i)) return i;
    const att = attributionAt(lines, i);
    if (att && (restIsQuote(lines, i + att) || i + att >= lines.length)) return i;
    if (isQuoteLine(lines[i]!) && restIsQuote(lines, i)) return i;
  }
  return lines.length;
}

export function splitQuoted(text: string): SplitBody {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let q = findQuoteStart(lines);
  // The blank lines just before the quote belong to neither part.
  const quoted = lines.slice(q).join('\n').replace(/\s+$/, '');
  while (q > 0 && isBlank(lines[q - 1]!)) q--;
  const head = lines.slice(0, q);

  // RFC 3676 signature separator "-- " (also the common "--" with the space lost).
  let sig = head.findIndex((l) => l === '-- ' || l === '--');
  if (sig < 0) sig = head.length;
  const body = head.slice(0, sig).join('\n').replace(/\s+$/, '');
  const signature = head.slice(sig + 1).join('\n').replace(/\s+$/, '');
  return { body, signature: sig < head.length ? signature : '', quoted };
}
