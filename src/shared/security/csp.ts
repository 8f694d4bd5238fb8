/**
 * The renderer's Content-Security-Policy. Used as a <meta> in the built index.html and as a
 * response header set by main, so the policy holds whichever way the page is loaded.
 * Remote content is never loaded by the page itself: remote images in email are fetched by main
 * only when the agent allows them, and handed over as data: URLs.
 */
export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'worker-src': "'self' blob:",
  'frame-src': "'self' blob: about:",
  'child-src': "'self' blob:",
  'media-src': "'self' blob: data:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export function cspString(directives: Record<string, string> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

/** The policy as a meta tag can carry it (frame-ancestors is ignored in meta, so it is left out). */
export function cspMetaContent(): string {
  const { 'frame-ancestors': _ignored, ...rest } = CSP_DIRECTIVES;
  return cspString(rest);
}

/**
 * `npm start` (electron-vite dev): the same policy, loosened only where Vite's dev server needs
 * it: React Fast Refresh's inline preamble and injected <style> tags ('unsafe-inline' for scripts
 * and styles), and the HMR WebSocket to the dev server's own origin. Never used for a build.
 */
export function devCspString(devServerUrl: string): string {
  // src/shared has no DOM or Node types (no URL): the origin is scheme://host[:port].
  const origin = /^(https?:\/\/[^/?#]+)/i.exec(devServerUrl.trim())?.[1]?.toLowerCase() ?? "'self'";
  const ws = origin.replace(/^http/, 'ws');
  return cspString({
    ...CSP_DIRECTIVES,
    'script-src': "'self' 'unsafe-inline'",
    'style-src': "'self' 'unsafe-inline'",
    'connect-src': `'self' ${origin} ${ws}`,
  });
}
