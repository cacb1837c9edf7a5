/**
 * What the dev server's file watcher must leave alone: the cache and site
 * data (TROVE_WORK), the built output and its staging and previous copies
 * (TROVE_OUT, `dist.staging-*`), and the benchmark's work folder. Each can
 * hold tens of thousands of files; watching them makes `npm run dev` crawl
 * for minutes, and a build running beside the dev server would trigger
 * reloads. Content changes are watched separately (dev-reload.ts).
 */
import path from 'node:path';

export function devWatchIgnored(root: string, workDir: string, outDir: string): (file: string) => boolean {
  const work = path.resolve(root, workDir);
  const out = path.resolve(root, outDir);
  const bench = path.resolve(root, 'bench/work');
  const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
  return (file) => {
    const abs = path.resolve(root, file);
    return inside(abs, work) || inside(abs, bench) || inside(abs, out) || abs.startsWith(`${out}.staging-`) || abs.startsWith(`${out}.previous-`);
  };
}
