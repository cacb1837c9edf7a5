/** Reading values of the source PDF (through references) and copying plain ones into the download. */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from '@cantoo/pdf-lib';

/** Arrays nested deeper than this are not drawing data. */
const MAX_DEPTH = 16;

export function resolve(context: PDFContext, value: PDFObject | undefined): PDFObject | undefined {
  let v = value;
  for (let i = 0; v instanceof PDFRef && i < 8; i++) v = context.lookup(v);
  return v instanceof PDFRef ? undefined : v;
}

export function numberOf(context: PDFContext, value: PDFObject | undefined): number | undefined {
  const v = resolve(context, value);
  return v instanceof PDFNumber && Number.isFinite(v.asNumber()) ? v.asNumber() : undefined;
}

export function numbersOf(context: PDFContext, value: PDFObject | undefined): number[] | undefined {
  const v = resolve(context, value);
  if (!(v instanceof PDFArray)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < v.size(); i++) {
    const n = numberOf(context, v.get(i));
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

export function nameOf(context: PDFContext, value: PDFObject | undefined): string | undefined {
  const v = resolve(context, value);
  return v instanceof PDFName ? v.decodeText() : undefined;
}

export function dictOf(context: PDFContext, value: PDFObject | undefined): PDFDict | undefined {
  const v = resolve(context, value);
  if (v instanceof PDFStream) return v.dict;
  return v instanceof PDFDict ? v : undefined;
}

export function boolOf(context: PDFContext, value: PDFObject | undefined): boolean | undefined {
  const v = resolve(context, value);
  return v instanceof PDFBool ? v.asBoolean() : undefined;
}

export function bytesOf(context: PDFContext, value: PDFObject | undefined): Uint8Array | undefined {
  const v = resolve(context, value);
  return v instanceof PDFString || v instanceof PDFHexString ? v.asBytes() : undefined;
}

/** A name as pdf-lib takes it (it reads `#xx` escapes in what it is given). */
export function pdfName(decoded: string): PDFName {
  return PDFName.of(decoded.replace(/#/g, '#23'));
}

/**
 * A copy in `out` of a value made only of numbers, names, strings,
 * booleans, null and arrays of those (references followed); undefined for
 * anything else (dictionaries and streams need a cleaner that knows them).
 */
export function plainCopy(src: PDFContext, out: PDFContext, value: PDFObject | undefined, depth = 0): PDFObject | undefined {
  const v = resolve(src, value);
  if (v instanceof PDFNumber || v instanceof PDFName || v instanceof PDFBool || v === PDFNull) return v;
  if (v instanceof PDFString || v instanceof PDFHexString) return v.clone();
  if (!(v instanceof PDFArray) || depth > MAX_DEPTH) return undefined;
  const copy = PDFArray.withContext(out);
  for (let i = 0; i < v.size(); i++) {
    const item = plainCopy(src, out, v.get(i), depth + 1);
    if (item === undefined) return undefined;
    copy.push(item);
  }
  return copy;
}
