/**
 * Copies each document's page images, thumbnail and download from the cache
 * into the built site, beside its HTML page. Copies, not links: the folder
 * must survive being moved, archived or mirrored.
 */
import { constants } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { derivativeFiles } from '../derivative-files.ts';
import type { StepContext } from '../step.ts';
import { forEachLimited } from '../../pipeline/documents/concurrency.ts';
import { Progress } from '../../pipeline/stats/progress.ts';

export async function publishDerivatives({ outDir, pipeline, logger }: StepContext): Promise<void> {
  const files = derivativeFiles(pipeline);
  const dirs = new Set(files.map(({ sitePath }) => path.dirname(path.join(outDir, sitePath))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  const progress = new Progress({ label: 'copying page images and downloads', total: files.length, unit: 'files' });
  // A clone where the file system can (copy-on-write, instant), a copy elsewhere: never a link into the cache.
  await forEachLimited(files, 16, async ({ sitePath, source }) => {
    await copyFile(source, path.join(outDir, sitePath), constants.COPYFILE_FICLONE);
    progress.tick();
  });
  progress.finish();
  logger.info(`${files.length} files for ${pipeline.processed.length} documents`);
}
