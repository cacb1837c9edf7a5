/**
 * The bytes of a source stream, with its general-purpose filters undone
 * (Flate, LZW, ASCII85, ASCIIHex, RunLength), and new streams written
 * Flate-compressed. Image codecs (DCT, JPX, JBIG2, CCITT) are left for the
 * image cleaner: `decodeStream` stops at the first one and says which.
 */
import { constants, deflateSync, inflateRawSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNull, PDFRawStream, PDFStream, decodePDFRawStream, type PDFContext, type PDFObject } from '@cantoo/pdf-lib';

/** A stream the cleaner cannot read safely; the page is then published as an image. */
export class UnsafeContentError extends Error {}

const GENERAL = new Set(['FlateDecode', 'Fl', 'LZWDecode', 'LZW', 'ASCII85Decode', 'A85', 'ASCIIHexDecode', 'AHx', 'RunLengthDecode', 'RL']);
const LONG: Record<string, string> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  A85: 'ASCII85Decode',
  AHx: 'ASCIIHexDecode',
  RL: 'RunLengthDecode',
  DCT: 'DCTDecode',
  CCF: 'CCITTFaxDecode',
};

export interface DecodedStream {
  /** The data after every general-purpose filter. */
  data: Uint8Array;
  /** The image codec the data is still in, if any (`DCTDecode`, `JPXDecode`, `JBIG2Decode`, `CCITTFaxDecode`). */
  codec?: string;
  /** The decode parameters of that codec, or of the last filter undone (its predictor). */
  parms?: PDFDict;
  /**
   * The stream's own bytes, when they are one zlib stream and nothing else
   * (no other filter, no byte after its end): compressing the same data
   * again would give nothing more, so they may be written as they are.
   */
  wholeFlate?: Uint8Array;
}

function filtersOf(dict: PDFDict): { names: string[]; parms: (PDFDict | undefined)[] } {
  const filter = dict.lookup(PDFName.of('Filter')) ?? dict.lookup(PDFName.of('F'));
  const parmsObj = dict.lookup(PDFName.of('DecodeParms')) ?? dict.lookup(PDFName.of('DP'));
  const names: string[] = [];
  if (filter instanceof PDFName) names.push(filter.decodeText());
  else if (filter instanceof PDFArray) {
    for (let i = 0; i < filter.size(); i++) {
      const f = filter.lookup(i);
      if (!(f instanceof PDFName)) throw new UnsafeContentError('a stream filter is not a name');
      names.push(f.decodeText());
    }
  } else if (filter !== undefined && filter !== PDFNull) throw new UnsafeContentError('a stream filter is not a name');
  const parms = names.map((_, i) => {
    const p = parmsObj instanceof PDFArray ? parmsObj.lookup(i) : i === 0 ? parmsObj : undefined;
    return p instanceof PDFDict ? p : undefined;
  });
  return { names: names.map((n) => LONG[n] ?? n), parms };
}

/** `expectedSize`, when the caller knows how many bytes the data should decode to, spares zlib growing its output piece by piece. */
export function decodeStream(stream: PDFObject | undefined, expectedSize?: number): DecodedStream {
  if (!(stream instanceof PDFRawStream)) {
    if (stream instanceof PDFStream) return { data: stream.getContents() };
    throw new UnsafeContentError('expected a stream');
  }
  const { names, parms } = filtersOf(stream.dict);
  let data = stream.contents;
  if (names.length === 1 && names[0] === 'FlateDecode') {
    const whole = inflateWhole(data, expectedSize);
    if (whole) return { data: whole, parms: parms[0], wholeFlate: data };
  }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!GENERAL.has(name)) {
      if (i !== names.length - 1) throw new UnsafeContentError(`the filter ${name} is followed by another`);
      if (!['DCTDecode', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode'].includes(name)) throw new UnsafeContentError(`unknown filter ${name}`);
      return { data, codec: name, parms: parms[i] };
    }
    data = undoFilter(data, name, parms[i], stream.dict.context);
  }
  return { data, parms: parms[names.length - 1] };
}

/** The bytes of a stream that is not a picture (content, font, function, profile…): one in an image codec is refused. */
export function plainData(stream: PDFObject | undefined, what: string): Uint8Array {
  const { data, codec } = decodeStream(stream);
  if (codec) throw new UnsafeContentError(`${what} is compressed with ${codec}`);
  return data;
}

function undoFilter(data: Uint8Array, name: string, parms: PDFDict | undefined, context: PDFContext): Uint8Array {
  try {
    if (name === 'FlateDecode') {
      try {
        return inflate(data);
      } catch {
        // zlib refuses damaged data that PDF readers still show in part: read it as they do.
      }
    }
    const dict = context.obj({ Filter: name }) as PDFDict;
    if (parms) dict.set(PDFName.of('DecodeParms'), parms);
    return decodePDFRawStream(PDFRawStream.of(dict, data)).decode();
  } catch (e) {
    throw new UnsafeContentError(`a ${name} stream could not be read: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
}

/** Large chunks: streams of images run to tens of megabytes, and small ones cost many copies. */
const CHUNK = 1 << 20;

/** The data of a zlib stream that is complete and ends where the bytes end; undefined otherwise. */
function inflateWhole(data: Uint8Array, expectedSize?: number): Uint8Array | undefined {
  // One chunk a little larger than the data needs: zlib then stops after it without copying pieces together.
  const chunkSize = expectedSize !== undefined ? Math.min(Math.max(expectedSize + 1024, 1 << 16), 1 << 28) : CHUNK;
  try {
    const { buffer, engine } = inflateSync(data, { info: true, chunkSize }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    return engine.bytesWritten === data.length ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : undefined;
  } catch {
    return undefined;
  }
}

/** zlib data; a truncated stream gives what it holds, as in PDF readers. */
function inflate(data: Uint8Array): Uint8Array {
  try {
    return new Uint8Array(inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, chunkSize: CHUNK }));
  } catch {
    // Some writers leave out the zlib header; readers accept the bare deflate data.
    return new Uint8Array(inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH }));
  }
}

export function deflate(data: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(data, { level: 6, chunkSize: CHUNK }));
}

/** A new stream in `context` with `dict`'s entries and `data`, Flate-compressed unless `filter` says how it is already encoded. */
export function newStream(dict: PDFDict, data: Uint8Array, filter?: { name: string; parms?: PDFDict }): PDFRawStream {
  dict.delete(PDFName.of('Filter'));
  dict.delete(PDFName.of('DecodeParms'));
  dict.delete(PDFName.of('Length'));
  if (filter) {
    dict.set(PDFName.of('Filter'), PDFName.of(filter.name));
    if (filter.parms) dict.set(PDFName.of('DecodeParms'), filter.parms);
    return PDFRawStream.of(dict, data);
  }
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return PDFRawStream.of(dict, deflate(data));
}
