/**
 * PDF processor. For each page, one at a time (memory does not grow with the
 * page count): text with pdf.js, the page rendered by pdf.js into raw RGBA
 * pixels, the audit's page rules over both, redactions burned into the
 * pixels and removed from the text, then the pixels go straight to sharp for
 * the WebP page image and thumbnail. Then the document rules, and the
 * download rebuilt from scratch (see processors/sanitize/clean-pdf.ts).
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
import path from 'node:path';
import { AnnotationMode, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { filledShapes } from '../audit/filled-shapes.ts';
import { alignGlyphs } from '../audit/align-glyphs.ts';
import { drawnGlyphs } from '../audit/drawn-glyphs.ts';
import { coverage, glyphsOf, type Glyph, type Matrix, type PageSpace, type TextItemLike } from '../audit/geometry.ts';
import { relativeWidth } from '../audit/glyph-widths.ts';
import { sectionVisibility, usesHiddenContent, visibleItems, type OptionalContentLike } from '../audit/hidden-content.ts';
import { rulesFor } from '../audit/rules/index.ts';
import { textLocator } from '../audit/text-boxes.ts';
import { FOUND_BOX_RULES, FOUND_TEXT_RULES } from '../audit/finding-groups.ts';
import type { AnnotationLike, Box, Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { burn, pageText, redactedBy } from '../redact/apply.ts';
import { textRedactionBoxes } from '../redact/pdf-text-redaction.ts';
import { summedTextRedactions, TextRedactor, textRedactionCounts } from '../redact/text-redactor.ts';
import { openForRebuild, writeCleanPdf, type RasterPage } from './sanitize/clean-pdf.ts';
import { timed } from '../documents/stage-clock.ts';
import { explainPdfError, openPdf, type OpenedPdf } from './pdfjs.ts';
import { rasterForDownload } from './pdf-download-raster.ts';
import { renderedOperatorList, renderPixels, scaleFor, toSharp, type PagePixels } from './pdf-render.ts';
import { fontsOf, pageVisibility } from './pdf-visibility.ts';
import { isTextOnWhite, overWhite } from './pdf-text-on-white.ts';
import { pdfPageText } from './pdf-page-ocr.ts';
import { writeZoomImage, zoomFactor } from './pdf-zoom.ts';
import type { PageResult, JobAnswer, PartPages, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

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
  const redactor = new TextRedactor(job.redaction?.texts ?? [], job.audit);
  for (let pageNumber = from; pageNumber <= to; pageNumber++) {
    let page: PDFPageProxy | undefined;
    try {
      page = await pdf.getPage(pageNumber);
      const done = await processPage(page, pdf, job, { optionalContent, rasterize: rasterizeAll, findings: out.findings, redactor });
      out.pages.push(done.result);
      if (done.thumbnail) out.thumbnail = done.thumbnail;
      if (done.raster) out.raster.push([pageNumber, done.raster]);
      if (done.ocrWords.length > 0) (out.ocrWords ??= []).push([pageNumber, done.ocrWords]);
    } catch (e) {
      const reason = explainPdfError(e);
      throw new DocumentError(`page ${pageNumber} of ${pageCount}: ${reason.message}`, (reason as DocumentError).hint);
    } finally {
      page?.cleanup();
    }
    progress(pageNumber - from + 1, to - from + 1);
  }
  return { ...out, ...textRedactionCounts(redactor) };
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
  if (pages.length !== pageCount || pages.some((p, i) => p.pageNumber !== i + 1))
    throw new Error(`the parts of a ${pageCount}-page PDF do not cover its pages once each, in order`);
  const findings: Finding[] = parts.flatMap((p) => p.findings);
  const open = async (b: Uint8Array) => openPdf(b, job.options.maxInputPixels);
  for (const rule of rulesFor('pdf-document')) findings.push(...(await timed('audit', () => rule.check({ bytes, pdf, open }))));
  const source = rasterizedBecause !== undefined ? undefined : (doc ?? (await timed('download', () => openForRebuild(bytes))).doc);
  if (rasterizedBecause === undefined && !source) throw new RebuildError('pdf-lib could no longer open the file');
  let rebuilt;
  try {
    const raster = new Map(parts.flatMap((p) => p.raster));
    const rasterize = (n: number) => rasterForDownload(pdf, job, n);
    const ocrWords = new Map(parts.flatMap((p) => p.ocrWords ?? []));
    rebuilt = await timed('download', () => writeCleanPdf(source, pageCount, { raster, ocrWords }, path.join(job.outDir, 'download.pdf'), rasterize));
  } catch (e) {
    if (!source) throw e;
    throw new RebuildError(String((e as Error)?.message ?? e).split('\n')[0]);
  }
  findings.push(...rebuilt.findings);
  await rm(path.join(job.outDir, 'raster'), { recursive: true, force: true });
  return {
    type: 'pdf',
    pageCount,
    pages,
    thumbnail: parts[0]?.thumbnail ?? { widthPx: 0, heightPx: 0 },
    downloadExtension: 'pdf',
    findings,
    downloadNote: source ? rasterizedNote(rebuilt.rasterized) : `every page was rasterized: the PDF's structure could not be rebuilt (${rasterizedBecause})`,
    ...summedTextRedactions(parts),
  };
}

/** Says which pages the download has as images because they could not be rebuilt safely, and why (the first reasons). */
function rasterizedNote(pages: { page: number; reason: string }[]): string | undefined {
  if (pages.length === 0) return undefined;
  const reasons = [...new Set(pages.map((p) => p.reason))];
  const list =
    pages.length > 10
      ? `${pages
          .slice(0, 10)
          .map((p) => p.page)
          .join(', ')} and ${pages.length - 10} more`
      : pages.map((p) => p.page).join(', ');
  return `page${pages.length > 1 ? 's' : ''} ${list} published as images in the download: ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? '; …' : ''}`;
}

