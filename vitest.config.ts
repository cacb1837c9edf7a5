import { configDefaults, defineConfig } from 'vitest/config';
import { LongestFirst } from './tests/helpers/longest-first.ts';

/**
 * Test files that start processes or worker threads of their own: real
 * builds (a pipeline process with its pool of workers, Astro's process,
 * Pagefind), LibreOffice, Chromium and nginx, and the worker pool's own
 * tests (their time limits hold with a margin on a loaded machine). Two at a
 * time: most of a small build is one process starting and waiting on the
 * next, so two files keep both cores busy.
 */
const BUILDS = ['tests/build/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/unit/split-document.test.ts'];

/**
 * Files run one after another in each worker, without a fresh module graph
 * for each (`isolate: false`): every file imports much the same (the
 * pipeline, pdf.js, sharp), and loading it again for each file was about a
 * third of the unit files' CPU time. So a test file leaves nothing behind
 * for the next: no mocked modules (none are used), environment variables
 * stubbed with vi.stubEnv and restored after each test, pools closed.
 */
export default defineConfig({
  test: {
    // Temporary folders made by tests/helpers/build.ts's tempDir are removed after each file.
    setupFiles: ['tests/helpers/cleanup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          // Pure functions and single documents processed in this process: one file per core.
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/audit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...BUILDS],
          maxWorkers: '100%',
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          // After the unit files, two files at a time. Builds share the project's .astro/ (types
          // Astro writes, the same every time), the run's document cache (entries are renamed into
          // place whole) and one built site (tests/helpers/shared-builds.ts).
          name: 'build',
          include: BUILDS,
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/helpers/shared-builds-setup.ts'],
        },
      },
    ],
  },
});
