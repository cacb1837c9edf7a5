/**
 * The hand-over between Astro's process and `npm run build`'s own: Astro's
 * `astro:build:done` hook writes what the finishing steps need of the
 * pipeline's result (`writeFinishInput`); after that process has exited,
 * `finishSite` reads it back with the site data and runs FINISH_STEPS on
 * the staging folder, timing each into the build's statistics.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readStats, writeStats, type BuildStats } from '../../pipeline/stats/build-stats.ts';
import type { PipelineResult } from '../../pipeline/run.ts';
import { readSiteData } from '../../pipeline/site/site-data.ts';
import { FINISH_STEPS, type BuiltDocument } from './steps.ts';

interface FinishInput {
  processed: BuiltDocument[];
  cacheDir: string;
  dataDir: string;
}

function finishInputFile(workDir: string): string {
  return path.join(workDir, 'finish-input.json');
}

export async function writeFinishInput(workDir: string, pipeline: PipelineResult): Promise<void> {
  const input: FinishInput = {
    processed: pipeline.processed.map((p) => ({
      entry: { id: p.entry.id },
      cacheKey: p.cacheKey,
      result: { pageCount: p.result.pageCount, table: p.result.table },
    })),
    cacheDir: pipeline.cacheDir,
    dataDir: pipeline.dataDir,
  };
  await writeFile(finishInputFile(workDir), JSON.stringify(input));
}

async function readFinishInput(file: string): Promise<FinishInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new Error(
      `${file} is missing: Astro's build did not hand the site over (it writes this file when it finishes). ` +
        'Build with `npm run build`, which runs the HTML build and then the search index, feeds and manifest; `astro build` alone stops before them.',
    );
  }
  return JSON.parse(text) as FinishInput;
}

/** Runs the finishing steps on the folder Astro built; returns the build's statistics with their times. */
export async function finishSite(outDir: string, workDir: string, log: (line: string) => void): Promise<BuildStats> {
  const file = finishInputFile(workDir);
  const input = await readFinishInput(file);
  const stats = await readStats(workDir);
  if (!stats) throw new Error(`${path.join(workDir, 'build-stats.json')} is missing: the HTML build did not finish. Run \`npm run build\` again.`);
  const pipeline = { ...input, data: await readSiteData(input.dataDir), stats };
  for (const step of FINISH_STEPS) {
    const started = performance.now();
    await step.run({ outDir, pipeline, logger: { info: (message) => log(`[trove:${step.name}] ${message}`) } });
    stats.stages[step.name] = performance.now() - started;
    log(`[trove] ${step.name} done in ${(stats.stages[step.name]! / 1000).toFixed(1)} s`);
  }
  await writeStats(workDir, stats);
  await rm(file, { force: true });
  return stats;
}