interface PageContext {
  optionalContent: OptionalContentLike;
  /** Rasterize this page in the download whatever it holds. */
  rasterize: boolean;
  findings: Finding[];
  /** `redactText` of the document (its counts run over every page of the part). */
  redactor: TextRedactor;
}

async function processPage(page: PDFPageProxy, pdf: PDFDocumentProxy, job: ProcessJob, ctx: PageContext) {
  const pageNumber = page.pageNumber;
  const unit = page.getViewport({ scale: 1 });
  if (!(unit.width > 0 && unit.height > 0)) throw new DocumentError('the page has no size');
  const space: PageSpace = { width: unit.width, height: unit.height, transform: unit.transform as Matrix };

  // Render first: the audit reads the operator list pdf.js built for rendering, instead of parsing the page twice.
  // The audit's text-only render comes first; a page of plain text is that render over white (pdf-text-on-white.ts).
  const scale = scaleFor(page, job.options.pageWidthPx);
  const textOnly = await timed('audit', () => renderPixels(page, pdf, scale, 'text-only'));
  const ops = renderedOperatorList(page) ?? (await timed('audit', () => page.getOperatorList({ annotationMode: AnnotationMode.DISABLE })));
  const fonts = fontsOf(page);
  const textOnWhite = isTextOnWhite(ops, fonts.type3);
  const pixels = textOnWhite ? await timed('render', () => overWhite(textOnly)) : await timed('render', () => renderPixels(page, pdf, scale));
  const flags = sectionVisibility(ops, ctx.optionalContent);
  const hiddenLayers = usesHiddenContent(flags);
  const content = await timed('text', () => page.getTextContent({ includeMarkedContent: true }));
  const visible = visibleItems(content.items as (TextItemLike & { type?: string })[], flags);
  // If the two walks disagree, text of a hidden layer could slip through: keep none.
  const items = hiddenLayers && !visible.matched ? [] : visible.items;
  // Characters get the exact boxes of what the page draws, so redactions and findings land on the right letters.
  const drawn = await timed('text', () => drawnGlyphs(ops, space, fonts, flags));
  const glyphs = await timed('text', () => alignGlyphs(glyphsOf(items, space, relativeWidth), drawn));
  const annotations = (await timed('audit', () => page.getAnnotations())) as AnnotationLike[];

  const shapes = await timed('audit', () => filledShapes(ops, space));
  const { hidden, hiddenByAnnotations } = await pageVisibility(page, pdf, { published: pixels, textOnly }, drawn, ops, space, shapes, annotations);
  const pageFindings: Finding[] = [];
  await timed('audit', () => {
    const input = { pageNumber, space, glyphs, annotations, hidden, hiddenByAnnotations };
    for (const rule of rulesFor('pdf-page')) pageFindings.push(...rule.check(input));
  });

  const { burned, dropped } = redactionsOf(job, pageNumber, space, pageFindings);
  // redactText: the words it matches in the text layer are redacted as boxes over their glyphs.
  burned.push(...(await timed('text', () => textRedactionBoxes(items, glyphs, ctx.redactor))));
  const redacted = new PageRedactions(pixels, glyphs);
  redacted.add(burned, dropped);
  if (redacted.any) resolveFoundBoxes(pageFindings, glyphs, redacted.removed);
  const layer = await timed('text', () => cleanText(pageText(items, glyphs, redacted.removed, redacted.reasons)));
  await timed('audit', () => {
    // Personal information in the text gets the box of the glyphs it came from.
    const locate = textLocator(layer, items, glyphs, redacted.removed, redacted.reasons);
    for (const rule of rulesFor('text')) pageFindings.push(...rule.check(pageNumber, layer, locate, job.audit));
  });
  // Pages that show print their text layer does not hold are read by OCR (see pdf-page-ocr.ts).
  const read = await pdfPageText(page, pdf, job, {
    layer,
    glyphs,
    layerFindings: pageFindings,
    renders: textOnWhite ? undefined : { published: pixels, textOnly },
    boxes: redacted.boxes,
    redactor: ctx.redactor,
  });
  ctx.findings.push(...pageFindings, ...read.findings);
  // What redactText matched in the words OCR read (a scan, print outside the layer) is burned too, and its glyphs, if any, go.
  redacted.add(read.redacted);

  // Small print and sharp pictures get a zoom image, rendered again with every redaction burned in (pdf-zoom.ts).
  const zoom = zoomFactor(scale, space, glyphs, shapes);
  const fullImage = zoom ? await timed('zoom', () => writeZoomImage(page, pdf, scale * zoom, redacted.boxes, job.outDir, job.options.webpQuality)) : undefined;
  const encoded = await timed('encode', () => encodePage(pixels, job, pageNumber));
  let raster: RasterPage | undefined;
  if (ctx.rasterize || redacted.any || hiddenLayers) {
    const jpegFile = path.join(job.outDir, 'raster', `${pageNumber}.jpg`);
    await mkdir(path.dirname(jpegFile), { recursive: true });
    await timed('download', () => toSharp(pixels).jpeg({ quality: 85 }).toFile(jpegFile));
    raster = { width: space.width, height: space.height, jpegFile, glyphs: glyphs.filter((_, i) => !redacted.removed.has(i)) };
  }
  const result: PageResult = {
    pageNumber,
    widthPx: pixels.width,
    heightPx: pixels.height,
    boxScale: scale,
    text: read.text,
    ...(read.ocr ? { ocr: read.ocr } : {}),
    ...(fullImage ? { fullImage } : {}),
    ...(redacted.any ? { redactions: redacted.reasonCodes } : {}),
  };
  return { result, thumbnail: encoded.thumbnail, raster, ocrWords: read.words };
}

