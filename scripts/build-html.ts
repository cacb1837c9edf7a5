/**
 * Internal to `npm run build` (scripts/build.ts starts it as a process of
 * its own): the pipeline and Astro's HTML build into the staging folder
 * given as the only argument, with the HTML steps of
 * src/integrations/post-build/steps.ts. Its memory is returned when it
 * exits, before the search indexer starts. A failure is reported to the
 * parent over IPC, so the parent can repeat it last.
 */
import { build } from 'astro';

process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
const staging = process.argv[2];
if (!staging) throw new Error('usage: node scripts/build-html.ts <staging folder> (run npm run build instead)');
try {
  await build({ root: process.cwd(), outDir: staging, logLevel: (process.env.TROVE_LOG_LEVEL as never) ?? 'info' });
} catch (e) {
  const message = String((e as Error)?.message ?? e);
  if (process.send) await new Promise((resolve) => process.send!({ error: message }, resolve));
  else console.error(message);
  process.exitCode = 1;
}
