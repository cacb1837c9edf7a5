/**
 * An image document "erased" with transparency: the download (and the page
 * images) must not keep the erased picture in the colour channels under
 * fully transparent pixels, and a `transparent-colour` finding says it was
 * there. Real sharp, real files.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageProcessor } from '../../src/pipeline/processors/image.ts';
import { DEFAULT_RENDER_OPTIONS } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { ERASED_RGB, VISIBLE_RGB, erasedPng, tiffWithErasedSecondPage } from '../helpers/erased-images.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('erased-image');
});

async function processImage(name: string, bytes: Buffer) {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const outDir = path.join(dir, `${name}-out`);
  const result = await imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
  return { result, outDir };
}

/** Every pixel of a page as [r, g, b, a], alpha 255 when the image has none. */
async function pixels(file: string, page = 0): Promise<number[][]> {
  const { data, info } = await sharp(file, { page }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return Array.from({ length: info.width * info.height }, (_, i) => [...data.subarray(i * 4, i * 4 + 4)]);
}

describe('an "erased" image document', () => {
  it('a PNG keeps its visible half; under alpha 0 the download holds no colour', async () => {
    const source = await erasedPng();
    // The source really holds the erased picture.
    const check = path.join(dir, 'source.png');
    await writeFile(check, source);
    expect((await pixels(check)).filter((p) => p[3] === 0 && p[0] === ERASED_RGB[0])).toHaveLength(600);
    const { result, outDir } = await processImage('erased.png', source);
    expect(result.findings.filter((f) => f.rule === 'transparent-colour')).toEqual([
      { rule: 'transparent-colour', page: 1, evidence: '600 fully transparent pixels had colour' },
    ]);
    const out = await pixels(path.join(outDir, 'download.png'));
    expect(out.filter((p) => p[3] === 0)).toHaveLength(600);
    expect(out.filter((p) => p[3] === 0 && (p[0] !== 0 || p[1] !== 0 || p[2] !== 0))).toEqual([]);
    expect(out.filter((p) => p[3] === 255).every((p) => p[0] === VISIBLE_RGB[0] && p[1] === VISIBLE_RGB[1] && p[2] === VISIBLE_RGB[2])).toBe(true);
    // The page image served on the site carries no red either.
    const page = await pixels(path.join(outDir, 'pages', '1.webp'));
    expect(page.filter((p) => p[0]! > 150 && p[1]! < 80)).toEqual([]);
  });

  it('a multi-page TIFF whose second page alone has alpha has that page cleared in the download', async () => {
    const { result, outDir } = await processImage('pages.tif', tiffWithErasedSecondPage());
    expect(result.findings.filter((f) => f.rule === 'transparent-colour').map((f) => f.page)).toEqual([2]);
    const second = await pixels(path.join(outDir, 'download.tif'), 1);
    expect(second.filter((p) => p[3] === 0)).toHaveLength(128);
    expect(second.filter((p) => p[3] === 0 && p[0] !== 0)).toEqual([]);
    expect(second.filter((p) => p[3] === 255).every((p) => p[0] === 200)).toBe(true);
    const first = await pixels(path.join(outDir, 'download.tif'), 0);
    expect(first.every((p) => p[0] === 128 && p[3] === 255)).toBe(true);
  });

  it('an opaque PNG is not reported', async () => {
    const opaque = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const { result } = await processImage('opaque.png', opaque);
    expect(result.findings).toEqual([]);
  });
});
