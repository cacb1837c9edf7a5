/**
 * Builds the Pagefind index into `<outDir>/pagefind/`. Stories are indexed
 * from their HTML (`data-pagefind-body`); every page of every document is a
 * custom record of its own whose URL is the page anchor, so a hit lands on
 * the page that matched.
 */
import * as pagefind from 'pagefind';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { documentPageUrl, tablePagePath, thumbnailPath } from '../../lib/urls.ts';
import { DerivativeCache } from '../../pipeline/cache.ts';
import type { ProcessedDocument } from '../../pipeline/process-documents.ts';
import type { DocumentSummary } from '../../lib/model.ts';
import { readDocumentDetail } from '../../pipeline/site-data.ts';
import type { PostBuildContext } from './steps.ts';
import { Progress } from '../../pipeline/progress.ts';
import { childrenPeakRssMb } from '../../pipeline/child-memory.ts';

export const TYPE_LABELS: Record<string, string> = { pdf: 'PDF', image: 'Image', text: 'Text', table: 'Table', email: 'E-mail', office: 'Office', story: 'Story' };

export async function buildSearchIndex({ outDir, pipeline, logger }: PostBuildContext): Promise<void> {
  const { data } = pipeline;
  const language = data.site.language;
  const collectionTitles = new Map(data.collections.map((c) => [c.slug, c.title]));
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const stories = await index.addDirectory({ path: outDir, glob: 'stories/**/*.html' });
    check('indexing stories', stories.errors);
    let records = 0;
    const summaries = new Map(data.documents.map((d) => [d.id, d]));
    const progress = new Progress({ label: 'indexing documents', total: pipeline.processed.length, unit: 'docs' });
    for (const doc of pipeline.processed) {
      progress.tick();
      const summary = summaries.get(doc.entry.id);
      if (!summary) continue;
      const filters: Record<string, string[]> = {
        collection: [collectionTitles.get(summary.collection) ?? summary.collection],
        type: [TYPE_LABELS[summary.type] ?? summary.type],
      };
      if (summary.source) filters.source = [summary.source];
      if (summary.year) filters.year = [summary.year];
      if (summary.tags.length > 0) filters.tag = summary.tags;
      if (doc.result.table) {
        records += await indexTable(index, doc, summary, filters, language, pipeline.cacheDir);
        continue;
      }
      // Page texts are read back one document at a time from the site data, not held for the whole collection.
      const { pages } = await readDocumentDetail(pipeline.dataDir, summary.id);
      for (const page of pages) {
        // A page with no text still gets a record on page 1, so the document's title and description find it.
        const text = page.text || (page.pageNumber === 1 ? [summary.title, summary.description ?? ''].join('\n') : '');
        if (!text) continue;
        const multi = summary.pageCount > 1;
        const response = await index.addCustomRecord({
          url: `/${documentPageUrl(summary.id, multi ? page.pageNumber : undefined)}`,
          content: text,
          language,
          meta: {
            title: multi ? `${summary.title} — page ${page.pageNumber}` : summary.title,
            // Relative to the site root; the search page resolves it against wherever the site is mounted.
            image: thumbnailPath(summary.id),
          },
          filters,
        });
        check(`indexing ${summary.id} page ${page.pageNumber}`, response.errors);
        records++;
      }
    }
    progress.finish();
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    check('writing the index', written.errors);
    logger.info(`indexed ${stories.page_count} stories and ${records} document pages`);
    // Pagefind indexes in a process of its own: its memory is not in this process's figure.
    pipeline.stats.searchIndexPeakRssMb = childrenPeakRssMb();
  } finally {
    await pagefind.close();
  }
}

function check(what: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind failed while ${what}: ${errors.join('; ')}`);
}

/**
 * A table's records: one per page of rows, read back one page at a time
 * from the cache, so a search for a cell value lands on its page of rows.
 */
async function indexTable(
  index: pagefind.PagefindIndex,
  doc: ProcessedDocument,
  summary: DocumentSummary,
  filters: Record<string, string[]>,
  language: string,
  cacheDir: string,
): Promise<number> {
  const table = doc.result.table!;
  const rowsDir = path.join(new DerivativeCache(cacheDir).entryDir(doc.cacheKey), 'rows');
  const header = table.columns.map((c) => c.name).join(' · ');
  let records = 0;
  for (let page = 1; page <= doc.result.pageCount; page++) {
    const rows = JSON.parse(await readFile(path.join(rowsDir, `${page}.json`), 'utf8')) as string[][];
    if (rows.length === 0) continue;
    const first = (page - 1) * table.rowsPerPage + 1;
    const response = await index.addCustomRecord({
      url: `/${tablePagePath(summary.id, page)}`,
      content: `${header}\n${rows.map((r) => r.join(' · ')).join('\n')}`,
      language,
      meta: { title: `${summary.title} — rows ${first}–${first + rows.length - 1}`, image: thumbnailPath(summary.id) },
      filters,
    });
    check(`indexing ${summary.id} rows page ${page}`, response.errors);
    records++;
  }
  return records;
}
