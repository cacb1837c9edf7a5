/**
 * Internal to `npm run build` (src/build/html-process.ts starts it as a
 * process of its own): Astro's HTML build of src/pages/ into the staging
 * folder given as the only argument, from the site data the build wrote
 * before starting it. The Trove integration runs no pipeline here
 * (src/integrations/trove.ts). Its peak memory, or its failure, goes to the
 * parent over IPC (src/build/child-process.ts).
 */
import { build } from 'astro';
import { childMain } from '../src/build/child-process.ts';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const staging = process.argv[2];
if (!staging) throw new Error('scripts/build-html.ts is a step of npm run build: run `npm run build` instead');
await childMain('scripts/build-html.ts', async () => {
  await build({ root: process.cwd(), outDir: staging, logLevel: (process.env.TROVE_LOG_LEVEL as never) ?? 'info' });
  return { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
});
