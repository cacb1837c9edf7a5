/**
 * `npm run build`: builds the site with Astro into a staging folder beside
 * the output and swaps it in only when everything succeeded, so a failed
 * build leaves the previous output untouched. Environment: TROVE_CONTENT
 * (content folder), TROVE_WORK (cache and site data), TROVE_OUT (output,
 * default `dist`).
 */
import { build } from 'astro';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';

const outDir = path.resolve(process.env.TROVE_OUT ?? 'dist');
const staging = `${outDir}.staging-${process.pid}`;
const previous = `${outDir}.previous-${process.pid}`;
const shown = path.relative(process.cwd(), outDir).startsWith('..') ? outDir : path.relative(process.cwd(), outDir);

try {
  await build({ root: process.cwd(), outDir: staging, logLevel: process.env.TROVE_LOG_LEVEL as never ?? 'info' });
  await rename(outDir, previous).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
  console.log(`\nTrove: the site is in ${shown}/ (peak memory of the build process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB)`);
} catch (e) {
  await rm(staging, { recursive: true, force: true });
  // Astro has already printed the details; repeat the essentials last, where editors look.
  console.error(`\nTrove: the build failed; ${shown}/ was left as it was.\n`);
  console.error((e as Error)?.message ?? e);
  process.exitCode = 1;
}
