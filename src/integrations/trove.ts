/**
 * Trove's Astro integration. It only wires steps together:
 *   astro:config:setup  run the document pipeline (build and dev), expose the
 *                       site data folder to pages as `virtual:trove/data`
 *   astro:server:setup  (dev) serve derivatives from the cache and search
 *                       from the last build; re-run the pipeline and reload
 *                       the browser when content/ changes
 *   astro:build:done    run the HTML steps (post-build/steps.ts) and hand over
 *                       to scripts/build.ts, which runs the finishing steps
 * Configuration comes from the environment so the same astro.config.mjs
 * builds any content tree: TROVE_CONTENT (default `content`), TROVE_WORK
 * (default `.trove`: cache and site data).
 */
import type { AstroIntegration } from 'astro';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline, type PipelineResult } from '../pipeline/run.ts';
import { siteDataDir } from '../pipeline/site/site-data.ts';
import { derivativesMiddleware } from './dev-derivatives.ts';
import { watchContent } from './dev-reload.ts';
import { lastBuildSearchMiddleware } from './dev-search.ts';
import { devWatchIgnored } from './dev-watch.ts';
import { writeFinishInput } from './post-build/finish.ts';
import { HTML_STEPS } from './post-build/steps.ts';
import { virtualDataModule } from './virtual-data.ts';
import { writeStats } from '../pipeline/stats/build-stats.ts';

export interface TroveOptions {
  contentDir?: string;
  workDir?: string;
}

export default function trove(options: TroveOptions = {}): AstroIntegration {
  const contentDir = options.contentDir ?? process.env.TROVE_CONTENT ?? 'content';
  const workDir = options.workDir ?? process.env.TROVE_WORK ?? '.trove';
  let pipeline: PipelineResult | undefined;
  let outDirOfConfig: string | undefined;
  let htmlStarted = 0;

  return {
    name: 'trove',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig, logger }) => {
        if (command === 'build' || command === 'dev') {
          const started = Date.now();
          pipeline = await runPipeline({ contentDir, workDir, log: (line) => logger.info(line) });
          const { processed, cached } = pipeline.stats.documents;
          logger.info(`pipeline done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${processed} documents processed, ${cached} from the cache`);
        }
        updateConfig({
          vite: {
            plugins: [virtualDataModule(siteDataDir(workDir))],
            server: { watch: { ignored: devWatchIgnored(process.cwd(), workDir, process.env.TROVE_OUT ?? 'dist') } },
          },
        });
      },
      'astro:config:done': ({ config }) => {
        outDirOfConfig = fileURLToPath(config.outDir);
      },
      'astro:server:setup': ({ server, logger }) => {
        server.middlewares.use(derivativesMiddleware(() => pipeline));
        // The last build's output: where `npm run build` put it (TROVE_OUT), not Astro's own outDir.
        server.middlewares.use(lastBuildSearchMiddleware(process.env.TROVE_OUT ? path.resolve(process.env.TROVE_OUT) : (outDirOfConfig ?? 'dist')));
        watchContent(
          server,
          contentDir,
          async () => {
            pipeline = await runPipeline({ contentDir, workDir, log: (line) => logger.info(line) });
          },
          logger,
        );
      },
      'astro:build:start': () => {
        htmlStarted = performance.now();
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pipeline) throw new Error('Trove: the pipeline did not run before the build finished');
        const { stats } = pipeline;
        stats.stages.html = performance.now() - htmlStarted;
        const outDir = fileURLToPath(dir);
        for (const step of HTML_STEPS) {
          const started = performance.now();
          await step.run({ outDir, pipeline, logger: logger.fork(`trove:${step.name}`) });
          stats.stages[step.name] = performance.now() - started;
          logger.info(`${step.name} done in ${(stats.stages[step.name]! / 1000).toFixed(1)} s`);
        }
        // The finishing steps (search index, feeds, manifest) run once this process has exited: see post-build/steps.ts.
        stats.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
        await writeStats(workDir, stats);
        await writeFinishInput(workDir, pipeline);
      },
    },
  };
}
