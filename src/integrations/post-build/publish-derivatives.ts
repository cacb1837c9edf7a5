/**
 * Copies each document's page images, thumbnail and download from the cache
 * into the built site, beside its HTML page. Copies, not links: the folder
 * must survive being moved, archived or mirrored.
 */
import { copyFile, cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { documentPath, downloadPath, thumbnailPath } from '../../lib/urls.ts';
import { DerivativeCache } from '../../pipeline/cache.ts';
import type { PostBuildContext } from './steps.ts';

export async function publishDerivatives({ outDir, pipeline, logger }: PostBuildContext): Promise<void> {
  const cache = new DerivativeCache(pipeline.cacheDir);
  let files = 0;
  for (const doc of pipeline.processed) {
    const id = doc.entry.id;
    const entry = cache.entryDir(doc.cacheKey);
    const docDir = path.join(outDir, documentPath(id));
    await mkdir(docDir, { recursive: true });
    await cp(path.join(entry, 'pages'), path.join(docDir, 'pages'), { recursive: true });
    await copyFile(path.join(entry, 'thumb.webp'), path.join(outDir, thumbnailPath(id)));
    const ext = doc.result.downloadExtension;
    const download = path.join(outDir, downloadPath(id, ext ?? doc.entry.extension));
    await copyFile(ext ? path.join(entry, `download.${ext}`) : doc.entry.absPath, download);
    files += doc.result.pageCount + 2;
  }
  logger.info(`${files} files for ${pipeline.processed.length} documents`);
}
