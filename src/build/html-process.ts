/**
 * Astro's HTML build in a process of its own (scripts/build-html.ts), into
 * the staging folder, from the site data the pipeline wrote. Astro's build
 * of a big collection leaves much memory resident (docs/scaling.md), mostly
 * outside the JavaScript heap: in a process of its own, that memory is
 * returned when it exits, before the search indexer, the largest step, starts.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectFolders } from '../pipeline/folders.ts';
import { runChild } from './child-process.ts';

const ENTRY = fileURLToPath(new URL('../../scripts/build-html.ts', import.meta.url));

/** Renders the HTML into `staging`; resolves with the process's peak memory, rejects with its error. */
export function renderHtml(staging: string, folders: ProjectFolders, signal: AbortSignal): Promise<{ peakRssMb?: number }> {
  return runChild(ENTRY, [staging], folders, signal, 'the HTML build');
}
