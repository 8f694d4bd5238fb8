/**
 * Window hardening, as plain functions over small interfaces so a unit test can prove each rule
 * without an Electron binary: secure webPreferences, CSP header, navigation and window-open
 * denial, permission denial, webview refusal.
 */
import { cspString } from '../../shared/security/csp';
import { isSafeExternalUrl } from './external-url';

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  spellcheck: boolean;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: true,
  };
}

/** Adds the CSP header to every response for the app's own pages. */
export function withCspHeader(
  headers: Record<string, string[] | string> | undefined,
  csp = cspString(),
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** True when `target` is the app's own page (same origin as the app URL); everything else is denied. */
export function isAppUrl(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    if (a.protocol === 'file:') return t.protocol === 'file:' && t.pathname === a.pathname;
    return t.origin === a.origin;
  } catch {
    return false;
  }
}

export interface NavigationEvent {
  preventDefault(): void;
}

/** will-navigate / will-redirect: stay on the app page; external links go to the system browser. */
export function guardNavigation(
  event: NavigationEvent,
  target: string,
  appUrl: string,
  openExternal: (url: string) => void,
): 'allowed' | 'denied' | 'external' {
  if (isAppUrl(target, appUrl)) return 'allowed';
  event.preventDefault();
  if (isSafeExternalUrl(target)) {
    openExternal(target);
    return 'external';
  }
  return 'denied';
}

/** setWindowOpenHandler: never a new Electron window; safe links open in the system browser. */
export function guardWindowOpen(url: string, openExternal: (url: string) => void): { action: 'deny' } {
  if (isSafeExternalUrl(url)) openExternal(url);
  return { action: 'deny' };
}

/** Permission requests (camera, notifications, geolocation...): all denied. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** will-attach-webview: no webviews, ever. */
export function guardWebview(event: NavigationEvent): void {
  event.preventDefault();
}
