/**
 * An inline image (`BI … ID … EI`) as an image XObject of the source, so it
 * is cleaned like any other image: abbreviated keys and names spelt out,
 * a named colour space taken from the page's resources.
 */
import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRawStream, type PDFContext, type PDFObject } from '@cantoo/pdf-lib';
import type { Operand } from './content-lexer.ts';
import { dictOf, pdfName } from './pdf-values.ts';

const KEYS: Record<string, string> = {
  BPC: 'BitsPerComponent',
  CS: 'ColorSpace',
  D: 'Decode',
  DP: 'DecodeParms',
  F: 'Filter',
  H: 'Height',
  W: 'Width',
  IM: 'ImageMask',
  I: 'Interpolate',
};
const SPACES: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK', I: 'Indexed' };
const DEVICE = new Set(['DeviceGray', 'DeviceRGB', 'DeviceCMYK', 'Indexed', 'Pattern', 'CalRGB', 'CalGray', 'Lab', 'ICCBased', 'Separation', 'DeviceN']);

export function inlineImageStream(src: PDFContext, resources: PDFDict | undefined, entries: Map<string, Operand>, data: Uint8Array): PDFRawStream {
  const dict = src.obj({ Type: 'XObject', Subtype: 'Image' }) as PDFDict;
  const named = dictOf(src, resources?.get(PDFName.of('ColorSpace')));
  for (const [key, value] of entries) {
    const full = KEYS[key] ?? key;
    if (full === 'L' || full === 'Length') continue;
    if (full === 'ColorSpace') {
      dict.set(PDFName.of(full), colorSpace(src, value, named));
      continue;
    }
    dict.set(pdfName(full), toPdf(src, value));
  }
  return PDFRawStream.of(dict, data);
}

function colorSpace(src: PDFContext, value: Operand, named: PDFDict | undefined): PDFObject {
  if (value.t === 'name') {
    const spelt = SPACES[value.v] ?? value.v;
    if (DEVICE.has(spelt)) return PDFName.of(spelt);
    return named?.get(pdfName(value.v)) ?? PDFName.of(spelt);
  }
  if (value.t === 'arr') {
    const out = PDFArray.withContext(src);
    value.items.forEach((item, i) => out.push(i <= 1 ? colorSpace(src, item, named) : toPdf(src, item)));
    return out;
  }
  return toPdf(src, value);
}

function toPdf(src: PDFContext, o: Operand): PDFObject {
  switch (o.t) {
    case 'num':
      return PDFNumber.of(o.v);
    case 'name':
      return pdfName(o.v);
    case 'str':
      return PDFHexString.of(Buffer.from(o.bytes).toString('hex'));
    case 'bool':
      return o.v ? PDFBool.True : PDFBool.False;
    case 'null':
      return PDFNull;
    case 'arr': {
      const out = PDFArray.withContext(src);
      for (const item of o.items) out.push(toPdf(src, item));
      return out;
    }
    case 'dict': {
      const out = src.obj({}) as PDFDict;
      for (const [k, v] of o.entries) out.set(pdfName(KEYS[k] ?? k), toPdf(src, v));
      return out;
    }
  }
}
