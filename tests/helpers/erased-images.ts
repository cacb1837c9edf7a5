/**
 * Pictures "erased" by transparency: the colour is still in the file under
 * pixels whose alpha is 0, for any tool that ignores alpha to show.
 * The erased part is a red (or dark grey) block; the visible part green
 * (or light grey).
 */
import sharp from 'sharp';

export const VISIBLE_RGB = [40, 120, 40];
export const ERASED_RGB = [220, 20, 60];

/** A 40×30 PNG: left half green and opaque, right half red under alpha 0. */
export async function erasedPng(): Promise<Buffer> {
  const width = 40;
  const height = 30;
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const erased = x >= width / 2;
      rgba.set([...(erased ? ERASED_RGB : VISIBLE_RGB), erased ? 0 : 255], (y * width + x) * 4);
    }
  }
  return sharp(rgba, { raw: { width, height, channels: 4 } })
    .png()
    .toBuffer();
}

/**
 * A two-page TIFF, uncompressed, written by hand: page 1 grey without
 * alpha, page 2 grey with an alpha channel (ExtraSamples) whose right half
 * is a dark block under alpha 0. Encoders write every page alike.
 */
export function tiffWithErasedSecondPage(): Buffer {
  const size = 16;
  const page1 = Buffer.alloc(size * size, 128);
  const page2 = Buffer.alloc(size * size * 2);
  for (let i = 0; i < size * size; i++) {
    const erased = i % size >= size / 2;
    page2[i * 2] = erased ? 30 : 200;
    page2[i * 2 + 1] = erased ? 0 : 255;
  }
  const strips = [page1, page2];
  const entryCount = [9, 10];
  const first = 8 + page1.length + page2.length;
  const ifdAt = [first, first + 2 + entryCount[0]! * 12 + 4];
  const ifds = strips.map((strip, p) => {
    const alpha = p === 1;
    const entries: [number, number, number, number[]][] = [
      [256, 3, 1, [size]],
      [257, 3, 1, [size]],
      [258, 3, alpha ? 2 : 1, alpha ? [8, 8] : [8]],
      [259, 3, 1, [1]],
      [262, 3, 1, [1]],
      [273, 4, 1, [p === 0 ? 8 : 8 + page1.length]],
      [277, 3, 1, [alpha ? 2 : 1]],
      [278, 3, 1, [size]],
      [279, 4, 1, [strip.length]],
      ...(alpha ? [[338, 3, 1, [2]] as [number, number, number, number[]]] : []),
    ];
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, count, values], i) => {
      const e = 2 + i * 12;
      ifd.writeUInt16LE(tag, e);
      ifd.writeUInt16LE(type, e + 2);
      ifd.writeUInt32LE(count, e + 4);
      values.forEach((v, k) => (type === 3 ? ifd.writeUInt16LE(v, e + 8 + 2 * k) : ifd.writeUInt32LE(v, e + 8)));
    });
    ifd.writeUInt32LE(p === 0 ? ifdAt[1]! : 0, ifd.length - 4);
    return ifd;
  });
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(ifdAt[0]!, 4);
  return Buffer.concat([header, page1, page2, ...ifds]);
}
