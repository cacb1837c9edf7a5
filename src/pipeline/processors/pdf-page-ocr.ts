/**
 * The text of a PDF page that has none (a scan: the page is a picture of
 * print), read by OCR. The page is rendered again at OCR_DPI (the page
 * image, about 120 dpi, is too coarse for small print), the page's burned
 * redaction boxes are burned into that render too, so nothing under a box
 * is read, and the words' boxes come back in page points, like every other
 * finding on a PDF page.
 */
import sharp from 'sharp';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box } from '../audit/types.ts';
import { timed } from '../documents/stage-clock.ts';
import { burn } from '../redact/apply.ts';
import { pictureText, type PictureText } from './ocr/page-text.ts';
import { DEFAULT_OCR_LANGUAGES } from '../../lib/ocr-languages.ts';
import { renderPixels } from './pdf-render.ts';
import type { ProcessJob } from './types.ts';

/**
 * Resolution scans are read at. Tesseract reads best with capital letters
 * 20 to 30 pixels tall (10-point type at 200 dpi); a scanned disclosure read
 * at 300 dpi took 2.3 times as long as at 200, with a lower confidence (61
 * against 73), since the scan itself was about 200 dpi.
 */
const OCR_DPI = 200;

/** OCR of a page without text: undefined when the document's OCR is off. `boxes` are the burned redactions, in points. */
export async function scannedText(
  page: PDFPageProxy,
  pdf: PDFDocumentProxy,
  job: ProcessJob,
  pointsWide: number,
  boxes: Box[],
): Promise<PictureText | undefined> {
  if (job.ocr === false) return undefined;
  const pixels = await timed('ocr', () => renderPixels(page, pdf, OCR_DPI / 72));
  burn(pixels, boxes);
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  const image = sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
  // Read in pixels of a picture as wide as the page is in points: the boxes come back in points.
  return pictureText(image, pointsWide, page.pageNumber, job.ocr ?? [...DEFAULT_OCR_LANGUAGES], job.audit);
}
