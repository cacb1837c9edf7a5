/**
 * Image processor (JPEG, PNG, TIFF including multi-page, WebP, GIF's first
 * frame): orientation applied from EXIF first, then every kind of metadata
 * dropped (sharp keeps none unless asked), so neither the page images nor
 * the download carry EXIF, GPS, XMP or IPTC. Each page of a multi-page TIFF
 * is a page of the document. Declared redaction boxes are burned into the
 * pixels, so the page images and the download (re-encoded from the same
 * pixels) both have them. An image larger than the page image also gets a
 * full-resolution WebP for zooming (`pages/<n>-full.webp`). A pixel limit
 * per page, and one for all pages of a file together, make decompression
 * bombs fail clearly.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { rulesFor } from '../audit/rules/index.ts';
import { intersection } from '../audit/geometry.ts';
import type { Box, Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { burn } from '../redact/apply.ts';
import { readMetadata } from './image-source-metadata.ts';
import { storedPages, uprightSize } from './tiff-pages.ts';
import { timed } from '../documents/stage-clock.ts';
import { pictureText } from './ocr/page-text.ts';
import { summedTextRedactions, TextRedactor, textRedactionCounts } from '../redact/text-redactor.ts';
import { DEFAULT_OCR_LANGUAGES } from '../../lib/ocr-languages.ts';

/** Pictures are read at least this wide (a letter page at 200 dpi): smaller ones are enlarged for reading (ocr/page-text.ts). */
const READ_WIDTH_PX = 1700;
import type { DeclaredRedaction, ImagePlan, JobAnswer, PageResult, PartPages, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** The download keeps the source's format, re-encoded without metadata. */
const DOWNLOAD_FORMAT: Record<string, 'jpeg' | 'png' | 'tiff' | 'webp' | 'gif'> = {
  jpeg: 'jpeg',
  png: 'png',
  tiff: 'tiff',
  webp: 'webp',
  gif: 'gif',
};

/** Most pages read from one multi-page TIFF (fax batches, scanned bundles). */
const MAX_TIFF_PAGES = 2000;

/** WebP holds at most this many pixels a side: larger full-resolution images are scaled to fit. */
const WEBP_MAX_SIDE_PX = 16_383;

export const imageProcessor: Processor = {
  type: 'image',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const answer = await processImageJob({ ...job, part: undefined }, progress);
    if (answer.kind !== 'result') throw new Error(`a whole-document image job answered "${answer.kind}"`);
    return answer.result;
  },
};

/** What a first look at the file says, before any page is drawn. */
interface ImageFile {
  format: string;
  hasAlpha: boolean;
  pageCount: number;
  downloadFormat: (typeof DOWNLOAD_FORMAT)[string];
  extension: string;
}

/**
 * An image job: the whole file (unless it is a TIFF of more pages than
 * `job.part.splitAbove`: then only how its pages are to be made, to split
 * it), one part's pages, or the finish of a split TIFF from its parts.
 */
export async function processImageJob(job: ProcessJob, progress: ProgressFn): Promise<JobAnswer> {
  const request = job.part;
  try {
    const file = await inspect(job);
    if (request?.kind === 'pages' || request?.kind === 'finish') {
      if (!request.image) throw new Error(`a ${request.kind} job for an image came without its plan`);
      if (request.kind === 'pages') return { kind: 'pages', ...(await drawPages(job, request.image, request.from, request.to, progress)).part };
      return { kind: 'result', result: await finish(job, file, request.image, request.parts) };
    }
    const plan = await planPages(job, file);
    if (request?.splitAbove !== undefined && file.pageCount > request.splitAbove) return { kind: 'split', pageCount: file.pageCount, image: plan };
    const { part, first } = await drawPages(job, plan, 1, file.pageCount, progress);
    return { kind: 'result', result: await finish(job, file, plan, [part], first) };
  } catch (e) {
    throw explainImageError(e, job.options.maxInputPixels);
  }
}

/** Every page is read on its own, under the pixel limit: a decompression bomb fails clearly. */
function input(job: ProcessJob, page = 0): Sharp {
  return sharp(job.absPath, { limitInputPixels: job.options.maxInputPixels, failOn: 'error', page });
}

