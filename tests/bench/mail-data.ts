/**
 * Bench mail data: N support-style messages written straight into the lab user `bench`'s Dovecot
 * Maildir (one file each, like a delivered message), then indexed by Dovecot. Far faster than N
 * APPENDs. Deterministic (seeded) so every run syncs the same bytes; generated once per size and
 * reused while the folder holds exactly N messages.
 *
 * Mix (realistic sizes, threads): ~55% text/plain UTF-8 (0.5-6 KB, some quoted-printable),
 * 25% multipart/alternative (text + HTML), 10% multipart/mixed with an 18 KB PDF-like attachment,
 * 5% ISO-8859-1 with an RFC 2047 subject, 5% replies from the team. Threads of 1-6 messages per
 * customer linked by In-Reply-To/References.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lab } from '../lab/env';

export const BENCH_USER = 'bench';

export function benchFolder(n: number): string {
  return `Bench${n}`;
}

const DOVECOT_CONF = join(lab.dir, 'dovecot', 'dovecot.conf');
const MAILDIR = join(lab.dir, 'dovecot', 'mail', BENCH_USER, 'Maildir');

function doveadm(args: string[]): string {
  return execFileSync('doveadm', ['-c', DOVECOT_CONF, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
}

export function folderCount(folder: string): number {
  try {
    const out = doveadm(['-f', 'flow', 'mailbox', 'status', '-u', BENCH_USER, 'messages', folder]);
    const m = /messages=(\d+)/.exec(out);
    return m ? Number(m[1]) : 0;
  } catch {
    return -1;
  }
}

/** Seeded linear congruential generator: the same sequence on every machine. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const WORDS =
  'ticket order refund invoice delivery account password login error printer update please thanks customer support urgent issue screen crash sync mailbox phone call back tomorrow billing plan upgrade cancel renewal licence export report dashboard slow timeout certificate warning'.split(
    ' ',
  );
const FIRST = ['Anna', 'Ben', 'Chloé', 'Dmitri', 'Elif', 'Farah', 'Gustav', 'Hiro', 'Ines', 'João', 'Kemal', 'Lena', 'Mateo', 'Nora', 'Olu', 'Priya'];
const LAST = ['Schmidt', 'Okafor', 'Dubois', 'Ivanova', 'Yılmaz', 'Haddad', 'Berg', 'Tanaka', 'García', 'Silva', 'Kowalski', 'Novak', 'Rossi', 'Chen'];

export interface GeneratedMail {
  count: number;
  bytes: number;
  customers: number;
}

/** Writes the messages into `dir` (Maildir folder with cur/new/tmp). Pure file work, no Dovecot. */
export function writeMaildir(dir: string, n: number, seed = 42): GeneratedMail {
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(dir, d), { recursive: true });
  const rnd = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const sentence = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
  const para = (bytes: number) => {
    let s = '';
    while (s.length < bytes) s += `${sentence(8 + Math.floor(rnd() * 10))}.\r\n`;
    return s;
  };
  const b64 = (bytes: number) => {
    const buf = Buffer.allocUnsafe(bytes);
    for (let i = 0; i < bytes; i++) buf[i] = Math.floor(rnd() * 256);
    return buf.toString('base64').replace(/.{76}/g, '$&\r\n');
  };
  const customers = Math.max(1, Math.floor(n / 8));
  const base = Math.floor(Date.now() / 1000) - n * 60;
  // Per customer: the Message-IDs of its current thread (root first).
  const threads = new Map<number, { ids: string[]; subject: string }>();
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.floor(rnd() * customers);
    const name = `${FIRST[c % FIRST.length]} ${LAST[Math.floor(c / FIRST.length) % LAST.length]}`;
    const addr = `customer${c}@example.test`;
    const msgId = `<bench.${seed}.${i}@example.test>`;
    let thread = threads.get(c);
    if (!thread || thread.ids.length >= 1 + Math.floor(rnd() * 6)) thread = { ids: [], subject: `[#${100000 + i}] ${sentence(3 + (i % 5))}` };
    const chain = thread.ids;
    const fromTeam = chain.length > 0 && rnd() < 0.15;
    const date = new Date((base + i * 60) * 1000).toUTCString().replace('GMT', '+0000');
    const subject = chain.length ? `Re: ${thread.subject}` : thread.subject;
    const kind = i % 20;
    const head = [
      `Return-Path: <${fromTeam ? 'support@localhost' : addr}>`,
      fromTeam ? 'From: "Support" <support@localhost>' : `From: "${name}" <${addr}>`,
      fromTeam ? `To: "${name}" <${addr}>` : 'To: support@localhost',
      kind === 19 ? `Subject: =?ISO-8859-1?Q?${encodeQ(subject)}?=` : `Subject: ${subject}`,
      `Date: ${date}`,
      `Message-ID: ${msgId}`,
      ...(chain.length ? [`In-Reply-To: ${chain[chain.length - 1]}`, `References: ${chain.join(' ')}`] : []),
      'MIME-Version: 1.0',
    ];
    chain.push(msgId);
    threads.set(c, thread);
    const text = `Hello,\r\n\r\n${para(500 + Math.floor(rnd() * 5500))}\r\nBest regards,\r\n${fromTeam ? 'Support' : name}\r\n`;
    let body: string;
    let raw: Buffer;
    if (kind === 19) {
      raw = Buffer.concat([
        Buffer.from([...head, 'Content-Type: text/plain; charset=ISO-8859-1', 'Content-Transfer-Encoding: 8bit', '', ''].join('\r\n')),
        Buffer.from(`${text}Grüße aus Köln, à bientôt.\r\n`, 'latin1'),
      ]);
    } else {
      if (kind < 11) {
        const qp = kind === 10;
        body = [...head, 'Content-Type: text/plain; charset=utf-8', `Content-Transfer-Encoding: ${qp ? 'quoted-printable' : '8bit'}`, '', qp ? text.replace(/=/g, '=3D') : text].join('\r\n');
      } else if (kind < 16) {
        const html = `<html><body><p>${text.replace(/\r\n/g, '</p>\r\n<p>')}</p></body></html>\r\n`;
        body = [...head, `Content-Type: multipart/alternative; boundary="alt${i}"`, '', `--alt${i}`, 'Content-Type: text/plain; charset=utf-8', '', text, `--alt${i}`, 'Content-Type: text/html; charset=utf-8', '', html, `--alt${i}--`, ''].join('\r\n');
      } else if (kind < 18) {
        body = [
          ...head,
          `Content-Type: multipart/mixed; boundary="mix${i}"`,
          '',
          `--mix${i}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          `--mix${i}`,
          `Content-Type: application/pdf; name="invoice-${i}.pdf"`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment; filename="invoice-${i}.pdf"`,
          '',
          b64(18000),
          `--mix${i}--`,
          '',
        ].join('\r\n');
      } else {
        body = [...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', `${text}Merci ! Спасибо! ありがとう 🙏\r\n`].join('\r\n');
      }
      raw = Buffer.from(body);
    }
    bytes += raw.length;
    writeFileSync(join(dir, 'cur', `${base + i * 60}.M${i}P1.bench,S=${raw.length}:2,S`), raw);
  }
  return { count: n, bytes, customers };
}

