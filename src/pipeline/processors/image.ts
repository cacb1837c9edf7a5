/**
 * Image processor (JPEG, PNG, TIFF including multi-page, WebP, GIF's first
 * frame): orientation applied from EXIF first, then every kind of metadata
 * dropped (sharp keeps none unless asked), so neither the page images nor
 * the download carry EXIF, GPS, XMP or IPTC. Each page of a multi-page TIFF
 * is a page of the document. A pixel limit per page makes decompression
 * bombs fail clearly.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding, ImageMetadataInput } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

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

export const imageProcessor: Processor = {
  type: 'image',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const { pageWidthPx, thumbWidthPx, webpQuality, maxInputPixels } = job.options;
    // Every page is read on its own, under the pixel limit: a decompression bomb fails clearly.
    const input = (page = 0) => sharp(job.absPath, { limitInputPixels: maxInputPixels, failOn: 'error', page });
    let format: string;
    let pageCount = 1;
    try {
      const meta = await input().metadata();
      format = meta.format ?? 'unknown';
      if (!meta.width || !meta.height) throw new DocumentError('the image has no size');
      // TIFF pages are pages of the document; of an animated GIF or WebP only the first frame is.
      if (format === 'tiff') pageCount = Math.max(1, meta.pages ?? 1);
    } catch (e) {
      throw explainImageError(e, maxInputPixels);
    }
    const downloadFormat = DOWNLOAD_FORMAT[format];
    if (!downloadFormat) {
      throw new DocumentError(`images in ${format} format are not supported`, 'convert it to JPEG, PNG or TIFF');
    }
    if (pageCount > MAX_TIFF_PAGES) {
      throw new DocumentError(`the TIFF has ${pageCount} pages, more than the limit of ${MAX_TIFF_PAGES}`, 'split it into several documents');
    }
    await mkdir(path.join(job.outDir, 'pages'), { recursive: true });
    try {
      const pages: PageResult[] = [];
      let thumbnail = { widthPx: 0, heightPx: 0 };
      for (let i = 0; i < pageCount; i++) {
        // autoOrient before resize: otherwise a portrait photo comes out sideways.
        const oriented = input(i).autoOrient();
        const page = await oriented
          .clone()
          .resize({ width: pageWidthPx, withoutEnlargement: true })
          .webp({ quality: webpQuality, effort: job.options.webpEffort })
          .toFile(path.join(job.outDir, 'pages', `${i + 1}.webp`));
        pages.push({ pageNumber: i + 1, widthPx: page.width, heightPx: page.height, text: '' });
        if (i === 0) {
          const thumb = await oriented
            .clone()
            .resize({ width: thumbWidthPx, withoutEnlargement: true })
            .webp({ quality: webpQuality, effort: job.options.webpEffort })
            .toFile(path.join(job.outDir, 'thumb.webp'));
          thumbnail = { widthPx: thumb.width, heightPx: thumb.height };
        }
        progress(i + 1, pageCount);
      }
      const extension = format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : format;
      // Re-encoded, never copied: sharp keeps no metadata unless asked.
      const download =
        pageCount > 1
          ? sharp(job.absPath, { limitInputPixels: maxInputPixels * pageCount, failOn: 'error', pages: -1 }).tiff({ compression: 'lzw' })
          : input().autoOrient().toFormat(downloadFormat, downloadFormat === 'jpeg' ? { quality: 92 } : downloadFormat === 'tiff' ? { compression: 'lzw' } : {});
      await download.toFile(path.join(job.outDir, `download.${extension}`));
      const findings: Finding[] = [];
      const meta = await readMetadata(job.absPath);
      for (const rule of rulesFor('image')) findings.push(...rule.check(meta));
      return { type: 'image', pageCount, pages, thumbnail, downloadExtension: extension, findings };
    } catch (e) {
      throw explainImageError(e, maxInputPixels);
    }
  },
};

/** What the source file carries, for the audit (the output carries none of it). */
async function readMetadata(file: string): Promise<ImageMetadataInput> {
  try {
    const all = (await exifr.parse(file, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      icc: false,
      makerNote: true,
      mergeOutput: false,
      translateValues: false,
    })) as Record<string, Record<string, unknown> | string | undefined> | undefined;
    if (!all) return {};
    const gps = all.gps as Record<string, unknown> | undefined;
    const position = await exifr.gps(file).catch(() => undefined);
    const exif = { ...((all.ifd0 as Record<string, unknown>) ?? {}), ...((all.exif as Record<string, unknown>) ?? {}) };
    return {
      exif: Object.keys(exif).length > 0 ? exif : undefined,
      gps: gps && Object.keys(gps).length > 0 ? { ...gps, ...(position ?? {}) } : undefined,
      xmp: all.xmp !== undefined,
      iptc: all.iptc as Record<string, unknown> | undefined,
      makerNote: all.makerNote !== undefined || (all.exif as Record<string, unknown> | undefined)?.MakerNote !== undefined,
    };
  } catch {
    // exifr could not read the metadata; sharp re-encodes the image without any anyway.
    return {};
  }
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
