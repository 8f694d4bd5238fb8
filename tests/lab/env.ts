// Switchboard test lab: where the real servers started by tests/lab/lab.sh listen, and who can
// log in. Import this from integration suites and benchmarks instead of hard-coding ports:
//
//   import { lab, ensureLab } from '../lab/env';
//   beforeAll(() => ensureLab(['mail']));
//   new ImapFlow({ ...lab.imap, auth: { user: lab.users.agent1.user, pass: lab.users.agent1.pass } });
//
// Deliberately free of dependencies (only node:child_process and node:path) so that it
// loads in vitest globalSetup, plain node, tsx and Playwright alike. Keep the values in sync
// with tests/lab/lib.sh; both honour the same SB_LAB_* environment overrides.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const HOST = '127.0.0.1';
const DOMAIN = 'localhost';

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port`);
  }
  return port;
}

/** Directory holding every server's config, data, logs and the lab TLS certificate. */
const LAB_DIR = process.env.SB_LAB_DIR ?? '/tmp/switchboard-lab';

/** A lab account. `mailbox`: has a Dovecot mailbox (IMAP login); `xmpp`: has a Prosody account. */
export interface LabUser {
  readonly user: string;
  readonly pass: string;
  readonly email: string;
  readonly jid: string;
  readonly mailbox: boolean;
  readonly xmpp: boolean;
}

const MAIL_USERS = [
  'agent1', 'agent2', 'customer', 'bench', 'team',
  'user1', 'user2', 'user3', 'user4', 'user5', 'user6', 'user7', 'user8',
] as const;
const XMPP_USERS = ['agent1', 'agent2', 'customer', 'support', 'customer2'] as const;

export type LabMailUser = (typeof MAIL_USERS)[number];
export type LabXmppUser = (typeof XMPP_USERS)[number];
export type LabUserName = LabMailUser | LabXmppUser;

function makeUser(name: LabUserName): LabUser {
  return {
    user: name,
    pass: `${name}pw`,
    email: `${name}@${DOMAIN}`,
    jid: `${name}@${DOMAIN}`,
    mailbox: (MAIL_USERS as readonly string[]).includes(name),
    xmpp: (XMPP_USERS as readonly string[]).includes(name),
  };
}

const users = Object.fromEntries(
  [...new Set<LabUserName>([...MAIL_USERS, ...XMPP_USERS])].map((name) => [name, makeUser(name)]),
) as Record<LabUserName, LabUser>;

const imapPort = envPort('SB_LAB_IMAP_PORT', 11143);
const imapsPort = envPort('SB_LAB_IMAPS_PORT', 11993);
const lmtpPort = envPort('SB_LAB_LMTP_PORT', 11024);
const smtpPort = envPort('SB_LAB_SMTP_PORT', 11025);
const xmppPort = envPort('SB_LAB_XMPP_PORT', 15222);
const xmppHttpPort = envPort('SB_LAB_XMPP_HTTP_PORT', 15280);
const mysqlPort = envPort('SB_LAB_MYSQL_PORT', 13307);

export const lab = {
  dir: LAB_DIR,
  host: HOST,
  domain: DOMAIN,
  /** Self-signed certificate (CN localhost; SAN localhost, conference.localhost, 127.0.0.1) used
   *  by every server. Trust it with `tls: { ca: readFileSync(lab.tls.caFile) }` or by starting
   *  node with NODE_EXTRA_CA_CERTS=<caFile>. Created by the first `lab.sh up`. */
  tls: { caFile: join(LAB_DIR, 'tls', 'cert.pem') },

  /** Dovecot IMAP: plaintext LOGIN allowed; STARTTLS offered (clients may upgrade). */
  imap: { host: HOST, port: imapPort, secure: false },
  /** Dovecot IMAP over implicit TLS. */
  imaps: { host: HOST, port: imapsPort, secure: true },
  /** Dovecot LMTP (what Postfix delivers to; tests can inject mail here directly). */
  lmtp: { host: HOST, port: lmtpPort },
  /** Postfix SMTP: STARTTLS offered, AUTH PLAIN/LOGIN optional on loopback; delivers to Dovecot. */
  smtp: { host: HOST, port: smtpPort, secure: false },

  mail: {
    /** Postfix alias delivered to agent1 AND agent2. */
    supportAddress: `support@${DOMAIN}`,
    supportRecipients: ['agent1', 'agent2'] as const,
    /** Auto-created and subscribed for every mail user. */
    folders: ['INBOX', 'Sent', 'Drafts', 'Trash'] as const,
    /** Public namespace, shared by all mail users (full rights for everyone). */
    publicPrefix: 'Public/',
    /** Shared folder for team sync; flags/keywords shared, \Seen per user. */
    teamFolder: 'Public/Team',
    separator: '/',
  },

  /** Prosody: host `localhost`; MAM (always, never expires), carbons, smacks, ping, csi. */
  xmpp: {
    host: HOST,
    port: xmppPort,
    domain: DOMAIN,
    /** for @xmpp/client `service` */
    service: `xmpp://${HOST}:${xmppPort}`,
    websocket: `ws://${HOST}:${xmppHttpPort}/xmpp-websocket`,
    bosh: `http://${HOST}:${xmppHttpPort}/http-bind`,
    muc: `conference.${DOMAIN}`,
  },

  /** MariaDB with Asterisk's CDR table `asteriskcdrdb.cdr`. `user` can only SELECT. */
  mysql: {
    host: HOST,
    port: mysqlPort,
    database: 'asteriskcdrdb',
    table: 'cdr',
    user: 'cdr',
    password: 'cdrpw',
    /** INSERT/DELETE/SELECT, for seeding and cleaning call records in tests. */
    writer: { user: 'cdrw', password: 'cdrwpw' },
  },

  users,
} as const;

export type LabService = 'mail' | 'xmpp' | 'mysql';

// __dirname exists under vitest, Playwright and tsx. No import.meta here: Node would then load
// this file as an ES module and Playwright's CommonJS transform of it fails.
const LAB_SH = join(__dirname, 'lab.sh');

function runLab(args: string[], timeoutMs: number): string {
  try {
    return execFileSync('bash', [LAB_SH, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      env: process.env,
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `bash tests/lab/lab.sh ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`,
    );
  }
}

/**
 * Make sure the given lab services run (config + start + wait until listening). Idempotent and
 * cheap (~0.1 s) when they already run; a cold start of everything takes about 3 s. Safe to call
 * from several vitest workers at once (lab.sh serialises on a lock). Synchronous on purpose, so
 * it fits beforeAll/globalSetup. Needs root and the Debian packages (`lab.sh install`).
 */
export function ensureLab(services: readonly LabService[] = ['mail', 'xmpp', 'mysql']): void {
  runLab(['up', ...services], 180_000);
}

/** Stop the given lab services (default: all). */
export function stopLab(services: readonly LabService[] = []): void {
  runLab(['down', ...services], 120_000);
}

/** Delete a mail user's mailboxes (Dovecot keeps running; the user's IMAP sessions are dropped).
 *  Folders reappear empty at the next login or delivery. */
export function resetMail(...names: LabMailUser[]): void {
  if (names.length === 0) throw new Error('resetMail: name at least one user');
  runLab(['reset-mail', ...names], 60_000);
}
