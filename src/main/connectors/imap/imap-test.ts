/**
 * "Test connection" for a mail account: each step says exactly what failed. IMAP: DNS, TCP, TLS
 * (certificate check, with a clear message for self-signed ones), login, capabilities, folders;
 * then SMTP: TCP and login. Stops at the first failing IMAP step (later ones cannot be judged).
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import type { TestReport, TestStep } from '../../../shared/ipc/contract';
import type { ImapSourceConfig } from '../../../shared/ipc/schemas';
import { openSmtp } from '../smtp/smtp-deliver';
import { createImapClient, toCodedError } from './imap-client';
import { isLocalNetworkHost, PLAIN_ONLY_LOCAL } from '../../../shared/security/local-host';

type Endpoint = ImapSourceConfig['imap'];
const TIMEOUT = 10_000;

function tcpConnect(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(TIMEOUT, () => socket.destroy(Object.assign(new Error(`no answer within ${TIMEOUT / 1000} s`), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => {
      socket.setTimeout(0);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** Reads lines until one matches `done`. */
function readUntil(socket: net.Socket, done: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      if (done.test(buf)) {
        cleanup();
        resolve(buf);
      }
    };
    const onErr = (e: Error) => {
      cleanup();
      reject(e);
    };
    const timer = setTimeout(() => onErr(new Error('the server stopped answering')), TIMEOUT);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onErr);
    };
    socket.on('data', onData);
    socket.on('error', onErr);
  });
}

/** Brings a fresh socket to the point where TLS starts (STARTTLS for IMAP or SMTP). */
async function startTls(socket: net.Socket, proto: 'imap' | 'smtp'): Promise<void> {
  if (proto === 'imap') {
    await readUntil(socket, /\r\n/);
    socket.write('a1 STARTTLS\r\n');
    const r = await readUntil(socket, /^a1 .*\r\n/m);
    if (!/^a1 OK/m.test(r)) throw new Error(`the server refused STARTTLS: ${r.trim()}`);
  } else {
    await readUntil(socket, /^220 .*\r\n/m);
    socket.write('EHLO switchboard.localhost\r\n');
    await readUntil(socket, /^250 .*\r\n/m);
    socket.write('STARTTLS\r\n');
    const r = await readUntil(socket, /^\d{3} .*\r\n/m);
    if (!/^220/m.test(r)) throw new Error(`the server refused STARTTLS: ${r.trim()}`);
  }
}

function tlsHandshake(socketOrNull: net.Socket | null, ep: Endpoint, rejectUnauthorized: boolean): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const servername = net.isIP(ep.host) ? undefined : ep.host;
    const opts: tls.ConnectionOptions = socketOrNull
      ? { socket: socketOrNull, servername, rejectUnauthorized }
      : { host: ep.host, port: ep.port, servername, rejectUnauthorized };
    const s = tls.connect(opts, () => resolve(s));
    s.setTimeout(TIMEOUT, () => s.destroy(new Error('the TLS handshake timed out')));
    s.once('error', reject);
  });
}

const SELF_SIGNED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

/** DNS, TCP and TLS for one endpoint; pushes steps, returns false when a step failed. */
async function probe(ep: Endpoint, config: ImapSourceConfig, proto: 'imap' | 'smtp', steps: TestStep[]): Promise<boolean> {
  const who = proto.toUpperCase();
  try {
    const addr = net.isIP(ep.host) ? ep.host : (await lookup(ep.host)).address;
    steps.push({ step: 'dns', ok: true, message: `${who}: ${ep.host} resolves to ${addr}.` });
  } catch (e) {
    steps.push({ step: 'dns', ok: false, message: `${who}: the server name ${ep.host} could not be found (${(e as { code?: string }).code ?? (e as Error).message}).` });
    return false;
  }
  let socket: net.Socket;
  try {
    socket = await tcpConnect(ep.host, ep.port);
    steps.push({ step: 'tcp', ok: true, message: `${who}: port ${ep.port} on ${ep.host} accepts connections.` });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ETIMEDOUT' ? 'no answer (a firewall may drop the connection)' : (e as Error).message;
    steps.push({ step: 'tcp', ok: false, message: `${who}: cannot connect to ${ep.host}:${ep.port}: ${why}.` });
    return false;
  }
  try {
    if (ep.security === 'plain') {
      const local = isLocalNetworkHost(ep.host);
      steps.push(
        !config.allowPlain
          ? { step: 'tls', ok: false, message: `${who}: the connection is set to unencrypted, and plain connections are not allowed. Choose TLS or STARTTLS.` }
          : !local
            ? { step: 'tls', ok: false, message: `${who} (${ep.host}): ${PLAIN_ONLY_LOCAL}` }
            : { step: 'tls', ok: true, message: `${who}: unencrypted connection to a local server (allowed for this account: passwords cross the network in clear).` },
      );
      return config.allowPlain && local;
    }
    const verify = async (rejectUnauthorized: boolean) => {
      const raw = await tcpConnect(ep.host, ep.port);
      if (ep.security === 'starttls') await startTls(raw, proto);
      const s = await tlsHandshake(ep.security === 'starttls' ? raw : (raw.destroy(), null), ep, rejectUnauthorized);
      const proto2 = s.getProtocol();
      s.destroy();
      return proto2;
    };
    try {
      const version = await verify(true);
      steps.push({ step: 'tls', ok: true, message: `${who}: ${ep.security === 'starttls' ? 'STARTTLS' : 'TLS'} works (${version}), the certificate is valid.` });
      return true;
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (SELF_SIGNED.has(code)) {
        if (config.allowSelfSigned) {
          const version = await verify(false);
          steps.push({ step: 'tls', ok: true, message: `${who}: TLS works (${version}) with a self-signed certificate, accepted because this account allows it.` });
          return true;
        }
        steps.push({
          step: 'tls',
          ok: false,
          message: `${who}: the server's certificate is self-signed or from an unknown authority (${code}). Accept self-signed certificates only for a server you run yourself.`,
        });
        return false;
      }
      steps.push({ step: 'tls', ok: false, message: `${who}: the secure connection failed (${code || (e as Error).message}).` });
      return false;
    }
  } finally {
    socket.destroy();
  }
}

