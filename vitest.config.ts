import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Test files that keep more than one core busy on their own: real builds
 * (Astro, Pagefind, a pool of processing workers), LibreOffice, Chromium
 * and nginx, and the worker-pool tests, whose time limits must not be
 * measured on a machine shared with other test files.
 */
const HEAVY = ['tests/build/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/unit/split-document.test.ts'];

export default defineConfig({
  test: {
    // Temporary folders made by tests/helpers/build.ts's tempDir are removed after each file.
    setupFiles: ['tests/helpers/cleanup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    projects: [
      {
        extends: true,
        test: {
          // Pure functions and single documents processed in this process: one file per core.
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/audit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...HEAVY],
          maxWorkers: '100%',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          // One file at a time, after the unit files: each already uses both cores, and Astro
          // builds in this project's root (its .astro/ and Vite caches), which two builds would share.
          name: 'build',
          include: HEAVY,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/helpers/shared-builds-setup.ts'],
        },
      },
    ],
  },
});
