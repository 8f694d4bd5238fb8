import { describe, expect, it } from 'vitest';
import { isLocalNetworkHost } from '../../../src/shared/security/local-host';
import { transportSecurity } from '../../../src/main/connectors/imap/imap-client';
import { defaultConfig, validate } from '../../../src/renderer/src/features/settings/form-model';

describe('plain connections only to local hosts', () => {
  it('knows loopback, private and link-local addresses and local names', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'mail.localhost', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.0.9', '::1', '[::1]', 'fd12:3456::1', 'fe80::1', '::ffff:192.168.0.2', 'mailserver', 'imap.office.lan', 'dovecot.internal', 'nas.home.arpa', 'printer.local', 'MAIL.LOCAL.'])
      expect(isLocalNetworkHost(h), h).toBe(true);
    for (const h of ['', '8.8.8.8', '172.32.0.1', '192.169.0.1', '11.0.0.1', 'imap.gmail.com', 'mail.example.com', 'localhost.example.com', '2001:db8::1', '::ffff:8.8.8.8', '256.1.1.1'])
      expect(isLocalNetworkHost(h), h).toBe(false);
  });

  it('IMAP/SMTP refuse plain to a public host even when unencrypted is allowed', () => {
    const cfg = { allowPlain: true, allowSelfSigned: false };
    expect(transportSecurity({ host: '127.0.0.1', port: 143, security: 'plain' }, cfg, 'IMAP')).toMatchObject({ secure: false, starttls: false });
    expect(() => transportSecurity({ host: 'imap.example.com', port: 143, security: 'plain' }, cfg, 'IMAP')).toThrow(/only to a server on this machine or the local network/);
    expect(transportSecurity({ host: 'imap.example.com', port: 993, security: 'tls' }, cfg, 'IMAP')).toMatchObject({ secure: true });
  });

  it('the settings form says so before saving', () => {
    const base = defaultConfig('imap');
    if (base.kind !== 'imap') throw new Error('imap');
    const c = { ...base, allowPlain: true };
    const errs = validate({ ...c, imap: { host: 'imap.example.com', port: 143, security: 'plain' } }, { password: 'x', hasPassword: false });
    expect(errs['imap.security']).toMatch(/local network/);
    const ok = validate({ ...c, imap: { host: '127.0.0.1', port: 143, security: 'plain' } }, { password: 'x', hasPassword: false });
    expect(ok['imap.security']).toBeUndefined();
  });
});