/**
 * Team sync's folder: found, missing, or (not set) where the server offers one. A server's
 * shared/public namespace (NAMESPACE, RFC 2342) is the natural home of the team log; without one a
 * folder of a shared mailbox ("other users" namespace) is the fallback (docs/team-sync.md).
 */
export function teamFolderStep(teamFolder: string, paths: Set<string>, ns: { shared: { prefix: string; delimiter: string | null | undefined }[] | false; other: { prefix: string }[] | false } | undefined): TestStep {
  const shared = ns && ns.shared ? ns.shared : [];
  const other = ns && ns.other ? ns.other : [];
  const suggestion = shared[0] ? `${shared[0].prefix}Team` : undefined;
  if (teamFolder.trim()) {
    if (paths.has(teamFolder)) return { step: 'read', ok: true, message: `Team sync: the team folder ${teamFolder} is there.` };
    return {
      step: 'read',
      ok: false,
      message: `Team sync: the team folder ${teamFolder} was not found${suggestion ? `; this server's shared namespace is "${shared[0]!.prefix}", e.g. ${suggestion}` : ''}. Ask the mail admin to create it with read and append rights for the team.`,
    };
  }
  if (suggestion) return { step: 'read', ok: true, message: `Team sync: off (no team folder set). This server has a shared namespace "${shared[0]!.prefix}": a folder such as ${suggestion}, readable and appendable by the team, can carry handoff notes, assignments and status to every console.` };
  if (other.length) return { step: 'read', ok: true, message: `Team sync: off (no team folder set). This server has no public namespace; a folder in a shared mailbox (under "${other[0]!.prefix}") can hold the team log.` };
  return { step: 'read', ok: true, message: 'Team sync: off (no team folder set). This server reports no shared namespace; a folder in a mailbox the whole team can open can hold the team log.' };
}

export async function testImapAccount(config: ImapSourceConfig, password: string | undefined): Promise<TestReport> {
  const steps: TestStep[] = [];
  const imapOk = await probe(config.imap, config, 'imap', steps);
  if (imapOk) {
    const client = (() => {
      try {
        return createImapClient(config, password);
      } catch (e) {
        steps.push({ step: 'auth', ok: false, message: `IMAP: ${(e as Error).message}` });
        return undefined;
      }
    })();
    if (client) {
      client.on('error', () => {});
      try {
        await client.connect();
        steps.push({ step: 'auth', ok: true, message: `IMAP: logged in as ${config.user}.` });
        const caps = client.capabilities;
        const has = (c: string) => caps.has(c);
        const missing = ['IDLE', 'CONDSTORE', 'QRESYNC', 'UIDPLUS'].filter((c) => !has(c));
        steps.push({
          step: 'capability',
          ok: true,
          message:
            `IMAP: ${['IDLE', 'CONDSTORE', 'QRESYNC', 'UIDPLUS'].filter(has).join(', ') || 'no extensions'} supported.` +
            (missing.length ? ` Missing: ${missing.join(', ')}${missing.includes('IDLE') ? ' (changes are noticed by polling)' : ''}${missing.includes('CONDSTORE') ? ' (flag changes need a full scan)' : ''}.` : ''),
        });
        const list = await client.list();
        const paths = new Set(list.map((l) => l.path));
        const wanted = [...new Set([...config.folders, config.sentFolder])];
        const absent = wanted.filter((f) => !paths.has(f));
        steps.push(
          absent.length
            ? { step: 'read', ok: false, message: `IMAP: folder${absent.length > 1 ? 's' : ''} not found: ${absent.join(', ')}. The server has: ${[...paths].slice(0, 20).join(', ')}.` }
            : { step: 'read', ok: true, message: `IMAP: folders found: ${wanted.join(', ')}.` },
        );
        steps.push(teamFolderStep(config.teamFolder, paths, client.namespaces));
      } catch (e) {
        const err = toCodedError(e, 'IMAP');
        steps.push({ step: err.code === 'auth' ? 'auth' : err.code === 'tls' ? 'tls' : 'tcp', ok: false, message: err.message });
      } finally {
        await client.logout().catch(() => client.close());
      }
    }
  }

  // SMTP: probe the endpoint, then log in (no message is sent).
  const smtpSteps: TestStep[] = [];
  if (await probe(config.smtp, config, 'smtp', smtpSteps)) {
    try {
      const conn = await openSmtp(config, password);
      conn.quit();
      smtpSteps.push({ step: 'send', ok: true, message: `SMTP: ${config.smtp.host}:${config.smtp.port} is ready to send${conn.allowsAuth ? ` as ${config.user}` : ''}.` });
    } catch (e) {
      const err = toCodedError(e, 'SMTP');
      smtpSteps.push({ step: err.code === 'auth' ? 'auth' : 'send', ok: false, message: err.message.startsWith('SMTP') ? err.message : `SMTP: ${err.message}` });
    }
  }
  steps.push(...smtpSteps);
  return { ok: steps.every((s) => s.ok), steps };
}
