import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../../src/main/security/external-url';
import {
  decidePermission,
  guardNavigation,
  guardWebview,
  guardWindowOpen,
  isAppUrl,
  secureWebPreferences,
  withCspHeader,
} from '../../../src/main/security/window-security';
import { CSP_DIRECTIVES, cspMetaContent, cspString, devCspString } from '../../../src/shared/security/csp';

const root = join(__dirname, '../../..');

function fakeEvent() {
  const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
  return e;
}

describe('window security', () => {
  it('turns on context isolation and the sandbox, and node integration off everywhere', () => {
    const prefs = secureWebPreferences('/app/preload.js');
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('the Electron entry uses these preferences and registers every guard', () => {
    const main = readFileSync(join(root, 'src/main/index.ts'), 'utf8');
    expect(main).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    for (const hook of ["'will-navigate'", "'will-redirect'", "'will-attach-webview'", 'setWindowOpenHandler', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived']) {
      expect(main, hook).toContain(hook);
    }
    expect(main).not.toMatch(/nodeIntegration:\s*true|sandbox:\s*false|contextIsolation:\s*false/);
  });

  it('npm start gets a policy too: the strict one, loosened only for the dev server (inline HMR code, its own WebSocket)', () => {
    const dev = devCspString('http://localhost:5173/');
    expect(dev).toContain("default-src 'none'");
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(dev).toContain("frame-ancestors 'none'");
    expect(dev).not.toMatch(/unsafe-eval|\*|https:/);
    const main = readFileSync(join(root, 'src/main/index.ts'), 'utf8');
    expect(main).toMatch(/rendererUrl \? devCspString\(rendererUrl\) : cspString\(\)/);
  });

  it('has a strict CSP: no inline or eval script, no remote origins, nothing framed from outside', () => {
    expect(CSP_DIRECTIVES['default-src']).toBe("'none'");
    expect(CSP_DIRECTIVES['script-src']).toBe("'self'");
    expect(CSP_DIRECTIVES['object-src']).toBe("'none'");
    const csp = cspString();
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(cspMetaContent()).not.toContain('frame-ancestors');
  });

  it('sets the CSP header on responses, replacing any other', () => {
    const h = withCspHeader({ 'content-security-policy': ["default-src *"], 'X-Other': 'a' });
    expect(h['Content-Security-Policy']).toEqual([cspString()]);
    expect(h['content-security-policy']).toBeUndefined();
    expect(h['X-Other']).toEqual(['a']);
  });

  it('denies navigation away from the app; safe links go to the system browser', () => {
    const opened: string[] = [];
    const appUrl = 'file:///opt/switchboard/out/renderer/index.html';
    const e1 = fakeEvent();
    expect(guardNavigation(e1, appUrl, appUrl, (u) => opened.push(u))).toBe('allowed');
    expect(e1.prevented).toBe(false);
    const e2 = fakeEvent();
    expect(guardNavigation(e2, 'https://example.com/help', appUrl, (u) => opened.push(u))).toBe('external');
    expect(e2.prevented).toBe(true);
    const e3 = fakeEvent();
    expect(guardNavigation(e3, 'file:///etc/passwd', appUrl, (u) => opened.push(u))).toBe('denied');
    expect(e3.prevented).toBe(true);
    const e4 = fakeEvent();
    expect(guardNavigation(e4, 'javascript:alert(1)', appUrl, (u) => opened.push(u))).toBe('denied');
    expect(opened).toEqual(['https://example.com/help']);
  });

  it('dev server origin counts as the app, other ports do not', () => {
    expect(isAppUrl('http://localhost:5173/#x', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('never opens a new Electron window', () => {
    const opened: string[] = [];
    expect(guardWindowOpen('https://example.com', (u) => opened.push(u))).toEqual({ action: 'deny' });
    expect(guardWindowOpen('file:///etc/passwd', (u) => opened.push(u))).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.com']);
  });

  it('denies every permission request', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(decidePermission(p)).toBe(false);
    }
  });

  it('refuses webviews', () => {
    const e = fakeEvent();
    guardWebview(e);
    expect(e.prevented).toBe(true);
  });

  it('only lets http(s), mailto and tel links out, without credentials', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('mailto:a@b.example')).toBe(true);
    expect(isSafeExternalUrl('tel:+14155550100')).toBe(true);
    expect(isSafeExternalUrl('https://user:pw@evil.example')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('smb://share')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('the preload never exposes ipcRenderer and exposes only window.switchboard', () => {
    const src = readFileSync(join(root, 'src/preload/index.ts'), 'utf8');
    expect(src.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(src).toMatch(/exposeInMainWorld\('switchboard', api\)/);
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('the built preload is one CommonJS file that requires only electron', () => {
    const out = readFileSync(join(root, 'out/preload/index.js'), 'utf8');
    expect(out).toMatch(/^"use strict";/);
    expect(out).not.toMatch(/^\s*import\s/m);
    const requires = [...out.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});
