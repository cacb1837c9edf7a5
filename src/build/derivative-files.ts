/**
 * Where each document's derivatives go in the site and where they come from:
 * page images (and full-resolution ones), thumbnail and download, as (site path, source file) pairs.
 * The build copies them; the dev server serves them straight from the cache.
 */
import path from 'node:path';
import { downloadPath, fullPageImagePath, pageImagePath, pageThumbPath, thumbnailPath } from '../lib/urls.ts';
import { DerivativeCache } from '../pipeline/cache/derivative-cache.ts';
import type { PipelineResult } from '../pipeline/run.ts';

export interface DerivativeFile {
  /** Path in the site, relative to its root (no leading slash). */
  sitePath: string;
  /** Absolute path of the file to publish. */
  source: string;
}

export function derivativeFiles(pipeline: PipelineResult): DerivativeFile[] {
  const cache = new DerivativeCache(pipeline.cacheDir);
  const files: DerivativeFile[] = [];
  for (const doc of pipeline.processed) {
    const id = doc.entry.id;
    const entry = cache.entryDir(doc.cacheKey);
    for (const page of doc.result.pages) {
      if (page.noImage) continue;
      files.push({
        sitePath: pageImagePath(id, page.pageNumber),
        source: path.join(entry, 'pages', `${page.pageNumber}.webp`),
      });
      files.push({ sitePath: pageThumbPath(id, page.pageNumber), source: path.join(entry, 'pages', `${page.pageNumber}-thumb.webp`) });
      if (page.fullImage) {
        files.push({ sitePath: fullPageImagePath(id, page.pageNumber), source: path.join(entry, 'pages', `${page.pageNumber}-full.webp`) });
      }
    }
    files.push({ sitePath: thumbnailPath(id), source: path.join(entry, 'thumb.webp') });
    // Always the rebuilt file from the cache: no source file reaches the site byte for byte.
    const ext = doc.result.downloadExtension;
    files.push({ sitePath: downloadPath(id, ext), source: path.join(entry, `download.${ext}`) });
    for (const extra of doc.result.extraDownloads ?? []) {
      files.push({ sitePath: downloadPath(id, extra), source: path.join(entry, `download.${extra}`) });
    }
  }
  return files;
}
