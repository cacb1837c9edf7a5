/**
 * A JPEG rewritten with only what decoding needs: the frame, tables, scans
 * and restart markers, plus a fresh JFIF or Adobe marker when the source
 * had one (they tell decoders which colour transform to use). Everything
 * else is dropped and named: EXIF (with or without GPS), XMP, IPTC, ICC
 * profiles, comments, other application segments, bytes after the end of
 * the image. The compressed picture itself is copied unchanged, so nothing
 * is re-encoded and no quality is lost.
 */
import { ByteWriter } from './content-writer.ts';

export interface StrippedJpeg {
  data: Uint8Array;
  /** What was dropped, e.g. `EXIF with GPS`, `XMP`, `comment`. */
  removed: string[];
  components: number;
  /** The transform of an Adobe marker (0 none, 1 YCbCr, 2 YCCK). */
  adobeTransform?: number;
}

export class JpegSyntaxError extends Error {}

const JFIF = Uint8Array.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
/** Markers that stand alone, without a length. */
const STANDALONE = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);
/** Frame, tables and scan headers: what a decoder needs. */
const NEEDED = (m: number) => (m >= 0xc0 && m <= 0xcf) || m === 0xdb || m === 0xdd || m === 0xdc || m === 0xde || m === 0xdf;

export function stripJpeg(src: Uint8Array): StrippedJpeg {
  if (src[0] !== 0xff || src[1] !== 0xd8) throw new JpegSyntaxError('not a JPEG (no start-of-image marker)');
  const out = new ByteWriter();
  out.bytes(src.subarray(0, 2));
  const removed = new Set<string>();
  let components = 0;
  let adobeTransform: number | undefined;
  let jfif = false;
  let headerWritten = false;
  const writeHeader = () => {
    if (headerWritten) return;
    headerWritten = true;
    if (jfif && adobeTransform === undefined) out.bytes(JFIF);
    if (adobeTransform !== undefined)
      out.bytes(Uint8Array.from([0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, adobeTransform]));
  };
  let pos = 2;
  for (;;) {
    if (pos >= src.length) throw new JpegSyntaxError('the JPEG ends without an end-of-image marker');
    if (src[pos] !== 0xff) throw new JpegSyntaxError(`expected a marker at byte ${pos}`);
    while (src[pos] === 0xff) pos++;
    const marker = src[pos++]!;
    if (marker === 0xd9) {
      writeHeader();
      out.bytes(Uint8Array.from([0xff, 0xd9]));
      if (hasData(src.subarray(pos))) removed.add('data after the end of the image');
      break;
    }
    if (STANDALONE(marker)) {
      out.bytes(Uint8Array.from([0xff, marker]));
      continue;
    }
    if (pos + 2 > src.length) throw new JpegSyntaxError('a JPEG segment is cut short');
    const length = (src[pos]! << 8) | src[pos + 1]!;
    const end = pos + length;
    if (length < 2 || end > src.length) throw new JpegSyntaxError('a JPEG segment runs past the end of the file');
    const body = src.subarray(pos + 2, end);
    if (marker >= 0xe0 && marker <= 0xef) {
      const kind = appSegment(marker, body);
      if (kind === 'JFIF') jfif = true;
      else if (kind === 'Adobe' && body.length >= 12) adobeTransform = body[11]!;
      else if (kind !== 'JFIF extension') removed.add(kind);
      pos = end;
      continue;
    }
    if (marker === 0xfe) {
      removed.add('comment');
      pos = end;
      continue;
    }
    if (!NEEDED(marker) && marker !== 0xda) throw new JpegSyntaxError(`unknown JPEG marker 0x${marker.toString(16)}`);
    writeHeader();
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) components = body[5] ?? 0;
    out.bytes(src.subarray(pos - 2, end));
    pos = end;
    if (marker === 0xda) {
      const scanEnd = entropyEnd(src, pos);
      out.bytes(src.subarray(pos, scanEnd));
      pos = scanEnd;
    }
  }
  if (components === 0) throw new JpegSyntaxError('the JPEG has no frame header');
  return { data: out.result(), removed: [...removed], components, adobeTransform };
}

/** The end of a scan's compressed data: the first marker that is not a stuffed zero or a restart. */
function entropyEnd(src: Uint8Array, from: number): number {
  for (let p = from; p + 1 < src.length; p++) {
    if (src[p] !== 0xff) continue;
    const next = src[p + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return p;
  }
  throw new JpegSyntaxError('a JPEG scan runs past the end of the file');
}

function appSegment(marker: number, body: Uint8Array): string {
  const head = String.fromCharCode(...body.subarray(0, 30));
  if (marker === 0xe0 && head.startsWith('JFIF\0')) return 'JFIF';
  if (marker === 0xe0 && head.startsWith('JFXX\0')) return 'JFIF extension';
  if (marker === 0xee && head.startsWith('Adobe')) return 'Adobe';
  if (marker === 0xe1 && head.startsWith('Exif\0')) return exifHasGps(body.subarray(6)) ? 'EXIF with GPS' : 'EXIF';
  if (marker === 0xe1 && head.startsWith('http://ns.adobe.com/xap/1.0/')) return 'XMP';
  if (marker === 0xe1 && head.startsWith('http://ns.adobe.com/xmp/extension/')) return 'XMP';
  if (marker === 0xe2 && head.startsWith('ICC_PROFILE\0')) return 'ICC profile';
  if (marker === 0xed) return 'IPTC or Photoshop data';
  return `APP${marker - 0xe0} segment`;
}

/** The EXIF block's first directory points to a GPS directory (tag 0x8825). */
function exifHasGps(tiff: Uint8Array): boolean {
  if (tiff.length < 8) return false;
  const little = tiff[0] === 0x49;
  const u16 = (p: number) => (little ? tiff[p]! | (tiff[p + 1]! << 8) : (tiff[p]! << 8) | tiff[p + 1]!);
  const u32 = (p: number) => (little ? u16(p) + u16(p + 2) * 65536 : u16(p) * 65536 + u16(p + 2));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return false;
  const count = u16(ifd);
  for (let i = 0; i < count && ifd + 2 + 12 * i + 12 <= tiff.length; i++) if (u16(ifd + 2 + 12 * i) === 0x8825) return true;
  return false;
}

function hasData(rest: Uint8Array): boolean {
  for (const c of rest) if (c !== 0 && c !== 0x0a && c !== 0x0d && c !== 0x20) return true;
  return false;
}
