/**
 * What the build test files of a run share (the folder is made by
 * tests/helpers/shared-builds-setup.ts):
 *
 * - One document cache. Most build fixtures hold the basic collection's
 *   documents (a 17-page opinion, a scan, a photo), and a cache entry is
 *   keyed by the document's bytes, its redactions, the processing code and
 *   the tools' versions, so what one file processed is exactly what any
 *   other would make of it. Files that assert on what a build publishes
 *   take their work folder from sharedCacheWorkDir(); tests of processing
 *   itself (time limits, cache reuse, pruning) keep a cache of their own.
 * - Fixture builds that files only read: sharedFixtureBuild() builds a
 *   fixture once, and every file that asks for it gets that output. A file
 *   that changes the output, or the work folder, builds its own.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { buildFixture, tempDir, type BuildRun } from './build.ts';

/** Makes `workDir` (when missing) with the run's shared cache as its cache/. */
async function withSharedCache(workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const cache = path.join(inject('sharedDir'), 'cache');
  await mkdir(cache, { recursive: true });
  if (!existsSync(path.join(workDir, 'cache'))) await symlink(cache, path.join(workDir, 'cache'));
  return workDir;
}

/** A new work folder (removed after the test file) whose cache/ is the run's shared cache. */
export async function sharedCacheWorkDir(name: string): Promise<string> {
  return withSharedCache(await tempDir(`${name}-work`));
}

/** The fixture built by `npm run build` once in this run, by whichever file asked first; read it, never change it. */
export async function sharedFixtureBuild(scenario: string): Promise<BuildRun> {
  const dir = path.join(inject('sharedDir'), 'builds', scenario);
  const record = path.join(dir, 'build.json');
  if (existsSync(record)) return JSON.parse(await readFile(record, 'utf8')) as BuildRun;
  const run = await buildFixture(scenario, { outDir: path.join(dir, 'dist'), workDir: await withSharedCache(path.join(dir, 'work')) });
  if (run.code === 0) await writeFile(record, JSON.stringify(run));
  return run;
}
