/**
 * TIFF files written byte by byte, for what encoders will not write: a
 * chosen byte order, a size and orientation tag per page, or pages that
 * decode to far more pixels than the file holds.
 */
import { deflateSync } from 'node:zlib';

export interface TiffPageSpec {
  width: number;
  height: number;
  /** The orientation tag (274), when the page has one. */
  orientation?: number;
}

const SHORT = 3;
const LONG = 4;

/**
 * A classic TIFF of bilevel pages, all white-on-black zeros: each page's
 * strip is one Deflate stream shared by every page of its size, so 2,000
 * pages of 9,000 × 9,000 pixels take a few hundred kilobytes.
 */
export function tiffFile(pages: TiffPageSpec[], { bigEndian = false } = {}): Buffer {
  const strips = new Map<string, Buffer>();
  for (const { width, height } of pages) {
    const key = `${width}x${height}`;
    if (!strips.has(key)) strips.set(key, deflateSync(Buffer.alloc(Math.ceil(width / 8) * height)));
  }
  const chunks: Buffer[] = [];
  let at = 8;
  const stripAt = new Map<string, { offset: number; length: number }>();
  for (const [key, strip] of strips) {
    stripAt.set(key, { offset: at, length: strip.length });
    const padded = Buffer.concat([strip, Buffer.alloc(strip.length % 2)]);
    chunks.push(padded);
    at += padded.length;
  }
  const ifds: Buffer[] = [];
  const firstIfd = at;
  for (const [p, page] of pages.entries()) {
    const strip = stripAt.get(`${page.width}x${page.height}`)!;
    const entries: [tag: number, type: number, value: number][] = [
      [256, LONG, page.width], // ImageWidth
      [257, LONG, page.height], // ImageLength
      [258, SHORT, 1], // BitsPerSample
      [259, SHORT, 8], // Compression: Deflate
      [262, SHORT, 1], // PhotometricInterpretation: BlackIsZero
      [273, LONG, strip.offset], // StripOffsets
      ...(page.orientation !== undefined ? [[274, SHORT, page.orientation] as [number, number, number]] : []), // Orientation
      [277, SHORT, 1], // SamplesPerPixel
      [278, LONG, page.height], // RowsPerStrip
      [279, LONG, strip.length], // StripByteCounts
    ];
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    const u16 = (v: number, o: number) => (bigEndian ? ifd.writeUInt16BE(v, o) : ifd.writeUInt16LE(v, o));
    const u32 = (v: number, o: number) => (bigEndian ? ifd.writeUInt32BE(v, o) : ifd.writeUInt32LE(v, o));
    u16(entries.length, 0);
    for (const [i, [tag, type, value]] of entries.entries()) {
      const e = 2 + i * 12;
      u16(tag, e);
      u16(type, e + 2);
      u32(1, e + 4);
      // A single value is left-justified in the entry.
      if (type === SHORT) u16(value, e + 8);
      else u32(value, e + 8);
    }
    const next = at + ifd.length;
    u32(p + 1 < pages.length ? next : 0, ifd.length - 4);
    ifds.push(ifd);
    at = next;
  }
  const header = Buffer.alloc(8);
  header.write(bigEndian ? 'MM' : 'II', 0, 'latin1');
  if (bigEndian) {
    header.writeUInt16BE(42, 2);
    header.writeUInt32BE(firstIfd, 4);
  } else {
    header.writeUInt16LE(42, 2);
    header.writeUInt32LE(firstIfd, 4);
  }
  return Buffer.concat([header, ...chunks, ...ifds]);
}
