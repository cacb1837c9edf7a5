/**
 * What the content walker asks of a content stream's resources (in the
 * source): what a named XObject is and where it draws, a graphics state's
 * opacity and font, a property list's replacement text, a font's metrics.
 * Inline images met on the way are given a fresh XObject name and queued
 * for the cleaner.
 */
import { PDFArray, PDFName, type PDFContext, type PDFDict } from '@cantoo/pdf-lib';
import type { Operand } from './content-lexer.ts';
import { REPLACEMENT_KEYS, replacementEntry, type WalkHooks } from './content-walk.ts';
import { fontMetrics } from './font-metrics.ts';
import { IDENTITY, type Matrix } from '../../audit/geometry.ts';
import { rectOf } from './geometry.ts';
import { bytesOf, dictOf, nameOf, numberOf, numbersOf, pdfName, resolve } from './pdf-values.ts';
import { STATE_FONT, type FontMetrics } from './text-walk.ts';

const metricsCache = new WeakMap<PDFDict, FontMetrics>();

/**
 * `freshName` gives names never given before in the document: the glyphs
 * of a Type 3 font share one resource dictionary, so their inline images
 * must not share names.
 */
export function resourceHooks(
  src: PDFContext,
  resources: PDFDict | undefined,
  inline: { name: string; dict: Map<string, Operand>; data: Uint8Array }[],
  freshName: () => string,
): WalkHooks {
  const category = (name: string) => dictOf(src, resources?.get(PDFName.of(name)));
  const entry = (cat: string, name: string) => dictOf(src, category(cat)?.get(pdfName(name)));
  const metricsOf = (font: PDFDict | undefined) => {
    if (!font) return undefined;
    let m = metricsCache.get(font);
    if (!m) metricsCache.set(font, (m = fontMetrics(src, font)));
    return m;
  };
  return {
    xobject(name) {
      const dict = entry('XObject', name);
      const subtype = nameOf(src, dict?.get(PDFName.of('Subtype')));
      if (!dict) return undefined;
      if (subtype === 'Image') return { kind: 'image' };
      const bbox = rectOf(numbersOf(src, dict.get(PDFName.of('BBox'))));
      if (subtype !== 'Form' || !bbox) return { kind: 'other' };
      const matrix = numbersOf(src, dict.get(PDFName.of('Matrix')));
      return { kind: 'form', bbox, matrix: matrix?.length === 6 ? (matrix as Matrix) : IDENTITY };
    },
    extGState(name) {
      const dict = entry('ExtGState', name);
      if (!dict) return undefined;
      const fillAlpha = numberOf(src, dict.get(PDFName.of('ca')));
      const font = resolve(src, dict.get(PDFName.of('Font')));
      const fontSize = font instanceof PDFArray ? numberOf(src, font.get(1)) : undefined;
      return { fillAlpha, ...(font instanceof PDFArray ? { fontName: `${STATE_FONT}${name}`, fontSize } : {}) };
    },
    properties(name) {
      const dict = entry('Properties', name);
      if (!dict) return [];
      return REPLACEMENT_KEYS.flatMap((key) => {
        const bytes = bytesOf(src, dict.get(PDFName.of(key)));
        return bytes ? [replacementEntry(key, bytes)] : [];
      });
    },
    font(name) {
      if (name.startsWith(STATE_FONT)) {
        const pair = resolve(src, entry('ExtGState', name.slice(1))?.get(PDFName.of('Font')));
        return metricsOf(pair instanceof PDFArray ? dictOf(src, pair.get(0)) : undefined);
      }
      return metricsOf(entry('Font', name));
    },
    inlineImage(dict, data) {
      const taken = category('XObject');
      let name = freshName();
      while (taken?.get(pdfName(name)) !== undefined) name = freshName();
      inline.push({ name, dict, data });
      return name;
    },
  };
}
