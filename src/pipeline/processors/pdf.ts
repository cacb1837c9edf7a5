/**
 * PDF processor: text of every page with pdf.js, and every page rendered by
 * pdf.js into raw RGBA pixels that go straight to sharp for the WebP page
 * image and the thumbnail (no PNG round trip). One page at a time, released
 * after use, so memory does not grow with the page count.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { DocumentError } from '../errors.ts';
import { explainPdfError, openPdf } from './pdfjs.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** Tall, narrow pages (receipts, scrolls) are capped at this many widths high. */
const MAX_ASPECT = 8;

export const pdfProcessor: Processor = {
  type: 'pdf',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const data = new Uint8Array(await readFile(job.absPath));
    const { pdf, close } = await openPdf(data, job.options.maxInputPixels);
    try {
      const pageCount = pdf.numPages;
      if (pageCount < 1) throw new DocumentError('the PDF has no pages');
      await mkdir(path.join(job.outDir, 'pages'), { recursive: true });
      const pages: PageResult[] = [];
      let thumbnail = { widthPx: 0, heightPx: 0 };
      for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
        let page: PDFPageProxy | undefined;
        try {
          page = await pdf.getPage(pageNumber);
          const text = await extractText(page);
          const rendered = await renderPage(page, pdf.canvasFactory as CanvasFactory, job, pageNumber === 1);
          pages.push({ pageNumber, widthPx: rendered.widthPx, heightPx: rendered.heightPx, text });
          if (rendered.thumbnail) thumbnail = rendered.thumbnail;
        } catch (e) {
          const reason = explainPdfError(e);
          throw new DocumentError(`page ${pageNumber} of ${pageCount}: ${reason.message}`, (reason as DocumentError).hint);
        } finally {
          page?.cleanup();
        }
        progress(pageNumber, pageCount);
      }
      return { type: 'pdf', pageCount, pages, thumbnail };
    } finally {
      await close();
    }
  },
};

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(cc: CanvasAndContext): void;
}

async function renderPage(page: PDFPageProxy, factory: CanvasFactory, job: ProcessJob, withThumbnail: boolean) {
  const { pageWidthPx, thumbWidthPx, webpQuality } = job.options;
  const unit = page.getViewport({ scale: 1 });
  if (!(unit.width > 0 && unit.height > 0)) throw new DocumentError('the page has no size');
  const scale = Math.min(pageWidthPx / unit.width, (pageWidthPx * MAX_ASPECT) / unit.height);
  const viewport = page.getViewport({ scale });
  const widthPx = Math.max(1, Math.round(viewport.width));
  const heightPx = Math.max(1, Math.round(viewport.height));
  const cc = factory.create(widthPx, heightPx);
  try {
    await page.render({ canvas: cc.canvas as never, canvasContext: cc.context as never, viewport }).promise;
    const pixels = cc.context.getImageData(0, 0, widthPx, heightPx);
    const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
    // PDF pages are opaque: flatten drops the alpha channel (smaller WebP).
    const image = sharp(raw, { raw: { width: widthPx, height: heightPx, channels: 4 } }).flatten({ background: '#ffffff' });
    const pageFile = path.join(job.outDir, 'pages', `${page.pageNumber}.webp`);
    await image.clone().webp({ quality: webpQuality }).toFile(pageFile);
    let thumbnail: { widthPx: number; heightPx: number } | undefined;
    if (withThumbnail) {
      const info = await image
        .clone()
        .resize({ width: thumbWidthPx })
        .webp({ quality: webpQuality })
        .toFile(path.join(job.outDir, 'thumb.webp'));
      thumbnail = { widthPx: info.width, heightPx: info.height };
    }
    return { widthPx, heightPx, thumbnail };
  } finally {
    factory.destroy(cc);
  }
}

/** Page text in reading order as pdf.js gives it, with line breaks kept and control characters removed. */
async function extractText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  let text = '';
  for (const item of content.items) {
    if (!('str' in item)) continue;
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return cleanText(text);
}

export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
