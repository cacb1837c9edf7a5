/**
 * Pictures of text (a scanned letter as a PNG, a page of a TIFF) are read
 * by OCR through the real image processor (sharp, tesseract.js with its
 * npm language data): the page text is what a reader sees printed, the
 * personal-information rules run on it with each finding's box, and text
 * under a declared redaction box is gone before it is read. A page with
 * nothing legible (blank paper, noise) has no text and no error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { degrees, PDFDocument } from '@cantoo/pdf-lib';
import { Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentError } from '../../src/pipeline/errors.ts';
import { closeOcr, recognize } from '../../src/pipeline/processors/ocr/engine.ts';
import { mayHoldText, pictureText } from '../../src/pipeline/processors/ocr/page-text.ts';
import { imageProcessor } from '../../src/pipeline/processors/image.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { openPdf } from '../../src/pipeline/processors/pdfjs.ts';
import { renderPixels } from '../../src/pipeline/processors/pdf-render.ts';
import { DEFAULT_RENDER_OPTIONS, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { readPdf } from '../helpers/pdf.ts';
import { letter, PHRASE, scannedPdf, SSN, SSN_AT, SSN_IN_POINTS as ssnInPoints } from '../helpers/scanned-letter.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('picture-text');
});
afterAll(() => closeOcr());

async function processed(name: string, bytes: Buffer, redaction?: RedactionRequest) {
  const file = path.join(dir, `${name}.png`);
  await writeFile(file, bytes);
  return imageProcessor.process({ type: 'image', absPath: file, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
}

describe('a scanned letter', () => {
  it('has the printed words as its page text, marked as read by OCR with its confidence', async () => {
    const result = await processed('letter', await letter());
    const [page] = result.pages;
    expect(page!.text).toContain(PHRASE);
    expect(page!.text).toContain('records officer');
    expect(page!.ocr!.confidence).toBeGreaterThan(80);
  });

  it('reports the SSN printed on it, with a box around where it is printed', async () => {
    const result = await processed('letter-ssn', await letter());
    const ssn = result.findings.filter((f) => f.rule === 'pii-ssn');
    expect(ssn).toHaveLength(1);
    expect(ssn[0]!.page).toBe(1);
    const box = ssn[0]!.box!;
    // The digits are about 250 pixels wide and 30 high, above the baseline.
    expect(box.x).toBeGreaterThanOrEqual(SSN_AT.x - 10);
    expect(box.x).toBeLessThanOrEqual(SSN_AT.x + 10);
    expect(box.y + box.height).toBeGreaterThanOrEqual(SSN_AT.baseline - 5);
    expect(box.y).toBeGreaterThanOrEqual(SSN_AT.baseline - 45);
    expect(box.width).toBeGreaterThan(200);
  });

  it('loses the text under a declared redaction box before it is read', async () => {
    const box = { x: SSN_AT.x - 10, y: SSN_AT.baseline - 45, width: 300, height: 60 };
    const result = await processed('letter-redacted', await letter(), { boxes: [{ page: 1, box, reason: 'b6' }] });
    expect(result.pages[0]!.text).toContain(PHRASE);
    expect(result.pages[0]!.text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(result.pages[0]!.redactions).toEqual(['b6']);
    expect(result.findings.filter((f) => f.rule === 'pii-ssn')).toEqual([]);
    // The published page image is black where the SSN was (page images are at most 1,000 pixels wide: 0.588 of the letter).
    const { data, info } = await sharp(path.join(dir, 'letter-redacted', 'pages/1.webp'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(Math.round(y * 0.588) * info.width + Math.round(x * 0.588)) * info.channels]!;
    expect([at(SSN_AT.x + 20, SSN_AT.baseline - 15), at(SSN_AT.x + 200, SSN_AT.baseline - 10)].every((v) => v < 40)).toBe(true);
  });
});

describe('a fax as a multi-page TIFF', () => {
  it('has each page read on its own: the letter on page 2, its SSN found on page 2, a blank cover page without text', async () => {
    const cover = await sharp({ create: { width: 1700, height: 700, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const file = path.join(dir, 'fax.tif');
    await sharp([cover, await letter()], { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .toFile(file);
    const result = await imageProcessor.process({ type: 'image', absPath: file, outDir: path.join(dir, 'fax'), options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pages.map((p) => p.text === '')).toEqual([true, false]);
    expect(result.pages[1]!.text).toContain(PHRASE);
    expect(result.findings.filter((f) => f.rule === 'pii-ssn').map((f) => f.page)).toEqual([2]);
  });
});

describe('a letter scanned small (425 pixels wide: capitals about 7 pixels tall)', () => {
  it('is enlarged for reading, so its print reads exactly, and its boxes are in its own pixels', async () => {
    const small = await sharp(await letter())
      .resize({ width: 425 })
      .png()
      .toBuffer();
    const result = await processed('letter-small', small);
    // Read as it is, the SSN's dashes were lost ("123456789").
    expect(result.pages[0]!.text).toContain(`SSN ${SSN}, on file.`);
    const [ssn] = result.findings.filter((f) => f.rule === 'pii-ssn');
    expect(Math.abs(ssn!.box!.x - SSN_AT.x * 0.25)).toBeLessThan(3);
    expect(Math.abs(ssn!.box!.y + ssn!.box!.height - SSN_AT.baseline * 0.25)).toBeLessThan(3);
  });
});

describe('a PDF page that is a scan (no text layer)', () => {
  async function processedPdf(name: string, redaction?: RedactionRequest) {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, await scannedPdf());
    return pdfProcessor.process({ type: 'pdf', absPath: file, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
  }

  it('is read, and its SSN is found with a box in points around where it is printed', async () => {
    const result = await processedPdf('scan-pdf');
    expect(result.pages[0]!.text).toContain(PHRASE);
    expect(result.pages[0]!.ocr!.confidence).toBeGreaterThan(80);
    const [ssn, ...more] = result.findings.filter((f) => f.rule === 'pii-ssn');
    expect(more).toEqual([]);
    expect(ssn!.page).toBe(1);
    expect(Math.abs(ssn!.box!.x - ssnInPoints.x)).toBeLessThan(4);
    expect(ssn!.box!.y).toBeGreaterThan(ssnInPoints.baseline - 14);
    expect(ssn!.box!.y + ssn!.box!.height).toBeGreaterThan(ssnInPoints.baseline - 2);
    expect(ssn!.box!.y + ssn!.box!.height).toBeLessThan(ssnInPoints.baseline + 6);
  });

  it('loses the text under a declared redaction box, in points, before it is read', async () => {
    const box = { x: ssnInPoints.x - 3, y: ssnInPoints.baseline - 14, width: 90, height: 18 };
    const result = await processedPdf('scan-pdf-redacted', { boxes: [{ page: 1, box, reason: 'b6' }] });
    expect(result.pages[0]!.text).toContain(PHRASE);
    expect(result.pages[0]!.text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(result.findings.filter((f) => f.rule === 'pii-ssn')).toEqual([]);
    // The download is the page as published (the box burned in) with the words read as its text layer.
    const download = (await readPdf(path.join(dir, 'scan-pdf-redacted', 'download.pdf'))).pages[0]!;
    expect(download).toContain('Memorandum');
    expect(download).not.toMatch(/6789/);
  });

  it('has the words read as an invisible text layer of its download, each where it is printed', async () => {
    await processedPdf('scan-pdf-layer');
    const { pdf, close } = await openPdf(new Uint8Array(await readFile(path.join(dir, 'scan-pdf-layer', 'download.pdf'))), 100_000_000);
    try {
      const page = await pdf.getPage(1);
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as { str: string; transform: number[] }[];
      expect(items.map((i) => i.str).join(' ')).toContain(PHRASE);
      const ssn = items.find((i) => i.str.startsWith(SSN))!;
      expect(Math.abs(ssn.transform[4]! - ssnInPoints.x)).toBeLessThan(4);
      expect(Math.abs(792 - ssn.transform[5]! - ssnInPoints.baseline)).toBeLessThan(6);
      // Invisible: the page drawn without its text looks the same as with it.
      const [withText, withoutText] = [await renderPixels(page, pdf, 1), await renderPixels(page, pdf, 1, 'no-text')];
      expect(Buffer.compare(Buffer.from(withText.data), Buffer.from(withoutText.data))).toBe(0);
    } finally {
      await close();
    }
  });
});

describe('a scan on a page turned by /Rotate', () => {
  /** A landscape page turned 90° clockwise for display, its letter drawn turned back: a reader sees it upright, where the plain scan has it. */
  async function turnedPdf(): Promise<Buffer> {
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(await letter());
    const page = doc.addPage([792, 612]);
    page.setRotation(degrees(90));
    // Displayed x is the page's y, displayed y its x: the letter's displayed bottom-left corner (51, 292) is (292, 51).
    page.drawImage(image, { x: 82 + 210, y: 51, width: 510, height: 210, rotate: degrees(90) });
    return Buffer.from(await doc.save());
  }

  it('has the words read as a text layer that runs along the print, each where it is printed', async () => {
    const file = path.join(dir, 'turned.pdf');
    await writeFile(file, await turnedPdf());
    const result = await pdfProcessor.process({ type: 'pdf', absPath: file, outDir: path.join(dir, 'turned'), options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pages[0]!.text).toContain(PHRASE);
    const { pdf, close } = await openPdf(new Uint8Array(await readFile(path.join(dir, 'turned', 'download.pdf'))), 100_000_000);
    try {
      const page = await pdf.getPage(1);
      const viewport = page.getViewport({ scale: 1 });
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && i.str.trim() !== '') as { str: string; transform: number[] }[];
      expect(items.map((i) => i.str).join(' ')).toContain(PHRASE);
      // Where the SSN's word starts, as displayed, and which way it runs.
      const [a, b, , , x, y] = Util.transform(viewport.transform, items.find((i) => i.str.startsWith(SSN))!.transform);
      expect(Math.abs(x - ssnInPoints.x)).toBeLessThan(4);
      expect(Math.abs(y - ssnInPoints.baseline)).toBeLessThan(6);
      expect(a).toBeGreaterThan(0);
      expect(Math.abs(b)).toBeLessThan(0.01);
    } finally {
      await close();
    }
  });
});

