/**
 * Copies each document's page images, thumbnail and download from the cache
 * into the built site, beside its HTML page. Copies, not links: the folder
 * must survive being moved, archived or mirrored.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { derivativeFiles } from '../derivative-files.ts';
import type { PostBuildContext } from './steps.ts';

export async function publishDerivatives({ outDir, pipeline, logger }: PostBuildContext): Promise<void> {
  const files = derivativeFiles(pipeline);
  const made = new Set<string>();
  for (const { sitePath, source } of files) {
    const target = path.join(outDir, sitePath);
    const dir = path.dirname(target);
    if (!made.has(dir)) {
      await mkdir(dir, { recursive: true });
      made.add(dir);
    }
    await copyFile(source, target);
  }
  logger.info(`${files.length} files for ${pipeline.processed.length} documents`);
}
