/**
 * Images in a real build: a photo wider than the page image also gets a
 * full-resolution WebP, published and linked from the page image, while a
 * small one links to its page image. And a multi-page TIFF whose pages are
 * each under the pixel limit but add up to far more (a TIFF bomb, written
 * by hand: 2,000 pages of 81 megapixels sharing one tiny compressed strip)
 * fails clearly before any page is decoded.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageProcessor } from '../../src/pipeline/processors/image.ts';
import { DEFAULT_RENDER_OPTIONS } from '../../src/pipeline/processors/types.ts';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { tiffFile } from '../helpers/tiff.ts';

let run: BuildRun;

beforeAll(async () => {
  const content = path.join(await tempDir('images'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  // A gradient, so the WebP is a real picture and not a flat colour.
  const widthPx = 3000;
  const heightPx = 2000;
  const pixels = Buffer.alloc(widthPx * heightPx * 3);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const i = (y * widthPx + x) * 3;
      pixels[i] = (x * 255) / widthPx;
      pixels[i + 1] = (y * 255) / heightPx;
      pixels[i + 2] = 128;
    }
  }
  await sharp(pixels, { raw: { width: widthPx, height: heightPx, channels: 3 } })
    .jpeg({ quality: 85 })
    .toFile(path.join(content, 'documents/appeals/wide-photo.jpg'));
  await writeFile(path.join(content, 'documents/appeals/wide-photo.md'), '---\ntitle: Wide photo\n---\n');
  run = await buildContent(content, 'images', { workDir: await sharedCacheWorkDir('images') });
  if (run.code !== 0) throw new Error(run.stderr);
});

describe('an image wider than the page image', () => {
  it('is published at full resolution as WebP, linked from its page image', async () => {
    const dir = path.join(run.outDir, 'documents/appeals/wide-photo');
    const full = await sharp(path.join(dir, 'pages/1-full.webp')).metadata();
    expect([full.format, full.width, full.height]).toEqual(['webp', 3000, 2000]);
    expect((await sharp(path.join(dir, 'pages/1.webp')).metadata()).width).toBe(1000);
    const page = await readFile(path.join(dir, 'index.html'), 'utf8');
    expect(page).toMatch(/<a class="page-image" href="pages\/1-full\.webp"><img src="pages\/1\.webp" width="1000" height="667"/);
  });

  it('a small image links to its page image and has no full-resolution copy', async () => {
    const dir = path.join(run.outDir, 'documents/appeals/courthouse-photo');
    expect(await listFiles(path.join(dir, 'pages'))).toEqual(['1-thumb.webp', '1.webp']);
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toMatch(/<a class="page-image" href="pages\/1\.webp"><img src="pages\/1\.webp"/);
  });
});

describe('a multi-page TIFF bomb', () => {
  it('fails clearly on the pixels of all its pages together, before decoding any', async () => {
    const dir = await tempDir('tiff-bomb');
    const file = path.join(dir, 'bomb.tif');
    // Every page points at the same Deflate strip of zeros: a few hundred kilobytes that decode to 2000 × 9000² pixels.
    await writeFile(file, tiffFile(Array.from({ length: 2000 }, () => ({ width: 9000, height: 9000 }))));
    // Each page alone is under the per-page limit.
    expect(9000 * 9000).toBeLessThan(DEFAULT_RENDER_OPTIONS.maxInputPixels);
    const outDir = path.join(dir, 'out');
    await mkdir(outDir);
    const started = Date.now();
    const result = imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    await expect(result).rejects.toThrow(/the TIFF's pages hold more than 10,000,000,000 pixels in all \(the limit was passed at page 124 of 2000\)/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await listFiles(outDir)).toEqual([]);
  }, 120_000);
});
