/**
 * Live preview for `npm run dev`: when anything under content/ changes, the
 * pipeline runs again (documents come from the cache, so only new or
 * changed files are processed) and the browser reloads. A mistake shows in
 * the terminal and in Vite's error overlay; the last good preview stays.
 */
import path from 'node:path';
import type { AstroIntegrationLogger } from 'astro';
import type { ViteDevServer } from 'vite';
import { BuildError, formatProblem } from '../pipeline/errors.ts';

export function watchContent(server: ViteDevServer, contentDir: string, rerun: () => Promise<void>, logger: AstroIntegrationLogger): void {
  const root = path.resolve(contentDir);
  server.watcher.add(root);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = async () => {
    if (running) await running;
    running = (async () => {
      try {
        await rerun();
        server.moduleGraph.invalidateAll();
        server.ws.send({ type: 'full-reload' });
        logger.info('content changed: preview updated');
      } catch (e) {
        const message = e instanceof BuildError ? e.problems.map(formatProblem).join('\n') : String((e as Error)?.message ?? e);
        logger.error(`content changed, but the preview was not updated:\n${message}`);
        server.ws.send({ type: 'error', err: { message, stack: '', plugin: 'trove' } });
      }
    })();
    await running;
    running = undefined;
  };
  server.watcher.on('all', (_event, file) => {
    if (file !== root && !file.startsWith(root + path.sep)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 250);
  });
}
