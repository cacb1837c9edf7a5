/**
 * A JBIG2 stream (as embedded in PDF: segments without a file header)
 * with its extension segments (type 62: comments, and data of other
 * programs) dropped. The segments that make up the picture are copied as
 * they are. Anything that cannot be walked throws, and the page is then
 * published as an image.
 */
import { UnsafeContentError } from './stream-data.ts';

const EXTENSION = 62;
const IMMEDIATE_GENERIC_REGION = 38;
/** A region segment's information field: width, height, x, y (four bytes each) and flags. */
const REGION_INFO_BYTES = 17;

export function cleanJbig2(data: Uint8Array): { data: Uint8Array; removed: number } {
  const kept: Uint8Array[] = [];
  let removed = 0;
  let pos = 0;
  const fail = (why: string): never => {
    throw new UnsafeContentError(`a JBIG2 image could not be read: ${why}`);
  };
  const u32 = (p: number) => ((data[p]! << 24) >>> 0) + (data[p + 1]! << 16) + (data[p + 2]! << 8) + data[p + 3]!;
  while (pos + 11 <= data.length) {
    const start = pos;
    const number = u32(pos);
    const flags = data[pos + 4]!;
    pos += 5;
    let referred = data[pos]! >> 5;
    if (referred === 7) {
      referred = u32(pos) & 0x1fffffff;
      pos += 4 + Math.ceil((referred + 1) / 8);
    } else {
      pos += 1;
    }
    pos += referred * (number <= 256 ? 1 : number <= 65536 ? 2 : 4);
    pos += flags & 0x40 ? 4 : 1;
    if (pos + 4 > data.length) fail('a segment header is cut short');
    const length = u32(pos);
    pos += 4;
    const end = length === 0xffffffff ? unknownLengthEnd(data, pos, flags & 0x3f) : pos + length;
    if (end > data.length) fail('a segment runs past the end of the data');
    if ((flags & 0x3f) === EXTENSION) removed++;
    else kept.push(data.subarray(start, end));
    pos = end;
  }
  return { data: Buffer.concat(kept), removed };
}

/**
 * Where a generic region of unknown length ends (allowed for immediate
 * generic regions only): its data stops with 0xFF 0xAC (or 0x00 0x00 when
 * MMR-coded) and the region's row count, as pdf.js finds it.
 */
function unknownLengthEnd(data: Uint8Array, start: number, type: number): number {
  if (type !== IMMEDIATE_GENERIC_REGION || start + REGION_INFO_BYTES + 1 > data.length) {
    throw new UnsafeContentError('a JBIG2 image could not be read: a segment of unknown length');
  }
  const mmr = (data[start + REGION_INFO_BYTES]! & 1) === 1;
  const pattern = [mmr ? 0 : 0xff, mmr ? 0 : 0xac, data[start + 4]!, data[start + 5]!, data[start + 6]!, data[start + 7]!];
  for (let i = start; i + pattern.length <= data.length; i++) {
    let j = 0;
    while (j < pattern.length && data[i + j] === pattern[j]) j++;
    if (j === pattern.length) return i + pattern.length;
  }
  throw new UnsafeContentError('a JBIG2 image could not be read: the end of a region of unknown length was not found');
}
