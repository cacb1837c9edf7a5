/**
 * The steps that run after Astro has written the HTML, in order. Later
 * capabilities add a step here; the manifest stays last.
 */
import type { AstroIntegrationLogger } from 'astro';
import type { PipelineResult } from '../../pipeline/run.ts';
import { addContentSecurityPolicy } from './csp.ts';
import { writeFeeds } from './feeds.ts';
import { writeFileIndex } from './file-index.ts';
import { writeManifest } from './manifest.ts';
import { writeMirroringNotes } from './mirroring-notes.ts';
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
  { name: 'content-security-policy', run: addContentSecurityPolicy },
  { name: 'search-index', run: buildSearchIndex },
  { name: 'feeds', run: writeFeeds },
  { name: 'mirroring-notes', run: writeMirroringNotes },
  // Links every file written so far, so it comes after the others but before the manifest.
  { name: 'file-index', run: writeFileIndex },
  // Last: the manifest lists (and the signature covers) every file written before it.
  { name: 'manifest', run: writeManifest },
];
