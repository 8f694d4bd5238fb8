import { describe, expect, it } from 'vitest';
import { domainInText, linkHost, linkMismatch } from '../../../src/renderer/src/features/email/link-check';

describe('link check', () => {
  it('finds the domain a link text shows', () => {
    expect(domainInText('Visit www.MyBank.com today')).toBe('www.mybank.com');
    expect(domainInText('https://example.org/path')).toBe('example.org');
    expect(domainInText('Click here')).toBeUndefined();
  });
  it('flags text that names another domain than the target', () => {
    expect(linkMismatch('www.mybank.com', 'https://mybank.com.evil.example/login')).toBe(true);
    expect(linkMismatch('paypal.com', 'https://paypa1.com/')).toBe(true);
    expect(linkMismatch('www.mybank.com', 'https://mybank.com/login')).toBe(false);
    expect(linkMismatch('mybank.com', 'https://secure.mybank.com/')).toBe(false);
    expect(linkMismatch('Click here', 'https://anything.example/')).toBe(false);
    expect(linkMismatch('support@example.com', 'mailto:support@example.com')).toBe(false);
  });
  it('reads the host of http(s) links only', () => {
    expect(linkHost('https://A.example/x')).toBe('a.example');
    expect(linkHost('mailto:a@b.c')).toBeUndefined();
    expect(linkHost('not a url')).toBeUndefined();
  });
});
