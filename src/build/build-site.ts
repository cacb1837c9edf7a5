/**
 * The build of the site, in the one process that holds every result it
 * needs: the document pipeline (into the site data), then Astro's HTML in a
 * process of its own (html-process.ts), then the steps (steps.ts) on the
 * staging folder with the pipeline's result in hand. It writes into the
 * staging folder only: putting that in place is the caller's
 * (scripts/build.ts, pipeline/site/output-swap.ts), once everything
 * succeeded. Nothing here knows Astro's pages; they read the site data.
 */
import { runPipeline, type PipelineResult } from '../pipeline/run.ts';
import type { ProjectFolders } from '../pipeline/folders.ts';
import { emptyStats, stage, type BuildStats } from '../pipeline/stats/build-stats.ts';
import { sampleTreeMemory } from '../pipeline/stats/child-memory.ts';
import { renderHtml } from './html-process.ts';
import { runSteps, SITE_STEPS } from './steps.ts';

export interface SiteBuildOptions {
  folders: ProjectFolders;
  /** The folder Astro and the steps write into. */
  staging: string;
  log: (line: string) => void;
  /** Stops the build: the pipeline is abandoned, Astro's process is stopped, the step under way finishes. */
  signal: AbortSignal;
}

/** Builds the site into `staging`; returns the build's statistics (all but the output's size and the total time). */
export async function buildSite({ folders, staging, log, signal }: SiteBuildOptions): Promise<BuildStats> {
  const memory = sampleTreeMemory();
  try {
    const stats = emptyStats();
    const pipeline = await untilStopped(pipelineLogged(folders, stats, log), signal);
    signal.throwIfAborted();
    const html = await stage(stats, 'html', () => renderHtml(staging, folders, signal));
    const steps = await runSteps(SITE_STEPS, { outDir: staging, pipeline }, log, signal);
    const ownPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return {
      ...stats,
      ...steps.figures,
      stages: { ...stats.stages, ...steps.stages },
      // The largest single process: this one (pipeline, steps) or Astro's.
      peakRssMb: Math.max(ownPeakRssMb, html.peakRssMb ?? 0),
      peakTreeRssMb: memory.stop(),
    };
  } catch (e) {
    memory.stop();
    throw e;
  }
}

async function pipelineLogged(folders: ProjectFolders, stats: BuildStats, log: (line: string) => void): Promise<PipelineResult> {
  const started = performance.now();
  const pipeline = await runPipeline({ contentDir: folders.content, workDir: folders.work, stats, log: (line) => log(`[trove] ${line}`) });
  const { processed, cached } = pipeline.stats.documents;
  log(`[trove] pipeline done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${processed} documents processed, ${cached} from the cache`);
  return pipeline;
}

/**
 * The pipeline cannot stop part-way, and on a big collection it runs for
 * hours: a stop abandons it, and the caller exits. Nothing it leaves half
 * done is trusted: cache entries and the site data are written aside and
 * renamed into place whole (the next build removes cache work left aside).
 */
function untilStopped<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
