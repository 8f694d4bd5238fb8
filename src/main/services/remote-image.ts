/**
 * Remote images in email, fetched by main only when the agent allowed them for a message or a
 * sender. The page's CSP has no https: in img-src, so the renderer never reaches the network: it
 * asks here and gets a data: URL back. Limits: https only, no credentials in the URL, a size cap
 * (checked on the header and while streaming), raster image types only (no SVG: it is a document
 * format), a timeout, and at most a few redirects, each checked again. Hosts on the agent's own
 * network are refused (loopback, private, link-local, CGNAT, multicast...; checked on the address
 * the name resolves to, at connect time, so DNS rebinding does not get around it): an image URL in
 * a customer's email must not make the console reach the router, the PBX or an intranet page.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { CodedError } from '../../shared/result';

export interface RemoteImage {
  dataUrl: string;
  contentType: string;
  size: number;
}

export interface RemoteImageOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  /** Agent for the request (tests pass one that trusts the lab certificate). */
  agent?: https.Agent;
  /** Allow hosts on private/loopback networks (only tests against a loopback server set this). */
  allowPrivateNetworks?: boolean;
}

function v4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number) as [number, number];
  return (
    a === 0 || a === 10 || a === 127 || a >= 224 || // this network, private, loopback, multicast + reserved
    (a === 100 && b >= 64 && b < 128) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local
    (a === 172 && b >= 16 && b < 32) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && ip.split('.')[2] === '0') || // IETF protocol assignments
    (a === 198 && (b === 18 || b === 19)) // benchmarking
  );
}

/** An IPv6 address as 8 numbers (embedded dotted IPv4 included). */
function hextets(ip: string): number[] {
  let text = ip.toLowerCase().split('%')[0]!;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((x) => parseInt(x || '0', 16));
}

/** True for addresses on the agent's own machine or network, or not routable on the internet. */
export function isPrivateAddress(ip: string): boolean {
  const kind = isIP(ip);
  if (kind === 4) return v4Private(ip);
  if (kind !== 6) return true; // not an address at all: refuse
  const x = hextets(ip);
  const v4 = () => `${x[6]! >> 8}.${x[6]! & 255}.${x[7]! >> 8}.${x[7]! & 255}`;
  const zeros = (n: number) => x.slice(0, n).every((v) => v === 0);
  if (zeros(5) && (x[5] === 0xffff || (x[5] === 0 && x[6] !== 0))) return v4Private(v4()); // IPv4-mapped / -compatible
  if (x[0] === 0x64 && x[1] === 0xff9b && x.slice(2, 6).every((v) => v === 0)) return v4Private(v4()); // NAT64
  if (zeros(7) && (x[7] === 0 || x[7] === 1)) return true; // :: and ::1
  const first = x[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xffc0) === 0xfec0 || // old site-local
    (first & 0xff00) === 0xff00 // multicast
  );
}

const refusedHost = (host: string, ip: string) => new CodedError('rejected', `${host} is on a private or local network (${ip}); images from there are not loaded.`);

/** dns.lookup that refuses private addresses; used by the request at connect time (every redirect too). */
function guardedLookup(hostname: string, options: LookupOptions, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '');
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(refusedHost(hostname, bad.address), '');
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

export const ALLOWED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp', 'image/x-icon', 'image/vnd.microsoft.icon'];

function checkUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CodedError('rejected', `Not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:') throw new CodedError('rejected', `Only https images are loaded (${url.protocol} refused).`);
  if (url.username || url.password) throw new CodedError('rejected', 'Image URLs with credentials are refused.');
  return url;
}

type Opts = Required<Omit<RemoteImageOptions, 'agent'>> & { agent?: https.Agent };

function get(url: URL, opts: Opts): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivateNetworks && isIP(literal) && isPrivateAddress(literal)) return reject(refusedHost(url.hostname, literal));
    const lookup = opts.allowPrivateNetworks ? undefined : guardedLookup;
    const req = https.get(url, { agent: opts.agent, lookup, headers: { accept: 'image/*', 'user-agent': 'Switchboard' } }, resolve);
    req.setTimeout(opts.timeoutMs, () => req.destroy(new CodedError('timeout', `No answer from ${url.host} within ${opts.timeoutMs / 1000} s.`)));
    req.on('error', (e: Error & { code?: string }) => {
      if (e instanceof CodedError) return reject(e);
      const tlsProblem = /CERT|SELF_SIGNED|TLS|SSL/i.test(e.code ?? '');
      reject(new CodedError(tlsProblem ? 'tls' : 'offline', `${url.host}: ${e.message}`));
    });
  });
}

export async function fetchRemoteImage(raw: string, options: RemoteImageOptions = {}): Promise<RemoteImage> {
  const opts: Opts = {
    maxBytes: options.maxBytes ?? 5_000_000,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxRedirects: options.maxRedirects ?? 3,
    agent: options.agent,
    allowPrivateNetworks: options.allowPrivateNetworks ?? false,
  };
  let url = checkUrl(raw);
  for (let hop = 0; ; hop++) {
    const res = await get(url, opts);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= opts.maxRedirects) throw new CodedError('rejected', `Too many redirects for ${raw.slice(0, 200)}.`);
      url = checkUrl(new URL(res.headers.location, url).toString());
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new CodedError('not-found', `${url.host} answered ${status} for the image.`);
    }
    const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!ALLOWED_IMAGE_TYPES.includes(type)) {
      res.resume();
      throw new CodedError('rejected', `Not an image type Switchboard shows (${type || 'no type'}).`);
    }
    const declared = Number(res.headers['content-length'] ?? 0);
    if (declared > opts.maxBytes) {
      res.resume();
      throw new CodedError('rejected', `Image is larger than ${Math.round(opts.maxBytes / 1e6)} MB.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          res.destroy();
          reject(new CodedError('rejected', `Image is larger than ${Math.round(opts.maxBytes / 1e6)} MB.`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', resolve);
      res.on('error', (e) => reject(new CodedError('offline', e.message)));
    });
    const body = Buffer.concat(chunks);
    return { dataUrl: `data:${type};base64,${body.toString('base64')}`, contentType: type, size };
  }
}
