/**
 * The build of the site, in the one process that holds every result it
 * needs: the document pipeline (into the site data), then Astro's HTML in a
 * process of its own (html-process.ts), then the steps (steps.ts) on the
 * staging folder with the pipeline's result in hand. It writes into the
 * staging folder only: putting that in place is the caller's
 * (build-command.ts, pipeline/site/output-swap.ts), once everything
 * succeeded. Nothing here knows Astro's pages; they read the site data.
 */
import type { ProjectFolders } from '../pipeline/folders.ts';
import type { PipelineResult } from '../pipeline/run.ts';
import { stage, type BuildStats } from '../pipeline/stats/build-stats.ts';
import { sampleTreeMemory } from '../pipeline/stats/child-memory.ts';
import { startHtml, type HtmlProcess } from './html-process.ts';
import { renderSlices, sliceCount } from './html-slices.ts';
import { runPipelineProcess } from './pipeline-process.ts';
import { runSteps, SITE_STEPS } from './steps.ts';

export interface SiteBuildOptions {
  folders: ProjectFolders;
  /** The folder Astro and the steps write into. */
  staging: string;
  log: (line: string) => void;
  /** Stops the build: the pipeline is abandoned, Astro's process is stopped, the step under way finishes. */
  signal: AbortSignal;
}

/**
 * Astro's process starts with the pipeline, to load Astro while documents are
 * read and looked up, unless the pipeline has more than this many to process:
 * then it would only hold its memory (about 170 MB) through a long
 * processing, and it starts after the pipeline instead.
 */
const EARLY_HTML_MAX_DOCUMENTS = 100;

/** Builds the site into `staging`; returns the build's statistics (all but the output's size and the total time). */
export async function buildSite({ folders, staging, log, signal }: SiteBuildOptions): Promise<BuildStats> {
  const memory = sampleTreeMemory();
  let html: HtmlProcess | undefined = startHtml(staging, folders, signal);
  let planned = false;
  const onPlan = (toProcess: number) => {
    if (planned) return;
    planned = true;
    if (toProcess <= EARLY_HTML_MAX_DOCUMENTS) return;
    void html?.stop();
    html = undefined;
  };
  try {
    const { pipeline, peakRssMb: pipelineRssMb } = await pipelineLogged(folders, log, signal, onPlan);
    signal.throwIfAborted();
    const { stats } = pipeline;
    const slices = sliceCount(pipeline.data.documents.length);
    if (slices > 1) log(`rendering the HTML in ${slices} slices, one Astro process each (TROVE_HTML_DOCUMENTS_PER_SLICE)`);
    const rendered = await stage(stats, 'html', () => renderSlices((html ??= startHtml(staging, folders, signal)), slices, staging, folders, signal));
    const steps = await runSteps(SITE_STEPS, { outDir: staging, pipeline }, log, signal);
    const ownPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return {
      ...stats,
      ...steps.figures,
      stages: { ...stats.stages, ...steps.stages },
      // The largest single process: the pipeline's, Astro's, or this one (the steps).
      peakRssMb: Math.max(ownPeakRssMb, pipelineRssMb, rendered.peakRssMb ?? 0),
      htmlPeakRssMb: rendered.peakRssMb,
      htmlSlices: slices,
      peakTreeRssMb: memory.stop(),
    };
  } catch (e) {
    memory.stop();
    await html?.stop();
    throw e;
  }
}

async function pipelineLogged(
  folders: ProjectFolders,
  log: (line: string) => void,
  signal: AbortSignal,
  onPlan: (toProcess: number) => void,
): Promise<{ pipeline: PipelineResult; peakRssMb: number }> {
  const started = performance.now();
  const { result, peakRssMb } = await runPipelineProcess(folders, signal, onPlan);
  const { processed, cached } = result.stats.documents;
  log(`[trove] pipeline done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${processed} documents processed, ${cached} from the cache`);
  return { pipeline: result, peakRssMb };
}
