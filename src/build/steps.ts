/**
 * The steps that run after Astro has written the HTML, in order, in the
 * build's own process with the pipeline's result in hand (build-site.ts).
 * Later capabilities add a step here. The search index comes first: its
 * indexer is the largest process of the build, and this one is smallest
 * before the other steps have read and written thousands of files (the
 * index reads the site data and the stories' text, which the policy's
 * `<meta>` in the head does not change). The manifest stays last of the
 * steps that write, and the watch list, which reads every file, comes
 * after it.
 */
import type { SiteStep, StepContext, StepFigures } from './step.ts';
import { addContentSecurityPolicy } from './steps/csp.ts';
import { writeFeeds } from './steps/feeds.ts';
import { writeFileIndex } from './steps/file-index.ts';
import { writeManifest } from './steps/manifest.ts';
import { writeMirroringNotes } from './steps/mirroring-notes.ts';
import { publishDerivatives } from './steps/publish-derivatives.ts';
import { buildSearchIndex } from './steps/search-index.ts';
import { writeVerifier } from './steps/verifier.ts';
import { checkWatchList } from './steps/watch-list.ts';

export const SITE_STEPS: SiteStep[] = [
  { name: 'search-index', run: buildSearchIndex },
  { name: 'derivatives', run: publishDerivatives },
  { name: 'content-security-policy', run: addContentSecurityPolicy },
  { name: 'feeds', run: writeFeeds },
  { name: 'mirroring-notes', run: writeMirroringNotes },
  { name: 'verifier', run: writeVerifier },
  // Links every file written so far, so it comes after the others but before the manifest.
  { name: 'file-index', run: writeFileIndex },
  // Last: the manifest lists (and the signature covers) every file written before it.
  { name: 'manifest', run: writeManifest },
  // After every file is written, manifest included: a hit stops the build before the site replaces the output.
  { name: 'watch-list', run: checkWatchList },
];

export interface StepsRun {
  /** Wall-clock ms of each step, in the order they ran. */
  stages: Record<string, number>;
  figures: StepFigures;
}

/**
 * Runs the steps in order, each given the same context, and returns their
 * times and figures. A step that throws ends the run there. Once `signal`
 * is aborted, the step under way finishes and no further one starts.
 */
export async function runSteps(steps: SiteStep[], context: Omit<StepContext, 'logger'>, log: (line: string) => void, signal?: AbortSignal): Promise<StepsRun> {
  const stages: Record<string, number> = {};
  let figures: StepFigures = {};
  for (const step of steps) {
    signal?.throwIfAborted();
    const started = performance.now();
    const measured = await step.run({ ...context, logger: { info: (message) => log(`[trove:${step.name}] ${message}`) } });
    stages[step.name] = performance.now() - started;
    figures = { ...figures, ...measured };
    log(`[trove] ${step.name} done in ${(stages[step.name]! / 1000).toFixed(1)} s`);
  }
  return { stages, figures };
}
