/**
 * `astro dev`: the document pipeline runs at start-up and again whenever
 * content/ changes (dev-reload.ts), and the dev server serves what a build
 * would have copied into the site: derivatives straight from the cache
 * (dev-derivatives.ts), search from the last build's output (dev-search.ts).
 */
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { BuildError } from '../pipeline/errors.ts';
import type { ProjectFolders } from '../pipeline/folders.ts';
import { runPipeline, type PipelineResult } from '../pipeline/run.ts';
import { derivativesMiddleware } from './dev-derivatives.ts';
import { watchContent } from './dev-reload.ts';
import { lastBuildSearchMiddleware } from './dev-search.ts';

export interface DevPreview {
  serve(server: ViteDevServer): void;
}

/** Runs the pipeline once; the preview then serves its result and follows content changes. */
export async function startPreview(folders: ProjectFolders, logger: AstroIntegrationLogger): Promise<DevPreview> {
  let pipeline: PipelineResult | undefined;
  const run = async () => {
    pipeline = await runPipeline({ contentDir: folders.content, workDir: folders.work, log: (line) => logger.info(line) });
  };
  const started = Date.now();
  try {
    await run();
  } catch (e) {
    // Thrown from here, Astro would report "an unhandled error … in the astro:config:setup hook", which reads like a crash.
    const message = e instanceof BuildError ? e.message : String((e as Error)?.stack ?? e);
    logger.error(`the preview did not start.\n${message}\nFix what is listed and run \`npm run dev\` again.`);
    process.exit(1);
  }
  const { processed, cached } = pipeline!.stats.documents;
  logger.info(`pipeline done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${processed} documents processed, ${cached} from the cache`);
  return {
    serve(server) {
      server.middlewares.use(derivativesMiddleware(() => pipeline));
      // The last build's output: where `npm run build` put it.
      server.middlewares.use(lastBuildSearchMiddleware(folders.out));
      watchContent(server, folders.content, run, logger);
    },
  };
}
