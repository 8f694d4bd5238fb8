/**
 * Mail sync baselines measured in the same run as the app: mbsync (isync) pulling the bench
 * folder into a fresh Maildir on tmpfs, and a plain imapflow FETCH of the same folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow, type FetchQueryObject } from 'imapflow';
import { lab } from '../lab/env';
import { BENCH_USER } from './mail-data';

const SHM = '/dev/shm/sb-bench-mbsync';

/** Seconds for one `mbsync` pull of `folder` into an empty Maildir on tmpfs. */
export function mbsyncPull(folder: string): { seconds: number; messages: number } {
  rmSync(SHM, { recursive: true, force: true });
  mkdirSync(join(SHM, 'local'), { recursive: true });
  const rc = join(SHM, 'mbsyncrc');
  const u = lab.users[BENCH_USER];
  writeFileSync(
    rc,
    [
      'IMAPAccount bench',
      `Host ${lab.host}`,
      `Port ${lab.imap.port}`,
      `User ${u.user}`,
      `Pass ${u.pass}`,
      'SSLType None',
      'AuthMechs LOGIN',
      'PipelineDepth 50',
      '',
      'IMAPStore remote',
      'Account bench',
      '',
      'MaildirStore local',
      `Path ${SHM}/local/`,
      `Inbox ${SHM}/local/INBOX`,
      'SubFolders Verbatim',
      '',
      'Channel bench',
      `Far :remote:${folder}`,
      `Near :local:${folder}`,
      'Create Near',
      'Sync Pull',
      'Expunge None',
      'SyncState *',
      'CopyArrivalDate yes',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const t0 = performance.now();
  execFileSync('mbsync', ['-c', rc, '-q', 'bench'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  const seconds = (performance.now() - t0) / 1000;
  const dir = join(SHM, 'local', folder);
  const messages = readdirSync(join(dir, 'cur')).length + readdirSync(join(dir, 'new')).length;
  rmSync(SHM, { recursive: true, force: true });
  return { seconds, messages };
}

export function hasMbsync(): boolean {
  try {
    execFileSync('mbsync', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Seconds for a plain imapflow `UID FETCH 1:*` of `folder` with `query`, counting every message. */
export async function imapflowFetch(folder: string, query: FetchQueryObject): Promise<{ seconds: number; messages: number; bytes: number }> {
  const u = lab.users[BENCH_USER];
  const c = new ImapFlow({ host: lab.host, port: lab.imap.port, secure: false, doSTARTTLS: false, auth: { user: u.user, pass: u.pass }, logger: false });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.mailboxOpen(folder, { readOnly: true });
    const t0 = performance.now();
    let messages = 0;
    let bytes = 0;
    for await (const m of c.fetch('1:*', query, { uid: true })) {
      messages++;
      if (m.source) bytes += m.source.length;
      if (m.bodyParts) for (const v of m.bodyParts.values()) bytes += v.length;
      if (m.headers) bytes += m.headers.length;
    }
    return { seconds: (performance.now() - t0) / 1000, messages, bytes };
  } finally {
    await c.logout().catch(() => c.close());
  }
}
