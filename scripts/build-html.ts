/**
 * Internal to `npm run build` (src/build/html-process.ts starts it as a
 * process of its own): Astro's HTML build of src/pages/ into the staging
 * folder given as the only argument, from the site data the build wrote
 * before starting it. The Trove integration runs no pipeline here
 * (src/integrations/trove.ts). Its peak memory, or its failure, goes to the
 * parent over IPC (src/build/child-process.ts).
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'astro';
import { childMain } from '../src/build/child-process.ts';
import { HTML_BUILD, HTML_READY, type HtmlBuildOrder } from '../src/build/html-process.ts';
import { currentSlice, SLICE_VARIABLE } from '../src/lib/html-slice.ts';
import { isRunning } from '../src/pipeline/site/pid.ts';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const staging = process.argv[2];
if (!staging) throw new Error('scripts/build-html.ts is a step of npm run build: run `npm run build` instead');
const root = process.cwd();
await childMain('scripts/build-html.ts', async (notify) => {
  // Started early by the build (src/build/html-process.ts): Astro is loaded; build once the site data is written.
  const told = new Promise<Partial<HtmlBuildOrder> | undefined>((resolve) => process.once('message', resolve as (m: unknown) => void));
  notify(HTML_READY);
  const order = await told;
  if (order?.order !== HTML_BUILD || typeof order.slice !== 'string') throw new Error('scripts/build-html.ts was sent something other than the order to build');
  // The pages read which slice is theirs from here (src/lib/html-slice.ts).
  process.env[SLICE_VARIABLE] = order.slice;
  currentSlice();
  const own = await ownFolder(root);
  process.chdir(own);
  try {
    await build({ root, outDir: path.resolve(root, staging), logLevel: (process.env.TROVE_LOG_LEVEL as never) ?? 'info' });
  } finally {
    process.chdir(root);
    await rm(own, { recursive: true, force: true });
  }
  return { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
});

/**
 * Astro bundles the pages for prerendering into the output folder when that is inside the working directory, and
 * into <working directory>/.astro/.prerender/ otherwise, where two builds at once (of two content folders, or two
 * tests) would overwrite each other's. So it works from a folder of this process's own inside the project, where
 * the bundle still finds node_modules, and the folder goes when the build ends (or, if it was killed, when the
 * next one starts).
 */
async function ownFolder(root: string): Promise<string> {
  const own = path.join(root, '.astro', `build-${process.pid}`);
  for (const name of await readdir(path.dirname(own)).catch(() => [] as string[])) {
    const pid = /^build-(\d+)$/.exec(name)?.[1];
    if (pid && (Number(pid) === process.pid || !isRunning(Number(pid)))) await rm(path.join(root, '.astro', name), { recursive: true, force: true });
  }
  await mkdir(own, { recursive: true });
  return own;
}
