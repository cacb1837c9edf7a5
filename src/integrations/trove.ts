/**
 * Trove's Astro integration. It only wires steps together:
 *   astro:config:setup  expose the site data folder to pages as
 *                       `virtual:trove/data`; in `astro dev`, run the
 *                       document pipeline first (dev-preview.ts). In
 *                       `astro build` it runs nothing: `npm run build`
 *                       (src/build/build-site.ts) writes the site data
 *                       before and runs the steps after Astro's HTML, so a
 *                       bare `astro build` without site data stops, saying so.
 *   astro:server:setup  (dev) serve derivatives from the cache and search
 *                       from the last build; re-run the pipeline and reload
 *                       the browser when content/ changes
 * The folders come from the environment (src/pipeline/folders.ts), so the
 * same astro.config.mjs builds any content tree.
 */
import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectFolders, type ProjectFolders } from '../pipeline/folders.ts';
import type { DevPreview } from './dev-preview.ts';
import { devWatchIgnored } from './dev-watch.ts';
import { virtualDataModule } from './virtual-data.ts';

export default function trove(folders: ProjectFolders = projectFolders()): AstroIntegration {
  let preview: DevPreview | undefined;
  return {
    name: 'trove',
    hooks: {
      'astro:config:setup': async ({ command, updateConfig, logger }) => {
        if (command === 'dev') {
          // Loaded only here: the pipeline's code takes seconds to load, and every Astro command but dev goes without it.
          const { startPreview } = await import('./dev-preview.ts');
          preview = await startPreview(folders, logger);
        } else if (command === 'build') {
          requireSiteData(folders);
        }
        updateConfig({
          vite: {
            plugins: [virtualDataModule(folders.siteData)],
            server: { watch: { ignored: devWatchIgnored(process.cwd(), folders.work, folders.out) } },
          },
        });
      },
      'astro:server:setup': ({ server }) => preview?.serve(server),
    },
  };
}

/** `astro build` renders pages from the site data `npm run build` writes first; without it there is nothing to render. */
export function requireSiteData(folders: ProjectFolders): void {
  const file = path.join(folders.siteData, 'site.json');
  if (existsSync(file)) return;
  throw new Error(
    `Trove: ${file} is missing: \`astro build\` renders the pages from the site data that \`npm run build\` writes first. ` +
      // No "document" or "window" in this text: Astro would add a hint about browser APIs to it.
      'Build with `npm run build`: it processes the content, then runs Astro, then the search index, feeds and manifest.',
  );
}
