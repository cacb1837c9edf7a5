/**
 * PDF processor. For each page, one at a time (memory does not grow with the
 * page count): text with pdf.js, the page rendered by pdf.js into raw RGBA
 * pixels, the audit's page rules over both, redactions burned into the
 * pixels and removed from the text, then the pixels go straight to sharp for
 * the WebP page image and thumbnail. Then the document rules, and the
 * download rebuilt from scratch (see sanitize/clean-pdf.ts).
 *
 * A long PDF can also be done in parts by several workers (`job.part`, see
 * ../split-document.ts): each part does a range of pages, then one job finishes
 * the document from their results. Either way, the derivatives and the
 * result are the same.
 *
 * Annotations are never drawn: the download has none, so the page images
 * do not either. What annotations carry is for the audit to report.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { endianness } from 'node:os';
import path from 'node:path';
import { AnnotationMode, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { filledShapes } from '../audit/filled-shapes.ts';
import { coverage, glyphsOf, type Matrix, type PageSpace, type TextItemLike } from '../audit/geometry.ts';
import { relativeWidth } from '../audit/glyph-widths.ts';
import { sectionVisibility, usesHiddenContent, visibleItems, type OptionalContentLike } from '../audit/hidden-content.ts';
import { rulesFor } from '../audit/rules/index.ts';
import { textLocator } from '../audit/text-boxes.ts';
import type { RgbaPixels } from '../audit/solid-colour.ts';
import type { AnnotationLike, Box, Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { burn, isRedacted, pageText } from '../redact/apply.ts';
import { openForRebuild, writeCleanPdf, type RasterPage } from '../sanitize/clean-pdf.ts';
import { timed } from '../stage-clock.ts';
import { explainPdfError, openPdf, type OpenedPdf } from './pdfjs.ts';
import type { PageResult, JobAnswer, PartPages, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** Tall, narrow pages (receipts, scrolls) are capped at this many widths high. */
const MAX_ASPECT = 8;
const LITTLE_ENDIAN = endianness() === 'LE';
/** Rules whose boxes `redactFoundBoxes` turns into redactions. */
const FOUND_BOX_RULES = new Set(['text-under-box', 'dark-annotation', 'unapplied-redaction']);

export const pdfProcessor: Processor = {
  type: 'pdf',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const answer = await processPdfJob({ ...job, part: undefined }, progress);
    if (answer.kind !== 'result') throw new Error(`a whole-document PDF job answered "${answer.kind}"`);
    return answer.result;
  },
};

/**
 * A PDF job: the whole document (unless it has more pages than
 * `job.part.splitAbove`: then only its page count, to split it), one part's
 * pages, or the finish of a split document from its parts.
 */
export async function processPdfJob(job: ProcessJob, progress: ProgressFn): Promise<JobAnswer> {
  const request = job.part;
  if (request?.kind === 'pages') {
    const rasterizeAll = request.rasterizedBecause !== undefined;
    return withPdf(job, async (_bytes, pdf) => ({ kind: 'pages', ...(await processPages(pdf, job, request.from, request.to, rasterizeAll, progress)) }), true);
  }
  try {
    if (request?.kind === 'finish') {
      return { kind: 'result', result: await withPdf(job, (bytes, pdf) => finishPdf(bytes, pdf, job, request.parts, request.rasterizedBecause)) };
    }
    return await processWhole(job, progress, false, undefined, request?.splitAbove);
  } catch (e) {
    // pdf-lib could open the file but not rebuild it: make the download from page images instead.
    if (!(e instanceof RebuildError)) throw e;
    return processWhole(job, progress, true, e.message);
  }
}

class RebuildError extends Error {}

/** Opens the job's PDF with pdf.js; `fn` gets the file's bytes too, unless `pdfOnly` (a part's pages need none, so no copy is made). */
async function withPdf<T>(job: ProcessJob, fn: (bytes: Uint8Array, pdf: OpenedPdf['pdf']) => Promise<T>, pdfOnly = false): Promise<T> {
  const bytes = new Uint8Array(await readFile(job.absPath));
  // pdf.js may take ownership of the buffer it is given: give it a copy when the bytes are used after.
  const { pdf, close } = await timed('open', () => openPdf(pdfOnly ? bytes : bytes.slice(), job.options.maxInputPixels));
  try {
    if (pdf.numPages < 1) throw new DocumentError('the PDF has no pages');
    return await fn(bytes, pdf);
  } finally {
    await close();
  }
}