async function inspect(job: ProcessJob): Promise<ImageFile> {
  const meta = await input(job).metadata();
  const format = meta.format ?? 'unknown';
  if (!meta.width || !meta.height) throw new DocumentError('the image has no size');
  // TIFF pages are pages of the document; of an animated GIF or WebP only the first frame is.
  const pageCount = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const downloadFormat = DOWNLOAD_FORMAT[format];
  if (!downloadFormat) {
    throw new DocumentError(`images in ${format} format are not supported`, 'convert it to JPEG, PNG or TIFF');
  }
  if (pageCount > MAX_TIFF_PAGES) {
    throw new DocumentError(`the TIFF has ${pageCount} pages, more than the limit of ${MAX_TIFF_PAGES}`, 'split it into several documents');
  }
  const extension = format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : format;
  return { format, hasAlpha: meta.hasAlpha ?? false, pageCount, downloadFormat, extension };
}

/**
 * How every page is to be made, decided before the first is drawn: each
 * page of a TIFF has its own size and orientation tag, the pixels of all
 * pages together are capped (2,000 pages each under the per-page limit can
 * still take hours and fill the disk), and a multi-page download is joined
 * from upright page files when any page needs turning or redacting.
 */
async function planPages(job: ProcessJob, file: ImageFile): Promise<ImagePlan> {
  const { maxInputPixels, maxTotalPixels } = job.options;
  const stored = await timed('open', () => storedPages(job.absPath, file.pageCount, maxInputPixels));
  let totalPixels = 0;
  for (const [i, page] of stored.entries()) {
    if (page.width * page.height > maxInputPixels) {
      throw new DocumentError(
        `page ${i + 1} of the TIFF is larger than the limit of ${maxInputPixels.toLocaleString('en')} pixels`,
        'scale it down before publishing; very large images can exhaust memory (decompression bombs)',
      );
    }
    totalPixels += page.width * page.height;
    if (totalPixels > maxTotalPixels) {
      throw new DocumentError(
        `the TIFF's pages hold more than ${maxTotalPixels.toLocaleString('en')} pixels in all (the limit was passed at page ${i + 1} of ${file.pageCount})`,
        'split it into several documents or scale its pages down; a file whose pages add up to this many pixels can be a decompression bomb',
      );
    }
  }
  const turned = stored.some((p) => p.orientation !== undefined && p.orientation !== 1);
  // Any page with transparency has its hidden colour cleared, so its download is made from the cleared pixels.
  const hasAlpha = file.hasAlpha || stored.some((p) => p.alpha);
  // redactText may burn boxes into any page OCR reads: the download is then rebuilt from the pages as drawn.
  const mayRedact = (job.redaction?.boxes.length ?? 0) > 0 || ((job.redaction?.texts?.length ?? 0) > 0 && job.ocr !== false);
  const rebuild = file.pageCount > 1 && (turned || hasAlpha || mayRedact);
  return { hasAlpha, rebuild, widths: stored.map((p) => uprightSize(p).width) };
}

