/**
 * Builds the Pagefind index into `<outDir>/pagefind/`. Stories are indexed
 * from their HTML (`data-pagefind-body`); every page of every document is a
 * custom record of its own whose URL is the page anchor, so a hit lands on
 * the page that matched.
 */
import * as pagefind from 'pagefind';
import path from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { documentPageUrl, tablePagePath, thumbnailPath } from '../../lib/urls.ts';
import { DerivativeCache } from '../../pipeline/cache/derivative-cache.ts';
import type { DocumentSummary } from '../../lib/model.ts';
import { readDocumentDetail } from '../../pipeline/site/site-data.ts';
import type { ProcessedDocument } from '../../pipeline/documents/process-documents.ts';
import type { StepContext, StepFigures } from '../step.ts';
import { Progress } from '../../pipeline/stats/progress.ts';
import { uiFor } from '../../i18n/index.ts';
import { TYPE_KEYS } from '../../lib/format.ts';
import { childrenPeakRssMb } from '../../pipeline/stats/child-memory.ts';
import { SETTINGS, wholeNumber } from '../../pipeline/settings.ts';

/**
 * Pagefind holds a whole index in memory while it writes it: about 400 bytes
 * per word indexed (docs/scaling.md), so a collection of millions of words
 * would need gigabytes. Past this many
 * words the index is written in parts, one Pagefind process after another
 * (each part's memory is freed before the next), and the search page
 * merges them in the reader's browser. Parts cost readers a little: each
 * one's metadata and index chunk for the query word. Default: 2,500,000
 * words (about 1 GB of indexer memory); `TROVE_SEARCH_WORDS_PER_INDEX`.
 */
export function wordsPerIndex(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumber(SETTINGS.searchWordsPerIndex, env);
}

/**
 * How many of Pagefind's index units (a word's occurrences on a record, plus
 * one per record it is on) go into one index chunk. A search fetches, from
 * every part, the metadata (which lists every chunk: about 8 bytes each,
 * gzipped) and the chunk holding the query word (about 1.15 bytes a unit).
 * Pagefind's default, 20,000 units, suits one small index; on a big one, in
 * parts, it makes a rare word cost 20–25 KB per part. With U units in a part
 * the bytes a query fetches are least at a chunk size of about √(7·U), and
 * a part holds up to about 1.3 units per word: √(9 × words per part), 4,743
 * at the default limit. docs/scaling.md has what a search fetches with it
 * and with Pagefind's default.
 *
 * Pagefind 1.6 reads the size from `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`,
 * which it does not document (the version is pinned; a test checks the
 * chunks still follow it). Ignored, it only means Pagefind's default.
 */
export function indexChunkSize(wordsPerPart: number): number {
  return Math.min(20_000, Math.max(1_000, Math.round(Math.sqrt(9 * wordsPerPart))));
}

const CHUNK_SIZE_VARIABLE = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';

/** Where part n (1-based) of the index goes, relative to the site root; part 1 is Pagefind's usual folder. */
export function indexPartPath(part: number): string {
  return part === 1 ? 'pagefind/' : `pagefind/part-${part}/`;
}

/** The list of further parts the search page merges, beside part 1's files. */
export const INDEX_PARTS_FILE = 'trove-index-parts.json';

/** Records sent to Pagefind before the first of them is answered. */
const IN_FLIGHT = 16;

type CustomRecord = Parameters<pagefind.PagefindIndex['addCustomRecord']>[0];

/** Writes records into as many Pagefind indexes, one after another, as their words need. */
class IndexParts {
  private index: pagefind.PagefindIndex | undefined;
  private words = 0;
  private records = 0;
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  readonly written: string[] = [];
  peakMb = 0;

  private readonly outDir: string;
  private readonly language: string;
  private readonly limit: number;

  constructor(outDir: string, language: string, limit: number) {
    this.outDir = outDir;
    this.language = language;
    this.limit = limit;
  }

  async current(): Promise<pagefind.PagefindIndex> {
    if (!this.index) {
      // Pagefind's process reads the chunk size from its environment, copied when createIndex starts it.
      const before = process.env[CHUNK_SIZE_VARIABLE];
      process.env[CHUNK_SIZE_VARIABLE] = String(indexChunkSize(this.limit));
      let starting: ReturnType<typeof pagefind.createIndex>;
      try {
        starting = pagefind.createIndex({ forceLanguage: this.language });
      } finally {
        if (before === undefined) delete process.env[CHUNK_SIZE_VARIABLE];
        else process.env[CHUNK_SIZE_VARIABLE] = before;
      }
      const { index, errors } = await starting;
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      this.index = index;
    }
    return this.index;
  }

