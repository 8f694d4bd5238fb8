import { describe, expect, it } from 'vitest';
import { normalisePhone, phoneKey } from '../../../src/shared/phone/phone-number';
import { channelDevice, extensionMatcher } from '../../../src/shared/phone/extension';

const e164 = (raw: string, region: string) => {
  const p = normalisePhone(raw, region);
  return p.kind === 'e164' ? p.e164 : `${p.kind}:${'digits' in p ? p.digits : ''}`;
};

describe('normalisePhone', () => {
  it.each([
    // [input, region, expected]
    ['(212) 555-0100', 'US', '+12125550100'],
    ['212.555.0100', 'US', '+12125550100'],
    ['1-212-555-0100', 'US', '+12125550100'],
    ['+1 212 555 0100', 'DE', '+12125550100'],
    ['011 49 30 1234567', 'US', '+49301234567'],
    ['0049 30 1234567', 'US', '+49301234567'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    ['+44 (0)20 7946 0958', 'DE', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'],
    ['030 1234567', 'DE', '+49301234567'],
    ['0151 12345678', 'DE', '+4915112345678'],
    ['+49 (0)30 1234567', 'US', '+49301234567'],
    ['0049301234567', 'DE', '+49301234567'],
    ['098765 43210', 'IN', '+919876543210'],
    ['+91 98765 43210', 'GB', '+919876543210'],
    ['0091 98765 43210', 'IN', '+919876543210'],
    ['(11) 91234-5678', 'BR', '+5511912345678'],
    ['+55 11 91234 5678', 'US', '+5511912345678'],
    ['03-1234-5678', 'JP', '+81312345678'],
    ['090-1234-5678', 'JP', '+819012345678'],
    ['010 81 3 1234 5678', 'JP', '+81312345678'],
    ['sip:+4930123456@pbx.example;user=phone', 'DE', '+4930123456'],
    ['tel:+1-212-555-0100', 'GB', '+12125550100'],
  ])('%s in %s -> %s', (raw, region, expected) => {
    expect(e164(raw, region)).toBe(expected);
  });

  it('keeps extensions apart from the E.164 number', () => {
    expect(normalisePhone('+1 212 555 0100 ext. 123', 'US')).toEqual({ kind: 'e164', e164: '+12125550100', ext: '123', country: 'US' });
    expect(normalisePhone('030 1234567 x12', 'DE')).toMatchObject({ e164: '+49301234567', ext: '12' });
    expect(normalisePhone('tel:+4930123456;ext=7', 'DE')).toMatchObject({ e164: '+4930123456', ext: '7' });
  });

  it.each([
    ['anonymous', 'empty'],
    ['Unknown', 'empty'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'invalid'],
    ['call me maybe 123', 'invalid'],
    ['123', 'invalid'],
    ['12345678901234567890', 'invalid'],
    ['+999 123', 'invalid'],
    ['(123) 456-7890', 'invalid'],
  ])('garbage %j -> %s, never a throw', (raw, kind) => {
    const p = normalisePhone(raw, 'US');
    expect(p.kind).toBe(kind);
    if (p.kind !== 'e164') expect(p.reason).toMatch(/\S/);
  });

  it('falls back to bare digits as a key for unparseable numbers, empty for withheld ones', () => {
    expect(phoneKey(normalisePhone('55-12', 'US'))).toBe('5512');
    expect(phoneKey(normalisePhone('anonymous', 'DE'))).toBe('');
    expect(phoneKey(normalisePhone('+49 30 1234567', 'DE'))).toBe('+49301234567');
  });

  it('still parses international numbers when the default region is unknown', () => {
    expect(e164('+49 30 1234567', 'ZZ')).toBe('+49301234567');
    expect(normalisePhone('030 1234567', 'ZZ')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('ZZ') });
  });
});

describe('extensions', () => {
  it('matches the configured pattern and trims', () => {
    const isExt = extensionMatcher('^\\d{3}$');
    expect(isExt('101')).toBe(true);
    expect(isExt(' 101 ')).toBe(true);
    expect(isExt('1010')).toBe(false);
    expect(isExt('')).toBe(false);
    expect(isExt('+49301234567')).toBe(false);
  });
  it('uses 2-5 digits when the pattern is empty and names a bad pattern', () => {
    expect(extensionMatcher('')('4711')).toBe(true);
    expect(extensionMatcher('')('030123456')).toBe(false);
    expect(() => extensionMatcher('([')).toThrow(/not a valid regular expression/);
  });
  it.each([
    ['PJSIP/101-0000002a', 'PJSIP', '101'],
    ['SIP/trunk_1-00000007', 'SIP', 'trunk_1'],
    ['Local/101@from-queue-00000001;2', 'Local', '101'],
    ['IAX2/provider-1234', 'IAX2', 'provider'],
    ['DAHDI/1-1', 'DAHDI', '1'], ['SIP/my-provider-0000a1b2', 'SIP', 'my-provider'],
  ])('channelDevice(%s)', (channel, tech, device) => {
    expect(channelDevice(channel)).toEqual({ tech, device });
  });
  it('channelDevice of a non-channel is undefined', () => {
    expect(channelDevice('')).toBeUndefined();
    expect(channelDevice('nonsense')).toBeUndefined();
  });
});
