/**
 * `npm run build`: builds the site into a staging folder beside the output
 * and swaps it in only when everything succeeded, so a failed or stopped
 * build leaves the previous output untouched (src/pipeline/site/output-swap.ts). The pipeline and Astro's HTML run in a
 * process of their own (scripts/build-html.ts); once it has exited, the
 * finishing steps (search index, feeds, manifest) run here, so the search
 * indexer's memory never adds to Astro's. Environment: TROVE_CONTENT
 * (content folder), TROVE_WORK (cache and site data), TROVE_OUT (output,
 * default `dist`).
 *
 * `npm run build -- --shard i/n` only processes shard i of n of the
 * documents into the cache (see docs/scaling.md); run the plain build after
 * merging the shards' caches.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { constants } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FILE_COUNT_WARNING, measureOutput, readStats, writeStats } from '../src/pipeline/stats/build-stats.ts';
import { sampleTreeMemory } from '../src/pipeline/stats/child-memory.ts';
import { formatProblem } from '../src/pipeline/errors.ts';
import { recoverLeftovers, stagingDirs, swapIn } from '../src/pipeline/site/output-swap.ts';
import { finishSite } from '../src/integrations/post-build/finish.ts';
import { runShard } from '../src/pipeline/run.ts';
import { parseShard } from '../src/pipeline/documents/shard.ts';
import { checkSettings } from '../src/pipeline/settings.ts';
import { loadWatchList } from '../src/pipeline/watch-list/load.ts';

// Astro's anonymous usage reports would tell a third party when and what an editor builds: off.
process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const started = performance.now();
/** Signals that stop a build cleanly (see stopOnSignals). */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const workDir = process.env.TROVE_WORK ?? '.trove';
const { values } = parseArgs({ options: { shard: { type: 'string' } }, strict: true });

const badSettings = checkSettings();
const badWatchList = watchListProblem();
// Before any work, and all of them at once: a typo in a setting would otherwise surface from deep inside the
// pipeline, and a watch list that cannot be used only after an hour of processing.
const startProblems = [
  ...(badWatchList ? [`${badWatchList}.`] : []),
  ...(badSettings.length > 0
    ? [`${badSettings.join('; ')}. Fix or unset the variable${badSettings.length > 1 ? 's' : ''} (see the README's Configuration).`]
    : []),
];
if (startProblems.length > 0) {
  console.error(`Trove: the build did not start: ${startProblems.join(' ')}`);
  process.exit(1);
} else if (values.shard) {
  await buildShard(values.shard);
} else {
  await buildSite();
}

