/**
 * Astro's HTML in slices, one process after another, so the memory of none
 * grows with the whole collection (Astro's process keeps about 36 KB a
 * document it renders: docs/scaling.md). Slice 0 renders into the staging
 * folder; each further slice into a folder beside it, whose files are then
 * moved into the staging folder. Which pages are a slice's is decided by
 * the pages themselves (src/lib/html-slice.ts); the pages every slice renders
 * (those without parameters) must come out the same bytes, or the build
 * stops: the site is the same, byte for byte, however many slices made it.
 */
import { readdir, readFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ProjectFolders } from '../pipeline/folders.ts';
import { SETTINGS, wholeNumber } from '../pipeline/settings.ts';
import { startHtml, type HtmlProcess } from './html-process.ts';

/** How many slices the HTML of `documents` documents is rendered in (TROVE_HTML_DOCUMENTS_PER_SLICE a slice at most). */
export function sliceCount(documents: number, perSlice = wholeNumber(SETTINGS.htmlDocumentsPerSlice)): number {
  return Math.max(1, Math.ceil(documents / perSlice));
}

/** Renders every slice (the first with `first`, already started), one after another; the largest process's peak memory. */
export async function renderSlices(
  first: HtmlProcess,
  count: number,
  staging: string,
  folders: ProjectFolders,
  signal: AbortSignal,
): Promise<{ peakRssMb?: number }> {
  let peak = (await first.render(0, count)).peakRssMb ?? 0;
  for (let index = 1; index < count; index++) {
    signal.throwIfAborted();
    const folder = `${staging}.slice-${index}`;
    await rm(folder, { recursive: true, force: true });
    try {
      const rendered = await startHtml(folder, folders, signal).render(index, count);
      peak = Math.max(peak, rendered.peakRssMb ?? 0);
      await moveInto(folder, staging);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }
  return { peakRssMb: peak || undefined };
}

/** Moves every file of `from` into `into`; a file `into` already has must have the same bytes. */
export async function moveInto(from: string, into: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(into, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target, { recursive: true });
      await moveInto(source, target);
      continue;
    }
    const existing = await readFile(target).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
    if (!existing) {
      await rename(source, target);
    } else if (!existing.equals(await readFile(source))) {
      throw new Error(
        `the HTML build's slices made two different ${path.relative(into, target)}: a page that every slice renders must not depend on the slice`,
      );
    }
  }
}
