/**
 * Each audit rule fires on a file made with its defect and not on a clean
 * twin. Files are processed by the real processors (pdf.js, sharp, exifr),
 * the same way the build processes them.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { imageProcessor } from '../../src/pipeline/processors/image.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';
import * as make from '../helpers/defect-pdfs.ts';
import { readPdf } from '../helpers/pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('audit-rules');
});

async function auditPdf(name: string, bytes: Uint8Array, redaction?: RedactionRequest) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const outDir = path.join(dir, name);
  return pdfProcessor.process({ type: 'pdf', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, redaction }, () => {});
}

const rulesOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe('PDF rules: each fires on its defect, not on the clean twin', () => {
  const cases: [rule: string, defect: () => Promise<Uint8Array>, twin: () => Promise<Uint8Array>, evidence: RegExp][] = [
    ['text-under-box', make.boxOverText, make.boxAwayFromText, /hides "Jane Roe"/],
    ['unapplied-redaction', make.unappliedRedact, () => make.plain(), /marked for redaction: "Jane Roe"/],
    ['annotation-text', make.withComment, () => make.plain(), /Source lives at the blue house/],
    ['pdf-metadata', make.withAuthor, () => make.plain(), /Author: Harriet Whistleblower/],
    ['earlier-revisions', make.withEarlierRevision, () => make.plain(), /2 revisions.*Codename Nightjar/],
    ['embedded-files', make.withAttachment, () => make.plain(), /notes\.txt/],
    ['dark-annotation', make.darkHighlight, make.yellowHighlight, /dark Highlight annotation covers "Jane Roe"/],
    ['javascript', make.withJavaScript, () => make.plain(), /document script "beacon"/],
    ['hidden-layers', make.withHiddenLayer, () => make.plain(), /hidden layer "Reviewer notes"/],
  ];
  for (const [rule, defect, twin, evidence] of cases) {
    it(rule, async () => {
      const found = await auditPdf(`${rule}-defect`, await defect());
      expect(rulesOf(found.findings)).toEqual([rule]);
      expect(found.findings[0].evidence).toMatch(evidence);
      const clean = await auditPdf(`${rule}-twin`, await twin());
      expect(clean.findings).toEqual([]);
    });
  }

  it('personal information: e-mail, phone, SSN and street address, each with its page', async () => {
    const found = await auditPdf('pii', await make.withPersonalInformation());
    expect(found.findings.map((f) => [f.rule, f.page, f.evidence])).toEqual([
      ['pii-email', 1, make.PII.email],
      ['pii-phone', 1, make.PII.phone],
      ['pii-ssn', 1, make.PII.ssn],
      ['pii-address', 1, make.PII.address],
    ]);
    expect((await auditPdf('pii-twin', await make.plain())).findings).toEqual([]);
  });

  it('gives the box of text under a box in page space (points from the top-left)', async () => {
    const found = await auditPdf('box-place', await make.boxOverText());
    const [x, y, width, height] = await make.secretBoxTopLeft();
    const box = found.findings[0].box!;
    expect(box.x).toBeCloseTo(x, 0);
    expect(box.y).toBeCloseTo(y, 0);
    expect(box.width).toBeCloseTo(width, 0);
    expect(box.height).toBeCloseTo(height, 0);
  });
});

describe('hidden layers', () => {
  it('keep their text out of the page text and out of the rebuilt download', async () => {
    const result = await auditPdf('layer-text', await make.withHiddenLayer());
    expect(result.pages[0].text).toContain('parking permits');
    expect(result.pages[0].text).not.toContain('depot');
    const download = await readPdf(path.join(dir, 'layer-text/download.pdf'));
    expect(download.pages[0]).toContain('parking');
    expect(download.pages[0]).not.toContain('depot');
  });
});

describe('image rules', () => {
  it('image-gps and image-metadata fire on a camera photo with GPS, not on its stripped twin', async () => {
    const photo = path.join(dir, 'gps.jpg');
    await copyFile(corpusFile('images/exiftool_GPS.jpg'), photo);
    const outDir = path.join(dir, 'gps');
    const found = await imageProcessor.process({ type: 'image', absPath: photo, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(rulesOf(found.findings)).toEqual(['image-gps', 'image-metadata']);
    expect(found.findings.find((f) => f.rule === 'image-gps')!.evidence).toMatch(/GPS position 54\.9\d+, -1\.9\d+/);

    const twin = path.join(dir, 'stripped.jpg');
    await sharp(photo).jpeg().toFile(twin);
    await mkdir(path.join(dir, 'stripped'), { recursive: true });
    const clean = await imageProcessor.process({ type: 'image', absPath: twin, outDir: path.join(dir, 'stripped'), options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(clean.findings).toEqual([]);
  });
});

describe('redactions at processing time', () => {
  it('a declared box burns the page image and removes the words from the text', async () => {
    const [x, y, width, height] = await make.secretBoxTopLeft();
    const result = await auditPdf('declared', await make.plain(), { boxes: [{ page: 1, box: { x, y, width, height }, reason: 'b6' }] });
    expect(result.pages[0].text).not.toContain('Jane');
    expect(result.pages[0].text).not.toContain('Roe');
    expect(result.pages[0].text).toContain('The informant was [redacted] of Springfield.');
    expect(result.pages[0].redactions).toEqual(['b6']);
    // The burned area is black in the page image.
    const { data, info } = await sharp(path.join(dir, 'declared/pages/1.webp')).raw().toBuffer({ resolveWithObject: true });
    const scale = info.width / 612;
    const cx = Math.round((x + width / 2) * scale);
    const cy = Math.round((y + height / 2) * scale);
    const i = (cy * info.width + cx) * info.channels;
    expect(Math.max(data[i], data[i + 1], data[i + 2])).toBeLessThan(20);
  });

  it('redactFoundBoxes turns the box over live text into a redaction and resolves the finding', async () => {
    const result = await auditPdf('found', await make.boxOverText(), { boxes: [], foundBoxesReason: 'b7c' });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ rule: 'text-under-box', resolvedBy: 'redaction' });
    expect(result.pages[0].text).not.toMatch(/Jane|Roe/);
    expect(result.pages[0].redactions).toEqual(['b7c']);
  });
});

describe('image documents', () => {
  it('a multi-page TIFF becomes one page per TIFF page, and its download keeps every page without metadata', async () => {
    const colours = ['#ff0000', '#00ff00', '#0000ff'];
    const pages = await Promise.all(
      colours.map((background) => sharp({ create: { width: 300, height: 400, channels: 3, background } }).png().toBuffer()),
    );
    const file = path.join(dir, 'fax.tif');
    await sharp(pages, { join: { animated: true } })
      .tiff({ compression: 'lzw' })
      .withExif({ IFD0: { Artist: 'Scanner operator', Software: 'FaxServer 2.1' } })
      .toFile(file);
    const outDir = path.join(dir, 'fax');
    const result = await imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pageCount).toBe(3);
    expect(rulesOf(result.findings)).toEqual(['image-metadata']);
    for (const [i, colour] of colours.entries()) {
      const { data } = await sharp(path.join(outDir, `pages/${i + 1}.webp`)).raw().toBuffer({ resolveWithObject: true });
      const expected = [1, 3, 5].map((k) => parseInt(colour.slice(k, k + 2), 16));
      expect([data[0], data[1], data[2]].map((v, k) => Math.abs(v - expected[k]) < 8)).toEqual([true, true, true]);
    }
    const download = await sharp(path.join(outDir, 'download.tif'), { pages: -1 }).metadata();
    expect(download.pages).toBe(3);
    expect(download.exif).toBeUndefined();
  });

  it('a GIF shows its first frame', async () => {
    const frames = await Promise.all(['#ff0000', '#0000ff'].map((background) => sharp({ create: { width: 60, height: 40, channels: 3, background } }).png().toBuffer()));
    const file = path.join(dir, 'anim.gif');
    await sharp(frames, { join: { animated: true } }).gif().toFile(file);
    const outDir = path.join(dir, 'anim');
    const result = await imageProcessor.process({ type: 'image', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
    expect(result.pageCount).toBe(1);
    const { data } = await sharp(path.join(outDir, 'pages/1.webp')).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(50);
  });
});
