/**
 * Global setup of the build tests: the run's shared folder (see
 * tests/helpers/shared-builds.ts), made before the first file and removed
 * after the last (TROVE_KEEP_TEST_DIRS=1 keeps it, as it keeps the other
 * temporary folders), and the document cache the build files share.
 *
 * The cache outlives the run, in node_modules/.cache/trove/test-cache/, so
 * that running the suite again after a change processes only what the
 * change touches: an entry's key holds the document's bytes, its
 * redactions, the options, the processing code and the tools' versions, so
 * an entry found there is exactly what processing would make now (the cache
 * tests prove that promise with caches of their own). A fresh clone starts
 * empty; TROVE_TEST_COLD=1 starts a run with an empty one of its own.
 * Entries not written for a week are removed at the end of a run.
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared folder: the fixture builds every test file may read. */
    sharedDir: string;
    /** The document cache the build files share (see above). */
    sharedCache: string;
  }
}

const KEPT_MS = 7 * 24 * 60 * 60 * 1000;
const PERSISTED = path.resolve(import.meta.dirname, '../../node_modules/.cache/trove/test-cache');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trove-shared-'));
  const cache = process.env.TROVE_TEST_COLD ? path.join(dir, 'cache') : PERSISTED;
  await mkdir(cache, { recursive: true });
  project.provide('sharedDir', dir);
  project.provide('sharedCache', cache);
  return async () => {
    if (cache === PERSISTED) await removeOldEntries(cache);
    if (!process.env.TROVE_KEEP_TEST_DIRS) await rm(dir, { recursive: true, force: true });
  };
}

/** Entries (derivatives/<prefix>/<key>/) made more than a week ago: made by code that has since changed, most of them. */
async function removeOldEntries(cache: string): Promise<void> {
  const root = path.join(cache, 'derivatives');
  for (const prefix of await readdir(root).catch(() => [] as string[])) {
    for (const key of await readdir(path.join(root, prefix)).catch(() => [] as string[])) {
      const entry = path.join(root, prefix, key);
      if (Date.now() - (await stat(entry)).mtimeMs > KEPT_MS) await rm(entry, { recursive: true, force: true });
    }
  }
}
