/**
 * The steps that run after Astro has written the HTML, in order. Later
 * capabilities (the signed manifest, mirror kit) add a step here.
 */
import type { AstroIntegrationLogger } from 'astro';
import type { PipelineResult } from '../../pipeline/run.ts';
import { publishDerivatives } from './publish-derivatives.ts';
import { buildSearchIndex } from './search-index.ts';

export interface PostBuildContext {
  /** Absolute path of the folder Astro built. */
  outDir: string;
  pipeline: PipelineResult;
  logger: AstroIntegrationLogger;
}

export interface PostBuildStep {
  name: string;
  run(ctx: PostBuildContext): Promise<void>;
}

export const POST_BUILD_STEPS: PostBuildStep[] = [
  { name: 'derivatives', run: publishDerivatives },
  { name: 'search-index', run: buildSearchIndex },
];
