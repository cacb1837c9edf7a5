/**
 * What a build did and where its time went, written to
 * `<workDir>/build-stats.json` after every successful build. `npm run bench`
 * reads it; editors can too. Stages are wall-clock ms in the build process,
 * except `worker`: the time worker threads spent in each processing stage,
 * summed over documents (with N workers it can exceed the wall time).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addStageTimes, type Stage } from '../documents/stage-clock.ts';

export interface BuildStats {
  /** Wall-clock ms per build stage, in the order they ran. */
  stages: Record<string, number>;
  /** Worker time per processing stage (ms, summed over documents processed in this build). */
  worker: Partial<Record<Stage, number>>;
  documents: { total: number; processed: number; cached: number; failed: number };
  pages: { total: number; processed: number };
  workers: number;
  /** Filled in by the build script once the output is in place. */
  output?: { files: number; bytes: number; htmlFiles: number };
  /** Peak memory of the build process (with its worker threads), MB. */
  peakRssMb?: number;
  /** Peak memory of Astro's HTML process, the largest of its slices when it ran in several, MB. */
  htmlPeakRssMb?: number;
  /** How many slices (one Astro process each) the HTML was rendered in. */
  htmlSlices?: number;
  /** Peak memory of Pagefind's indexing process(es), MB (Linux only). */
  searchIndexPeakRssMb?: number;
  /** Most memory the build process and Pagefind held at one moment, sampled every 250 ms (Linux only). */
  peakTreeRssMb?: number;
  /** How many Pagefind indexes the search was split into (merged in the browser). */
  searchIndexes?: number;
  totalMs?: number;
}

export function emptyStats(): BuildStats {
  return { stages: {}, worker: {}, documents: { total: 0, processed: 0, cached: 0, failed: 0 }, pages: { total: 0, processed: 0 }, workers: 0 };
}

/** Runs `fn`, adding its wall time to `stats.stages[name]`. */
export async function stage<T>(stats: BuildStats | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    if (stats) stats.stages[name] = (stats.stages[name] ?? 0) + (performance.now() - started);
  }
}

export function addWorkerTimes(stats: BuildStats, times: Partial<Record<Stage, number>> | undefined): void {
  addStageTimes(stats.worker, times);
}

export function statsFile(workDir: string): string {
  return path.join(path.resolve(workDir), 'build-stats.json');
}

export async function writeStats(workDir: string, stats: BuildStats): Promise<void> {
  const rounded = JSON.parse(JSON.stringify(stats, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))) as BuildStats;
  await writeFile(statsFile(workDir), `${JSON.stringify(rounded, null, 2)}\n`);
}

export async function readStats(workDir: string): Promise<BuildStats | undefined> {
  return readFile(statsFile(workDir), 'utf8').then(
    (t) => JSON.parse(t) as BuildStats,
    () => undefined,
  );
}

/** Files, bytes and HTML pages under a folder. */
export async function measureOutput(dir: string): Promise<NonNullable<BuildStats['output']>> {
  const { readdir, stat } = await import('node:fs/promises');
  let files = 0;
  let bytes = 0;
  let htmlFiles = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    if (e.name.endsWith('.html')) htmlFiles++;
    bytes += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return { files, bytes, htmlFiles };
}

/**
 * Some static hosts cap the number of files a site may have (Cloudflare
 * Pages: 20,000; Netlify and GitHub Pages have none, but very large uploads
 * are slow). Past this, the build says so; it does not fail.
 */
export const FILE_COUNT_WARNING = 20_000;
