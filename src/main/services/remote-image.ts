/**
 * Remote images in email, fetched by main only when the agent allowed them for a message or a
 * sender. The page's CSP has no https: in img-src, so the renderer never reaches the network: it
 * asks here and gets a data: URL back. Limits: https only, no credentials in the URL, a size cap
 * (checked on the header and while streaming), raster image types only (no SVG: it is a document
 * format), a timeout, and at most a few redirects, each checked again.
 */
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
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

function get(url: URL, opts: Required<Omit<RemoteImageOptions, 'agent'>> & { agent?: https.Agent }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { agent: opts.agent, headers: { accept: 'image/*', 'user-agent': 'Switchboard' } }, resolve);
    req.setTimeout(opts.timeoutMs, () => req.destroy(new CodedError('timeout', `No answer from ${url.host} within ${opts.timeoutMs / 1000} s.`)));
    req.on('error', (e: Error & { code?: string }) => {
      if (e instanceof CodedError) return reject(e);
      const tlsProblem = /CERT|SELF_SIGNED|TLS|SSL/i.test(e.code ?? '');
      reject(new CodedError(tlsProblem ? 'tls' : 'offline', `${url.host}: ${e.message}`));
    });
  });
}

export async function fetchRemoteImage(raw: string, options: RemoteImageOptions = {}): Promise<RemoteImage> {
  const opts = { maxBytes: options.maxBytes ?? 5_000_000, timeoutMs: options.timeoutMs ?? 15_000, maxRedirects: options.maxRedirects ?? 3, agent: options.agent };
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
