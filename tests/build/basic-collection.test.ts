/**
 * Builds the basic-collection fixture for real and checks what a reader
 * gets: pages, page images, text, downloads, search index, resolved links.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, listFiles, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { pagefindFilters } from '../helpers/pagefind.ts';
import { readPdf } from '../helpers/pdf.ts';

let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

beforeAll(async () => {
  run = await buildFixture('basic-collection', { workDir: await sharedCacheWorkDir('basic-collection') });
  if (run.code !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
});

describe('a fixture collection built end to end', () => {
  it('writes home, collection, story, search and document pages', async () => {
    const files = await listFiles(run.outDir);
    for (const page of [
      'index.html',
      'collections/appeals/index.html',
      'stories/first-circuit/index.html',
      'search/index.html',
      'documents/appeals/calvary-chapel-v-mills/index.html',
      'documents/appeals/fourth-circuit-scan/index.html',
      'documents/appeals/courthouse-photo/index.html',
    ]) {
      expect(files).toContain(page);
    }
    const home = await html('index.html');
    expect(home).toContain('What the First Circuit said');
    expect(home).toContain('href="collections/appeals/index.html"');
  });

  it('renders every PDF page as a ~1000 px WebP with its text at a stable anchor', async () => {
    const doc = await html('documents/appeals/calvary-chapel-v-mills/index.html');
    for (let n = 1; n <= 17; n++) {
      expect(doc).toContain(`id="page-${n}"`);
      expect(doc).toContain(`src="pages/${n}.webp"`);
      const meta = await sharp(path.join(run.outDir, `documents/appeals/calvary-chapel-v-mills/pages/${n}.webp`)).metadata();
      expect(meta.format).toBe('webp');
      expect(meta.width).toBe(1000);
      // Pages are opaque: no alpha channel is stored.
      expect(meta.hasAlpha).toBe(false);
    }
    // Text of page 12 sits in page 12's section, escaped as text.
    const page12 = doc.slice(doc.indexOf('id="page-12"'), doc.indexOf('id="page-13"'));
    expect(page12).toContain('remain in a burning building');
    // Nothing on the page needs JavaScript: its two scripts add find-in-document and copying (viewer.js) and mark
    // words when arriving from a search hit; both are inline, and the viewer's tools are hidden until it runs.
    const scripts = (doc.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? []).filter((s) => !s.includes('application/json'));
    expect(scripts).toHaveLength(2);
    expect(scripts.some((s) => s.includes("has('highlight')"))).toBe(true);
    expect(scripts.some((s) => s.includes("getElementById('find-input')"))).toBe(true);
    for (const s of scripts) expect(s).not.toMatch(/<script[^>]*src=/);
    expect(doc).toMatch(/<div class="doc-tools" id="doc-tools" hidden/);
  });

  it('offers the file for download and a thumbnail', async () => {
    const doc = await html('documents/appeals/calvary-chapel-v-mills/index.html');
    expect(doc).toMatch(/<a href="\.\.\/\.\.\/\.\.\/documents\/appeals\/calvary-chapel-v-mills\/calvary-chapel-v-mills\.pdf" download/);
    const original = await readFile(path.resolve('tests/fixtures/basic-collection/content/documents/appeals/calvary-chapel-v-mills.pdf'));
    const published = await readFile(path.join(run.outDir, 'documents/appeals/calvary-chapel-v-mills/calvary-chapel-v-mills.pdf'));
    // Rebuilt, never copied: same pages and text, but not the source bytes.
    expect(published.equals(original)).toBe(false);
    const rebuilt = await readPdf(path.join(run.outDir, 'documents/appeals/calvary-chapel-v-mills/calvary-chapel-v-mills.pdf'));
    expect(rebuilt.pages).toHaveLength(17);
    expect(rebuilt.pages[11]).toContain('burning building');
    const thumb = await sharp(path.join(run.outDir, 'documents/appeals/calvary-chapel-v-mills/thumb.webp')).metadata();
    expect(thumb.width).toBe(240);
    expect(thumb.hasAlpha).toBe(false);
  });

  it('says when a scanned page has no text', async () => {
    const doc = await html('documents/appeals/fourth-circuit-scan/index.html');
    expect(doc).toContain('id="page-1"');
    expect(await stat(path.join(run.outDir, 'documents/appeals/fourth-circuit-scan/pages/1.webp'))).toBeTruthy();
  });

  it('publishes images upright and without EXIF, GPS or other metadata', async () => {
    const dir = path.join(run.outDir, 'documents/appeals/courthouse-photo');
    for (const file of ['pages/1.webp', 'thumb.webp', 'courthouse-photo.jpg']) {
      const meta = await sharp(path.join(dir, file)).metadata();
      expect(meta.exif, file).toBeUndefined();
      expect(meta.xmp, file).toBeUndefined();
      expect(meta.iptc, file).toBeUndefined();
      // Stored 120×80 with orientation 6: published portrait.
      expect(meta.height! > meta.width!, file).toBe(true);
    }
    const bytes = await readFile(path.join(dir, 'courthouse-photo.jpg'));
    expect(bytes.includes('Secret Photographer')).toBe(false);
    expect(bytes.includes('TroveTestCam')).toBe(false);
    // Red half ends up on top after rotation.
    const { data, info } = await sharp(path.join(dir, 'pages/1.webp')).raw().toBuffer({ resolveWithObject: true });
    const top = data[(5 * info.width + Math.floor(info.width / 2)) * info.channels]!;
    const bottom = data[((info.height - 5) * info.width + Math.floor(info.width / 2)) * info.channels]!;
    expect(top).toBeGreaterThan(150);
    expect(bottom).toBeLessThan(80);
  });

  it('resolves doc: links in stories to relative page anchors', async () => {
    const story = await html('stories/first-circuit/index.html');
    expect(story).toContain('href="../../documents/appeals/calvary-chapel-v-mills/index.html#page-3"');
    expect(story).toContain('href="../../documents/appeals/fourth-circuit-scan/index.html"');
    expect(story).toContain('data-pagefind-body');
    const doc = await html('documents/appeals/calvary-chapel-v-mills/index.html');
    expect(doc).toContain('Cited in');
    expect(doc).toContain('href="../../../stories/first-circuit/index.html"');
  });

  it('writes a Pagefind index with one record per document page and the filters', async () => {
    const files = await listFiles(path.join(run.outDir, 'pagefind'));
    expect(files).toContain('pagefind.js');
    expect(files).toContain('pagefind-modular-ui.js');
    expect(files.filter((f) => f.startsWith('fragment/')).length).toBeGreaterThanOrEqual(17 + 1);
    expect(run.stdout).toMatch(/indexed 1 stories and 19 document pages/);
    const entry = JSON.parse(await readFile(path.join(run.outDir, 'pagefind/pagefind-entry.json'), 'utf8'));
    expect(Object.keys(entry.languages)).toContain('en');
    const filterFiles = files.filter((f) => f.startsWith('filter/'));
    expect(filterFiles.length).toBeGreaterThan(0);
  });

  it('indexes the search filters collection, source, type, year and tag, with every document page counted', async () => {
    const filters = await pagefindFilters(path.join(run.outDir, 'pagefind'));
    expect(Object.keys(filters).sort()).toEqual(expect.arrayContaining(['collection', 'source', 'tag', 'type', 'year']));
    // 17 pages of the opinion, 1 scan, 1 photo.
    expect(filters.collection).toMatchObject({ Appeals: 19 });
    expect(filters.type).toMatchObject({ PDF: 18, Image: 1 });
    expect(filters.source).toMatchObject({
      'U.S. Court of Appeals for the First Circuit': 17,
      'U.S. Court of Appeals for the Fourth Circuit': 1,
      'Trove test suite': 1,
    });
    expect(filters.year).toMatchObject({ '2017': 1, '2021': 1 });
    expect(filters.year['2020']).toBeGreaterThanOrEqual(17);
    // Tags of documents (every page) and of stories.
    expect(filters.tag).toMatchObject({ religion: 17, 'covid-19': 17, photo: 1, courts: 1 });
  });

  it('makes no reference to another origin', async () => {
    for (const file of (await listFiles(run.outDir)).filter((f) => f.endsWith('.html'))) {
      const text = await html(file);
      const external = [...text.matchAll(/(?:src|href)="((?:https?:)?\/\/[^"]+)"/g)].map((m) => m[1]);
      expect(external, file).toEqual([]);
    }
  });
});
