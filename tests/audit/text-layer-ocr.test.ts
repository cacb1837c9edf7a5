/**
 * PDF pages that have a text layer and show print it does not hold are
 * read by OCR (processors/pdf-page-ocr.ts), through the real PDF processor
 * (pdf.js, sharp, tesseract.js): a scan under a stamped header, a scan
 * whose invisible layer says something else. What a reader sees is
 * audited whatever the sidecar's `reOcr` says; a born-digital page with a
 * ruled table is not read at all.
 */
import { rgb, StandardFonts, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeOcr, picturesRead } from '../../src/pipeline/processors/ocr/engine.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type ProcessJob } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { readPdf } from '../helpers/pdf.ts';
import { letter, PHRASE, scannedPdf, SSN_IN_POINTS } from '../helpers/scanned-letter.ts';

const HEADER = 'Case 1:17-cv-02218 Document 17 Filed 10/31/2017 Page 1 of 1';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('text-layer-ocr');
});
afterAll(() => closeOcr());

async function processed(name: string, bytes: Buffer, job: Partial<ProcessJob> = {}) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  return pdfProcessor.process({ type: 'pdf', absPath: file, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS, ...job }, () => {});
}

/** An electronic-filing header stamped over the scan: a real, visible, one-line text layer. */
async function stamped(page: PDFPage, doc: PDFDocument) {
  page.drawText(HEADER, { x: 60, y: 770, size: 9, font: await doc.embedFont(StandardFonts.Helvetica), color: rgb(0, 0, 0.8) });
}

function ssnFindings<T extends { rule: string }>(findings: T[]): T[] {
  return findings.filter((f) => f.rule === 'pii-ssn');
}

describe('a scan under a stamped header', () => {
  it('publishes the header, then the words read from the scan, each once, and finds the SSN where it is printed', async () => {
    const result = await processed('stamped', await scannedPdf(stamped));
    const [page] = result.pages;
    expect(page!.text.startsWith(HEADER)).toBe(true);
    expect(page!.text).toContain(PHRASE);
    expect(page!.text.match(/Filed/g)).toHaveLength(1);
    expect(page!.ocr).toMatchObject({ partial: true });
    const [ssn, ...more] = ssnFindings(result.findings);
    expect(more).toEqual([]);
    expect(Math.abs(ssn!.box!.x - SSN_IN_POINTS.x)).toBeLessThan(4);
    expect(Math.abs(ssn!.box!.y + ssn!.box!.height - SSN_IN_POINTS.baseline)).toBeLessThan(6);
    // The download can be searched for the scan's words too.
    expect((await readPdf(path.join(dir, 'stamped', 'download.pdf'))).pages[0]).toContain('Memorandum');
  });

  it('with `reOcr: never` publishes only the header, and the SSN on the scan is still found', async () => {
    const result = await processed('stamped-never', await scannedPdf(stamped), { reOcr: 'never' });
    expect(result.pages[0]!.text).toBe(HEADER);
    expect(result.pages[0]!.ocr).toBeUndefined();
    expect(ssnFindings(result.findings)).toHaveLength(1);
  });
});

describe('a scan whose invisible text layer says something else', () => {
  it('publishes what the scan shows, and finds its SSN', async () => {
    const lying = await scannedPdf(async (page, doc) => {
      page.drawText('Nothing to see here.', { x: 80, y: 680, size: 12, font: await doc.embedFont(StandardFonts.Helvetica), opacity: 0 });
    });
    const result = await processed('lying', lying);
    expect(result.pages[0]!.text).toContain(PHRASE);
    expect(result.pages[0]!.text).not.toContain('Nothing to see');
    expect(result.pages[0]!.ocr?.partial).toBeUndefined();
    expect(ssnFindings(result.findings)).toHaveLength(1);
  });
});

describe('a born-digital page with a ruled table', () => {
  async function table(page: PDFPage, doc: PDFDocument) {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let row = 0; row < 12; row++) {
      const y = 700 - row * 20;
      page.drawLine({ start: { x: 50, y: y - 6 }, end: { x: 560, y: y - 6 }, thickness: 0.75 });
      for (let col = 0; col < 5; col++) page.drawText(`Item ${row}.${col}`, { x: 56 + col * 102, y, size: 10, font });
    }
    for (let col = 0; col <= 5; col++) page.drawLine({ start: { x: 50 + col * 102, y: 714 }, end: { x: 50 + col * 102, y: 454 }, thickness: 0.75 });
  }
  const bornDigital = async () => {
    const { PDFDocument } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.create();
    await table(doc.addPage([612, 792]), doc);
    return Buffer.from(await doc.save());
  };

  it('is not read: its text is its layer', async () => {
    const before = picturesRead();
    const result = await processed('table', await bornDigital());
    // Not read at all (a reading that found nothing would leave the same text): the engine read no picture.
    expect(picturesRead()).toBe(before);
    expect(result.pages[0]!.text).toContain('Item 11.4');
    expect(result.pages[0]!.ocr).toBeUndefined();
  });

  it('with `reOcr: always` publishes the reading instead, every cell of the table', async () => {
    const result = await processed('table-always', await bornDigital(), { reOcr: 'always' });
    expect(result.pages[0]!.ocr).toBeDefined();
    expect(result.pages[0]!.ocr!.partial).toBeUndefined();
    // Tesseract's automatic layout read only the first row of this table (see ocr/engine.ts).
    expect(result.pages[0]!.text.match(/Item \d+\.\d/g)!.length).toBeGreaterThanOrEqual(58);
    expect(result.pages[0]!.text).toMatch(/Item 11\.4/);
  });
});

describe('a poster-sized scan (200 inches a side, the largest page a PDF allows)', () => {
  it('is read at the resolution its memory allows, not 200 dpi (1.6 billion pixels)', async () => {
    const { PDFDocument } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.create();
    const page = doc.addPage([14_400, 14_400]);
    // The letter drawn 7,200 points wide: read at about a third of a pixel a point, it is 2,500 pixels wide.
    page.drawImage(await doc.embedPng(await letter()), { x: 3600, y: 7200, width: 7200, height: 2965 });
    const result = await processed('poster', Buffer.from(await doc.save()));
    expect(result.pages[0]!.text).toContain(PHRASE);
    const [ssn] = result.findings.filter((f) => f.rule === 'pii-ssn');
    // The SSN's box, in points, where it is printed: 3,600 + 220 × (7,200 / 1,700) from the left (a pixel read is 3 points).
    expect(Math.abs(ssn!.box!.x - (3600 + 220 * (7200 / 1700)))).toBeLessThan(30);
  });
});