async function processWhole(job: ProcessJob, progress: ProgressFn, rasterizeAll: boolean, why?: string, splitAbove?: number): Promise<JobAnswer> {
  return withPdf(job, async (bytes, pdf) => {
    const pageCount = pdf.numPages;
    const rebuild = rasterizeAll ? { doc: undefined, reason: why } : await timed('download', () => openForRebuild(bytes));
    const rasterizedBecause = rebuild.doc ? undefined : (rebuild.reason ?? 'unknown');
    if (splitAbove !== undefined && pageCount > splitAbove) return { kind: 'split', pageCount, rasterizedBecause };
    const pages = await processPages(pdf, job, 1, pageCount, !rebuild.doc, progress);
    return { kind: 'result', result: await finishPdf(bytes, pdf, job, [pages], rasterizedBecause, rebuild.doc) };
  });
}

/** Pages `from` to `to` of the document: images written, text and page findings returned. */
async function processPages(pdf: PDFDocumentProxy, job: ProcessJob, from: number, to: number, rasterizeAll: boolean, progress: ProgressFn): Promise<PartPages> {
  const pageCount = pdf.numPages;
  if (!(from >= 1 && to <= pageCount && from <= to)) throw new Error(`pages ${from}–${to} asked of a PDF of ${pageCount} pages`);
  await mkdir(path.join(job.outDir, 'pages'), { recursive: true });
  const optionalContent = (await pdf.getOptionalContentConfig()) as unknown as OptionalContentLike;
  const out: PartPages = { from, to, pages: [], findings: [], raster: [] };
  for (let pageNumber = from; pageNumber <= to; pageNumber++) {
    let page: PDFPageProxy | undefined;
    try {
      page = await pdf.getPage(pageNumber);
      const done = await processPage(page, pdf, job, { optionalContent, rasterize: rasterizeAll, findings: out.findings });
      out.pages.push(done.result);
      if (done.thumbnail) out.thumbnail = done.thumbnail;
      if (done.raster) out.raster.push([pageNumber, done.raster]);
    } catch (e) {
      const reason = explainPdfError(e);
      throw new DocumentError(`page ${pageNumber} of ${pageCount}: ${reason.message}`, (reason as DocumentError).hint);
    } finally {
      page?.cleanup();
    }
    progress(pageNumber - from + 1, to - from + 1);
  }
  return out;
}

/**
 * The document rules and the download, from the pages of every part (in
 * order). `rasterizedBecause` is set when pdf-lib could not open the file,
 * so every page was rasterized; `doc` is pdf-lib's copy when already open.
 */
async function finishPdf(
  bytes: Uint8Array,
  pdf: PDFDocumentProxy,
  job: ProcessJob,
  parts: PartPages[],
  rasterizedBecause: string | undefined,
  doc?: Awaited<ReturnType<typeof openForRebuild>>['doc'],
): Promise<ProcessResult> {
  const pageCount = pdf.numPages;
  const pages = parts.flatMap((p) => p.pages);
  if (pages.length !== pageCount || pages.some((p, i) => p.pageNumber !== i + 1)) throw new Error(`the parts of a ${pageCount}-page PDF do not cover its pages once each, in order`);
  const findings: Finding[] = parts.flatMap((p) => p.findings);
  const open = async (b: Uint8Array) => openPdf(b, job.options.maxInputPixels);
  for (const rule of rulesFor('pdf-document')) findings.push(...(await timed('audit', () => rule.check({ bytes, pdf, open }))));
  const source = rasterizedBecause !== undefined ? undefined : (doc ?? (await timed('download', () => openForRebuild(bytes))).doc);
  if (rasterizedBecause === undefined && !source) throw new RebuildError('pdf-lib could no longer open the file');
  try {
    await timed('download', () => writeCleanPdf(source, pageCount, new Map(parts.flatMap((p) => p.raster)), path.join(job.outDir, 'download.pdf')));
  } catch (e) {
    if (!source) throw e;
    throw new RebuildError(String((e as Error)?.message ?? e).split('\n')[0]);
  }
  await rm(path.join(job.outDir, 'raster'), { recursive: true, force: true });
  return {
    type: 'pdf',
    pageCount,
    pages,
    thumbnail: parts[0]?.thumbnail ?? { widthPx: 0, heightPx: 0 },
    downloadExtension: 'pdf',
    findings,
    downloadNote: source ? undefined : `every page was rasterized: the PDF's structure could not be rebuilt (${rasterizedBecause})`,
  };
}

