/** Builds the renderer alone (the same source and CSP as the app) for the Chromium e2e host. */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspPlugin } from '../../build/csp-plugin';

const root = resolve(__dirname, '../../src/renderer');

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspPlugin()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(__dirname, '../../dist-web'),
    emptyOutDir: true,
    sourcemap: true,
  },
  logLevel: 'warn',
});
