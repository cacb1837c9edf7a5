/**
 * What the build test files of a run share:
 *
 * - One document cache (tests/helpers/shared-builds-setup.ts, kept from one
 *   run to the next). Most build fixtures hold the basic collection's
 *   documents (a 17-page opinion, a scan, a photo), and a cache entry is
 *   keyed by the document's bytes, its redactions, the processing code and
 *   the tools' versions, so what one file processed is exactly what any
 *   other would make of it. Files that assert on what a build publishes
 *   take their work folder from sharedCacheWorkDir(); tests of processing
 *   itself (time limits, cache reuse, pruning) keep a cache of their own.
 * - One site for the files that only read a built site: sharedSite() is
 *   built once, by whichever file asks first (another that asks meanwhile
 *   waits for it), and every file that asks gets that output, even a
 *   failed build's, so a broken build fails each file with its message.
 *   A file that changes the output or the work folder, or needs content or
 *   settings of its own, builds its own.
 */
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { buildContent, fixtureContent, tempDir, type BuildRun } from './build.ts';
import { corpusFile } from './corpus.ts';
import { EMAIL_SIDECAR, HOSTILE_EMAIL } from './emails.ts';

/** Makes `workDir` (when missing) with the run's shared cache as its cache/. */
async function withSharedCache(workDir: string): Promise<string> {
  await mkdir(workDir, { recursive: true });
  const cache = inject('sharedCache');
  if (!existsSync(path.join(workDir, 'cache'))) await symlink(cache, path.join(workDir, 'cache'));
  return workDir;
}

/** A new work folder (removed after the test file) whose cache/ is the run's shared cache. */
export async function sharedCacheWorkDir(name: string): Promise<string> {
  return withSharedCache(await tempDir(`${name}-work`));
}

/**
 * The shared site: the basic collection with a hostile e-mail (script,
 * handlers, remote images, an attachment), a real table export (ISTAT's
 * 7,904 Italian municipalities, 80 pages of rows) and two text documents
 * (tests/build/text-documents.test.ts), built by `npm run build` once in
 * this run. Read it, never change it.
 */
export async function sharedSite(): Promise<BuildRun> {
  const dir = path.join(inject('sharedDir'), 'site');
  const record = path.join(dir, 'build.json');
  const lock = path.join(inject('sharedDir'), 'site.building');
  // Build files run two at a time: the first to take the lock builds, the other waits for its record.
  while (!existsSync(record)) {
    if (
      await mkdir(lock).then(
        () => true,
        () => false,
      )
    ) {
      try {
        if (!existsSync(record)) await writeFile(record, JSON.stringify(await buildSharedSite(dir)));
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    } else await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return JSON.parse(await readFile(record, 'utf8')) as BuildRun;
}

/** A Latin-1 witness list and a 400-line transcript with markup in its text and a rare word on line 351. */
async function writeTextDocuments(dir: string): Promise<void> {
  // Windows-1252 bytes: é = 0xE9, ü = 0xFC, “ ” = 0x93 0x94.
  await writeFile(path.join(dir, 'witness-list.txt'), Buffer.from('Witnesses: Ren\xe9e Dupr\xe9, J\xfcrgen M\xfcller.\r\n\x93Sealed\x94 list.\r\n', 'latin1'));
  await writeFile(path.join(dir, 'witness-list.md'), '---\ntitle: Witness list\ndate: "2020-01-02"\n---\n');
  const long = Array.from(
    { length: 400 },
    (_, i) => `Line ${i + 1} of the transcript. <script>alert(1)</script>${i === 350 ? ' The zebracorn remark.' : ''}`,
  ).join('\n');
  await writeFile(path.join(dir, 'transcript.markdown'), long);
  await writeFile(path.join(dir, 'transcript.md'), '---\ntitle: Hearing transcript\n---\n');
}

async function buildSharedSite(dir: string): Promise<BuildRun> {
  const content = path.join(dir, 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  // The site readers see reads its scan and photo by OCR: the fixture's collection turns it off for other builds.
  const collection = path.join(content, 'collections/appeals.md');
  await writeFile(collection, (await readFile(collection, 'utf8')).replace(/^ocr: false.*\n/m, ''));
  const docs = path.join(content, 'documents/appeals');
  await writeFile(path.join(docs, 'watch-list.eml'), HOSTILE_EMAIL);
  await writeFile(path.join(docs, 'watch-list.md'), EMAIL_SIDECAR('Watch list e-mail'));
  await copyFile(corpusFile('csv/istat_comuni_issue-811.csv'), path.join(docs, 'comuni.csv'));
  await writeFile(path.join(docs, 'comuni.md'), '---\ntitle: Italian municipalities\n---\n');
  await writeTextDocuments(docs);
  // Citations of a row, a page of rows and a message (tests/e2e/tables.test.ts).
  await writeFile(
    path.join(content, 'stories/municipalities.md'),
    '---\ntitle: "Where the municipalities are"\ndate: "2019-01-01"\n---\n\n' +
      'One of them is on [row 4,234](doc:appeals/comuni#row=4234); the first rows are on [page 1 of rows](doc:appeals/comuni#page=1); ' +
      'the list was sent in [the first message](doc:appeals/watch-list#message=1).\n',
  );
  return buildContent(content, 'shared-site', { outDir: path.join(dir, 'dist'), workDir: await withSharedCache(path.join(dir, 'work')) });
}