  /**
   * Sends a record without waiting for Pagefind's answer to the one before:
   * up to IN_FLIGHT at once, so Pagefind's process is never idle waiting for
   * this one (the index it writes is the same). The first failure is kept
   * and thrown by the next call, or by `finish`.
   */
  async add(record: CustomRecord, what: string): Promise<void> {
    const words = record.content.split(/\s+/).length;
    if (this.records > 0 && this.words + words > this.limit) await this.finish();
    const index = await this.current();
    if (this.pending.size >= IN_FLIGHT) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
    const sent: Promise<void> = index
      .addCustomRecord(record)
      .then((response) => check(`indexing ${what}`, response.errors))
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => this.pending.delete(sent));
    this.pending.add(sent);
    this.words += words;
    this.records++;
  }

  /** Writes the current part and ends its Pagefind process, so its memory is freed. */
  async finish(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
    if (!this.index) return;
    const part = indexPartPath(this.written.length + 1);
    const written = await this.index.writeFiles({ outputPath: path.join(this.outDir, part) });
    check(`writing the index (${part})`, written.errors);
    this.peakMb = Math.max(this.peakMb, childrenPeakRssMb() ?? 0);
    await pagefind.close();
    this.index = undefined;
    this.written.push(part);
    this.words = 0;
    this.records = 0;
  }
}

export async function buildSearchIndex({ outDir, pipeline, logger }: StepContext): Promise<StepFigures> {
  const { data } = pipeline;
  const language = data.site.language;
  const ui = uiFor(language);
  const collectionTitles = new Map(data.collections.map((c) => [c.slug, c.title]));
  const parts = new IndexParts(outDir, language, wordsPerIndex());
  try {
    // Stories go into the first part, with the search page's own bundle.
    const stories = await (await parts.current()).addDirectory({ path: outDir, glob: 'stories/**/*.html' });
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
        // The interface's word for the type, as the search page's filter and the browse pages show it.
        type: [ui.t(TYPE_KEYS[summary.type])],
      };
      if (summary.source) filters.source = [summary.source];
      if (summary.year) filters.year = [summary.year];
      // Not a filter readers pick: the search page's "newest first" and "oldest first" read it (see page-scripts/search.js).
      if (summary.date) filters.date = [summary.date];
      if (summary.tags.length > 0) filters.tag = summary.tags;
      if (doc.result.table) {
        records += await indexTable(parts, doc, summary, filters, language, pipeline.cacheDir);
        continue;
      }
      // Page texts are read back one document at a time from the site data, not held for the whole collection.
      const { pages } = await readDocumentDetail(pipeline.dataDir, summary.id);
      for (const page of pages) {
        // A page with no text still gets a record on page 1, so the document's title and description find it.
        const text = page.text || (page.pageNumber === 1 ? [summary.title, summary.description ?? ''].join('\n') : '');
        if (!text) continue;
        const multi = summary.pageCount > 1;
        await parts.add(
          {
            url: `/${documentPageUrl(summary.id, multi ? page.pageNumber : undefined)}`,
            content: text,
            language,
            meta: {
              // The search page groups a document's pages under its title, each named by its number (no
              // `title` besides: every search fetches the fragments of the results it shows, and it was the same words again).
              doc: summary.title,
              page: String(page.pageNumber),
              noun: summary.type === 'text' ? 'section' : summary.type === 'email' ? 'message' : 'page',
              // Relative to the site root; the search page resolves it against wherever the site is mounted.
              image: thumbnailPath(summary.id),
            },
            filters,
          },
          `${summary.id} page ${page.pageNumber}`,
        );
        records++;
      }
    }
    progress.finish();
    await parts.finish();
    // The search page merges the further parts (paths relative to part 1's folder).
    const further = parts.written.slice(1).map((p) => p.replace(/^pagefind\//, ''));
    await writeFile(path.join(outDir, 'pagefind', INDEX_PARTS_FILE), `${JSON.stringify({ merge: further })}\n`);
    logger.info(`indexed ${stories.page_count} stories and ${records} document pages${parts.written.length > 1 ? ` in ${parts.written.length} parts` : ''}`);
    // Pagefind indexes in a process of its own: its memory is not in this process's figure.
    return { searchIndexPeakRssMb: parts.peakMb, searchIndexes: parts.written.length };
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
  parts: IndexParts,
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
    await parts.add(
      {
        url: `/${tablePagePath(summary.id, page)}`,
        content: `${header}\n${rows.map((r) => r.join(' · ')).join('\n')}`,
        language,
        meta: {
          doc: summary.title,
          rows: `${first}–${first + rows.length - 1}`,
          image: thumbnailPath(summary.id),
        },
        filters,
      },
      `${summary.id} rows page ${page}`,
    );
    records++;
  }
  return records;
}