type Redaction = { box: Box; reason: string };

/**
 * A page's redactions as they are applied: burned boxes go into the pixels;
 * the glyphs a burned or dropped box touches are removed from the text, each
 * with the reason code of the first box that removes it.
 */
class PageRedactions {
  readonly burned: Redaction[] = [];
  readonly dropped: Redaction[] = [];
  readonly removed = new Set<number>();
  readonly reasons = new Map<number, string>();
  private readonly pixels: PagePixels;
  private readonly glyphs: Glyph[];

  constructor(pixels: PagePixels, glyphs: Glyph[]) {
    this.pixels = pixels;
    this.glyphs = glyphs;
  }

  /** Burns `burned` into the page and removes what it and `dropped` (burned nowhere: the reader saw nothing there) cover from the text. */
  add(burned: Redaction[], dropped: Redaction[] = []): void {
    if (burned.length + dropped.length === 0) return;
    burn(
      this.pixels,
      burned.map((r) => r.box),
    );
    this.burned.push(...burned);
    this.dropped.push(...dropped);
    const all = [...burned, ...dropped];
    this.glyphs.forEach((g, i) => {
      if (this.removed.has(i)) return;
      const reason = redactedBy(g, all);
      if (reason === undefined) return;
      this.removed.add(i);
      this.reasons.set(i, reason);
    });
  }

