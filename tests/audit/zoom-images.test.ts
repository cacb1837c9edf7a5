/**
 * Zoom images of PDF pages (pdf-zoom.ts), through the real PDF processor
 * (pdf.js, sharp, tesseract): made for small print and sharp scans only,
 * sized within their limits, and never showing what a redaction covers,
 * whether the box was declared or found by `redactText` in what OCR read.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { scannedPdf, SSN_IN_POINTS } from '../helpers/scanned-letter.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('zoom-images');
});

async function processed(name: string, bytes: Uint8Array, redaction?: RedactionRequest, ocr?: false) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const outDir = path.join(dir, name);
  const result = await pdfProcessor.process(
    { type: 'pdf', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, redaction, ...(ocr === false ? { ocr } : {}) },
    () => {},
  );
  return { result, page: result.pages[0]!, zoom: path.join(outDir, 'pages', '1-full.webp') };
}

/** A page of `lines` lines of type `size` points high; `size` small enough makes small print. */
async function typedPage(size: number, lines = 8, pageSize: [number, number] = [612, 792]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage(pageSize);
  for (let i = 0; i < lines; i++)
    page.drawText(`Line ${i + 1}: the account of Jane Roe was closed on 4 May`, { x: 40, y: pageSize[1] - 60 - i * size * 1.5, size, font });
  return doc.save();
}

/** A page with one grey picture of `widthPx` pixels drawn across the whole page. */
async function pictureOf(widthPx: number): Promise<Uint8Array> {
  const heightPx = Math.round((widthPx * 792) / 612);
  const png = await sharp({ create: { width: widthPx, height: heightPx, channels: 3, background: '#999999' } })
    .png()
    .toBuffer();
  const doc = await PDFDocument.create();
  const page = doc.addPage([612, 792]);
  page.drawImage(await doc.embedPng(png), { x: 0, y: 0, width: 612, height: 792 });
  return doc.save();
}

/** The share of pixels in `box` (points) of a zoom image `scale` pixels a point that are black. */
async function blackShare(file: string, scale: number, box: { x: number; y: number; width: number; height: number }): Promise<number> {
  const region = {
    left: Math.ceil(box.x * scale),
    top: Math.ceil(box.y * scale),
    width: Math.floor(box.width * scale) - 1,
    height: Math.floor(box.height * scale) - 1,
  };
  const { data, info } = await sharp(file).extract(region).greyscale().raw().toBuffer({ resolveWithObject: true });
  let black = 0;
  for (const v of data) if (v < 24) black++;
  return black / (info.width * info.height);
}

describe('which pages get a zoom image', () => {
  it('a page of ordinary type gets none: the page image shows all there is', async () => {
    const { page, zoom } = await processed('ordinary', await typedPage(11));
    expect(page.fullImage).toBeUndefined();
    expect(existsSync(zoom)).toBe(false);
  });

  it('small print gets one twice as sharp as the page image', async () => {
    const { page, zoom } = await processed('small-print', await typedPage(5));
    expect(page.widthPx).toBe(DEFAULT_RENDER_OPTIONS.pageWidthPx);
    expect(page.fullImage).toEqual({ widthPx: 2 * page.widthPx, heightPx: expect.any(Number) });
    const meta = await sharp(zoom).metadata();
    expect([meta.width, meta.height]).toEqual([page.fullImage!.widthPx, page.fullImage!.heightPx]);
    expect(meta.hasAlpha).toBe(false);
  });

  it('a scan sharper than the page image gets one as sharp as the scan, up to twice the page image', async () => {
    const sharp150 = await processed('scan-150dpi', await pictureOf(1275), undefined, false);
    expect(sharp150.page.fullImage?.widthPx).toBe(1275);
    const sharp300 = await processed('scan-300dpi', await pictureOf(2550), undefined, false);
    expect(sharp300.page.fullImage?.widthPx).toBe(2 * sharp300.page.widthPx);
    const coarse = await processed('scan-90dpi', await pictureOf(765), undefined, false);
    expect(coarse.page.fullImage).toBeUndefined();
  });

  it('a tall page with small print stays within the zoom image pixel limit', async () => {
    // Eight widths high: its page image is 1,000 × 8,000 pixels, so twice as sharp would be 32 million.
    const { page } = await processed('tall-receipt', await typedPage(4, 40, [612, 8 * 612]));
    expect(page.fullImage).toBeDefined();
    const { widthPx, heightPx } = page.fullImage!;
    expect(widthPx * heightPx).toBeLessThanOrEqual(16_000_000 * 1.001);
    expect(widthPx).toBeGreaterThan(page.widthPx * 1.25);
    expect(widthPx).toBeLessThan(page.widthPx * 2);
  });
});

describe('redactions are burned into the zoom image', () => {
  it('a declared box over small print is black in the zoom image, and the words under it are gone from the text', async () => {
    // Line 1 at 5 points, its baseline 60 points from the top: the box spans the whole line.
    const box = { x: 30, y: 60 - 5, width: 300, height: 7 };
    const { page, zoom } = await processed('small-print-redacted', await typedPage(5), { boxes: [{ page: 1, box, reason: 'b6' }] });
    expect(page.fullImage).toBeDefined();
    expect(page.text).not.toMatch(/Line 1: the account of Jane Roe/);
    const scale = page.fullImage!.widthPx / 612;
    expect(await blackShare(zoom, scale, box)).toBe(1);
    // The line below is not covered: the image is not simply black.
    expect(await blackShare(zoom, scale, { ...box, y: box.y + 8 })).toBeLessThan(0.5);
  });

  it('a number redactText found by OCR in a scan is black in the zoom image too', async () => {
    const { page, zoom } = await processed('scan-redact-text', await scannedPdf(), { boxes: [], texts: [{ rule: 'pii-ssn', reason: 'b6' }] });
    expect(page.ocr).toBeDefined();
    expect(page.text).not.toContain('123-45-6789');
    expect(page.redactions).toEqual(['b6']);
    expect(page.fullImage?.widthPx).toBe(2 * page.widthPx);
    // The SSN is 40-pixel type in a 0.3 point a pixel scan: about 12 points high above its baseline, 100 points wide.
    const scale = page.fullImage!.widthPx / 612;
    const ssn = { x: SSN_IN_POINTS.x + 4, y: SSN_IN_POINTS.baseline - 8, width: 60, height: 8 };
    expect(await blackShare(zoom, scale, ssn)).toBe(1);
  });
});