interface PageContext {
  optionalContent: OptionalContentLike;
  /** Rasterize this page in the download whatever it holds. */
  rasterize: boolean;
  findings: Finding[];
}

async function processPage(page: PDFPageProxy, pdf: PDFDocumentProxy, job: ProcessJob, ctx: PageContext) {
  const pageNumber = page.pageNumber;
  const unit = page.getViewport({ scale: 1 });
  if (!(unit.width > 0 && unit.height > 0)) throw new DocumentError('the page has no size');
  const space: PageSpace = { width: unit.width, height: unit.height, transform: unit.transform as Matrix };

  // Render first: the audit reads the operator list pdf.js built for rendering, instead of parsing the page twice.
  const pixels = await timed('render', () => renderPixels(page, pdf, job));
  const ops = renderedOperatorList(page) ?? (await timed('audit', () => page.getOperatorList({ annotationMode: AnnotationMode.DISABLE })));
  const flags = sectionVisibility(ops, ctx.optionalContent);
  const hidden = usesHiddenContent(flags);
  const content = await timed('text', () => page.getTextContent({ includeMarkedContent: true }));
  const visible = visibleItems(content.items as (TextItemLike & { type?: string })[], flags);
  // If the two walks disagree, text of a hidden layer could slip through: keep none.
  const items = hidden && !visible.matched ? [] : visible.items;
  const glyphs = await timed('text', () => glyphsOf(items, space, relativeWidth));
  const annotations = (await timed('audit', () => page.getAnnotations())) as AnnotationLike[];

  const pageFindings: Finding[] = [];
  await timed('audit', () => {
    const shapes = filledShapes(ops, space);
    for (const rule of rulesFor('pdf-page')) pageFindings.push(...rule.check({ pageNumber, space, glyphs, shapes, annotations, pixels }));
  });

  // Redactions: declared boxes, plus found boxes when the sidecar asks for them.
  const redactions: { box: Box; reason: string }[] = (job.redaction?.boxes ?? [])
    .filter((r) => r.page === pageNumber)
    .map((r) => ({ box: r.box, reason: r.reason }));
  for (const { box } of redactions) {
    // A box that misses the page would burn nothing while the editor believes the words are gone.
    if (box.x >= space.width || box.y >= space.height || box.x + box.width <= 0 || box.y + box.height <= 0) {
      throw new DocumentError(
        `redactions: the box [${box.x}, ${box.y}, ${box.width}, ${box.height}] on page ${pageNumber} lies outside the page (${Math.round(space.width)} × ${Math.round(space.height)} points): nothing would be redacted`,
        'boxes are [x, y, width, height] in points from the top-left corner of the page; measure the box again',
      );
    }
  }
  const foundReason = job.redaction?.foundBoxesReason;
  if (foundReason) {
    for (const f of pageFindings) if (f.box && FOUND_BOX_RULES.has(f.rule)) redactions.push({ box: f.box, reason: foundReason });
  }
  const boxes = redactions.map((r) => r.box);
  const removed = new Set<number>();
  if (boxes.length > 0) {
    burn(pixels, boxes);
    glyphs.forEach((g, i) => isRedacted(g, boxes) && removed.add(i));
    for (const f of pageFindings) {
      if (!f.box || !FOUND_BOX_RULES.has(f.rule)) continue;
      const under = glyphs.filter((g, i) => g.char.trim() !== '' && coverage(g.box, f.box!) >= 0.5 && !removed.has(i));
      if (under.length === 0) f.resolvedBy = 'redaction';
    }
  }
  const text = await timed('text', () => cleanText(pageText(items, glyphs, removed)));
  await timed('audit', () => {
    // Personal information in the text gets the box of the glyphs it came from.
    const locate = textLocator(text, items, glyphs, removed);
    for (const rule of rulesFor('text')) pageFindings.push(...rule.check(pageNumber, text, locate));
  });
  ctx.findings.push(...pageFindings);

  const encoded = await timed('encode', () => encodePage(pixels, job, pageNumber));
  let raster: RasterPage | undefined;
  if (ctx.rasterize || boxes.length > 0 || hidden) {
    const jpegFile = path.join(job.outDir, 'raster', `${pageNumber}.jpg`);
    await mkdir(path.dirname(jpegFile), { recursive: true });
    await timed('download', () => toSharp(pixels).jpeg({ quality: 85 }).toFile(jpegFile));
    raster = { width: space.width, height: space.height, jpegFile, glyphs: glyphs.filter((_, i) => !removed.has(i)) };
  }
  const result: PageResult = {
    pageNumber,
    widthPx: pixels.width,
    heightPx: pixels.height,
    text,
    ...(redactions.length > 0 ? { redactions: redactions.map((r) => r.reason) } : {}),
  };
  return { result, thumbnail: encoded.thumbnail, raster };
}

interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray; width: number; height: number } };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(cc: CanvasAndContext): void;
}

/** A rendered page; `opaque` when every pixel's alpha is 255 (then no flattening is needed). */
type PagePixels = RgbaPixels & { opaque: boolean };

async function renderPixels(page: PDFPageProxy, pdf: PDFDocumentProxy, job: ProcessJob): Promise<PagePixels> {
  const { pageWidthPx } = job.options;
  const unit = page.getViewport({ scale: 1 });
  const scale = Math.min(pageWidthPx / unit.width, (pageWidthPx * MAX_ASPECT) / unit.height);
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const factory = pdf.canvasFactory as CanvasFactory;
  const cc = factory.create(width, height);
  try {
    await page.render({
      canvas: cc.canvas as never,
      canvasContext: cc.context as never,
      viewport,
      annotationMode: AnnotationMode.DISABLE,
    }).promise;
    // `data()` is a copy we own (the canvas is released below, and redaction writes into it), made
    // ten times faster than getImageData. Its pixels are premultiplied, which is the same thing for
    // opaque pixels; pdf.js paints pages on white, so anything else falls back to getImageData.
    const data = new Uint8Array((cc.canvas as unknown as { data(): Buffer }).data());
    if (data.length === width * height * 4 && isOpaque(data)) return { data, width, height, scale, opaque: true };
    const image = cc.context.getImageData(0, 0, width, height);
    return { data: new Uint8Array(image.data), width, height, scale, opaque: false };
  } finally {
    factory.destroy(cc);
  }
}

/** Every alpha byte is 255; on little-endian machines read four bytes at a time (alpha is the high byte). */
function isOpaque(rgba: Uint8Array): boolean {
  if (LITTLE_ENDIAN && rgba.byteOffset % 4 === 0) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length >>> 2);
    for (let i = 0; i < words.length; i++) if (words[i]! >>> 24 !== 255) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[];
  lastChunk: boolean;
}

/**
 * The operator list pdf.js built to render the page (display intent, no
 * annotations), read from pdf.js's own per-intent state after rendering.
 * That state is internal to pdf.js (pinned in package.json, and its version
 * is part of every cache key); if it is not there, or not complete, the
 * caller asks pdf.js for the list the public way, so the audit never runs
 * on less than the whole page.
 */
function renderedOperatorList(page: PDFPageProxy): OperatorListLike | undefined {
  try {
    const internals = page as unknown as {
      _transport: { getRenderingIntent(intent: string, annotationMode: number): { cacheKey: string } };
      _intentStates: Map<string, { operatorList?: OperatorListLike }>;
    };
    const { cacheKey } = internals._transport.getRenderingIntent('display', AnnotationMode.DISABLE);
    const list = internals._intentStates.get(cacheKey)?.operatorList;
    if (!list?.lastChunk || !Array.isArray(list.fnArray) || list.fnArray.length !== list.argsArray.length) return undefined;
    return list;
  } catch {
    return undefined;
  }
}

function toSharp(pixels: PagePixels) {
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  const image = sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
  // The encoded images carry no alpha channel. An opaque page just drops it; flattening (on
  // white, as pdf.js paints pages) is only for one that is not, as it costs ~15 ms a page.
  return pixels.opaque ? image.removeAlpha() : image.flatten({ background: '#ffffff' });
}

async function encodePage(pixels: PagePixels, job: ProcessJob, pageNumber: number) {
  const { thumbWidthPx, webpQuality } = job.options;
  const image = toSharp(pixels);
  await image.clone().webp({ quality: webpQuality, effort: job.options.webpEffort }).toFile(path.join(job.outDir, 'pages', `${pageNumber}.webp`));
  let thumbnail: { widthPx: number; heightPx: number } | undefined;
  if (pageNumber === 1) {
    const info = await image.clone().resize({ width: thumbWidthPx }).webp({ quality: webpQuality, effort: job.options.webpEffort }).toFile(path.join(job.outDir, 'thumb.webp'));
    thumbnail = { widthPx: info.width, heightPx: info.height };
  }
  return { thumbnail };
}

export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

