/**
 * A JPEG 2000 image rewritten with only what decoding needs: of a JP2
 * file, the signature, file type, header (size, colour, palette, channel
 * definitions) and codestream boxes, without XML, UUID, IPR or other boxes;
 * of the codestream, the main header without comment (COM) segments, and
 * nothing after its end. The compressed picture is copied unchanged.
 * Anything else (comments inside tile-part headers, a malformed box) throws
 * `UnsafeContentError`, and the page is published as an image.
 */
import { ByteWriter } from './content-writer.ts';
import { UnsafeContentError } from './stream-data.ts';

const KEPT_BOXES = new Set(['jP  ', 'ftyp', 'jp2h', 'jp2c']);
const HEADER_BOXES = new Set(['ihdr', 'bpcc', 'colr', 'pclr', 'cmap', 'cdef', 'res ', 'resc', 'resd']);
const SOC = 0xff4f;
const SOT = 0xff90;
const COM = 0xff64;
const EOC = 0xffd9;

export function cleanJpx(data: Uint8Array): { data: Uint8Array; removed: string[] } {
  const removed = new Set<string>();
  if (u16(data, 0) === SOC) return { data: cleanCodestream(data, removed), removed: [...removed] };
  const out = new ByteWriter();
  for (const box of boxes(data, 0, data.length)) {
    if (!KEPT_BOXES.has(box.type)) {
      removed.add(box.type === 'xml ' ? 'XML metadata' : box.type === 'uuid' ? 'a UUID box (XMP, GeoJP2 or vendor data)' : `a "${box.type.trim()}" box`);
      continue;
    }
    let body = data.subarray(box.start, box.end);
    if (box.type === 'jp2h') body = header(body, removed);
    if (box.type === 'jp2c') body = cleanCodestream(body, removed);
    writeBox(out, box.type, body);
  }
  return { data: out.result(), removed: [...removed] };
}

interface Box {
  type: string;
  /** Where the box's contents start and end. */
  start: number;
  end: number;
}

function boxes(data: Uint8Array, from: number, to: number): Box[] {
  const found: Box[] = [];
  let pos = from;
  while (pos < to) {
    if (pos + 8 > to) fail('a box header is cut short');
    let length = u32(data, pos);
    const type = String.fromCharCode(...data.subarray(pos + 4, pos + 8));
    let start = pos + 8;
    if (length === 1) {
      length = u32(data, pos + 8) * 2 ** 32 + u32(data, pos + 12);
      start = pos + 16;
    } else if (length === 0) {
      length = to - pos;
    }
    const end = pos + length;
    if (length < start - pos || end > to) fail(`the "${type}" box runs past its end`);
    found.push({ type, start, end });
    pos = end;
  }
  return found;
}

function header(body: Uint8Array, removed: Set<string>): Uint8Array {
  const out = new ByteWriter();
  for (const box of boxes(body, 0, body.length)) {
    if (!HEADER_BOXES.has(box.type)) {
      removed.add(`a "${box.type.trim()}" box`);
      continue;
    }
    const content = body.subarray(box.start, box.end);
    if (box.type === 'res ') writeBox(out, box.type, header(content, removed));
    else writeBox(out, box.type, content);
  }
  return out.result();
}

/** The codestream up to its end, its main header without comments; comments in tile-part headers are refused. */
function cleanCodestream(code: Uint8Array, removed: Set<string>): Uint8Array {
  if (u16(code, 0) !== SOC) fail('the codestream does not start with SOC');
  const out = new ByteWriter();
  out.bytes(code.subarray(0, 2));
  let pos = 2;
  while (u16(code, pos) !== SOT) {
    if (pos + 4 > code.length) fail('the main header runs past the end');
    const marker = u16(code, pos);
    const end = pos + 2 + u16(code, pos + 2);
    if ((marker & 0xff00) !== 0xff00 || end > code.length) fail('a malformed marker segment');
    if (marker === COM) removed.add('comment');
    else out.bytes(code.subarray(pos, end));
    pos = end;
  }
  // Tile-parts: SOT says each one's length; their headers are read for comments only.
  while (u16(code, pos) === SOT) {
    const length = u32(code, pos + 6);
    // A length of 0 runs to the end of the codestream, which bytes after it could then hide in.
    if (length < 14) fail('a tile-part without a length');
    const end = pos + length;
    if (end > code.length) fail('a tile-part runs past the end');
    for (let p = pos + 12; p + 4 <= end && u16(code, p) !== 0xff93; p += 2 + u16(code, p + 2)) {
      if (u16(code, p) === COM) fail('a comment inside a tile-part header');
    }
    out.bytes(code.subarray(pos, end));
    pos = end;
  }
  if (u16(code, pos) !== EOC) fail('the codestream does not end with EOC');
  out.bytes(code.subarray(pos, pos + 2));
  if (pos + 2 < code.length) removed.add('data after the end of the image');
  return out.result();
}

function writeBox(out: ByteWriter, type: string, body: Uint8Array): void {
  const length = body.length + 8;
  out.bytes(Uint8Array.of(length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff));
  out.text(type);
  out.bytes(body);
}

function u16(b: Uint8Array, p: number): number {
  return ((b[p] ?? 0) << 8) | (b[p + 1] ?? 0);
}

function u32(b: Uint8Array, p: number): number {
  return u16(b, p) * 65536 + u16(b, p + 2);
}

function fail(why: string): never {
  throw new UnsafeContentError(`a JPEG 2000 image could not be rewritten: ${why}`);
}
