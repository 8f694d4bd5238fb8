/**
 * Is a host name or address on this machine or the local network? Unencrypted (plain) IMAP, SMTP
 * and XMPP are allowed only to such hosts (a lab or loopback server), never across the internet.
 * Pure and literal: a public DNS name is not local even if it happens to resolve to a private
 * address, so the rule cannot be bent by DNS.
 */
const LOCAL_SUFFIXES = ['localhost', 'local', 'lan', 'internal', 'home.arpa', 'test'];

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

export function isLocalNetworkHost(raw: string): boolean {
  const host = raw.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!host) return false;
  const v4 = ipv4(host);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (host.includes(':')) {
    if (host === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isLocalNetworkHost(mapped[1]!);
    // fc00::/7 (unique local) and fe80::/10 (link-local)
    return /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  }
  if (!host.includes('.')) return true; // a single-label name: this machine or the LAN's own (e.g. "mailserver")
  return LOCAL_SUFFIXES.some((s) => host === s || host.endsWith(`.${s}`));
}

export const PLAIN_ONLY_LOCAL =
  'Unencrypted connections are allowed only to a server on this machine or the local network (localhost, 127.x, 10.x, 172.16-31.x, 192.168.x, ::1, fc00::/7, a single-label name or a .local/.lan/.internal/.home.arpa name). Use TLS or STARTTLS for this server.';