function encodeQ(s: string): string {
  return Buffer.from(s, 'latin1')
    .toString('latin1')
    .replace(/[^A-Za-z0-9!*+\-/]/g, (ch) => (ch === ' ' ? '_' : `=${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`));
}

/**
 * Makes sure bench@localhost's folder Bench<N> holds exactly the N generated messages, indexed by
 * Dovecot. Returns what it did and how long indexing took (0 when the folder was already there).
 */
export function ensureBenchMail(n: number, log: (line: string) => void): { folder: string; generatedMs: number; indexedMs: number } {
  const folder = benchFolder(n);
  if (folderCount(folder) === n) return { folder, generatedMs: 0, indexedMs: 0 };
  // First login creates the Maildir root; then replace the folder wholesale.
  doveadm(['mailbox', 'status', '-u', BENCH_USER, 'messages', 'INBOX']);
  const dir = join(MAILDIR, folder);
  if (existsSync(dir)) {
    try {
      doveadm(['mailbox', 'delete', '-u', BENCH_USER, folder]);
    } catch {
      /* not a mailbox yet */
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const t0 = performance.now();
  const gen = writeMaildir(dir, n);
  const generatedMs = performance.now() - t0;
  execFileSync('chown', ['-R', 'vmail:vmail', dir]);
  log(`generated ${gen.count} messages (${(gen.bytes / 1e6).toFixed(1)} MB, ${gen.customers} customers) in ${(generatedMs / 1000).toFixed(1)} s`);
  const t1 = performance.now();
  doveadm(['force-resync', '-u', BENCH_USER, folder]);
  const got = folderCount(folder);
  const indexedMs = performance.now() - t1;
  if (got !== n) throw new Error(`Dovecot sees ${got} messages in ${folder}, expected ${n}`);
  log(`Dovecot indexed ${folder} in ${(indexedMs / 1000).toFixed(1)} s`);
  return { folder, generatedMs, indexedMs };
}