/** Pages `from` to `to` (1-based): page images, full-resolution images, the thumbnail with page 1, and upright files for a rebuilt download. */
async function drawPages(job: ProcessJob, plan: ImagePlan, from: number, to: number, progress: ProgressFn): Promise<{ part: PartPages; first?: Sharp }> {
  const { pageWidthPx, thumbWidthPx, webpQuality, webpEffort } = job.options;
  await mkdir(path.join(job.outDir, 'pages'), { recursive: true });
  if (plan.rebuild) await mkdir(path.join(job.outDir, 'upright'), { recursive: true });
  const declared = job.redaction?.boxes ?? [];
  const part: PartPages = { from, to, pages: [], findings: [], raster: [] };
  const redactor = new TextRedactor(job.redaction?.texts ?? [], job.audit);
  let first: Sharp | undefined;
  for (let n = from; n <= to; n++) {
    const drawn = await readAndRedact(job, plan, n, declared, redactor);
    const { upright, read, boxes, cleared } = drawn;
    if (cleared > 0)
      part.findings.push({
        rule: 'transparent-colour',
        page: n,
        evidence: `${cleared.toLocaleString('en')} fully transparent pixel${cleared > 1 ? 's' : ''} had colour`,
      });
    part.findings.push(...(read?.findings ?? []));
    if (n === 1) first = upright;
    // sharp decodes as it encodes: a page's decoding counts as its encoding.
    const page = await timed('encode', () =>
      upright
        .clone()
        .resize({ width: pageWidthPx, withoutEnlargement: true })
        .webp({ quality: webpQuality, effort: webpEffort })
        .toFile(path.join(job.outDir, 'pages', `${n}.webp`)),
    );
    await timed('encode', () =>
      upright
        .clone()
        .resize({ width: job.options.pageThumbWidthPx, withoutEnlargement: true, kernel: 'linear' })
        .webp({ quality: webpQuality, effort: 0 })
        .toFile(path.join(job.outDir, 'pages', `${n}-thumb.webp`)),
    );
    let fullImage: PageResult['fullImage'];
    if (plan.widths[n - 1] > page.width) {
      const full = await timed('encode', () =>
        upright
          .clone()
          .resize({ width: WEBP_MAX_SIDE_PX, height: WEBP_MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: webpQuality, effort: webpEffort })
          .toFile(path.join(job.outDir, 'pages', `${n}-full.webp`)),
      );
      fullImage = { widthPx: full.width, heightPx: full.height };
    }
    part.pages.push({
      pageNumber: n,
      widthPx: page.width,
      heightPx: page.height,
      boxScale: page.width / plan.widths[n - 1]!,
      text: read?.text ?? '',
      ...(read ? { ocr: read.ocr } : {}),
      ...(fullImage ? { fullImage } : {}),
      ...(boxes.length > 0 ? { redactions: boxes.map((r) => r.reason) } : {}),
    });
    if (n === 1) {
      const thumb = await timed('encode', () =>
        upright
          .clone()
          .resize({ width: thumbWidthPx, withoutEnlargement: true })
          .webp({ quality: webpQuality, effort: webpEffort })
          .toFile(path.join(job.outDir, 'thumb.webp')),
      );
      part.thumbnail = { widthPx: thumb.width, heightPx: thumb.height };
    }
    if (plan.rebuild)
      await timed('download', () =>
        upright
          .clone()
          .tiff({ compression: 'lzw' })
          .toFile(uprightFile(job, n - 1)),
      );
    progress(n - from + 1, to - from + 1);
  }
  return { part: { ...part, ...textRedactionCounts(redactor) }, first };
}

/**
 * Page `n` upright with its declared boxes burned in, read by OCR before
 * anything is encoded: what `redactText` matches in the words read is burned
 * in too (the page is drawn again with those boxes).
 */
async function readAndRedact(job: ProcessJob, plan: ImagePlan, n: number, declared: DeclaredRedaction[], redactor: TextRedactor) {
  let boxes = declared.filter((r) => r.page === n);
  const first = await uprightPage(
    input(job, n - 1),
    boxes.map((r) => r.box),
    plan.hasAlpha,
    n,
  );
  let upright = first.image;
  const read =
    job.ocr === false
      ? undefined
      : await pictureText(upright, plan.widths[n - 1]!, n, job.ocr ?? [...DEFAULT_OCR_LANGUAGES], job.audit, { readWidthPx: READ_WIDTH_PX, redact: redactor });
  if (read && read.redacted.length > 0) {
    boxes = [...boxes, ...read.redacted.map((r) => ({ page: n, ...r }))];
    upright = (
      await uprightPage(
        input(job, n - 1),
        boxes.map((r) => r.box),
        plan.hasAlpha,
        n,
      )
    ).image;
  }
  return { upright, read, boxes, cleared: first.cleared };
}

