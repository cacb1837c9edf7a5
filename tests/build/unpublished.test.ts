/**
 * Drafts and embargoed stories and documents leave no trace anywhere in
 * dist/: no page, image, download, search record, feed entry or listing.
 * One real build holds all four beside the basic fixture's published ones,
 * which are the control: found the same way, they show the search works.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

let run: BuildRun;
let texts: { file: string; text: string }[];

/** Every file of a built site as lowercase text, gzip (Pagefind's index) decompressed. */
async function siteTexts(outDir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const file of await listFiles(outDir)) {
    let bytes = await readFile(path.join(outDir, file));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    out.push({ file, text: bytes.toString('utf8').toLowerCase() });
  }
  return out;
}

/** A one-page PDF whose text, title and file name carry `word`. */
async function pdfWith(word: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([400, 300]).drawText(`The ${word} memorandum, page one.`, { x: 30, y: 150, size: 14, font });
  doc.setTitle(`${word} memorandum`);
  return doc.save();
}

/** Each sentinel is in the file name (so the id and every path), the text, and each metadata field. */
const sidecarText = (word: string, extra: string) =>
  `---\ntitle: ${word} title\ndate: "2020-06-04"\nsource: ${word} agency\ndescription: The ${word} description.\ntags: [${word}tag]\n${extra}\n---\nThe ${word} body.\n`;

beforeAll(async () => {
  const content = path.join(await tempDir('unpublished'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await writeFile(path.join(content, 'site.yml'), `${await readFile(path.join(content, 'site.yml'), 'utf8')}url: "https://publisher.example/site/"\n`);
  await writeFile(
    path.join(content, 'stories/draft-story.md'),
    '---\ntitle: Quixotrel draft\ndate: "2020-06-02"\ndraft: true\n---\nThe word quixotrelsentinel appears only here.\n',
  );
  await writeFile(
    path.join(content, 'stories/embargoed-story.md'),
    '---\ntitle: Vorplanix embargo\ndate: "2020-06-03"\npublishAt: "2999-01-01T00:00:00Z"\n---\nThe word vorplanixsentinel appears only here.\n',
  );
  const dir = path.join(content, 'documents/appeals');
  await writeFile(path.join(dir, 'glimmerwhorl-memo.pdf'), await pdfWith('glimmerwhorl'));
  await writeFile(path.join(dir, 'glimmerwhorl-memo.md'), sidecarText('glimmerwhorl', 'draft: true'));
  await sharp({ create: { width: 120, height: 80, channels: 3, background: '#3a6' } })
    .png()
    .withMetadata({ exif: { IFD0: { ImageDescription: 'plonkavert exif' } } })
    .toFile(path.join(dir, 'plonkavert-photo.png'));
  await writeFile(path.join(dir, 'plonkavert-photo.md'), sidecarText('plonkavert', 'publishAt: "2999-01-01T00:00:00Z"'));
  run = await buildContent(content, 'unpublished', { workDir: await sharedCacheWorkDir('unpublished') });
  if (run.code !== 0) throw new Error(run.stderr);
  texts = await siteTexts(run.outDir);
});

describe('unpublished stays unpublished', () => {
  it('leaves no trace of a draft or an embargoed story anywhere in dist/', async () => {
    expect(texts.length).toBeGreaterThan(30);
    for (const { file, text } of texts) {
      for (const word of ['quixotrel', 'vorplanix', 'draft-story', 'embargoed-story']) expect(text.includes(word), `${word} in ${file}`).toBe(false);
    }
    // The feed and sitemap exist and list the published story (and were scanned above).
    expect(await readFile(path.join(run.outDir, 'feed.xml'), 'utf8')).toContain(
      '<link rel="alternate" type="text/html" href="stories/first-circuit/index.html"/>',
    );
    expect(await readFile(path.join(run.outDir, 'sitemap.xml'), 'utf8')).toContain('<loc>https://publisher.example/site/stories/first-circuit/</loc>');
    // Control: the published story is findable the same way.
    expect(texts.some((t) => t.file.startsWith('pagefind/') && t.text.includes('first circuit'))).toBe(true);
  });

  it('leaves no trace of a draft or an embargoed document: no page, image, download, search record or listing', async () => {
    for (const { file, text } of texts) {
      for (const word of ['glimmerwhorl', 'plonkavert']) {
        expect(file.toLowerCase().includes(word), `${word} in the path ${file}`).toBe(false);
        expect(text.includes(word), `${word} in ${file}`).toBe(false);
      }
    }
    for (const id of ['glimmerwhorl-memo', 'plonkavert-photo']) {
      expect(existsSync(path.join(run.outDir, 'documents/appeals', id)), `documents/appeals/${id}/`).toBe(false);
    }
    // Control: the published documents of the same collection are there, with their images and downloads.
    const files = texts.map((t) => t.file);
    expect(files).toContain('documents/appeals/courthouse-photo/index.html');
    expect(files.some((f) => f.startsWith('documents/appeals/calvary-chapel-v-mills/pages/'))).toBe(true);
    expect(files.filter((f) => /^documents\/appeals\/[^/]+\/index\.html$/.test(f))).toHaveLength(3);
  });
});
