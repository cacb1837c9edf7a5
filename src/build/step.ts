/**
 * What a build step is and what it is given: the folder being built and the
 * pipeline's result, as the build holds it (build-site.ts). The steps and
 * the list that orders them (steps.ts) both import this file, so neither
 * imports the other.
 */
import type { PipelineResult } from '../pipeline/run.ts';
import type { BuildStats } from '../pipeline/stats/build-stats.ts';

export interface StepContext {
  /** Absolute path of the folder being built (the staging folder). */
  outDir: string;
  pipeline: PipelineResult;
  logger: { info(message: string): void };
}

/** Figures a step measured, for the build's statistics. */
export type StepFigures = Pick<BuildStats, 'searchIndexPeakRssMb' | 'searchIndexes'>;

export interface SiteStep {
  name: string;
  run(ctx: StepContext): Promise<StepFigures | void>;
}
