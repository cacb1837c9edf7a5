/**
 * The zoom image of a PDF page (`pages/<n>-full.webp`): the page rendered
 * sharper than its page image, with the same redactions burned in, for the
 * pages where enlarging shows more. Those are pages with small print, and
 * pages whose pictures (scans, photographs) hold more pixels than the page
 * image gives them. A page of ordinary type gets none: the page image
 * already shows all it has, and the download (or the browser's PDF viewer
 * at `download.pdf#page=N`) enlarges vector pages without limit.
 *
 * The zoom image is rendered from the page as published, never taken from
 * another render (the OCR render, for one, is made before every redaction
 * is known), and the page's burned boxes are burned into it at its own
 * scale, so it shows nothing the page image hides.
 */
import path from 'node:path';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { FilledShape } from '../audit/filled-shapes.ts';
import type { Glyph, PageSpace } from '../audit/geometry.ts';
import type { Box } from '../audit/types.ts';
import { burn } from '../redact/apply.ts';
import { renderPixels, toSharp } from './pdf-render.ts';

/** The zoom image is at most this many times sharper than the page image… */
export const MAX_ZOOM = 2;
/** …and at least this much (less shows nothing the page image does not). */
export const MIN_ZOOM = 1.25;
/** Type whose size is under this many pixels in the page image is small print (6.7 points on a letter page 1,000 pixels wide). */
export const SMALL_PRINT_PX = 11;
/** A page has small print when at least this many of its characters are (a line of a footnote, not a stray mark). */
export const SMALL_PRINT_GLYPHS = 20;
/** A picture counts when it covers at least this share of the page (a scan, a photograph; not a logo). */
const PICTURE_SHARE = 0.1;
/** Zoom images hold at most this many pixels (a poster-sized page, a tall receipt)… */
const MAX_PIXELS = 16_000_000;
/** …and at most this many a side (WebP's limit is 16,383). */
const MAX_SIDE = 16_000;

/**
 * How many times sharper than the page image (rendered at `scale` pixels a
 * point) the page's zoom image is, or undefined when the page needs none.
 */
export function zoomFactor(scale: number, space: PageSpace, glyphs: readonly Glyph[], shapes: readonly FilledShape[]): number | undefined {
  let factor = 0;
  const small = glyphs.filter((g) => g.char.trim() !== '' && g.size * scale < SMALL_PRINT_PX).length;
  if (small >= SMALL_PRINT_GLYPHS) factor = MAX_ZOOM;
  const pageArea = space.width * space.height;
  for (const s of shapes) {
    if (s.kind !== 'image' || !s.sourcePx) continue;
    const { width, height } = visiblePart(s.box, space);
    if (!(width * height >= PICTURE_SHARE * pageArea)) continue;
    // Pixels of the picture per pixel of the page image, along its shorter ratio (a stretched picture gains only that much).
    const sharper = Math.min(s.sourcePx.width / (s.box.width * scale), s.sourcePx.height / (s.box.height * scale));
    if (Number.isFinite(sharper)) factor = Math.max(factor, Math.min(MAX_ZOOM, sharper));
  }
  if (!(factor >= MIN_ZOOM)) return undefined;
  const side = Math.max(space.width, space.height) * scale;
  return Math.min(factor, Math.sqrt(MAX_PIXELS / (space.width * space.height * scale * scale)), MAX_SIDE / side);
}

function visiblePart(box: Box, space: PageSpace): { width: number; height: number } {
  const width = Math.min(space.width, box.x + box.width) - Math.max(0, box.x);
  const height = Math.min(space.height, box.y + box.height) - Math.max(0, box.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** Renders the page at `scale`, burns `burned` (points) into it and writes `pages/<n>-full.webp`; returns its size. */
export async function writeZoomImage(
  page: PDFPageProxy,
  pdf: PDFDocumentProxy,
  scale: number,
  burned: Box[],
  outDir: string,
  webpQuality: number,
): Promise<{ widthPx: number; heightPx: number }> {
  const pixels = await renderPixels(page, pdf, scale);
  burn(pixels, burned);
  // The fastest WebP encoding: it is fetched only when a reader asks for it, and its cost is every build's.
  const info = await toSharp(pixels)
    .webp({ quality: webpQuality, effort: 0 })
    .toFile(path.join(outDir, 'pages', `${page.pageNumber}-full.webp`));
  return { widthPx: info.width, heightPx: info.height };
}
