/**
 * Internal to `npm run build` (src/build/html-process.ts starts it as a
 * process of its own): Astro's HTML build of src/pages/ into the staging
 * folder given as the only argument, from the site data the build wrote
 * before starting it. The Trove integration runs no pipeline here
 * (src/integrations/trove.ts). Its peak memory, or its failure, goes to the
 * parent over IPC, so the parent can report it.
 */
import { build } from 'astro';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const staging = process.argv[2];
if (!staging || !process.send) throw new Error('scripts/build-html.ts is a step of npm run build: run `npm run build` instead');
// A build that went away (killed outright) must not leave this process writing into a folder nobody removes.
// The listener holds the IPC channel open, so it goes once the work is done.
const parentGone = () => process.exit(1);
process.on('disconnect', parentGone);
const report = (message: object) => new Promise((resolve) => process.send!(message, resolve));
try {
  await build({ root: process.cwd(), outDir: staging, logLevel: (process.env.TROVE_LOG_LEVEL as never) ?? 'info' });
  await report({ peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
} catch (e) {
  await report({ error: String((e as Error)?.message ?? e) });
  process.exitCode = 1;
} finally {
  process.off('disconnect', parentGone);
}
