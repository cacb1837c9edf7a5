/**
 * A long PDF processed in parts by several workers (src/pipeline/documents/split-document.ts)
 * gives exactly what one worker gives: the same result and the same files,
 * byte for byte; so do a long Office file and a multi-page TIFF. Real
 * workers, pdf.js, sharp, pdf-lib and LibreOffice.
 */
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pipeline/documents/pool.ts';
import { DEFAULT_RENDER_OPTIONS, type ProcessJob, type ProcessResult, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { pageRanges, partPagesFromEnv, runDocument, type DocumentOutcome } from '../../src/pipeline/documents/split-document.ts';
import { tempDir } from '../helpers/build.ts';
import { docx } from '../helpers/office-markup.ts';
import { readPdf } from '../helpers/pdf.ts';

describe('page ranges', () => {
  it('cover every page once, in order, in parts of at most the part size that differ by at most one page', () => {
    for (const partPages of [1, 3, 4, 50]) {
      for (let pageCount = 1; pageCount <= 160; pageCount++) {
        const ranges = pageRanges(pageCount, partPages);
        const pages = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
        expect(pages).toEqual(Array.from({ length: pageCount }, (_, i) => i + 1));
        const sizes = ranges.map(([from, to]) => to - from + 1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(partPages);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(ranges).toHaveLength(Math.ceil(pageCount / partPages));
      }
    }
    expect(pageRanges(2000, 50)).toHaveLength(40);
  });

  it('take their size from TROVE_PART_PAGES, and refuse one that is not a number of pages', () => {
    expect(partPagesFromEnv({})).toBe(50);
    expect(partPagesFromEnv({ TROVE_PART_PAGES: '0' })).toBe(0);
    expect(partPagesFromEnv({ TROVE_PART_PAGES: '12' })).toBe(12);
    expect(() => partPagesFromEnv({ TROVE_PART_PAGES: 'ten' })).toThrow(/TROVE_PART_PAGES must be a whole number.*"ten"/);
    expect(() => partPagesFromEnv({ TROVE_PART_PAGES: '-1' })).toThrow(/TROVE_PART_PAGES/);
  });
});

const PAGES = 13;
const SECRET = 'Jane Roe';

/** 13 pages of text: personal information on page 6, a black box over a name on page 10 (a found box), a declared redaction on page 11. */
async function longPdf(): Promise<{ bytes: Uint8Array; redaction: RedactionRequest }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Inspection report, page ${n} of ${PAGES}.`, { x: 72, y: 720, size: 14, font });
    if (n === 6) page.drawText('Call the inspector on (202) 456-1414.', { x: 72, y: 690, size: 12, font });
    if (n === 10 || n === 11) {
      const before = 'The informant was ';
      page.drawText(`${before}${SECRET} of Springfield.`, { x: 72, y: 660, size: 12, font });
      if (n === 10)
        page.drawRectangle({
          x: 72 + font.widthOfTextAtSize(before, 12) - 1,
          y: 656,
          width: font.widthOfTextAtSize(SECRET, 12) + 2,
          height: 17,
          color: rgb(0, 0, 0),
        });
    }
  }
  const x = 72 + font.widthOfTextAtSize('The informant was ', 12) - 1;
  const box = { x, y: 792 - 673, width: font.widthOfTextAtSize(SECRET, 12) + 2, height: 17 };
  return { bytes: await doc.save({ useObjectStreams: false }), redaction: { boxes: [{ page: 11, reason: 'privacy', box }], foundBoxesReason: 'privacy' } };
}

/** The same file with an unused object pdf-lib refuses to read (pdf.js reads it): every page is rasterized for the download. */
function unrebuildable(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf('\n') + 1;
  return new Uint8Array(Buffer.from(`${text.slice(0, at)}99 0 obj\n<< /A ] >>\nendobj\n${text.slice(at)}`, 'latin1'));
}

let dir: string;
let pool: WorkerPool;
beforeAll(async () => {
  dir = await tempDir('split-document');
  pool = new WorkerPool({ size: 2 });
});
afterAll(() => pool.close());

async function files(folder: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      out.set(path.relative(folder, file), await readFile(file));
    }
  }
  return out;
}

/** Processes the file whole (one worker) and in parts of 4 pages; returns both outcomes and files. */
async function bothWays(name: string, bytes: Uint8Array, redaction: RedactionRequest) {
  const absPath = path.join(dir, `${name}.pdf`);
  await writeFile(absPath, bytes);
  const both = await processBothWays(name, { type: 'pdf', absPath, redaction });
  if (both.whole.ok) {
    expect(both.wholeKinds).toEqual(['document']);
    expect(both.splitKinds).toEqual(['whole', 'pages', 'pages', 'pages', 'pages', 'finish']);
  }
  return both;
}

async function processBothWays(name: string, source: Pick<ProcessJob, 'type' | 'absPath' | 'redaction'>) {
  const job = (outDir: string): ProcessJob => ({ ...source, outDir, options: DEFAULT_RENDER_OPTIONS });
  const progress: [number, number][] = [];
  const [one, parts] = [recording(), recording()];
  const [whole, split] = await Promise.all([
    runDocument(one.pool, job(path.join(dir, `${name}-whole`)), undefined, 0),
    runDocument(parts.pool, job(path.join(dir, `${name}-split`)), (done, total) => progress.push([done, total]), 4),
  ]);
  const wholeFiles = await files(path.join(dir, `${name}-whole`));
  const splitFiles = await files(path.join(dir, `${name}-split`));
  return { whole, split, progress, wholeFiles, splitFiles, wholeKinds: one.kinds, splitKinds: parts.kinds };
}

/** The pool, recording the kind of every job given to it. */
function recording(): { pool: WorkerPool; kinds: string[] } {
  const kinds: string[] = [];
  const recorder = Object.create(pool) as WorkerPool;
  recorder.run = (job, onProgress) => {
    kinds.push(job.part?.kind ?? 'document');
    return pool.run(job, onProgress);
  };
  return { pool: recorder, kinds };
}

function resultOf(o: DocumentOutcome) {
  if (!o.ok) throw new Error(`processing failed: ${o.message}`);
  return o.result;
}

describe('a long PDF processed in parts', () => {
  it('gives the same result, page images, thumbnail and download as one worker', async () => {
    const { bytes, redaction } = await longPdf();
    const { whole, split, progress, wholeFiles, splitFiles } = await bothWays('redacted', bytes, redaction);
    const result = resultOf(whole);
    // The document is what the parts must reproduce: findings on pages in several parts, redactions burned in.
    expect(result.pageCount).toBe(PAGES);
    expect(result.downloadNote).toBeUndefined();
    const rules = result.findings.map((f) => `${f.rule}@${f.page ?? '-'}`);
    expect(rules).toEqual(expect.arrayContaining(['pii-phone@6', 'text-under-box@10']));
    expect(result.pages[9]!.text).not.toContain(SECRET);
    expect(result.pages[10]!.text).not.toContain(SECRET);
    expect(result.pages[10]!.redactions).toEqual(['privacy']);

    expect(resultOf(split)).toEqual(result);
    expect([...splitFiles.keys()].sort()).toEqual([...wholeFiles.keys()].sort());
    expect([...wholeFiles.keys()]).toEqual(expect.arrayContaining(['download.pdf', 'thumb.webp', 'pages/1.webp', 'pages/13.webp']));
    for (const [name, data] of wholeFiles) expect(splitFiles.get(name)!.equals(data), name).toBe(true);
    // Progress counts the pages of the whole document, across the parts, up to all of them.
    expect(progress.every(([, total]) => total === PAGES)).toBe(true);
    expect(progress.at(-1)).toEqual([PAGES, PAGES]);
  });

  it('gives the same when pdf-lib cannot rebuild the file and every page is rasterized', async () => {
    const { bytes, redaction } = await longPdf();
    const { whole, split, wholeFiles, splitFiles } = await bothWays('unrebuildable', unrebuildable(bytes), redaction);
    const result = resultOf(whole);
    expect(result.downloadNote).toMatch(/every page was rasterized.*invalid object/);
    expect(resultOf(split)).toEqual(result);
    expect([...splitFiles.keys()].sort()).toEqual([...wholeFiles.keys()].sort());
    for (const [name, data] of wholeFiles) expect(splitFiles.get(name)!.equals(data), name).toBe(true);
  });

  it('fails as one worker fails, with the same message naming the page', async () => {
    const { bytes } = await longPdf();
    const outside: RedactionRequest = { boxes: [{ page: 11, reason: 'privacy', box: { x: 5000, y: 10, width: 20, height: 10 } }] };
    const { whole, split } = await bothWays('box-outside', bytes, outside);
    expect(whole.ok).toBe(false);
    expect(split).toMatchObject({ ok: false, known: true, message: whole.ok ? '' : whole.message });
    expect(whole.ok ? '' : whole.message).toMatch(/^page 11 of 13: redactions: the box \[5000, 10, 20, 10\] on page 11 lies outside the page/);
  });

  it('starts no more parts once one has failed', async () => {
    const { bytes } = await longPdf();
    const outside: RedactionRequest = { boxes: [{ page: 1, reason: 'privacy', box: { x: 5000, y: 10, width: 20, height: 10 } }] };
    const { whole, split, progress } = await bothWays('fails-early', bytes, outside);
    expect(whole.ok ? '' : whole.message).toMatch(/^page 1 of 13: redactions: the box/);
    expect(split).toMatchObject({ ok: false, message: whole.ok ? '' : whole.message });
    // Parts of 4, 3, 3 and 3 pages: page 1 failed at once, so not every part after the first ran.
    expect(Math.max(0, ...progress.map(([done]) => done))).toBeLessThan(PAGES - 4);
  });

  /** Enough one-page parts that no machine does them all in the limit (each is tens of milliseconds of work). */
  const PAGES_FOR_LIMIT = 300;

  it('holds the document to its time limit as a whole, not only each part', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let n = 1; n <= PAGES_FOR_LIMIT; n++) doc.addPage([612, 792]).drawText(`Page ${n}.`, { x: 72, y: 720, size: 14, font });
    const absPath = path.join(dir, 'slow.pdf');
    await writeFile(absPath, await doc.save());
    // One worker: the limit is the document's, whatever the number of workers, and a second would only burn the other core.
    const limited = new WorkerPool({ size: 1, totalMs: 5000 });
    try {
      const job = (name: string, from?: number): ProcessJob => ({
        type: 'pdf',
        absPath,
        outDir: path.join(dir, name),
        options: DEFAULT_RENDER_OPTIONS,
        ...(from ? { part: { kind: 'pages', from, to: from } } : {}),
      });
      // The worker started and warm, so that only processing counts against the limit.
      await limited.run(job('warm', 1));
      let pagesDone = 0;
      // Parts of one page each take well under 5 s, even on a loaded machine; all of them together take far longer.
      const outcome = await runDocument(limited, job('slow'), (done) => (pagesDone = done), 1);
      expect(outcome).toMatchObject({ ok: false, known: true, message: 'processing took too long (more than 5 s) and was stopped' });
      expect(pagesDone).toBeGreaterThan(0);
      expect(pagesDone).toBeLessThan(PAGES_FOR_LIMIT);
    } finally {
      await limited.close();
    }
  });

  it('splits a long Office file too, as the PDF it converts to, into the same result', { timeout: 240_000 }, async () => {
    // Nine pages: a paragraph, then eight more after page breaks.
    await writeFile(path.join(dir, 'minutes.docx'), docx('Minutes of the board.', { morePages: 8 }));
    const absPath = path.join(dir, 'minutes.docx');
    const job = (name: string): ProcessJob => ({ type: 'office', absPath, outDir: path.join(dir, name), options: DEFAULT_RENDER_OPTIONS });
    const parts = recording();
    const [whole, split] = await Promise.all([
      runDocument(pool, job('office-whole'), undefined, 0),
      runDocument(parts.pool, job('office-split'), undefined, 4),
    ]);
    expect(parts.kinds).toEqual(['whole', 'pages', 'pages', 'pages', 'finish']);
    const result = resultOf(whole);
    expect(result).toMatchObject({ type: 'office', pageCount: 9 });
    expect(result.pages[8]!.text).toContain('Page 9 of the memo.');
    // Two conversions, so the converted PDFs' creation times may differ by a second; nothing else does.
    const timeless = (r: ProcessResult) =>
      JSON.parse(
        JSON.stringify(r)
          .replace(/(CreationDate|ModDate): D:[0-9+\-Z']+/g, '$1: (time)')
          .replace(/"download":\{[^}]*\}/, '"download":{}'),
      );
    expect(timeless(resultOf(split))).toEqual(timeless(result));
    const [wholeFiles, splitFiles] = [await files(path.join(dir, 'office-whole')), await files(path.join(dir, 'office-split'))];
    // The conversion waited in the job's folder for the parts, and is gone.
    expect([...splitFiles.keys()].sort()).toEqual([...wholeFiles.keys()].sort());
    for (const [name, data] of wholeFiles) if (name !== 'download.pdf') expect(splitFiles.get(name)!.equals(data), name).toBe(true);
    expect((await readPdf(path.join(dir, 'office-split', 'download.pdf'))).pages).toEqual(
      (await readPdf(path.join(dir, 'office-whole', 'download.pdf'))).pages,
    );
  });
});

/** 9 pages of 1,300 × 200 pixels (wider than a page image, so each has a full-resolution image too), each its own colour. */
async function longTiff(name: string, orientation?: number): Promise<string> {
  const pages = await Promise.all(
    Array.from({ length: 9 }, (_, i) =>
      sharp({ create: { width: 1300, height: 200, channels: 3, background: { r: 25 * i, g: 120, b: 225 - 25 * i } } })
        .png()
        .toBuffer(),
    ),
  );
  const file = path.join(dir, `${name}.tif`);
  const joined = sharp(pages, { join: { animated: true } }).tiff({ compression: 'lzw' });
  await (orientation ? joined.withMetadata({ orientation }) : joined).toFile(file);
  return file;
}

describe('a multi-page TIFF processed in parts', () => {
  it('gives the same result, page images, thumbnail and download as one worker', async () => {
    const { whole, split, progress, wholeFiles, splitFiles, splitKinds } = await processBothWays('fax', { type: 'image', absPath: await longTiff('fax') });
    expect(splitKinds).toEqual(['whole', 'pages', 'pages', 'pages', 'finish']);
    const result = resultOf(whole);
    expect(result).toMatchObject({ type: 'image', pageCount: 9, downloadExtension: 'tif' });
    expect(result.pages.every((p) => p.fullImage !== undefined)).toBe(true);
    expect(resultOf(split)).toEqual(result);
    expect([...splitFiles.keys()].sort()).toEqual([...wholeFiles.keys()].sort());
    expect([...wholeFiles.keys()]).toEqual(expect.arrayContaining(['download.tif', 'thumb.webp', 'pages/1.webp', 'pages/9.webp', 'pages/9-full.webp']));
    for (const [name, data] of wholeFiles) expect(splitFiles.get(name)!.equals(data), name).toBe(true);
    expect(progress.at(-1)).toEqual([9, 9]);
    // Where the time went, for the build's figures: reading the page plan, the WebP images, the download and the audit.
    for (const outcome of [whole, split]) for (const stage of ['open', 'encode', 'download', 'audit']) expect(outcome.stages, stage).toHaveProperty(stage);
  });

  it('gives the same when its pages are turned upright and one is redacted, so the download is rebuilt from them', async () => {
    const absPath = await longTiff('sideways-fax', 6);
    // Upright, each page is 200 wide and 1,300 high: a box near the foot of page 7.
    const redaction: RedactionRequest = { boxes: [{ page: 7, box: { x: 20, y: 1200, width: 100, height: 60 }, reason: 'b6' }] };
    const { whole, split, wholeFiles, splitFiles, splitKinds } = await processBothWays('sideways-fax', { type: 'image', absPath, redaction });
    expect(splitKinds).toEqual(['whole', 'pages', 'pages', 'pages', 'finish']);
    const result = resultOf(whole);
    expect(result.pages.map((p) => [p.widthPx, p.heightPx])[0]).toEqual([200, 1300]);
    expect(result.pages[6]!.redactions).toEqual(['b6']);
    expect(resultOf(split)).toEqual(result);
    expect([...splitFiles.keys()].sort()).toEqual([...wholeFiles.keys()].sort());
    // The upright page files the download was joined from are gone.
    expect([...wholeFiles.keys()].some((f) => f.startsWith('upright'))).toBe(false);
    for (const [name, data] of wholeFiles) expect(splitFiles.get(name)!.equals(data), name).toBe(true);
    const download = await sharp(path.join(dir, 'sideways-fax-split', 'download.tif'), { page: 6 })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (1230 * download.info.width + 50) * download.info.channels;
    expect([download.data[at], download.data[at + 1], download.data[at + 2]], 'the box is burned into page 7 of the download').toEqual([0, 0, 0]);
  });

  it('finishes under the document time limit only: the finishing job draws no page, so no page stalls it', async () => {
    // A 2,000-page TIFF's download took over a minute, the stall limit, after its last part.
    const strict = new WorkerPool({ size: 1, stallMs: 1 });
    try {
      const routed = Object.create(pool) as WorkerPool;
      routed.run = (job, onProgress) => (job.part?.kind === 'finish' ? strict : pool).run(job, onProgress);
      const absPath = await longTiff('finish-unstalled');
      const outcome = await runDocument(
        routed,
        { type: 'image', absPath, outDir: path.join(dir, 'finish-unstalled'), options: DEFAULT_RENDER_OPTIONS },
        undefined,
        4,
      );
      expect(resultOf(outcome).pageCount).toBe(9);
    } finally {
      await strict.close();
    }
  });

  it('fails as one worker fails, with the same message naming the page', async () => {
    const absPath = await longTiff('boxed-outside');
    const redaction: RedactionRequest = { boxes: [{ page: 6, box: { x: 5000, y: 10, width: 10, height: 10 }, reason: 'b6' }] };
    const { whole, split, splitKinds } = await processBothWays('boxed-outside', { type: 'image', absPath, redaction });
    expect(whole).toMatchObject({ ok: false, known: true, message: expect.stringMatching(/redaction box .* on page 6 lies outside the image/) });
    expect(split.ok).toBe(false);
    expect(!split.ok && split.message).toBe(!whole.ok && whole.message);
    // Parts of pages 1–3 and 4–6 ran (6 is in the second); the one of pages 7–9 may have started beside it, and no finish.
    expect(splitKinds.slice(0, 3)).toEqual(['whole', 'pages', 'pages']);
    expect(splitKinds).not.toContain('finish');
  });
});