  get any(): boolean {
    return this.burned.length + this.dropped.length > 0;
  }

  /** The burned boxes so far. */
  get boxes(): Box[] {
    return this.burned.map((r) => r.box);
  }

  /** One reason code per redaction, for the page. */
  get reasonCodes(): string[] {
    return [...this.burned, ...this.dropped].map((r) => r.reason);
  }
}

/** A found box whose text the redactions removed entirely is resolved by them. */
function resolveFoundBoxes(findings: Finding[], glyphs: Glyph[], removed: Set<number>): void {
  for (const f of findings) {
    if (!f.box || !(FOUND_BOX_RULES.has(f.rule) || FOUND_TEXT_RULES.has(f.rule))) continue;
    const under = glyphs.filter((g, i) => g.char.trim() !== '' && coverage(g.box, f.box!) >= 0.5 && !removed.has(i));
    if (under.length === 0) f.resolvedBy = 'redaction';
  }
}

/**
 * The page's redactions: declared boxes (burned into the page), plus, when
 * the sidecar asks for found boxes, the boxes of findings: burned over what
 * covers text, text dropped without burning where the reader saw nothing.
 */
function redactionsOf(job: ProcessJob, pageNumber: number, space: PageSpace, findings: Finding[]): { burned: Redaction[]; dropped: Redaction[] } {
  const burned: Redaction[] = (job.redaction?.boxes ?? []).filter((r) => r.page === pageNumber).map((r) => ({ box: r.box, reason: r.reason }));
  for (const { box } of burned) {
    // A box that misses the page would burn nothing while the editor believes the words are gone.
    if (box.x >= space.width || box.y >= space.height || box.x + box.width <= 0 || box.y + box.height <= 0) {
      throw new DocumentError(
        `redactions: the box [${box.x}, ${box.y}, ${box.width}, ${box.height}] on page ${pageNumber} lies outside the page (${Math.round(space.width)} × ${Math.round(space.height)} points): nothing would be redacted`,
        'boxes are [x, y, width, height] in points from the top-left corner of the page; measure the box again',
      );
    }
  }
  const dropped: Redaction[] = [];
  const reason = job.redaction?.foundBoxesReason;
  if (reason) {
    for (const f of findings) if (f.box && FOUND_BOX_RULES.has(f.rule)) burned.push({ box: f.box, reason });
    for (const f of findings) if (f.box && FOUND_TEXT_RULES.has(f.rule)) dropped.push({ box: f.box, reason });
  }
  return { burned, dropped };
}

async function encodePage(pixels: PagePixels, job: ProcessJob, pageNumber: number) {
  const { thumbWidthPx, webpQuality } = job.options;
  // A fresh pipeline per output rather than `clone()`: sharp's clone copies its options, the page's raw pixels included.
  await toSharp(pixels)
    .webp({ quality: webpQuality, effort: job.options.webpEffort })
    .toFile(path.join(job.outDir, 'pages', `${pageNumber}.webp`));
  // The page grid's small image: a linear resize and the fastest encoding (it is 150 px wide; lanczos and effort 2 cost
  // a third more for no visible difference at that size).
  await toSharp(pixels)
    .resize({ width: job.options.pageThumbWidthPx, kernel: 'linear' })
    .webp({ quality: webpQuality, effort: 0 })
    .toFile(path.join(job.outDir, 'pages', `${pageNumber}-thumb.webp`));
  let thumbnail: { widthPx: number; heightPx: number } | undefined;
  if (pageNumber === 1) {
    const info = await toSharp(pixels)
      .resize({ width: thumbWidthPx })
      .webp({ quality: webpQuality, effort: job.options.webpEffort })
      .toFile(path.join(job.outDir, 'thumb.webp'));
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
