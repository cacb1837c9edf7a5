/**
 * A page of the download made from its image, for a page whose structure
 * the cleaner could not rewrite safely (processors/sanitize/object-cleaner.ts): the
 * page rendered as published, with its text as an invisible layer. Text
 * that lies outside the visible page is left out of that layer: nobody
 * can see it there.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { glyphsOf, type Matrix, type TextItemLike } from '../audit/geometry.ts';
import { relativeWidth } from '../audit/glyph-widths.ts';
import type { RasterPage } from './sanitize/clean-pdf.ts';
import { renderPixels, scaleFor, toSharp } from './pdf-render.ts';
import type { ProcessJob } from './types.ts';

/** Downloads made from images are rendered at this resolution at least, so small print stays legible… */
const MIN_DPI = 150;
/** …unless that takes more pixels than this (a poster-sized page would need a canvas of gigabytes). */
const MAX_PIXELS = 40_000_000;

export async function rasterForDownload(pdf: PDFDocumentProxy, job: ProcessJob, pageNumber: number): Promise<RasterPage> {
  const page = await pdf.getPage(pageNumber);
  try {
    const unit = page.getViewport({ scale: 1 });
    const space = { width: unit.width, height: unit.height, transform: unit.transform as Matrix };
    const legible = Math.min(MIN_DPI / 72, Math.sqrt(MAX_PIXELS / (unit.width * unit.height)));
    const scale = Math.max(scaleFor(page, job.options.pageWidthPx), legible);
    const pixels = await renderPixels(page, pdf, scale);
    const jpegFile = path.join(job.outDir, 'raster', `download-${pageNumber}.jpg`);
    await mkdir(path.dirname(jpegFile), { recursive: true });
    await toSharp(pixels).jpeg({ quality: 85 }).toFile(jpegFile);
    const content = await page.getTextContent();
    const items = content.items.filter((i): i is typeof i & TextItemLike => 'str' in i);
    const glyphs = glyphsOf(items, space, relativeWidth).filter(
      (g) => g.box.x + g.box.width > 0 && g.box.y + g.box.height > 0 && g.box.x < space.width && g.box.y < space.height,
    );
    return { width: space.width, height: space.height, jpegFile, glyphs };
  } finally {
    page.cleanup();
  }
}
