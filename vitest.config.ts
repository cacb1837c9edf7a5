import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Build and browser tests run Astro in this project's root (its .astro/
    // and Vite caches): one file at a time keeps them from clashing.
    fileParallelism: false,
    // Temporary folders made by tests/helpers/build.ts's tempDir are removed after each file.
    setupFiles: ['tests/helpers/cleanup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
