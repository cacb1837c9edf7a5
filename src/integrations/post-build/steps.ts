/**
 * The steps that run after Astro has written the HTML, in order, in two
 * groups. HTML_STEPS run in Astro's process, in its `astro:build:done`
 * hook. FINISH_STEPS run after that process has exited, in `npm run
 * build`'s own process (finish.ts): Astro's build leaves about a gigabyte
 * resident on a big collection, and the search indexer, the largest step,
 * must not add its memory to that. Later capabilities add a step here; the
 * manifest stays last of the steps that write, and the watch list, which
 * reads every file, comes after it.
 */
import type { PipelineResult } from '../../pipeline/run.ts';
import type { ProcessResult } from '../../pipeline/processors/types.ts';
import type { SiteData } from '../../lib/model.ts';
import type { BuildStats } from '../../pipeline/stats/build-stats.ts';
import { addContentSecurityPolicy } from './csp.ts';
import { writeFeeds } from './feeds.ts';
import { writeFileIndex } from './file-index.ts';
import { writeManifest } from './manifest.ts';
import { writeMirroringNotes } from './mirroring-notes.ts';
import { publishDerivatives } from './publish-derivatives.ts';
import { buildSearchIndex } from './search-index.ts';
import { checkWatchList } from './watch-list.ts';

/** What a document is to the finishing steps: written by the HTML process, read back by finish.ts. */
export interface BuiltDocument {
  entry: { id: string };
  cacheKey: string;
  result: Pick<ProcessResult, 'pageCount' | 'table'>;
}

/** What the steps use of the pipeline's result. */
export interface SiteBuild {
  data: SiteData;
  processed: BuiltDocument[];
  cacheDir: string;
  /** The site data folder: `site.json` and one detail file (with page texts) per document. */
  dataDir: string;
  stats: BuildStats;
}

export interface PostBuildContext<P extends SiteBuild = SiteBuild> {
  /** Absolute path of the folder Astro built. */
  outDir: string;
  pipeline: P;
  logger: { info(message: string): void };
}

export interface PostBuildStep<P extends SiteBuild = SiteBuild> {
  name: string;
  run(ctx: PostBuildContext<P>): Promise<void>;
}

/** In Astro's process: they need the whole pipeline result or change the HTML before it is indexed. */
export const HTML_STEPS: PostBuildStep<PipelineResult>[] = [
  { name: 'derivatives', run: publishDerivatives },
  { name: 'content-security-policy', run: addContentSecurityPolicy },
];

/** In `npm run build`'s process, after Astro's has exited. */
export const FINISH_STEPS: PostBuildStep[] = [
  { name: 'search-index', run: buildSearchIndex },
  { name: 'feeds', run: writeFeeds },
  { name: 'mirroring-notes', run: writeMirroringNotes },
  // Links every file written so far, so it comes after the others but before the manifest.
  { name: 'file-index', run: writeFileIndex },
  // Last: the manifest lists (and the signature covers) every file written before it.
  { name: 'manifest', run: writeManifest },
  // After every file is written, manifest included: a hit stops the build before the site replaces the output.
  { name: 'watch-list', run: checkWatchList },
];
