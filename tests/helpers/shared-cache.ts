/**
 * One document cache for the build test files of a run. Most build fixtures
 * hold the basic collection's documents (a 17-page opinion, a scan, a
 * photo), and a cache entry is keyed by the document's bytes, its redactions,
 * the processing code and the tools' versions, so what one test file
 * processed is exactly what any other would make of it. Files that assert
 * on what a build publishes take their work folder from sharedCacheWorkDir();
 * tests of processing itself (time limits, cache reuse, pruning) keep a
 * cache of their own. tests/helpers/shared-cache-setup.ts makes the folder.
 */
import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { tempDir } from './build.ts';

/** A new work folder (removed after the test file) whose cache/ is the run's shared cache. */
export async function sharedCacheWorkDir(name: string): Promise<string> {
  const workDir = await tempDir(`${name}-work`);
  await symlink(inject('sharedCache'), path.join(workDir, 'cache'));
  return workDir;
}