function watchListProblem(): string | undefined {
  if (values.shard) return undefined;
  try {
    loadWatchList(process.env, process.cwd());
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

async function buildShard(text: string): Promise<void> {
  const shard = parseShard(text);
  const { problems, stats, selected } = await runShard({
    contentDir: process.env.TROVE_CONTENT ?? 'content',
    workDir,
    shard,
    log: (line) => console.log(line),
  });
  if (problems.length > 0) {
    console.error(`\nTrove: shard ${shard.index}/${shard.count} failed: ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n`);
    for (const p of problems) console.error(formatProblem(p));
    process.exitCode = 1;
    return;
  }
  console.log(
    `\nTrove: shard ${shard.index}/${shard.count}: ${selected} documents, ${stats.documents.processed} processed, ${stats.documents.cached} already cached, ` +
      `in ${((performance.now() - started) / 1000).toFixed(1)} s. The cache is in ${path.join(workDir, 'cache')}/.`,
  );
}

async function buildSite(): Promise<void> {
  const memory = sampleTreeMemory();
  const outDir = path.resolve(process.env.TROVE_OUT ?? 'dist');
  const { staging } = stagingDirs(outDir);
  const shown = path.relative(process.cwd(), outDir).startsWith('..') ? outDir : path.relative(process.cwd(), outDir);
  for (const line of await recoverLeftovers(outDir)) console.log(`Trove: ${line}`);
  const stop = stopOnSignals(staging, shown);
  try {
    await buildHtml(staging, stop);
    stop.check();
    const quiet = ['warn', 'error', 'silent'].includes(process.env.TROVE_LOG_LEVEL ?? '');
    await finishSite(staging, workDir, (line) => {
      if (!quiet) console.log(line);
    });
    stop.check();
    await stop.whileSwapping(() => swapIn(outDir));
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (stop.signal) {
      console.error(`\nTrove: the build was stopped (${stop.signal}); ${shown}/ was left as it was.`);
      process.exitCode = 128 + (constants.signals[stop.signal] ?? 0);
      return;
    }
    // Astro has already printed the details; repeat the essentials last, where editors look.
    console.error(`\nTrove: the build failed; ${shown}/ was left as it was.\n`);
    console.error((e as Error)?.message ?? e);
    process.exitCode = 1;
    return;
  } finally {
    stop.dispose();
  }
  const peakTreeRssMb = memory.stop();
  const output = await measureOutput(outDir);
  const stats = await readStats(workDir);
  // The largest single process: Astro's (its own figure, written before it exited) or this one.
  const peakRssMb = Math.max(stats?.peakRssMb ?? 0, Math.round(process.resourceUsage().maxRSS / 1024));
  if (stats) await writeStats(workDir, { ...stats, output, peakRssMb, peakTreeRssMb, totalMs: performance.now() - started });
  const mb = (output.bytes / 1e6).toFixed(1);
  console.log(
    `\nTrove: the site is in ${shown}/: ${output.files.toLocaleString('en')} files, ${mb} MB ` +
      `(peak memory: ${peakTreeRssMb ?? peakRssMb} MB${peakTreeRssMb !== undefined ? ' with the search indexer' : ''}; ` +
      `figures in ${path.join(workDir, 'build-stats.json')})`,
  );
  if (output.files > FILE_COUNT_WARNING) {
    console.log(
      `Trove: note: ${output.files.toLocaleString('en')} files is more than some hosts accept (Cloudflare Pages: ${FILE_COUNT_WARNING.toLocaleString('en')}); ` +
        'GitHub Pages, Netlify, S3 and nginx have no such limit. See docs/scaling.md.',
    );
  }
}

/** Runs scripts/build-html.ts (pipeline and Astro) into the staging folder; rejects with its error message. */
function buildHtml(staging: string, stop: Stopper): Promise<void> {
  return new Promise((resolve, reject) => {
    let error: string | undefined;
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'build-html.ts'), staging], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    stop.child = child;
    child.on('message', (m: { error?: string }) => (error = m.error ?? error));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      stop.child = undefined;
      if (code === 0) resolve();
      else reject(new Error(error ?? `the HTML build ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

type Stopper = ReturnType<typeof stopOnSignals>;

/**
 * Ctrl-C (or SIGTERM, SIGHUP) stops the build without leaving a staging
 * folder behind: the HTML build is stopped, the step under way ends, and
 * the staging folder is removed; a second signal stops at once. The swap
 * into place is two renames, and a signal waits for it to finish.
 */
function stopOnSignals(staging: string, shown: string) {
  let swapping = false;
  const state = {
    signal: undefined as NodeJS.Signals | undefined,
    child: undefined as ChildProcess | undefined,
    /** Throws once a signal has come, so the build goes no further. */
    check(): void {
      if (state.signal) throw new Error(`stopped by ${state.signal}`);
    },
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
    if (swapping) {
      state.signal ??= signal;
      return;
    }
    if (state.signal) {
      state.child?.kill('SIGKILL');
      rmSync(staging, { recursive: true, force: true });
      console.error(`\nTrove: stopped at once; ${shown}/ was left as it was.`);
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    state.signal = signal;
    console.error(`\nTrove: stopping (${signal}); ${shown}/ stays as it was. Press Ctrl-C again to stop at once.`);
    state.child?.kill(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return state;
}
