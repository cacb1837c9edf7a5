/**
 * What the download's rebuild keeps of compressed pictures inside PDF
 * pages: the compressed picture itself, byte for byte, and nothing a
 * decoder does not need (metadata segments and boxes, comments, bytes after
 * the end). Inputs are built segment by segment, so each kind of extra is
 * known to be there.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cleanJbig2 } from '../../src/pipeline/processors/sanitize/jbig2-segments.ts';
import { JpegSyntaxError, stripJpeg } from '../../src/pipeline/processors/sanitize/jpeg-segments.ts';
import { cleanJpx } from '../../src/pipeline/processors/sanitize/jpx-boxes.ts';
import { UnsafeContentError } from '../../src/pipeline/processors/sanitize/stream-data.ts';
import { photoWithMetadata } from '../helpers/hidden-page-data-pdfs.ts';

const has = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));
const segment = (marker: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);

describe('JPEG', () => {
  it('loses EXIF (with GPS), XMP, comments, profiles and trailing bytes; the picture decodes the same', async () => {
    const photo = await photoWithMetadata();
    const withExtras = Buffer.concat([
      photo.subarray(0, 2),
      segment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.alloc(20, 1)])),
      segment(0xed, Buffer.from('Photoshop 3.0\0Jane Roe', 'latin1')),
      photo.subarray(2),
      Buffer.from('Appended after the end: Jane Roe', 'latin1'),
    ]);
    const { data, removed, components } = stripJpeg(withExtras);
    expect(removed.sort()).toEqual(['EXIF with GPS', 'ICC profile', 'IPTC or Photoshop data', 'XMP', 'comment', 'data after the end of the image'].sort());
    expect(components).toBe(3);
    for (const word of ['Exif', 'Jane Roe', 'Nightjar', 'Secret Photographer', 'ICC_PROFILE']) expect(has(data, word)).toBe(false);
    const [before, after] = await Promise.all([sharp(photo).raw().toBuffer(), sharp(Buffer.from(data)).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
  });

  it('keeps the Adobe marker that says how to read the colours, and refuses what is not a JPEG', () => {
    const adobe = segment(0xee, Buffer.from([0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 2]));
    const frame = segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]));
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), adobe, frame, Buffer.from([0xff, 0xd9])]);
    const { data, removed, adobeTransform, components } = stripJpeg(jpeg);
    expect([removed, adobeTransform, components]).toEqual([[], 2, 4]);
    expect(has(data, 'Adobe')).toBe(true);
    expect(() => stripJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(JpegSyntaxError);
    expect(() => stripJpeg(Buffer.concat([Buffer.from([0xff, 0xd8]), frame]))).toThrow(/without an end-of-image/);
  });
});

const SIZ = segment(0x51, Buffer.alloc(10, 7));
const COMMENT = segment(0x64, Buffer.from('\0\x01Kakadu for Jane Roe', 'latin1'));

/** A codestream with the markers the rewrite walks: SOC, a header segment, a comment, one tile-part, EOC. */
function codestream(tileComment = false): Buffer {
  const siz = SIZ;
  const com = COMMENT;
  const tileHeader = tileComment ? com : Buffer.alloc(0);
  const body = Buffer.from([0xff, 0x93, 1, 2, 3, 4]);
  const sot = Buffer.alloc(12);
  sot.writeUInt16BE(0xff90, 0);
  sot.writeUInt16BE(10, 2);
  sot.writeUInt32BE(12 + tileHeader.length + body.length, 6);
  return Buffer.concat([Buffer.from([0xff, 0x4f]), siz, com, sot, tileHeader, body, Buffer.from([0xff, 0xd9])]);
}

const box = (type: string, body: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length + 8, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

describe('JPEG 2000', () => {
  it('keeps the signature, file type, header and codestream boxes, without XML, UUID or comments', () => {
    const file = Buffer.concat([
      box('jP  ', Buffer.from([0x0d, 0x0a, 0x87, 0x0a])),
      box('ftyp', Buffer.from('jp2 \0\0\0\0jp2 ', 'latin1')),
      box('jp2h', Buffer.concat([box('ihdr', Buffer.alloc(14, 1)), box('colr', Buffer.from([1, 0, 0, 0, 0, 0, 16]))])),
      box('xml ', Buffer.from('<x>Codename Nightjar</x>', 'latin1')),
      box('uuid', Buffer.concat([Buffer.alloc(16, 9), Buffer.from('GeoJP2 Jane Roe', 'latin1')])),
      box('jp2c', Buffer.concat([codestream(), Buffer.from('trailing Jane Roe', 'latin1')])),
    ]);
    const { data, removed } = cleanJpx(file);
    expect(removed.sort()).toEqual(['XML metadata', 'a UUID box (XMP, GeoJP2 or vendor data)', 'comment', 'data after the end of the image'].sort());
    for (const word of ['Nightjar', 'Jane Roe', 'Kakadu', 'GeoJP2']) expect(has(data, word)).toBe(false);
    for (const kept of ['jP  ', 'ftyp', 'jp2h', 'ihdr', 'colr', 'jp2c']) expect(has(data, kept)).toBe(true);
    // The codestream's own bytes, less the comment, are kept in order.
    const stream = codestream();
    const expected = Buffer.concat([stream.subarray(0, 2 + SIZ.length), stream.subarray(2 + SIZ.length + COMMENT.length)]);
    expect(Buffer.from(data).includes(expected)).toBe(true);
  });

  it('rewrites a bare codestream, and refuses comments inside a tile-part header', () => {
    expect(has(cleanJpx(codestream()).data, 'Kakadu')).toBe(false);
    expect(() => cleanJpx(codestream(true))).toThrow(UnsafeContentError);
    expect(() => cleanJpx(Buffer.concat([box('jP  ', Buffer.alloc(4)), Buffer.from([0, 0, 0, 90, 0x6a])]))).toThrow(/box/);
  });
});

describe('JBIG2', () => {
  /** A segment header (number, type, no referred segments, page 1) and its data. */
  const jbig2Segment = (number: number, type: number, data: Buffer) => {
    const head = Buffer.alloc(11);
    head.writeUInt32BE(number, 0);
    head[4] = type;
    head[5] = 0;
    head[6] = 1;
    head.writeUInt32BE(data.length, 7);
    return Buffer.concat([head, data]);
  };

  it('drops extension segments (comments) and keeps the others byte for byte', () => {
    const pageInfo = jbig2Segment(0, 48, Buffer.alloc(19, 1));
    const comment = jbig2Segment(1, 62, Buffer.from('\x20\0\0\0Author\0Jane Roe\0', 'latin1'));
    const region = jbig2Segment(2, 38, Buffer.alloc(30, 5));
    const { data, removed } = cleanJbig2(Buffer.concat([pageInfo, comment, region]));
    expect(removed).toBe(1);
    expect(Buffer.from(data).equals(Buffer.concat([pageInfo, region]))).toBe(true);
    expect(() => cleanJbig2(Buffer.concat([pageInfo, region.subarray(0, 20)]))).toThrow(UnsafeContentError);
  });
});
