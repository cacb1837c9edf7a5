/**
 * Every page's stored size and orientation, read from a TIFF's directories
 * (src/pipeline/processors/tiff-pages.ts), is what sharp reads page by page:
 * in either byte order, in BigTIFF, and with a file that breaks off, where
 * the reader gives up and sharp is asked instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDirectories, storedPages, uprightSize, type StoredPage } from '../../src/pipeline/processors/tiff-pages.ts';
import { tempDir } from '../helpers/build.ts';
import { tiffFile, type TiffPageSpec } from '../helpers/tiff.ts';

const PAGES: TiffPageSpec[] = [
  { width: 40, height: 60 },
  { width: 64, height: 24, orientation: 6 },
  { width: 17, height: 9, orientation: 1 },
  { width: 40, height: 60, orientation: 8 },
];

let dir: string;
beforeAll(async () => {
  dir = await tempDir('tiff-pages');
});

/** What sharp reads of each page, one page at a time. */
async function bySharp(file: string): Promise<StoredPage[]> {
  const count = (await sharp(file).metadata()).pages ?? 1;
  const out: StoredPage[] = [];
  for (let page = 0; page < count; page++) {
    const m = await sharp(file, { page }).metadata();
    out.push({ width: m.width!, height: m.height!, ...(m.orientation !== undefined ? { orientation: m.orientation } : {}) });
  }
  return out;
}

async function write(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

describe('the pages of a multi-page TIFF', () => {
  it('are read from the directories as sharp reads them, in either byte order', async () => {
    for (const bigEndian of [false, true]) {
      const file = await write(`mixed-${bigEndian ? 'mm' : 'ii'}.tif`, tiffFile(PAGES, { bigEndian }));
      const expected = await bySharp(file);
      // A page without the tag is upright (1), as libtiff reads it.
      expect(expected).toEqual(PAGES.map((p) => ({ orientation: 1, ...p })));
      expect(await readDirectories(file, PAGES.length)).toEqual(expected);
      expect(await storedPages(file, PAGES.length, 1e9)).toEqual(expected);
    }
  });

  it('are read from a BigTIFF too', async () => {
    const page = (background: string) =>
      sharp({ create: { width: 30, height: 20, channels: 3, background } })
        .png()
        .toBuffer();
    const file = path.join(dir, 'big.tif');
    await sharp([await page('#f00'), await page('#00f'), await page('#0f0')], { join: { animated: true } })
      .tiff({ bigtiff: true, compression: 'lzw' })
      .toFile(file);
    expect((await readFile(file)).readUInt16LE(2), 'a BigTIFF').toBe(43);
    expect(await readDirectories(file, 3)).toEqual(await bySharp(file));
  });

  it('come from sharp, page by page, when the directories cannot be read', async () => {
    const whole = tiffFile(PAGES);
    // The chain names a fifth directory beyond the end of the file; sharp reads the four pages there are.
    whole.writeUInt32LE(whole.length + 100, whole.length - 4);
    const file = await write('dangling.tif', whole);
    await expect(readDirectories(file, 5)).rejects.toThrow(/outside the file/);
    expect(await storedPages(file, 4, 1e9)).toEqual(await bySharp(file));
    // An orientation that is not one of 1–8 is read as upright, as libvips reads it.
    for (const orientation of [0, 9, 12]) {
      const odd = await write(`orientation-${orientation}.tif`, tiffFile([{ width: 8, height: 8, orientation }]));
      expect(await readDirectories(odd, 1)).toEqual(await bySharp(odd));
    }
    await expect(readDirectories(await write('not.tif', Buffer.from('GIF89a, not a TIFF')), 1)).rejects.toThrow(/not a TIFF/);
  });

  it('stop at the page count sharp gives, even when the chain loops', async () => {
    const looped = tiffFile(PAGES.slice(0, 2));
    const firstIfd = looped.readUInt32LE(4);
    looped.writeUInt32LE(firstIfd, looped.length - 4);
    const file = await write('looped.tif', looped);
    const pages = await readDirectories(file, 5);
    expect(pages).toHaveLength(5);
    expect(pages[2]).toEqual(pages[0]);
  });

  it('are turned a quarter for orientations 5 to 8', () => {
    expect(uprightSize({ width: 64, height: 24, orientation: 6 })).toEqual({ width: 24, height: 64 });
    expect(uprightSize({ width: 64, height: 24, orientation: 3 })).toEqual({ width: 64, height: 24 });
    expect(uprightSize({ width: 64, height: 24 })).toEqual({ width: 64, height: 24 });
  });
});