/** The download and the file's findings, from the pages of every part (in order). `first` is page 1 as drawn, for a one-page file. */
async function finish(job: ProcessJob, file: ImageFile, plan: ImagePlan, parts: PartPages[], first?: Sharp): Promise<ProcessResult> {
  const { maxInputPixels } = job.options;
  const { pageCount, downloadFormat, extension } = file;
  const pages = parts.flatMap((p) => p.pages);
  if (pages.length !== pageCount || pages.some((p, i) => p.pageNumber !== i + 1))
    throw new Error(`the parts of ${job.absPath} do not hold pages 1–${pageCount} in order`);
  // Re-encoded, never copied: sharp keeps no metadata unless asked.
  let download: Sharp;
  if (plan.rebuild) {
    const files = Array.from({ length: pageCount }, (_, i) => uprightFile(job, i));
    // Pages of one output TIFF share a size: a page turned the other way is centred on white, not cropped.
    download = sharp(files, { limitInputPixels: maxInputPixels, failOn: 'error', join: { animated: true, background: '#ffffff' } }).tiff({
      compression: 'lzw',
    });
  } else if (pageCount > 1) {
    // No page is turned or redacted: the pages go through as they are, without holding them all.
    download = sharp(job.absPath, { limitInputPixels: maxInputPixels * pageCount, failOn: 'error', pages: -1 }).tiff({ compression: 'lzw' });
  } else {
    if (!first) throw new Error('a one-page image was finished without its page');
    download = first.clone().toFormat(downloadFormat, downloadFormat === 'jpeg' ? { quality: 92 } : downloadFormat === 'tiff' ? { compression: 'lzw' } : {});
  }
  await timed('download', () => download.toFile(path.join(job.outDir, `download.${extension}`)));
  await rm(path.join(job.outDir, 'upright'), { recursive: true, force: true });
  const findings: Finding[] = parts.flatMap((p) => p.findings);
  await timed('audit', async () => {
    const meta = await readMetadata(job.absPath);
    for (const rule of rulesFor('image')) findings.push(...rule.check(meta));
  });
  const thumbnail = parts.find((p) => p.thumbnail)?.thumbnail ?? { widthPx: 0, heightPx: 0 };
  return { type: 'image', pageCount, pages, thumbnail, downloadExtension: extension, findings, ...summedTextRedactions(parts) };
}

function uprightFile(job: ProcessJob, pageIndex: number): string {
  return path.join(job.outDir, 'upright', `${pageIndex + 1}.tif`);
}

/**
 * One page as published: turned upright from its EXIF orientation (before
 * any resize, or a portrait photo comes out sideways), with the declared
 * boxes burned in and the colour of fully transparent pixels cleared (an
 * "erased" picture otherwise stays in the colour channels, for any tool
 * that ignores alpha). Boxes on images are in pixels of the upright image,
 * from its top-left corner. A redacted or transparent page is held as raw
 * pixels (8 bits per channel) so every output made from it (page image,
 * thumbnail, download) has the boxes and the cleared colour; any other page
 * streams from the file. `cleared` counts the pixels whose colour went.
 */
async function uprightPage(source: Sharp, boxes: Box[], hasAlpha: boolean, pageNumber: number): Promise<{ image: Sharp; cleared: number }> {
  const oriented = source.autoOrient();
  if (boxes.length === 0 && !hasAlpha) return { image: oriented, cleared: 0 };
  const { data, info } = await oriented.ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const image = { x: 0, y: 0, width: info.width, height: info.height };
  for (const box of boxes) {
    if (intersection(box, image)) continue;
    throw new DocumentError(
      `the redaction box [${box.x}, ${box.y}, ${box.width}, ${box.height}] on page ${pageNumber} lies outside the image (${info.width} × ${info.height} pixels): it cannot be applied`,
      'boxes on images are in pixels of the image as displayed (upright), from its top-left corner; correct the box in the sidecar',
    );
  }
  burn({ data, width: info.width, height: info.height, scale: 1 }, boxes);
  const cleared = hasAlpha ? clearTransparent(data) : 0;
  const burned = sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } });
  return { image: hasAlpha ? burned : burned.removeAlpha(), cleared };
}

/** Sets the colour of every fully transparent RGBA pixel to black; returns how many had another colour. */
function clearTransparent(rgba: Buffer): number {
  let cleared = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 0 || (rgba[i] === 0 && rgba[i + 1] === 0 && rgba[i + 2] === 0)) continue;
    rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
    cleared++;
  }
  return cleared;
}

function explainImageError(e: unknown, maxInputPixels: number): Error {
  if (e instanceof DocumentError) return e;
  const message = String((e as Error)?.message ?? e).split('\n')[0] ?? '';
  if (/pixel limit/i.test(message)) {
    return new DocumentError(
      `the image is larger than the limit of ${maxInputPixels.toLocaleString('en')} pixels`,
      'scale it down before publishing; very large images can exhaust memory (decompression bombs)',
    );
  }
  if (/unsupported image format|heif|bad seek|codec/i.test(message)) {
    return new DocumentError(`the image could not be decoded: ${message}`, 'convert it to JPEG, PNG or TIFF');
  }
  return new DocumentError(`the image is corrupt or truncated: ${message}`, 'check that the file is complete, or re-export it');
}