describe('a picture with nothing legible', () => {
  it('has no text when blank, and no error', async () => {
    const blank = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const result = await processed('blank', blank);
    expect(result.pages[0]!.text).toBe('');
  });

  it('has no text when it is noise, whatever the engine guessed', async () => {
    // A fixed pattern of grey levels (a linear congruential generator), the same on every run.
    let seed = 7;
    const pixels = Buffer.alloc(400 * 300 * 3, 0).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256);
    const noise = await sharp(pixels, { raw: { width: 400, height: 300, channels: 3 } })
      .png()
      .toBuffer();
    const result = await processed('noise', noise);
    expect(result.pages[0]!.text).toBe('');
    expect(result.pages[0]!.ocr!.confidence).toBeLessThan(40);
  });
});

describe('which pictures are read', () => {
  const grey = async (image: Sharp) => {
    const { data, info } = await image.greyscale().raw().toBuffer({ resolveWithObject: true });
    return mayHoldText(data, info.width, info.height);
  };
  const svg = (body: string, width = 600, height = 200) =>
    sharp(
      Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`),
    );

  it('skips blank paper, flat colours and a few large shapes', async () => {
    expect(await grey(svg(''))).toBe(false);
    expect(await grey(sharp({ create: { width: 400, height: 300, channels: 3, background: '#4060a0' } }))).toBe(false);
    expect(await grey(svg('<rect width="300" height="200" fill="#d00000"/><circle cx="450" cy="100" r="60" fill="#333"/>'))).toBe(false);
  });

  it('reads any line of print, however small or faint', async () => {
    expect(await grey(svg('<text x="10" y="100" font-family="DejaVu Sans" font-size="7">fine print: 123-45-6789</text>'))).toBe(true);
    expect(await grey(svg('<text x="10" y="100" font-family="DejaVu Serif" font-size="30" fill="#999">a faint grey line</text>'))).toBe(true);
    expect(
      await grey(
        svg('<rect width="100%" height="100%" fill="#222"/><text x="10" y="100" font-family="DejaVu Sans" font-size="20" fill="white">white on black</text>'),
      ),
    ).toBe(true);
  });
});

describe('OCR languages', () => {
  it('name the npm package to add for a language that is not installed', async () => {
    const failed = await recognize(await letter(), ['fra']).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DocumentError);
    expect((failed as DocumentError).message).toBe('the OCR language "fra" is not installed');
    expect((failed as DocumentError).hint).toBe('add its data package: npm install @tesseract.js-data/fra');
  });

  it('refuse a code that is not a language code', async () => {
    await expect(recognize(await letter(), ['../../etc'])).rejects.toThrow(/is not an OCR language code/);
  });
});

describe('a reading that hangs, or whose engine dies', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('fails that page with its number and what to do, and the next page is read by a new engine', async () => {
    vi.stubEnv('TROVE_PAGE_TIMEOUT_MS', '2000');
    const page = await letter();
    // Three letters one under the other: a reading long enough to be cut.
    const tall = () =>
      sharp({ create: { width: 1700, height: 2100, channels: 3, background: '#ffffff' } }).composite(
        [0, 700, 1400].map((top) => ({ input: page, top, left: 0 })),
      );
    await pictureText(tall(), 1700, 2, ['eng']); // the engine is up
    const reading = pictureText(tall(), 1700, 3, ['eng']);
    // Tesseract's thread is stopped while it reads, as a crash would stop it: it never answers.
    setTimeout(() => void closeOcr(), 300);
    const failed = (await reading.catch((e: unknown) => e)) as DocumentError;
    expect(failed).toBeInstanceOf(DocumentError);
    expect(failed.message).toBe('OCR of page 3 took too long (it did not finish within 2 s) and was stopped');
    expect(failed.hint).toMatch(/`ocr: false`.*TROVE_PAGE_TIMEOUT_MS/);
    expect((await pictureText(sharp(page), 1700, 4, ['eng'])).text).toContain(PHRASE);
  });
});
