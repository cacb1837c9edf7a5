/**
 * A scanned letter with known text and an SSN at a known place, as a PNG
 * and drawn on a PDF page, for the OCR tests.
 */
import { PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import sharp from 'sharp';

export const PHRASE = 'Memorandum for the contractor PNC';
export const SSN = '123-45-6789';
/** Where the SSN is printed: its left edge and baseline, in pixels; 40-pixel serif type. */
export const SSN_AT = { x: 220, baseline: 250 };

/** A 200-dpi-like scan of a short letter: black serif type on white, 1,700 × 700 pixels. */
export function letter(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1700" height="700"><rect width="100%" height="100%" fill="white"/>
  <text x="100" y="150" font-family="DejaVu Serif" font-size="40">${PHRASE}</text>
  <text x="100" y="${SSN_AT.baseline}" font-family="DejaVu Serif" font-size="40">SSN <tspan x="${SSN_AT.x}">${SSN}</tspan>, on file.</text>
  <text x="100" y="350" font-family="DejaVu Serif" font-size="40">Signed, the records officer.</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Where the SSN lies on the PDF page of scannedPdf, in points from the top-left corner. */
export const SSN_IN_POINTS = { x: 51 + SSN_AT.x * 0.3, baseline: 82 + SSN_AT.baseline * 0.3 };

/**
 * A US Letter page with the letter drawn 510 points wide (0.3 points a
 * pixel) at 51 points from the left and 82 from the top; `more` draws on
 * the page after it (a stamped header, a text layer).
 */
export async function scannedPdf(more?: (page: PDFPage, doc: PDFDocument) => Promise<void> | void): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const image = await doc.embedPng(await letter());
  const page = doc.addPage([612, 792]);
  page.drawImage(image, { x: 51, y: 792 - 82 - 210, width: 510, height: 210 });
  await more?.(page, doc);
  return Buffer.from(await doc.save());
}
