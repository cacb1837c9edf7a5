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
 * - One site for the files that only read a built site: sharedSite() is
 *   built once, by whichever file asks first, and every file that asks gets
 *   that output. A file that changes the output or the work folder, or
 *   needs content or settings of its own, builds its own.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { buildContent, fixtureContent, tempDir, type BuildRun } from './build.ts';
import { corpusFile } from './corpus.ts';
import { EMAIL_SIDECAR, HOSTILE_EMAIL } from './emails.ts';

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

/**
 * The shared site: the basic collection with a hostile e-mail (script,
 * handlers, remote images, an attachment) and a real table export (ISTAT's
 * 7,904 Italian municipalities, 80 pages of rows), built by `npm run build`
 * once in this run. Read it, never change it.
 */
export async function sharedSite(): Promise<BuildRun> {
  const dir = path.join(inject('sharedDir'), 'site');
  const record = path.join(dir, 'build.json');
  if (existsSync(record)) return JSON.parse(await readFile(record, 'utf8')) as BuildRun;
  const content = path.join(dir, 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const docs = path.join(content, 'documents/appeals');
  await writeFile(path.join(docs, 'watch-list.eml'), HOSTILE_EMAIL);
  await writeFile(path.join(docs, 'watch-list.md'), EMAIL_SIDECAR('Watch list e-mail'));
  await copyFile(corpusFile('csv/istat_comuni_issue-811.csv'), path.join(docs, 'comuni.csv'));
  await writeFile(path.join(docs, 'comuni.md'), '---\ntitle: Italian municipalities\n---\n');
  const run = await buildContent(content, 'shared-site', { outDir: path.join(dir, 'dist'), workDir: await withSharedCache(path.join(dir, 'work')) });
  if (run.code === 0) await writeFile(record, JSON.stringify(run));
  return run;
}
