/**
 * A page that paints nothing but text, in the plainest way, looks exactly
 * like its text-only render (../audit/visibility.ts needs that render
 * anyway) laid over white paper: drawing with normal compositing is the same
 * whether the paper is there from the start or put under afterwards. For
 * such a page the published image is made from the text-only render instead
 * of drawing the page a second time.
 *
 * Anything that could make the two differ sends the page to a render of its
 * own: painted paths, images, shadings, clipping (the text-only render leaves
 * clips out), blend modes, soft masks, transfer functions, patterns, groups,
 * and Type 3 fonts (their glyphs are drawings, with states of their own). The
 * test is on the operator list pdf.js drew, never on what the file claims.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PagePixels } from './pdf-render.ts';

/** Operators that change only how text is placed or coloured, or paint text: the same on any paper. */
const PLAIN = new Set<number>([
  OPS.dependency,
  OPS.setLineWidth,
  OPS.setLineCap,
  OPS.setLineJoin,
  OPS.setMiterLimit,
  OPS.setDash,
  OPS.setRenderingIntent,
  OPS.setFlatness,
  OPS.save,
  OPS.restore,
  OPS.transform,
  OPS.beginText,
  OPS.endText,
  OPS.setCharSpacing,
  OPS.setWordSpacing,
  OPS.setHScale,
  OPS.setLeading,
  OPS.setTextRenderingMode,
  OPS.setTextRise,
  OPS.moveText,
  OPS.setLeadingMoveText,
  OPS.setTextMatrix,
  OPS.nextLine,
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.setStrokeColorSpace,
  OPS.setFillColorSpace,
  OPS.setStrokeColor,
  OPS.setFillColor,
  OPS.setStrokeGray,
  OPS.setFillGray,
  OPS.setStrokeRGBColor,
  OPS.setFillRGBColor,
  OPS.setStrokeCMYKColor,
  OPS.setFillCMYKColor,
  OPS.setStrokeTransparent,
  OPS.setFillTransparent,
  OPS.markPoint,
  OPS.markPointProps,
  OPS.beginMarkedContent,
  OPS.beginMarkedContentProps,
  OPS.endMarkedContent,
  OPS.beginCompat,
  OPS.endCompat,
  // A form clips to its box in both renders alike (pdf.js clips there itself, not through a clip operator).
  OPS.paintFormXObjectBegin,
  OPS.paintFormXObjectEnd,
]);

/** Graphics-state entries that change nothing in how paint is laid down; others need a render. */
const PLAIN_STATE = new Set(['LW', 'LC', 'LJ', 'ML', 'D', 'RI', 'FL', 'CA', 'ca']);

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/**
 * Whether the page drawn on white is its text-only render over white (see
 * the top of this file). `isType3` says whether a font (by pdf.js's name for
 * it) is a Type 3 font; it must answer true for a font it does not know.
 */
export function isTextOnWhite(list: OperatorList, isType3: (font: string) => boolean): boolean {
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.setFont) {
      if (typeof args?.[0] !== 'string' || isType3(args[0])) return false;
    } else if (fn === OPS.setGState) {
      if (!plainState(args?.[0], isType3)) return false;
    } else if (fn === OPS.constructPath) {
      // A path that ends without painting or clipping draws nothing.
      if (args?.[0] !== OPS.endPath) return false;
    } else if (!PLAIN.has(fn)) return false;
  }
  return true;
}

function plainState(entries: unknown, isType3: (font: string) => boolean): boolean {
  if (!Array.isArray(entries)) return false;
  for (const entry of entries) {
    if (!Array.isArray(entry)) return false;
    const [key, value] = entry as [unknown, unknown];
    if (typeof key === 'string' && PLAIN_STATE.has(key)) continue;
    if (key === 'BM' && value === 'source-over') continue;
    if (key === 'SMask' && value === false) continue;
    if (key === 'TR' && value === null) continue;
    if (key === 'Font' && Array.isArray(value) && typeof value[0] === 'string' && !isType3(value[0])) continue;
    return false;
  }
  return true;
}

/**
 * The text-only render (premultiplied RGBA on a transparent canvas) laid
 * over white: each colour channel plus the white that shows through. A new
 * buffer: the text-only render stays as it is for the audit.
 */
export function overWhite(textOnly: PagePixels): PagePixels {
  const src = textOnly.data;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i += 4) {
    const through = 255 - src[i + 3]!;
    out[i] = Math.min(255, src[i]! + through);
    out[i + 1] = Math.min(255, src[i + 1]! + through);
    out[i + 2] = Math.min(255, src[i + 2]! + through);
    out[i + 3] = 255;
  }
  return { data: out, width: textOnly.width, height: textOnly.height, scale: textOnly.scale, opaque: true };
}
