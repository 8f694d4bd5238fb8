import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-web/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'tests/**/*.ts', 'build/**/*.ts', '*.config.ts', 'tests/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'node:*'], message: 'The renderer talks to main only through window.switchboard.' },
        { group: ['**/main/**', '**/preload/**'], message: 'The renderer may not import main or preload code.' },
      ] }],
    },
  },
  {
    // src/shared is pure: no Electron, no Node built-ins, no DOM.
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'electron/*'], message: 'src/shared must stay free of Electron.' },
        { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'net', 'tls', 'child_process', 'events', 'stream', 'util', 'url', 'buffer'], message: 'src/shared must stay free of Node built-ins.' },
        { group: ['react', 'react-dom', 'react-dom/*', 'dexie', 'dompurify'], message: 'src/shared must stay free of DOM libraries.' },
        { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'src/shared may not import process code.' },
      ] }],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in src/shared.' },
        { name: 'document', message: 'No DOM in src/shared.' },
        { name: 'navigator', message: 'No DOM in src/shared.' },
        { name: 'localStorage', message: 'No DOM in src/shared.' },
        { name: 'process', message: 'No Node in src/shared.' },
        { name: 'Buffer', message: 'No Node in src/shared.' },
        { name: 'require', message: 'No Node in src/shared.' },
      ],
    },
  },
  {
    // Feature code reads and writes the database through db/repos and the data layer (team/,
    // ingest/, search/): no db().<table> of its own. (Its two data-logic modules, suggestions and
    // snooze, take the database as a parameter like the repositories do.)
    files: ['src/renderer/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[object.type='CallExpression'][object.callee.name='db']",
        message: 'Feature code reaches the database through db/repos, not db().<table>.',
      }],
    },
  },
  {
    // main and preload never import renderer code.
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main/preload may not import renderer code.' }] }],
    },
  },
);
