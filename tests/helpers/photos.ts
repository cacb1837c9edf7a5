/**
 * Images made for tests, never copied from the corpus (its camera photos
 * carry copyleft licences meant for the corpus command only).
 */
import { execFileSync } from 'node:child_process';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { ROOT } from './build.ts';

/** Where `tests/fixtures/make-oriented-photo.mjs` (CC0) puts the photo, in decimal degrees. */
export const PHOTO_GPS = { latitude: 43 + 28 / 60, longitude: 11 + 53 / 60 };

/**
 * A 120×80 JPEG stored sideways (EXIF orientation 6) with GPS, Make and
 * Artist tags, made by the fixture generator so tests and the fixture
 * share one recipe.
 */
export function makeGpsPhoto(file: string): void {
  execFileSync(process.execPath, [path.join(ROOT, 'tests/fixtures/make-oriented-photo.mjs'), file], { cwd: ROOT, stdio: 'pipe' });
}

/** The PNG with a `tEXt` chunk (keyword, text) added after its header (readers look for text before the pixels). */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const type = Buffer.from('tEXt', 'latin1');
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, data])));
  // 8 bytes of signature, then IHDR: length, type, 13 bytes of data, CRC.
  const afterHeader = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, afterHeader), length, type, data, crc, png.subarray(afterHeader)]);
}

type TiffEntry = [tag: number, type: number, count: number, value: Buffer];
const BYTE = 1;
const ASCII = 2;
const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;

const short = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const long = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const ascii = (s: string): [number, Buffer] => [s.length + 1, Buffer.from(`${s}\0`, 'latin1')];
const rationals = (values: number[]) => Buffer.concat(values.flatMap((v) => [long(Math.round(v * 1000)), long(1000)]));

/**
 * A grey TIFF whose IFD0 carries Software and Artist, a GPS IFD and XMP,
 * written by hand: sharp writes XMP and ICC into TIFFs but no EXIF tags.
 */
export function tiffWithExif(options: { software: string; artist: string; latitude: number[]; longitude: number[]; xmp?: string }): Buffer {
  const width = 40;
  const height = 30;
  const ifd0: TiffEntry[] = [
    [256, SHORT, 1, short(width)],
    [257, SHORT, 1, short(height)],
    [258, SHORT, 1, short(8)],
    [259, SHORT, 1, short(1)],
    [262, SHORT, 1, short(1)],
    [273, LONG, 1, long(0)], // strip offset, set below
    [277, SHORT, 1, short(1)],
    [278, SHORT, 1, short(height)],
    [279, LONG, 1, long(width * height)],
    [305, ASCII, ...ascii(options.software)],
    [315, ASCII, ...ascii(options.artist)],
    ...(options.xmp ? [[700, BYTE, Buffer.byteLength(options.xmp), Buffer.from(options.xmp)] as TiffEntry] : []),
    [34853, LONG, 1, long(0)], // GPS IFD offset, set below
  ];
  const gps: TiffEntry[] = [
    [1, ASCII, 2, Buffer.from('N\0')],
    [2, RATIONAL, 3, rationals(options.latitude)],
    [3, ASCII, 2, Buffer.from('E\0')],
    [4, RATIONAL, 3, rationals(options.longitude)],
  ];
  const size = (entries: TiffEntry[]) => 2 + entries.length * 12 + 4;
  const gpsOffset = 8 + size(ifd0);
  const pixelOffset = gpsOffset + size(gps);
  ifd0[5][3] = long(pixelOffset);
  ifd0[ifd0.length - 1][3] = long(gpsOffset);
  const chunks: Buffer[] = [];
  let dataOffset = pixelOffset + width * height;
  const data: Buffer[] = [];
  const ifd = (entries: TiffEntry[]) => {
    const out = [short(entries.length)];
    for (const [tag, type, count, value] of entries) {
      let field = value;
      if (value.length > 4) {
        field = long(dataOffset);
        const padded = value.length % 2 ? Buffer.concat([value, Buffer.alloc(1)]) : value;
        data.push(padded);
        dataOffset += padded.length;
      }
      out.push(short(tag), short(type), long(count), Buffer.concat([field, Buffer.alloc(4 - field.length)]));
    }
    out.push(long(0));
    return Buffer.concat(out);
  };
  chunks.push(Buffer.from('II'), short(42), long(8), ifd(ifd0), ifd(gps), Buffer.alloc(width * height, 0x80), ...data);
  return Buffer.concat(chunks);
}
