/**
 * Global setup of the build tests: the run's shared document cache (see
 * tests/helpers/shared-cache.ts), made before the first file and removed
 * after the last (TROVE_KEEP_TEST_DIRS=1 keeps it, as it keeps the other
 * temporary folders).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared document cache folder. */
    sharedCache: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trove-shared-cache-'));
  project.provide('sharedCache', dir);
  return async () => {
    if (!process.env.TROVE_KEEP_TEST_DIRS) await rm(dir, { recursive: true, force: true });
  };
}
