/**
 * The watch list on real builds: a site whose story, PDF (a name broken
 * across two lines) and table hold terms of the list builds without it, and
 * fails with it, naming each file, its document or story and the term's
 * line, never the term, and leaving the previous output as it was. A list
 * inside the project is refused before anything is built.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, ROOT, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const STORY_TERM = 'Harriet Quillfeather';
const PDF_TERM = 'Marlowe Quince';
const TABLE_TERM = 'Nightjar Quarry';
const WATCH_LIST = `# people and places that must never be published\n\n${STORY_TERM}\n${PDF_TERM}\n  # retired\n${TABLE_TERM}\nSomeone Never Mentioned\n`;
const LINE = { story: 3, pdf: 4, table: 6 };

let content: string;
let outDir: string;
let watchList: string;
let clean: BuildRun;
let blocked: BuildRun;
let manifestBefore: string;

/** A page whose text breaks the name across two lines, as a PDF's text extraction gives it. */
async function pdfWithBrokenName(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('The night shift was led by Marlowe', { x: 72, y: 700, size: 12, font });
  page.drawText('Quince, who kept the gate log.', { x: 72, y: 684, size: 12, font });
  return doc.save();
}

beforeAll(async () => {
  const root = await tempDir('watch-list');
  content = path.join(root, 'content');
  const docs = path.join(content, 'documents/logs');
  await mkdir(docs, { recursive: true });
  await mkdir(path.join(content, 'collections'));
  await mkdir(path.join(content, 'stories'));
  await writeFile(path.join(content, 'site.yml'), await readFile(path.join(fixtureContent('basic-collection'), 'site.yml')));
  await writeFile(path.join(content, 'collections/logs.md'), '---\ntitle: Gate logs\nsource: Trove tests\ndescription: Logs of the night shift.\n---\n');
  await writeFile(path.join(docs, 'gate-log.pdf'), await pdfWithBrokenName());
  await writeFile(path.join(docs, 'gate-log.md'), '---\ntitle: Gate log\n---\n');
  await writeFile(path.join(docs, 'codenames.csv'), `codename,shift\n${TABLE_TERM},night\nHeron Point,day\n`);
  await writeFile(path.join(docs, 'codenames.md'), '---\ntitle: Codenames\n---\n');
  await writeFile(
    path.join(content, 'stories/night-shift.md'),
    `---\ntitle: The night shift\ndate: "2024-03-01"\nauthors: [Night Desk]\nsummary: Who kept the gate.\n---\nThe log was kept by **Harriet** Quill&shy;feather, see [the log](doc:logs/gate-log#page=1).\n`,
  );
  watchList = path.join(await tempDir('watch-list-private'), 'watch-list.txt');
  await writeFile(watchList, WATCH_LIST);
  outDir = path.join(root, 'dist');
  clean = await buildContent(content, 'watch-list', { outDir, workDir: await sharedCacheWorkDir('watch-list') });
  manifestBefore = await readFile(path.join(outDir, 'trove-manifest.json'), 'utf8');
  blocked = await buildContent(content, 'watch-list', { outDir, workDir: clean.workDir }, { TROVE_WATCHLIST_FILE: watchList });
});

describe('the watch list', () => {
  it('is not checked when none is set', () => {
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).not.toContain('[trove:watch-list]');
  });

  it('fails the build naming each file, its document or story and the line, never the term', () => {
    expect(blocked.code).not.toBe(0);
    const out = blocked.stdout + blocked.stderr;
    expect(out).toContain(`the watch list (${watchList}) found terms in`);
    expect(out).toMatch(new RegExp(`stories/night-shift/index\\.html \\(story night-shift\\): watch list line ${LINE.story}\\n`));
    expect(out).toMatch(new RegExp(`documents/logs/gate-log/gate-log\\.pdf \\(document logs/gate-log\\): watch list line ${LINE.pdf}\\n`));
    expect(out).toMatch(new RegExp(`documents/logs/gate-log/index\\.html \\(document logs/gate-log\\): watch list line ${LINE.pdf}\\n`));
    expect(out).toMatch(new RegExp(`documents/logs/codenames/table/1/index\\.html \\(document logs/codenames\\): watch list line ${LINE.table}\\n`));
    expect(out).toMatch(new RegExp(`documents/logs/codenames/codenames\\.csv \\(document logs/codenames\\): watch list line ${LINE.table}\\n`));
    // The search index holds the same text, and says which page it came from.
    expect(out).toMatch(new RegExp(`pagefind/fragment/[^ ]+\\.pf_fragment \\(document logs/gate-log\\): watch list line ${LINE.pdf}\\n`));
    expect(out).not.toMatch(/line 7\b/);
    for (const term of [STORY_TERM, PDF_TERM, TABLE_TERM, 'Quillfeather', 'Marlowe', 'Nightjar']) expect(out).not.toContain(term);
  });

  it('leaves the previous output as it was', async () => {
    expect(await readFile(path.join(outDir, 'trove-manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  it('inside the project is refused before anything is built', async () => {
    const inside = path.join(ROOT, 'node_modules/.trove-test-watch-list.txt');
    await writeFile(inside, `${STORY_TERM}\n`);
    const refused = await buildContent(content, 'watch-list-inside', {}, { TROVE_WATCHLIST_FILE: inside }).finally(() => rm(inside, { force: true }));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Trove: the build did not start: TROVE_WATCHLIST_FILE points inside the project (');
    expect(refused.stdout).not.toContain('[trove]');
  });
});
