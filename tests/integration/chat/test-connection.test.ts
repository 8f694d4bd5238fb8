// "Test connection" for a chat account against the lab's Prosody: each failure names its step.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureLab, lab } from '../../lab/env';
import { testXmppSource } from '../../../src/main/connectors/xmpp/test-xmpp-source';
import { xmppFactory } from '../../../src/main/connectors/xmpp/xmpp-factory';
import { chatConfig, SUPPORT, uid } from './chat-lab';

const stepOf = (report: Awaited<ReturnType<typeof testXmppSource>>, step: string) => report.steps.find((s) => s.step === step);

describe('XMPP test connection', () => {
  beforeAll(() => ensureLab(['xmpp']));

  it('passes every step with the right password (STARTTLS, self-signed allowed)', async () => {
    const report = await xmppFactory.test!(chatConfig(`t-${uid()}`), SUPPORT.pass);
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['auth', true],
      ['capability', true],
      ['read', true],
    ]);
    expect(report.ok).toBe(true);
    expect(stepOf(report, 'tls')?.message).toContain('STARTTLS');
    expect(stepOf(report, 'capability')?.message).toContain('stream management on');
  });

  it('a wrong password fails at the auth step, after TLS succeeded', async () => {
    const report = await testXmppSource(chatConfig(`t-${uid()}`), 'not-the-password');
    expect(report.ok).toBe(false);
    expect(stepOf(report, 'tls')?.ok).toBe(true);
    const auth = stepOf(report, 'auth');
    expect(auth?.ok).toBe(false);
    expect(auth?.message).toContain('not-authorized');
    expect(stepOf(report, 'capability')).toBeUndefined();
  });

  it('a wrong port fails at the tcp step', async () => {
    const report = await testXmppSource(chatConfig(`t-${uid()}`, { port: lab.xmpp.port + 7 }), SUPPORT.pass);
    expect(report.steps.map((s) => [s.step, s.ok])).toEqual([
      ['dns', true],
      ['tcp', false],
    ]);
    expect(stepOf(report, 'tcp')?.message).toContain('ECONNREFUSED');
  });

  it('an unknown host fails at the dns step', async () => {
    const report = await testXmppSource(chatConfig(`t-${uid()}`, { host: 'no-such-host.invalid' }), SUPPORT.pass);
    expect(report.steps).toEqual([expect.objectContaining({ step: 'dns', ok: false })]);
  });

  it('the self-signed lab certificate is refused unless allowed: fails at the tls step', async () => {
    const report = await testXmppSource(chatConfig(`t-${uid()}`, { allowSelfSigned: false }), SUPPORT.pass);
    const tls = stepOf(report, 'tls');
    expect(tls?.ok).toBe(false);
    expect(tls?.message).toContain('self-signed');
    expect(stepOf(report, 'auth')).toBeUndefined();
  });
});
