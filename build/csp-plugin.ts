/** Injects the renderer's Content-Security-Policy <meta> into built HTML (not in dev, where HMR needs inline code). */
import type { Plugin } from 'vite';
import { cspMetaContent } from '../src/shared/security/csp';

export function cspPlugin(): Plugin {
  return {
    name: 'switchboard-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${cspMetaContent()}" />`,
      );
    },
  };
}
