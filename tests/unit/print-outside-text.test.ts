/**
 * Which PDF pages with a text layer are read by OCR (readingFor in
 * processors/pdf-page-ocr.ts), judged on real pdf.js renders of generated
 * pages, without running OCR: print outside the layer's visible ink is
 * found; table rules, and text hidden under a picture, are not mistaken.
 */
import { PDFDocument, rgb, StandardFonts, type PDFPage } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { readingFor } from '../../src/pipeline/processors/pdf-page-ocr.ts';
import { openPdf } from '../../src/pipeline/processors/pdfjs.ts';
import { renderPixels, scaleFor } from '../../src/pipeline/processors/pdf-render.ts';
import { letter } from '../helpers/scanned-letter.ts';

const AUTO = { ocr: ['eng'] };

/** A US Letter page; `draw` draws on it (the letter image is at hand as `scan`). */
async function pageWith(draw: (page: PDFPage, tools: { doc: PDFDocument; scan: () => Promise<void> }) => Promise<void>) {
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.setFont(font);
  const scan = async () => page.drawImage(await doc.embedPng(await letter()), { x: 51, y: 792 - 82 - 210, width: 510, height: 210 });
  await draw(page, { doc, scan });
  const { pdf, close } = await openPdf(await doc.save(), 100_000_000);
  try {
    const p = await pdf.getPage(1);
    const scale = scaleFor(p, 1000);
    return { published: await renderPixels(p, pdf, scale), textOnly: await renderPixels(p, pdf, scale, 'text-only') };
  } finally {
    await close();
  }
}

describe('readingFor', () => {
  it('leaves a born-digital page with a ruled table alone', async () => {
    const renders = await pageWith(async (page) => {
      for (let row = 0; row < 12; row++) {
        page.drawLine({ start: { x: 50, y: 694 - row * 20 }, end: { x: 560, y: 694 - row * 20 }, thickness: 0.75 });
        for (let col = 0; col < 5; col++) page.drawText(`Item ${row}.${col}`, { x: 56 + col * 102, y: 700 - row * 20, size: 10 });
      }
      for (let col = 0; col <= 5; col++) page.drawLine({ start: { x: 50 + col * 102, y: 714 }, end: { x: 50 + col * 102, y: 454 }, thickness: 0.75 });
      page.drawRectangle({ x: 50, y: 100, width: 200, height: 80, color: rgb(0.2, 0.3, 0.6) });
    });
    expect(readingFor(AUTO, { layer: 'Item 0.0 Item 0.1', renders })).toEqual({ reading: 'none' });
  });

  it('reads the print of a scan under a stamped header, where the scan lies', async () => {
    const renders = await pageWith(async (page, { scan }) => {
      await scan();
      page.drawText('Case 1:17-cv-02218 Document 17 Filed 10/31/2017', { x: 60, y: 770, size: 9 });
    });
    const { reading, region } = readingFor(AUTO, { layer: 'Case 1:17-cv-02218 Document 17 Filed 10/31/2017', renders });
    expect(reading).toBe('pictures');
    // The letter's lines of print: from about 100 to 1,100 of its 1,700 pixels across, 115 to 360 down (0.3 points a pixel).
    expect(region!.x).toBeGreaterThan(51 + 80 * 0.3);
    expect(region!.x).toBeLessThan(51 + 120 * 0.3);
    expect(region!.y).toBeGreaterThan(82 + 100 * 0.3);
    expect(region!.y + region!.height).toBeLessThan(82 + 380 * 0.3);
  });

  it('reads the page again, to keep the better text, when its layer is invisible or hidden under the picture', async () => {
    const invisible = await pageWith(async (page, { scan }) => {
      await scan();
      page.drawText('Memorandum for the contractor', { x: 80, y: 680, size: 12, opacity: 0 });
    });
    expect(readingFor(AUTO, { layer: 'Memorandum for the contractor', renders: invisible }).reading).toBe('better');
    const under = await pageWith(async (page, { scan }) => {
      page.drawText('Nothing to see here', { x: 80, y: 660, size: 12 });
      await scan();
    });
    expect(readingFor(AUTO, { layer: 'Nothing to see here', renders: under }).reading).toBe('better');
  });

  it('reads a page whose layer is junk, and follows the sidecar and the OCR setting', () => {
    const junk = '3(05:0-- ,-,5+(5:9 0< 6;8: /(9 8,*,0<,+ 73(05:0-- :09 (50,3A9';
    expect(readingFor(AUTO, { layer: junk })).toEqual({ reading: 'better' });
    expect(readingFor({ ...AUTO, reOcr: 'always' }, { layer: 'Fine words' })).toEqual({ reading: 'whole' });
    expect(readingFor(AUTO, { layer: '' })).toEqual({ reading: 'whole' });
    expect(readingFor({ ocr: false }, { layer: '' })).toEqual({ reading: 'none' });
  });
});
