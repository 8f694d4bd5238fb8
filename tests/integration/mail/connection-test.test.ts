import { beforeAll, describe, expect, it } from 'vitest';
import { testImapAccount } from '../../../src/main/connectors/imap/imap-test';
import { ensureLab, lab } from '../../lab/env';
import { accountConfig } from './mail-lab';

const steps = (r: Awaited<ReturnType<typeof testImapAccount>>) => r.steps.map((s) => `${s.step}:${s.ok ? 'ok' : 'FAIL'}`);

describe('test connection', () => {
  beforeAll(() => ensureLab(['mail']));
  const good = accountConfig('user8');

  it('a good account passes every step and lists the capabilities', async () => {
    const r = await testImapAccount(good, 'user8pw');
    expect(steps(r)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'auth:ok', 'capability:ok', 'read:ok', 'read:ok', 'dns:ok', 'tcp:ok', 'tls:ok', 'send:ok']);
    expect(r.ok).toBe(true);
    expect(r.steps.find((s) => s.step === 'capability')!.message).toMatch(/IDLE, CONDSTORE, QRESYNC/);
    expect(r.steps[2]!.message).toMatch(/self-signed certificate, accepted/);
  });

  it("team sync's folder: found, missing (with the server's shared namespace as a hint), or where to put it", async () => {
    const team = (r: Awaited<ReturnType<typeof testImapAccount>>) => r.steps.find((s) => s.message.startsWith('Team sync'))!;
    const off = team(await testImapAccount({ ...good, teamFolder: '' }, 'user8pw'));
    expect(off).toMatchObject({ ok: true });
    expect(off.message).toContain(`shared namespace "${lab.mail.publicPrefix}"`);
    expect(off.message).toContain(`${lab.mail.publicPrefix}Team`);
    const set = team(await testImapAccount({ ...good, teamFolder: lab.mail.teamFolder }, 'user8pw'));
    expect(set).toMatchObject({ ok: true, message: `Team sync: the team folder ${lab.mail.teamFolder} is there.` });
    const missing = await testImapAccount({ ...good, teamFolder: 'Public/NoSuchTeam' }, 'user8pw');
    expect(team(missing)).toMatchObject({ ok: false });
    expect(team(missing).message).toMatch(/Public\/NoSuchTeam was not found; this server's shared namespace is "Public\/"/);
    expect(missing.ok).toBe(false);
  });

  it('implicit TLS (IMAPS) works too', async () => {
    const r = await testImapAccount({ ...good, imap: { host: lab.host, port: lab.imaps.port, security: 'tls' } }, 'user8pw');
    expect(r.steps.slice(0, 4).map((s) => s.ok)).toEqual([true, true, true, true]);
  });

  it('wrong password -> auth fails', async () => {
    const r = await testImapAccount(good, 'wrong');
    expect(steps(r).slice(0, 4)).toEqual(['dns:ok', 'tcp:ok', 'tls:ok', 'auth:FAIL']);
    expect(r.steps[3]!.message).toMatch(/refused the user name or password/);
    expect(r.ok).toBe(false);
    expect(r.steps.find((s) => s.message.startsWith('SMTP') && !s.ok)?.step).toBe('auth');
  });

  it('unknown host -> dns fails', async () => {
    const r = await testImapAccount({ ...good, imap: { ...good.imap, host: 'no-such-host.invalid' } }, 'user8pw');
    expect(steps(r)[0]).toBe('dns:FAIL');
    expect(r.steps[0]!.message).toMatch(/no-such-host\.invalid could not be found/);
  });

  it('closed port -> tcp fails', async () => {
    const r = await testImapAccount({ ...good, imap: { ...good.imap, port: 11144 } }, 'user8pw');
    expect(steps(r).slice(0, 2)).toEqual(['dns:ok', 'tcp:FAIL']);
    expect(r.steps[1]!.message).toMatch(/nothing is listening/);
  });

  it('self-signed certificate without permission -> tls fails with a clear message', async () => {
    const r = await testImapAccount({ ...good, allowSelfSigned: false }, 'user8pw');
    expect(steps(r).slice(0, 3)).toEqual(['dns:ok', 'tcp:ok', 'tls:FAIL']);
    expect(r.steps[2]!.message).toMatch(/self-signed/);
    expect(r.steps.length).toBeGreaterThan(3); // SMTP is still checked
  });

  it('plain connection refused unless allowPlain', async () => {
    const plain = { ...good, imap: { ...good.imap, security: 'plain' as const }, smtp: { ...good.smtp, security: 'plain' as const } };
    const refused = await testImapAccount(plain, 'user8pw');
    expect(steps(refused).slice(0, 3)).toEqual(['dns:ok', 'tcp:ok', 'tls:FAIL']);
    expect(refused.steps[2]!.message).toMatch(/plain connections are not allowed/);
    const allowed = await testImapAccount({ ...plain, allowPlain: true }, 'user8pw');
    expect(allowed.ok).toBe(true);
    expect(allowed.steps[2]!.message).toMatch(/unencrypted connection to a local server/);
  });

  it('a folder that does not exist -> read fails and names it', async () => {
    const r = await testImapAccount({ ...good, folders: ['INBOX', 'Archive/2019'] }, 'user8pw');
    const read = r.steps.find((s) => s.step === 'read')!;
    expect(read.ok).toBe(false);
    expect(read.message).toMatch(/Archive\/2019/);
  });
});
