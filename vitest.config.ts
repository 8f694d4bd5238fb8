import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // A hang guard, not a speed check: a loaded 2-core machine can take well over the
          // default 5 s to import electron-builder's schema or fill a large fake IndexedDB.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Suites share the lab's real servers; run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
