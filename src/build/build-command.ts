/**
 * `npm run build` (started by scripts/build.ts): checks the settings, builds the site into a staging
 * folder beside the output (src/build/build-site.ts: pipeline, Astro's HTML
 * in a process of its own, then the search index, feeds, manifest and the
 * other steps) and swaps it in only when everything succeeded, so a failed
 * or stopped build leaves the previous output untouched
 * (src/pipeline/site/output-swap.ts). Folders: src/pipeline/folders.ts
 * (TROVE_CONTENT, TROVE_WORK, TROVE_OUT).
 *
 * `npm run build -- --shard i/n` only processes shard i of n of the
 * documents into the cache (see docs/scaling.md); run the plain build after
 * merging the shards' caches.
 */
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { constants } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSite } from './build-site.ts';
import { startProblems } from './start-checks.ts';
import { FILE_COUNT_WARNING, measureOutput, statsFile, writeStats, type BuildStats } from '../pipeline/stats/build-stats.ts';
import { formatProblem } from '../pipeline/errors.ts';
import { projectFolders } from '../pipeline/folders.ts';
import { recoverLeftovers, stagingDirs, swapIn } from '../pipeline/site/output-swap.ts';
import { parseShard } from '../pipeline/documents/shard.ts';

// Astro's anonymous usage reports would tell a third party when and what an editor builds: off.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const started = performance.now();
/** Signals that stop a build cleanly (see stopOnSignals). */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const folders = projectFolders();
const shown = (dir: string) => (path.relative(process.cwd(), dir).startsWith('..') ? dir : path.relative(process.cwd(), dir));
const { values } = parseArgs({ options: { shard: { type: 'string' } }, strict: true });

const problems = await startProblems(process.env, process.cwd(), { shard: values.shard !== undefined, contentDir: folders.content });
if (problems.length > 0) {
  console.error(`Trove: the build did not start: ${problems.join(' ')}`);
  process.exit(1);
} else if (values.shard) {
  await buildShard(values.shard);
} else {
  await buildAndSwap();
}

async function buildShard(text: string): Promise<void> {
  const shard = parseShard(text);
  // Only here: a site build runs the pipeline in a process of its own, and need not load it in this one.
  const { runShard } = await import('../pipeline/run.ts');
  const { problems, stats, selected } = await runShard({ contentDir: folders.content, workDir: folders.work, shard, log: (line) => console.log(line) });
  if (problems.length > 0) {
    console.error(`\nTrove: shard ${shard.index}/${shard.count} failed: ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n`);
    for (const p of problems) console.error(formatProblem(p));
    process.exitCode = 1;
    return;
  }
  console.log(
    `\nTrove: shard ${shard.index}/${shard.count}: ${selected} documents, ${stats.documents.processed} processed, ${stats.documents.cached} already cached, ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s. The cache is in ${shown(folders.cache)}/.`,
  );
}

async function buildAndSwap(): Promise<void> {
  const { staging } = stagingDirs(folders.out);
  const out = shown(folders.out);
  for (const line of await recoverLeftovers(folders.out)) console.log(`Trove: ${line}`);
  const quiet = ['warn', 'error', 'silent'].includes(process.env.TROVE_LOG_LEVEL ?? '');
  const stop = stopOnSignals(staging, out);
  let stats: BuildStats;
  try {
    stats = await buildSite({
      folders,
      staging,
      signal: stop.signal,
      log: (line) => {
        if (!quiet) console.log(line);
      },
    });
    stop.signal.throwIfAborted();
    await stop.whileSwapping(() => swapIn(folders.out));
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (stop.stoppedBy) {
      console.error(`\nTrove: the build was stopped (${stop.stoppedBy}); ${out}/ was left as it was.`);
      // At once: a stopped pipeline's worker threads would otherwise run on.
      process.exit(128 + (constants.signals[stop.stoppedBy] ?? 0));
    }
    // Repeat the essentials last, where editors look, after whatever Astro or a step printed.
    console.error(`\nTrove: the build failed; ${out}/ was left as it was.\n`);
    console.error((e as Error)?.message ?? e);
    process.exitCode = 1;
    return;
  } finally {
    stop.dispose();
  }
  const output = await measureOutput(folders.out);
  await writeStats(folders.work, { ...stats, output, totalMs: performance.now() - started });
  report(out, output, stats);
}

function report(out: string, output: NonNullable<BuildStats['output']>, stats: BuildStats): void {
  const mb = (output.bytes / 1e6).toFixed(1);
  const { peakTreeRssMb, peakRssMb } = stats;
  console.log(
    `\nTrove: the site is in ${out}/: ${output.files.toLocaleString('en')} files, ${mb} MB ` +
      `(peak memory: ${peakTreeRssMb ?? peakRssMb} MB${peakTreeRssMb !== undefined ? ' with the search indexer' : ''}; ` +
      `figures in ${shown(statsFile(folders.work))})`,
  );
  if (output.files > FILE_COUNT_WARNING) {
    console.log(
      `Trove: note: ${output.files.toLocaleString('en')} files is more than some hosts accept (Cloudflare Pages: ${FILE_COUNT_WARNING.toLocaleString('en')}); ` +
        'GitHub Pages, Netlify, S3 and nginx have no such limit. See docs/scaling.md.',
    );
  }
}

/**
 * Ctrl-C (or SIGTERM, SIGHUP) stops the build without leaving a staging
 * folder behind: the build's signal is aborted (the pipeline is abandoned,
 * Astro's process is stopped, the step under way ends), then the staging
 * folder is removed; a second signal stops at once. The swap into place is
 * two renames: a signal during it lets it finish, and the build with it.
 */
function stopOnSignals(staging: string, out: string) {
  const controller = new AbortController();
  let swapping = false;
  const state = {
    signal: controller.signal,
    stoppedBy: undefined as NodeJS.Signals | undefined,
    async whileSwapping(swap: () => Promise<void>): Promise<void> {
      swapping = true;
      try {
        await swap();
      } finally {
        swapping = false;
      }
    },
    dispose(): void {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (swapping) return;
    if (state.stoppedBy) {
      rmSync(staging, { recursive: true, force: true });
      console.error(`\nTrove: stopped at once; ${out}/ was left as it was.`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    state.stoppedBy = signal;
    console.error(`\nTrove: stopping (${signal}); ${out}/ stays as it was. Press Ctrl-C again to stop at once.`);
    controller.abort(new Error(`stopped by ${signal}`));
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return state;
}
