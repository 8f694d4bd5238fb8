/**
 * Best guesses for a customer's language and time zone when nobody set them (pure): the language
 * from the script and common words of their own messages, the zone from their phone number's
 * country (and, in North America, its area code). Shown as guesses in the profile.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Identity, Interaction } from '../../../../shared/domain';

const COUNTRY_ZONE: Record<string, string> = {
  GB: 'Europe/London', IE: 'Europe/Dublin', DE: 'Europe/Berlin', FR: 'Europe/Paris', ES: 'Europe/Madrid',
  IT: 'Europe/Rome', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', CH: 'Europe/Zurich', AT: 'Europe/Vienna',
  SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', PL: 'Europe/Warsaw',
  PT: 'Europe/Lisbon', CZ: 'Europe/Prague', GR: 'Europe/Athens', TR: 'Europe/Istanbul', UA: 'Europe/Kyiv',
  IL: 'Asia/Jerusalem', AE: 'Asia/Dubai', SA: 'Asia/Riyadh', EG: 'Africa/Cairo', ZA: 'Africa/Johannesburg',
  IN: 'Asia/Kolkata', JP: 'Asia/Tokyo', KR: 'Asia/Seoul', CN: 'Asia/Shanghai', HK: 'Asia/Hong_Kong',
  SG: 'Asia/Singapore', NZ: 'Pacific/Auckland', AR: 'America/Argentina/Buenos_Aires', MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo', CL: 'America/Santiago', CO: 'America/Bogota',
};

/** A few North American area codes by zone (the rest stay unknown rather than wrong). */
const NANP: Record<string, string> = {};
const zones: Record<string, string> = {
  'America/New_York': '201 202 203 212 215 216 267 301 305 313 347 404 407 412 410 413 475 516 551 561 571 585 603 609 610 614 617 631 646 678 703 704 718 732 754 757 770 781 786 813 857 862 904 908 914 917 919 929 954 973',
  'America/Chicago': '210 214 217 224 254 262 281 312 314 316 319 331 346 402 405 409 414 469 479 504 512 515 563 608 612 615 618 630 636 651 708 713 715 726 737 763 773 815 817 830 832 847 872 901 903 913 918 920 940 952 956 972 979',
  'America/Denver': '303 307 385 406 435 505 575 719 720 801 970',
  'America/Phoenix': '480 520 602 623 928',
  'America/Los_Angeles': '206 209 213 253 310 323 360 408 415 424 425 442 503 509 510 530 541 559 562 619 626 628 650 657 661 669 702 707 714 725 747 760 775 805 818 831 858 909 916 925 949 951 971',
  'America/Toronto': '416 437 613 647 905',
  'America/Vancouver': '236 250 604 778',
};
for (const [zone, codes] of Object.entries(zones)) for (const c of codes.split(' ')) NANP[c] = zone;

export function guessTimeZone(identities: Identity[]): { zone: string; from: string } | undefined {
  for (const i of identities) {
    if (i.kind !== 'phone' || !i.value.startsWith('+')) continue;
    const p = parsePhoneNumberFromString(i.value);
    if (!p?.country) continue;
    if (p.countryCallingCode === '1') {
      const zone = NANP[p.nationalNumber.slice(0, 3)];
      if (zone) return { zone, from: i.value };
      continue;
    }
    const zone = COUNTRY_ZONE[p.country];
    if (zone) return { zone, from: i.value };
  }
  return undefined;
}

const WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'you', 'is', 'for', 'thanks', 'please', 'with', 'our', 'have'],
  de: ['und', 'ich', 'die', 'der', 'das', 'nicht', 'bitte', 'danke', 'mit', 'wir', 'ist'],
  es: ['que', 'el', 'los', 'las', 'por', 'para', 'gracias', 'una', 'con', 'hola', 'es'],
  fr: ['le', 'les', 'et', 'je', 'pour', 'merci', 'avec', 'nous', 'est', 'une', 'bonjour'],
  it: ['il', 'che', 'per', 'grazie', 'con', 'sono', 'una', 'non', 'della'],
  pt: ['que', 'não', 'obrigado', 'para', 'com', 'uma', 'os', 'olá', 'está'],
  nl: ['de', 'het', 'een', 'en', 'ik', 'niet', 'bedankt', 'met', 'voor', 'wij'],
};

const LANG_NAMES: Record<string, string> = {
  en: 'English', de: 'German', es: 'Spanish', fr: 'French', it: 'Italian', pt: 'Portuguese', nl: 'Dutch',
  ar: 'Arabic', he: 'Hebrew', ru: 'Russian', el: 'Greek', ja: 'Japanese', zh: 'Chinese', ko: 'Korean',
};

export function languageName(code: string): string {
  return LANG_NAMES[code] ?? code;
}

/** Language of the customer's own messages (inbound only). */
export function guessLanguage(interactions: Interaction[]): string | undefined {
  const text = interactions
    .filter((i) => i.direction === 'inbound' && (i.channel === 'email' || i.channel === 'chat'))
    .slice(-20)
    .map((i) => i.text.split(/\n--\s*\n|\n>/)[0] ?? '')
    .join(' ')
    .slice(0, 4000);
  if (!text.trim()) return undefined;
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const scripts: [string, number][] = [
    ['ar', count(/[\u0600-\u06ff]/g)],
    ['he', count(/[\u0590-\u05ff]/g)],
    ['ru', count(/[\u0400-\u04ff]/g)],
    ['el', count(/[\u0370-\u03ff]/g)],
    ['ja', count(/[\u3040-\u30ff]/g)],
    ['ko', count(/[\uac00-\ud7af]/g)],
    ['zh', count(/[\u4e00-\u9fff]/g)],
  ];
  const letters = count(/\p{L}/gu);
  const best = scripts.sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] > letters * 0.3) return best[0] === 'zh' && count(/[\u3040-\u30ff]/g) ? 'ja' : best[0];
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let top: [string, number] = ['', 0];
  for (const [lang, list] of Object.entries(WORDS)) {
    const set = new Set(list);
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > top[1]) top = [lang, hits];
  }
  return top[1] >= 2 ? top[0] : undefined;
}

/** "14:05 (Tue)" in a zone; undefined for an unknown zone. */
export function localTime(zone: string, now: number): string | undefined {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone: zone, hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(now);
  } catch {
    return undefined;
  }
}
