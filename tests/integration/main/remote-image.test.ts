/**
 * mail:remote-image in main against a real local https server (the lab certificate): what it
 * returns, and every limit it enforces.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchRemoteImage } from '../../../src/main/services/remote-image';
import { ensureLab, lab } from '../../lab/env';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');
let server: https.Server;
let base: string;
let agent: https.Agent;
/** The test server is on loopback, which the product refuses by default (see the last test). */
const allowPrivateNetworks = true;

beforeAll(async () => {
  ensureLab(['mail']); // the lab TLS certificate
  server = https.createServer({ cert: readFileSync(join(lab.dir, 'tls', 'cert.pem')), key: readFileSync(join(lab.dir, 'tls', 'key.pem')) }, (req, res) => {
    const u = req.url ?? '';
    if (u === '/ok.png') return void res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (u === '/svg') return void res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>');
    if (u === '/html') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<script></script>');
    if (u === '/big-declared') return void res.writeHead(200, { 'content-type': 'image/png', 'content-length': '9000000' }).end();
    if (u === '/big-streamed') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(Buffer.alloc(600_000));
      res.end(Buffer.alloc(600_000));
      return;
    }
    if (u === '/to-ok') return void res.writeHead(302, { location: '/ok.png' }).end();
    if (u === '/to-http') return void res.writeHead(302, { location: 'http://127.0.0.1:1/x.png' }).end();
    if (u === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  agent = new https.Agent({ ca: readFileSync(lab.tls.caFile) });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fetchRemoteImage', () => {
  it('returns a data: URL with the type and size', async () => {
    const img = await fetchRemoteImage(`${base}/ok.png`, { agent, allowPrivateNetworks });
    expect(img).toEqual({ dataUrl: `data:image/png;base64,${PNG.toString('base64')}`, contentType: 'image/png', size: PNG.length });
  });
  it('follows a redirect to https, refuses one to http, and stops loops', async () => {
    expect((await fetchRemoteImage(`${base}/to-ok`, { agent, allowPrivateNetworks })).contentType).toBe('image/png');
    await expect(fetchRemoteImage(`${base}/to-http`, { agent, allowPrivateNetworks })).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`${base}/loop`, { agent, allowPrivateNetworks })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('redirects') });
  });
  it('refuses non-images and SVG', async () => {
    await expect(fetchRemoteImage(`${base}/html`, { agent, allowPrivateNetworks })).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`${base}/svg`, { agent, allowPrivateNetworks })).rejects.toMatchObject({ code: 'rejected' });
  });
  it('enforces the size cap on the header and while streaming', async () => {
    await expect(fetchRemoteImage(`${base}/big-declared`, { agent, allowPrivateNetworks, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`${base}/big-streamed`, { agent, allowPrivateNetworks, maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'rejected' });
  });
  it('refuses http, credentials in the URL, and reports a bad certificate or a missing image', async () => {
    await expect(fetchRemoteImage('http://127.0.0.1/x.png')).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`https://user:pw@127.0.0.1/x.png`)).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`${base}/ok.png`, { allowPrivateNetworks })).rejects.toMatchObject({ code: 'tls' }); // untrusted certificate without the lab CA
    await expect(fetchRemoteImage(`${base}/nope.png`, { agent, allowPrivateNetworks })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses hosts on the local network by default: IP literals (v4, v6, v4-mapped) and a name resolving to loopback', async () => {
    const port = (server.address() as { port: number }).port;
    await expect(fetchRemoteImage(`${base}/ok.png`, { agent })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('private or local network') });
    await expect(fetchRemoteImage(`https://localhost:${port}/ok.png`, { agent })).rejects.toMatchObject({ code: 'rejected', message: expect.stringContaining('private or local network') });
    await expect(fetchRemoteImage(`https://[::1]:${port}/ok.png`, { agent })).rejects.toMatchObject({ code: 'rejected' });
    await expect(fetchRemoteImage(`https://[::ffff:127.0.0.1]:${port}/ok.png`, { agent })).rejects.toMatchObject({ code: 'rejected' });
  });
});
