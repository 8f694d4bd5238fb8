/**
 * Phone numbers to E.164 with libphonenumber-js ('min' metadata: length-based validation, which
 * is what identity matching needs; see docs/calls.md for the measurement behind that choice).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { isValidRegion } from './regions';

export type PhoneParse =
  | {
      kind: 'e164';
      /** "+4930123456" (no extension). */
      e164: string;
      /** Extension digits when the input carried one ("ext. 12", "x12", ";ext=12"). */
      ext?: string;
      /** Region the number belongs to, when the metadata can tell. */
      country?: string;
    }
  | {
      kind: 'invalid';
      /** Digits (and a leading +) of the input, for display and as a fallback key. */
      digits: string;
      reason: string;
    }
  | { kind: 'empty'; reason: string };

/** Caller-ID placeholders meaning "no number". */
const WITHHELD = /^(anonymous|unknown|unavailable|private|restricted|withheld|blocked|none|null|n\/a|-)$/i;

/** Keep digits and one leading plus: "+49 (30) 123-45" -> "+493012345". */
export function phoneDigits(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

/** Strip SIP/tel URI decoration: "sip:+4930123@pbx;user=phone" -> "+4930123". */
function stripUri(raw: string): string {
  let s = raw.trim();
  const angle = /<([^>]*)>/.exec(s);
  if (angle?.[1]) s = angle[1];
  s = s.replace(/^(sips?|tel):/i, '');
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  return s.replace(/;(?!ext=)[^;]*/gi, '').trim();
}

/**
 * Normalise a phone number. `defaultRegion` (ISO 3166 alpha-2) applies to national numbers
 * ("030 123456" with DE). International forms accepted: "+49...", "0049..." (the 00 prefix is
 * tried even where the region's own international prefix differs, e.g. US 011), "011 49..." in
 * NANP. Never throws.
 */
export function normalisePhone(raw: string, defaultRegion: string): PhoneParse {
  const input = stripUri(raw ?? '');
  if (!input || WITHHELD.test(input)) return { kind: 'empty', reason: input ? `number withheld (${input})` : 'no number' };
  if (!/\d/.test(input)) return { kind: 'invalid', digits: '', reason: `"${raw}" holds no digits` };
  if (/[a-wyz]/i.test(input.replace(/\b(ext|extension|ex|x)\b\.?/gi, ''))) {
    return { kind: 'invalid', digits: phoneDigits(input), reason: `"${raw}" is not a phone number` };
  }
  const region = defaultRegion.toUpperCase();
  const country = isValidRegion(region) ? (region as CountryCode) : undefined;
  const attempts = [input];
  const compact = input.replace(/[\s\-().]/g, '');
  if (compact.startsWith('00') && !compact.startsWith('000')) attempts.push(`+${input.trim().replace(/^[\s(]*00/, '')}`);
  for (const candidate of attempts) {
    const parsed = parsePhoneNumberFromString(candidate, country ? { defaultCountry: country } : {});
    if (parsed && parsed.isValid()) {
      return {
        kind: 'e164',
        e164: parsed.number,
        ...(parsed.ext ? { ext: parsed.ext } : {}),
        ...(parsed.country ? { country: parsed.country } : {}),
      };
    }
  }
  const digits = phoneDigits(input);
  const reason = country
    ? `"${raw}" is not a valid phone number (default region ${region})`
    : `"${raw}" is not a valid international number and default region "${defaultRegion}" is unknown`;
  return { kind: 'invalid', digits, reason };
}

/**
 * The key a customer's number is stored under: E.164 when valid, else the bare digits (so the
 * same unparseable number still matches itself). Empty for withheld numbers.
 */
export function phoneKey(p: PhoneParse): string {
  if (p.kind === 'e164') return p.e164;
  if (p.kind === 'invalid') return p.digits;
  return '';
}
