/** Link safety hints (pure): where a link really goes, and whether its text claims otherwise. */

export function linkHost(href: string): string | undefined {
  try {
    const u = new URL(href);
    return u.protocol === 'mailto:' || u.protocol === 'tel:' ? undefined : u.hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The domain a link's visible text shows, if it shows one ("www.bank.com", "https://x.org/..."). */
export function domainInText(text: string): string | undefined {
  const m = /\b((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/:\s]|$)/i.exec(text.trim());
  return m?.[1]?.toLowerCase();
}

/**
 * True when the text names a domain and the link goes to a different one (a classic phishing
 * pattern: text "www.mybank.com", target "mybank.evil.example").
 */
export function linkMismatch(text: string, href: string): boolean {
  const shown = domainInText(text);
  const real = linkHost(href);
  if (!shown || !real) return false;
  const strip = (d: string) => d.replace(/^www\./, '');
  const s = strip(shown);
  const r = strip(real);
  return !(r === s || r.endsWith(`.${s}`));
}
