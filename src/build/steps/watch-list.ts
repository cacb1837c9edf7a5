/**
 * The last line of defence: after everything else is written, every file of
 * the site is searched for the watch list's terms (TROVE_WATCHLIST_FILE, see
 * src/pipeline/watch-list/). A hit fails the build before the site replaces
 * the output folder, naming each file, the document or story it came from,
 * and the watch list's line: never the term, since build logs are often
 * public.
 */
import path from 'node:path';
import { loadWatchList } from '../../pipeline/watch-list/load.ts';
import type { WatchHit } from '../../pipeline/watch-list/scan-site.ts';
import type { StepContext } from '../step.ts';

/** Files listed in the message; the rest are counted. */
const LISTED = 50;

export async function checkWatchList({ outDir, pipeline, logger }: StepContext): Promise<void> {
  const list = loadWatchList(process.env, process.cwd());
  if (!list) return;
  const started = performance.now();
  const origins = { documentIds: pipeline.data.documents.map((d) => d.id), storySlugs: pipeline.data.stories.map((s) => s.slug) };
  // Loaded only for a build with a watch list: it reads PDFs and e-mails (pdf.js, postal-mime).
  const { scanSite } = await import('../../pipeline/watch-list/scan-site.ts');
  const hits = await scanSite(outDir, list, origins, pipeline.cacheDir);
  if (hits.length > 0) throw new Error(watchListMessage(list.file, hits));
  logger.info(`no term of the watch list (${list.terms.length} terms) is in the site, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

export function watchListMessage(file: string, hits: WatchHit[]): string {
  const lines = hits.slice(0, LISTED).map((h) => {
    const where = h.from ? ` (${h.from})` : '';
    return `  ${h.file}${where}: watch list line${h.lines.length > 1 ? 's' : ''} ${h.lines.join(', ')}`;
  });
  if (hits.length > LISTED) lines.push(`  … and ${hits.length - LISTED} more files`);
  return (
    `the watch list (${file}) found ${hits.length === 1 ? 'a term' : 'terms'} in ${hits.length} file${hits.length === 1 ? '' : 's'} of the built site; nothing was published:\n` +
    `${lines.join('\n')}\n` +
    `  → take the text out of the documents or stories named (redact it, or fix the source), then build again; if a line matches by accident, make its term more specific. ` +
    `Terms are matched ignoring case, accents, spaces and punctuation, and are never printed: look them up by line number in ${path.basename(file)}.`
  );
}
