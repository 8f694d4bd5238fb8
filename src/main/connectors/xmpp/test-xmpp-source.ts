/**
 * "Test connection" for a chat account: each step says exactly what failed.
 * dns -> tcp -> tls -> auth -> capability (archive, carbons, stream management) -> read (archive).
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import xml from '@xmpp/xml';
import type { TestReport, TestStep } from '../../../shared/ipc/contract';
import type { XmppSourceConfig } from '../../../shared/ipc/schemas';
import { CodedError } from '../../../shared/result';
import { queryArchive } from './mam-query';
import { NS } from './namespaces';
import { clientOptionsFor, codedConnectError, createXmppClient, plainRefusal } from './xmpp-client';

function hostAndPort(service: string): { host: string; port: number } {
  const u = new URL(service);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) };
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' }));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

export async function testXmppSource(config: XmppSourceConfig, password: string | undefined, timeoutMs = 10_000): Promise<TestReport> {
  const steps: TestStep[] = [];
  const done = (): TestReport => ({ ok: steps.every((s) => s.ok), steps });
  const fail = (step: TestStep['step'], message: string) => {
    steps.push({ step, ok: false, message });
    return done();
  };

  const refused = plainRefusal(config);
  if (refused) return fail('tls', refused.message);
  const opts = { ...clientOptionsFor(config, password ?? ''), timeoutMs };
  const { host, port } = hostAndPort(opts.service);

  let address = host;
  if (net.isIP(host)) {
    steps.push({ step: 'dns', ok: true, message: `${host} is an IP address.` });
  } else {
    try {
      address = (await lookup(host)).address;
      steps.push({ step: 'dns', ok: true, message: `${host} resolves to ${address}.` });
    } catch (e) {
      return fail('dns', `Cannot resolve ${host} (${(e as { code?: string }).code ?? (e as Error).message}).`);
    }
  }

  try {
    await tcpProbe(address, port, timeoutMs);
    steps.push({ step: 'tcp', ok: true, message: `Connected to ${host}:${port}.` });
  } catch (e) {
    return fail('tcp', `Cannot connect to ${host}:${port} (${(e as { code?: string }).code ?? (e as Error).message}).`);
  }

  if (!password) return fail('auth', 'No password: type the chat account password.');

  const c = createXmppClient(opts);
  c.entity.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    try {
      await Promise.race([
        c.startSession(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new CodedError('timeout', `${host}:${port} did not finish the XMPP login within ${(timeoutMs * 2) / 1000} s.`)), timeoutMs * 2);
        }),
      ]);
    } catch (e) {
      const coded = codedConnectError(e, opts);
      const secure = c.entity.isSecure();
      if (coded.code === 'tls') return fail('tls', coded.message);
      steps.push({ step: 'tls', ok: secure || config.security === 'plain', message: secure ? 'Encrypted.' : 'Not encrypted (allowed for this source).' });
      if (coded.code === 'auth') return fail('auth', coded.message);
      return fail(secure || config.security === 'plain' ? 'auth' : 'tls', coded.message);
    } finally {
      clearTimeout(timer);
    }
    const secure = c.entity.isSecure();
    steps.push({
      step: 'tls',
      ok: true,
      message: secure ? `Encrypted (${config.security === 'tls' ? 'direct TLS' : 'STARTTLS'}).` : 'Not encrypted (plain connection chosen for this source).',
    });
    steps.push({ step: 'auth', ok: true, message: `Logged in as ${c.entity.jid?.toString() ?? opts.username}.` });

    // Capabilities: MAM is on the account's bare JID, carbons on the server.
    const features = async (to: string) => {
      const info = await c.iqCaller.request(xml('iq', { type: 'get', to }, xml('query', { xmlns: NS.discoInfo })), timeoutMs);
      return new Set(info.getChild('query', NS.discoInfo)?.getChildren('feature').map((f) => f.attrs.var ?? '') ?? []);
    };
    try {
      const accountFeatures = await features(`${opts.username}@${opts.domain}`);
      const serverFeatures = await features(opts.domain);
      const missing: string[] = [];
      if (!accountFeatures.has(NS.mam) && !serverFeatures.has(NS.mam)) missing.push('message archive (XEP-0313, Prosody mod_mam)');
      if (!serverFeatures.has(NS.carbons)) missing.push('message carbons (XEP-0280, Prosody mod_carbons)');
      const sm = c.streamManagement.enabled;
      if (missing.length) return fail('capability', `The server lacks ${missing.join(' and ')}.`);
      steps.push({
        step: 'capability',
        ok: true,
        message: `Archive and carbons available; stream management ${sm ? 'on' : 'not offered (reconnects rely on the archive; Prosody mod_smacks)'}.`,
      });
    } catch (e) {
      return fail('capability', `Could not ask the server what it supports (${(e as Error).message}).`);
    }

    try {
      const page = await queryArchive(c, { before: '', max: 1 }, timeoutMs);
      steps.push({ step: 'read', ok: true, message: page.count !== undefined ? `Archive readable (${page.count} messages).` : 'Archive readable.' });
    } catch (e) {
      return fail('read', `Reading the archive failed (${(e as Error).message}).`);
    }
    return done();
  } finally {
    await Promise.race([c.entity.stop().catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
    c.entity.disconnect().catch(() => undefined);
  }
}
