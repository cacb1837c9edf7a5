/**
 * What a reader of a PDF page can see of its text: renders the variants the
 * audit compares (see ../audit/visibility.ts) and finds the hidden words,
 * both on the page as published and on the page as a PDF viewer shows it
 * with its annotations (a box annotation over text hides it in a viewer,
 * while Trove, which drops annotations, would publish the text in plain
 * sight).
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { FontLookup } from '../audit/drawn-glyphs.ts';
import type { FilledShape, OperatorListLike } from '../audit/filled-shapes.ts';
import type { Glyph, Matrix, PageSpace } from '../audit/geometry.ts';
import type { AnnotationLike } from '../audit/types.ts';
import { hiddenWords, type HiddenWord } from '../audit/visibility.ts';
import { timed } from '../documents/stage-clock.ts';
import { blankPage, paintsOnlyText, renderPixels, textLeavesNoMark, type PagePixels } from './pdf-render.ts';

/** Glyphs are judged on renders where a typical character is at least this many pixels tall. */
const MIN_GLYPH_PX = 8;
/** Renders made for judging stay under this many pixels. */
const MAX_AUDIT_PIXELS = 24_000_000;

/** Annotations that draw nothing over the page: links and the pop-ups of comments. */
const NOT_DRAWN = new Set(['Link', 'Popup']);

export interface PageVisibility {
  hidden: HiddenWord[];
  hiddenByAnnotations: HiddenWord[];
}

export async function pageVisibility(
  page: PDFPageProxy,
  pdf: PDFDocumentProxy,
  renders: { published: PagePixels; textOnly: PagePixels },
  drawn: Glyph[],
  ops: OperatorListLike,
  space: PageSpace,
  shapes: FilledShape[],
  annotations: AnnotationLike[],
): Promise<PageVisibility> {
  if (!drawn.some((g) => /[\p{L}\p{N}]/u.test(g.char))) return { hidden: [], hiddenByAnnotations: [] };
  // Small print on a big page (a drawing, a poster) is a few pixels tall on the published image: judge it on a finer render.
  const pixels = renders.published;
  const scale = auditScale(drawn, pixels, space);
  const published = scale === pixels.scale ? pixels : await timed('audit', () => renderPixels(page, pdf, scale));
  const textOnly = scale === pixels.scale ? renders.textOnly : await timed('audit', () => renderPixels(page, pdf, scale, 'text-only'));
  const unmarked = textLeavesNoMark(textOnly, ops);
  const noText = paintsOnlyText(ops) ? blankPage(published) : unmarked ? published : await timed('audit', () => renderPixels(page, pdf, scale, 'no-text'));
  const renderTextOp = (op: number) => timed('audit', () => renderPixels(page, pdf, scale, { textOp: op }));
  const hidden = await hiddenWords(drawn, { page: published, noText, textOnly }, space, shapes, renderTextOp);
  let hiddenByAnnotations: HiddenWord[] = [];
  if (annotations.some((a) => !NOT_DRAWN.has(a.subtype ?? ''))) {
    const annotated = await timed('audit', () => renderPixels(page, pdf, scale, 'annotated'));
    const annotatedNoText = unmarked ? annotated : await timed('audit', () => renderPixels(page, pdf, scale, 'annotated-no-text'));
    const already = new Set(hidden.map((w) => w.glyphs[0]));
    hiddenByAnnotations = (await hiddenWords(drawn, { page: annotated, noText: annotatedNoText, textOnly }, space, shapes, renderTextOp)).filter(
      (w) => !already.has(w.glyphs[0]),
    );
  }
  return { hidden, hiddenByAnnotations };
}

function auditScale(drawn: Glyph[], pixels: PagePixels, space: PageSpace): number {
  const sizes = drawn.map((g) => g.size).sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  if (!(median > 0) || median * pixels.scale >= MIN_GLYPH_PX) return pixels.scale;
  const most = Math.sqrt(MAX_AUDIT_PIXELS / (space.width * space.height));
  return Math.max(pixels.scale, Math.min(MIN_GLYPH_PX / median, most));
}

/** What the audit and the renderer need to know of the page's fonts, by pdf.js's names for them. `type3` is true for a font it cannot find. */
export function fontsOf(page: PDFPageProxy): FontLookup & { type3(name: string): boolean } {
  const get = (name: string) => {
    try {
      return page.commonObjs.get(name) as { fontMatrix?: Matrix; vertical?: boolean; isType3Font?: boolean; bbox?: number[] } | undefined;
    } catch {
      return undefined;
    }
  };
  return {
    fontMatrix: (name) => {
      const m = get(name)?.fontMatrix;
      return m && m.length === 6 ? ([...m] as Matrix) : undefined;
    },
    vertical: (name) => !!get(name)?.vertical,
    type3: (name) => {
      const font = get(name);
      return !font || !!font.isType3Font;
    },
    type3Bounds: (name) => {
      const font = get(name);
      const b = font?.bbox;
      if (!font?.isType3Font || !b || b.length !== 4 || !(b[3]! > b[1]!)) return undefined;
      return [b[0]!, b[1]!, b[2]!, b[3]!];
    },
  };
}
