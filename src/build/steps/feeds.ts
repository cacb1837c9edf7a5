/**
 * `feed.xml`, an Atom feed of the stories, and `sitemap.xml`. The feed's
 * links are relative (Atom resolves them against the feed's own address),
 * so it works on every mirror at any path. A sitemap must list absolute
 * URLs, so it is written only when `url` is set in site.yml, under that
 * URL. Both are made from what was built: nothing unpublished can appear.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FILE_INDEX_PATH } from './file-index.ts';
import { storyPath } from '../../lib/urls.ts';
import type { StepContext } from '../step.ts';

export const FEED_FILE = 'feed.xml';
export const SITEMAP_FILE = 'sitemap.xml';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function atomFeed(data: StepContext['pipeline']['data']): string {
  const { site, stories, builtAt } = data;
  const idOf = (slug?: string) =>
    site.url ? new URL(slug ? storyPath(slug) : '', site.url).href : `urn:trove:${encodeURIComponent(site.title)}${slug ? `:story:${slug}` : ''}`;
  const updated =
    stories.length > 0
      ? `${stories
          .map((s) => s.date)
          .sort()
          .at(-1)}T00:00:00Z`
      : builtAt;
  const entries = stories
    .map(
      (s) => `  <entry>
    <id>${xml(idOf(s.slug))}</id>
    <title>${xml(s.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(`${storyPath(s.slug)}index.html`)}"/>
    <updated>${s.date}T00:00:00Z</updated>
${s.authors.map((a) => `    <author><name>${xml(a)}</name></author>`).join('\n')}
${s.tags.map((t) => `    <category term="${xml(t)}"/>`).join('\n')}
    <summary>${xml(s.summary)}</summary>
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(site.language)}">
  <id>${xml(idOf())}</id>
  <title>${xml(site.title)}</title>
${site.description ? `  <subtitle>${xml(site.description)}</subtitle>\n` : ''}  <link rel="self" type="application/atom+xml" href="${FEED_FILE}"/>
  <link rel="alternate" type="text/html" href="index.html"/>
  <updated>${updated}</updated>
  <author><name>${xml(site.publisher || site.title)}</name></author>
  <generator>Trove</generator>
${entries}
</feed>
`;
}

async function builtPages(outDir: string): Promise<string[]> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => path.relative(outDir, e.parentPath).split(path.sep).join('/'))
    .map((dir) => (dir ? `${dir}/` : ''))
    .filter((p) => p !== FILE_INDEX_PATH)
    .sort();
}

export async function writeFeeds({ outDir, pipeline, logger }: StepContext): Promise<void> {
  const { site } = pipeline.data;
  await writeFile(path.join(outDir, FEED_FILE), atomFeed(pipeline.data));
  if (!site.url) {
    logger.info(`${FEED_FILE} written; no ${SITEMAP_FILE}: a sitemap needs absolute URLs, set url in content/site.yml`);
    return;
  }
  const urls = (await builtPages(outDir)).map((p) => `  <url><loc>${xml(new URL(p, site.url).href)}</loc></url>`);
  await writeFile(
    path.join(outDir, SITEMAP_FILE),
    `<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`,
  );
  logger.info(`${FEED_FILE} and ${SITEMAP_FILE} (${urls.length} pages) written`);
}
