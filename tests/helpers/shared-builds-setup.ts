/**
 * Global setup of the build tests: the run's shared folder (see
 * tests/helpers/shared-builds.ts), made before the first file and removed
 * after the last (TROVE_KEEP_TEST_DIRS=1 keeps it, as it keeps the other
 * temporary folders).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared folder: the document cache and the fixture builds every test file may read. */
    sharedDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trove-shared-'));
  project.provide('sharedDir', dir);
  return async () => {
    if (!process.env.TROVE_KEEP_TEST_DIRS) await rm(dir, { recursive: true, force: true });
  };
}
