/**
 * What the content walker needs to know of a font to place its text: how a
 * string splits into codes, each code's advance and a box any glyph fits
 * in, read from the source font's dictionaries (never its program). Exact
 * where the dictionaries give widths (/Widths, a CID font's /W with an
 * Identity encoding, a Type 3 font), a bound elsewhere.
 */
import { PDFArray, PDFName, type PDFContext, type PDFDict } from '@cantoo/pdf-lib';
import type { Matrix } from '../../audit/geometry.ts';
import { EVERYWHERE, rectOf, transformRect, type Rect } from './geometry.ts';
import { dictOf, nameOf, numberOf, numbersOf, resolve } from './pdf-values.ts';
import type { FontMetrics } from './text-walk.ts';

/** The glyph box assumed at least, in text space for size 1, whatever the font's bounding box says (many say 0 0 0 0). */
const LEAST_EXTENT: Rect = { x0: -0.5, y0: -0.5, x1: 1.5, y1: 1.5 };
const STANDARD_FONTS = /^(Times|Helvetica|Courier|Symbol|ZapfDingbats|Arial|TimesNewRoman|CourierNew)/;

export function fontMetrics(src: PDFContext, font: PDFDict): FontMetrics {
  const subtype = nameOf(src, font.get(PDFName.of('Subtype')));
  if (subtype === 'Type0') return compositeMetrics(src, font);
  const first = numberOf(src, font.get(PDFName.of('FirstChar'))) ?? 0;
  const widths = numbersOf(src, font.get(PDFName.of('Widths')));
  const descriptor = dictOf(src, font.get(PDFName.of('FontDescriptor')));
  const missing = numberOf(src, descriptor?.get(PDFName.of('MissingWidth'))) ?? 0;
  let scale = 1 / 1000;
  let extent = glyphBox(src, descriptor?.get(PDFName.of('FontBBox')), [scale, 0, 0, scale, 0, 0]);
  if (subtype === 'Type3') {
    const matrix = (numbersOf(src, font.get(PDFName.of('FontMatrix'))) ?? [0.001, 0, 0, 0.001, 0, 0]) as Matrix;
    scale = matrix[0];
    extent = matrix.length === 6 ? glyphBox(src, font.get(PDFName.of('FontBBox')), matrix) : EVERYWHERE;
  }
  const base = (nameOf(src, font.get(PDFName.of('BaseFont'))) ?? '').replace(/^[A-Z]{6}\+/, '');
  const known = widths !== undefined;
  const most = known ? widths.reduce((a, b) => Math.max(a, Math.abs(b)), Math.abs(missing)) * Math.abs(scale) : STANDARD_FONTS.test(base) ? 1.1 : 2;
  return {
    codes: (bytes) => [...bytes],
    width: (code) => (known ? (widths[code - first] ?? missing) * scale : undefined),
    isSpace: (code) => code === 32,
    maxWidth: most,
    extent,
    vertical: false,
  };
}

function compositeMetrics(src: PDFContext, font: PDFDict): FontMetrics {
  const encoding = nameOf(src, font.get(PDFName.of('Encoding')));
  const descendants = resolve(src, font.get(PDFName.of('DescendantFonts')));
  const cid = descendants instanceof PDFArray ? dictOf(src, descendants.get(0)) : undefined;
  const descriptor = dictOf(src, cid?.get(PDFName.of('FontDescriptor')));
  const defaultWidth = numberOf(src, cid?.get(PDFName.of('DW'))) ?? 1000;
  const widths = cidWidths(src, cid?.get(PDFName.of('W')));
  const identity = encoding === 'Identity-H' || encoding === 'Identity-V';
  // An embedded CMap (no name) may write vertically: its text is placed as if it could go either way.
  const vertical = encoding?.endsWith('-V') === true || encoding === undefined;
  return {
    codes: (bytes) => {
      if (!identity) return undefined;
      const codes: number[] = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) codes.push((bytes[i]! << 8) | bytes[i + 1]!);
      return codes;
    },
    width: (code) => (identity && widths ? (widths.get(code) ?? defaultWidth) / 1000 : undefined),
    isSpace: () => !identity,
    maxWidth:
      (widths ? [...widths.values()].reduce((a, b) => Math.max(a, Math.abs(b)), Math.abs(defaultWidth)) : Math.max(Math.abs(defaultWidth), 2000)) / 1000,
    extent: glyphBox(src, descriptor?.get(PDFName.of('FontBBox')), [0.001, 0, 0, 0.001, 0, 0]),
    vertical,
  };
}

/** A CID font's /W array: `c [w1 w2 …]` or `cFirst cLast w`; undefined when it is malformed. */
function cidWidths(src: PDFContext, value: Parameters<typeof resolve>[1]): Map<number, number> | undefined {
  const w = resolve(src, value);
  const out = new Map<number, number>();
  if (w === undefined) return out;
  if (!(w instanceof PDFArray)) return undefined;
  for (let i = 0; i < w.size();) {
    const start = numberOf(src, w.get(i));
    const next = resolve(src, w.get(i + 1));
    if (start === undefined) return undefined;
    if (next instanceof PDFArray) {
      const list = numbersOf(src, next);
      if (!list) return undefined;
      list.forEach((width, k) => out.set(start + k, width));
      i += 2;
    } else {
      const end = numberOf(src, next);
      const width = numberOf(src, w.get(i + 2));
      if (end === undefined || width === undefined || end - start > 65535) return undefined;
      for (let code = start; code <= end; code++) out.set(code, width);
      i += 3;
    }
  }
  return out;
}

/** The font's bounding box through `matrix`, grown to at least the least extent. */
function glyphBox(src: PDFContext, value: Parameters<typeof resolve>[1], matrix: Matrix): Rect {
  const box = rectOf(numbersOf(src, value));
  if (!box) return LEAST_EXTENT;
  const r = transformRect(matrix, box);
  return { x0: Math.min(r.x0, LEAST_EXTENT.x0), y0: Math.min(r.y0, LEAST_EXTENT.y0), x1: Math.max(r.x1, LEAST_EXTENT.x1), y1: Math.max(r.y1, LEAST_EXTENT.y1) };
}
