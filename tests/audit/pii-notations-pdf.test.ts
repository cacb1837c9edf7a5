/**
 * Personal information in other notations on a real PDF page, through the
 * PDF processor: each finding has the box of what it matched (a number
 * wrapped onto the next line included), and declaring those boxes as
 * redactions removes every value from the page text.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { beforeAll, expect, it } from 'vitest';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';

const LINES = ['Zeugin: Goethestraße 9, Berlin.', 'Tel. 030 1234567, SSN 219099999.', 'Her mobile is 202-456-', '1414, after six.'];

let dir: string;
let bytes: Uint8Array;
beforeAll(async () => {
  dir = await tempDir('pii-notations-pdf');
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  LINES.forEach((line, i) => page.drawText(line, { x: 72, y: 700 - i * 16, size: 12, font }));
  bytes = await doc.save();
});

async function audit(name: string, redaction?: RedactionRequest) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  return pdfProcessor.process({ type: 'pdf', absPath: file, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
}

it('finds each value with the box of its glyphs, over two lines for a wrapped number', async () => {
  const { findings } = await audit('found');
  expect(findings.map((f) => [f.rule, f.evidence]).sort()).toEqual([
    ['pii-address', 'Goethestraße 9'],
    ['pii-phone', '030 1234567'],
    ['pii-phone', '202-456- 1414'],
    ['pii-ssn', '219099999'],
  ]);
  const wrapped = findings.find((f) => f.evidence === '202-456- 1414')!.box!;
  // From the third line's baseline area down through the fourth: two lines of 16 points.
  expect(wrapped.height).toBeGreaterThan(16);
  expect(wrapped.y).toBeGreaterThan(792 - 700 + 2 * 16 - 12);
  for (const f of findings) expect(f.box, f.evidence).toBeDefined();
});

it('removes every value from the page text when the found boxes are declared as redactions', async () => {
  const { findings } = await audit('to-redact');
  const redacted = await audit('redacted', { boxes: findings.map((f) => ({ page: 1, box: f.box!, reason: 'pii' })) });
  expect(redacted.findings).toEqual([]);
  const text = redacted.pages[0]!.text;
  for (const value of ['Goethestraße 9', '1234567', '219099999', '202-456', '1414']) expect(text).not.toContain(value);
  // A finding has one box: for a number over two lines it spans both lines' width, so words beside it there go too.
  expect(text).toContain('Zeugin:');
  expect(text).toContain('Berlin.');
});
