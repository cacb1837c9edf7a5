/**
 * Rendering a PDF page to raw RGBA pixels with pdf.js, as published (no
 * annotations, on white) or as a variant the audit compares it with: without
 * text, text only, or with annotations drawn.
 */
import { endianness } from 'node:os';
import { AnnotationMode, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import type { RgbaPixels } from '../audit/pixels.ts';

/** Tall, narrow pages (receipts, scrolls) are capped at this many widths high. */
const MAX_ASPECT = 8;
const LITTLE_ENDIAN = endianness() === 'LE';

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(cc: CanvasAndContext): void;
}

/** A rendered page; `opaque` when every pixel's alpha is 255 (then no flattening is needed). */
export type PagePixels = RgbaPixels & { opaque: boolean };

export type Variant =
  /** Everything but the text. */
  | 'no-text'
  /** Only the text, on a transparent canvas (alpha is where text paints). */
  | 'text-only'
  /** As published, with annotations' appearances drawn over it. */
  | 'annotated'
  /** Annotations drawn, text left out. */
  | 'annotated-no-text'
  /** Only the text of one operation (its index in the operator list), on a transparent canvas. */
  | { textOp: number };

const TEXT_OPS = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
/**
 * Everything that paints other than text, and clipping (its path is built by
 * the path operations dropped here): the text-only render shows where text
 * would paint if nothing covered or clipped it.
 */
const PAINT_OPS = new Set<number>([
  OPS.constructPath,
  OPS.clip,
  OPS.eoClip,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.shadingFill,
]);

type Filter = (index: number, list: { fnArray: number[] }) => boolean;
const withoutText: Filter = (i, list) => !TEXT_OPS.has(list.fnArray[i]!);
const onlyText: Filter = (i, list) => !PAINT_OPS.has(list.fnArray[i]!);
const onlyTextOf =
  (op: number): Filter =>
  (i, list) =>
    !PAINT_OPS.has(list.fnArray[i]!) && (i === op || !TEXT_OPS.has(list.fnArray[i]!));

/**
 * Whether the operator list paints nothing but text (paths that only clip
 * paint nothing): then the page without its text is blank paper, and need
 * not be rendered.
 */
export function paintsOnlyText(list: { fnArray: number[]; argsArray: unknown[] }): boolean {
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    if (fn === OPS.clip || fn === OPS.eoClip || !PAINT_OPS.has(fn)) continue;
    if (fn === OPS.constructPath && (list.argsArray[i] as unknown[] | null)?.[0] === OPS.endPath) continue;
    return false;
  }
  return true;
}

/**
 * Whether the page's text leaves no mark: its text-only render is clear
 * everywhere (a scan's invisible OCR layer), and no text clips what comes
 * after it (render modes 4–7). Then the page without its text is the page
 * itself, and need not be rendered.
 */
export function textLeavesNoMark(textOnly: RgbaPixels, list: { fnArray: number[]; argsArray: unknown[] }): boolean {
  for (let i = 0; i < list.fnArray.length; i++) {
    if (list.fnArray[i] === OPS.setTextRenderingMode && !(((list.argsArray[i] as number[] | null)?.[0] ?? 0) < 4)) return false;
  }
  return everyAlpha(textOnly.data, 0);
}

/** White paper the size of `like`: what pdf.js renders for a page with nothing on it. */
export function blankPage(like: RgbaPixels): PagePixels {
  return { data: new Uint8Array(like.width * like.height * 4).fill(255), width: like.width, height: like.height, scale: like.scale, opaque: true };
}

export function scaleFor(page: PDFPageProxy, pageWidthPx: number): number {
  const unit = page.getViewport({ scale: 1 });
  return Math.min(pageWidthPx / unit.width, (pageWidthPx * MAX_ASPECT) / unit.height);
}

export async function renderPixels(page: PDFPageProxy, pdf: PDFDocumentProxy, scale: number, variant?: Variant): Promise<PagePixels> {
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = pdf.canvasFactory as CanvasFactory;
  const cc = factory.create(width, height);
  const annotated = variant === 'annotated' || variant === 'annotated-no-text';
  const transparent = variant === 'text-only' || typeof variant === 'object';
  try {
    await page.render({
      canvas: cc.canvas as never,
      canvasContext: cc.context as never,
      viewport,
      annotationMode: annotated ? AnnotationMode.ENABLE : AnnotationMode.DISABLE,
      ...(transparent ? { background: 'rgba(0,0,0,0)', operationsFilter: typeof variant === 'object' ? onlyTextOf(variant.textOp) : onlyText } : {}),
      ...(variant === 'no-text' || variant === 'annotated-no-text' ? { operationsFilter: withoutText } : {}),
    } as Parameters<PDFPageProxy['render']>[0]).promise;
    // `data()` returns a fresh copy of the pixels, kept without copying again (the canvas is released
    // below, and redaction writes into it); far cheaper than getImageData (docs/scaling.md). Its pixels
    // are premultiplied, which is the same thing for opaque pixels; pdf.js paints pages on white, so
    // anything else falls back to getImageData.
    // The text-only variants are read premultiplied on purpose: only its alpha, and the colour of
    // fully opaque pixels, are used.
    const copy = (cc.canvas as unknown as { data(): Buffer }).data();
    const data = new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength);
    if (data.length === width * height * 4 && (transparent || everyAlpha(data, 255))) return { data, width, height, scale, opaque: !transparent };
    const image = cc.context.getImageData(0, 0, width, height);
    return { data: new Uint8Array(image.data), width, height, scale, opaque: false };
  } finally {
    factory.destroy(cc);
  }
}

/** Every alpha byte is `alpha`; on little-endian machines read four bytes at a time (alpha is the high byte). */
function everyAlpha(rgba: Uint8Array | Uint8ClampedArray, alpha: number): boolean {
  if (LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >>> 2);
    for (let i = 0; i < words.length; i++) if (words[i]! >>> 24 !== alpha) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== alpha) return false;
  return true;
}

interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
  lastChunk: boolean;
}

/**
 * The operator list pdf.js built to render the page (display intent, no
 * annotations), read from pdf.js's own per-intent state after rendering.
 * That state is internal to pdf.js (pinned in package.json, and its version
 * is part of every cache key); if it is not there, or not complete, the
 * caller asks pdf.js for the list the public way, so the audit never runs
 * on less than the whole page.
 */
export function renderedOperatorList(page: PDFPageProxy): OperatorListLike | undefined {
  try {
    const internals = page as unknown as {
      _transport: { getRenderingIntent(intent: string, annotationMode: number): { cacheKey: string } };
      _intentStates: Map<string, { operatorList?: OperatorListLike }>;
    };
    const { cacheKey } = internals._transport.getRenderingIntent('display', AnnotationMode.DISABLE);
    const list = internals._intentStates.get(cacheKey)?.operatorList;
    if (!list?.lastChunk || !Array.isArray(list.fnArray) || list.fnArray.length !== list.argsArray.length) return undefined;
    return list;
  } catch {
    return undefined;
  }
}

/**
 * The rendered pixels as a sharp image without an alpha channel. An opaque page just drops it; flattening
 * (on white, as pdf.js paints pages) is only for one that is not, since it is a full pass over the pixels.
 */
export function toSharp(pixels: PagePixels): ReturnType<typeof sharp> {
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  const image = sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
  return pixels.opaque ? image.removeAlpha() : image.flatten({ background: '#ffffff' });
}
