/**
 * Image processor (JPEG, PNG, TIFF, WebP): orientation applied from EXIF
 * first, then every kind of metadata dropped (sharp keeps none unless asked),
 * so neither the page image nor the download carries EXIF, GPS, XMP or IPTC.
 * A pixel limit makes decompression bombs fail clearly.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding, ImageMetadataInput } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import type { ProcessJob, Processor, ProcessResult, ProgressFn } from './types.ts';

/** The download keeps the source's format, re-encoded without metadata. */
const DOWNLOAD_FORMAT: Record<string, 'jpeg' | 'png' | 'tiff' | 'webp'> = {
  jpeg: 'jpeg',
  png: 'png',
  tiff: 'tiff',
  webp: 'webp',
};

export const imageProcessor: Processor = {
  type: 'image',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const { pageWidthPx, thumbWidthPx, webpQuality, maxInputPixels } = job.options;
    const input = () => sharp(job.absPath, { limitInputPixels: maxInputPixels, failOn: 'error' });
    let format: string;
    try {
      const meta = await input().metadata();
      format = meta.format ?? 'unknown';
      if (!meta.width || !meta.height) throw new DocumentError('the image has no size');
    } catch (e) {
      throw explainImageError(e, maxInputPixels);
    }
    const downloadFormat = DOWNLOAD_FORMAT[format];
    if (!downloadFormat) {
      throw new DocumentError(`images in ${format} format are not supported`, 'convert it to JPEG, PNG or TIFF');
    }
    await mkdir(path.join(job.outDir, 'pages'), { recursive: true });
    try {
      // autoOrient before resize: otherwise a portrait photo comes out sideways.
      const oriented = input().autoOrient();
      const page = await oriented
        .clone()
        .resize({ width: pageWidthPx, withoutEnlargement: true })
        .webp({ quality: webpQuality })
        .toFile(path.join(job.outDir, 'pages', '1.webp'));
      const thumb = await oriented
        .clone()
        .resize({ width: thumbWidthPx, withoutEnlargement: true })
        .webp({ quality: webpQuality })
        .toFile(path.join(job.outDir, 'thumb.webp'));
      const extension = format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : format;
      await oriented
        .clone()
        .toFormat(downloadFormat, downloadFormat === 'jpeg' ? { quality: 92 } : {})
        .toFile(path.join(job.outDir, `download.${extension}`));
      const findings: Finding[] = [];
      const meta = await readMetadata(job.absPath);
      for (const rule of rulesFor('image')) findings.push(...rule.check(meta));
      progress(1, 1);
      return {
        findings,
        type: 'image',
        pageCount: 1,
        pages: [{ pageNumber: 1, widthPx: page.width, heightPx: page.height, text: '' }],
        thumbnail: { widthPx: thumb.width, heightPx: thumb.height },
        downloadExtension: extension,
      };
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
