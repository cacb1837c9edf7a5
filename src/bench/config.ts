/**
 * What `npm run bench` builds: the size of the synthetic collection, set by
 * flags. The same flags always generate the same bytes, so figures from two
 * runs (or two machines) are comparable and the generated content is reused.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { VOCABULARY } from './vocabulary.ts';

export interface BenchConfig {
  /** Number of documents. */
  documents: number;
  /** What they are: PDFs of typed and scanned pages, or one-page plain text files (cheap to process: a collection's size alone). */
  format: 'pdf' | 'text';
  /** Pages per document: every document has between these many pages (inclusive). */
  pagesMin: number;
  pagesMax: number;
  /** Share of pages that are scanned (an image, no text layer), 0–1. */
  scanned: number;
  /** Rows of the one generated CSV table (0: no table). */
  csvRows: number;
  /** Number of stories, each citing documents down to the page. */
  stories: number;
  /** Documents per collection. */
  perCollection: number;
  /** Skip the poppler reference run. */
  skipPoppler: boolean;
  /** Skip the pdf.js-only rasterization floor. */
  skipFloor: boolean;
  /** Skip measuring search bytes in Chromium. */
  skipSearch: boolean;
  /** Where results go (JSON and markdown). */
  resultsDir: string;
  /** Where generated content, caches and outputs go. */
  workRoot: string;
  /**
   * The words the search measurement looks for, one search each; the first
   * is the headline figure. Default: a common word (on most pages), one on
   * about a sixth of the text pages and one on about one in sixty.
   */
  queries: string[];
  /** Only generate the collection (to prepare a big run ahead of a quiet machine). */
  generateOnly: boolean;
  /** Keep the derivative cache for the first build: measures everything but document processing again. */
  keepCache: boolean;
  /** Generated scans with known text read for the OCR figures (0: none). */
  ocrPages: number;
  /** Only the OCR figures: no collection, no builds. */
  ocrOnly: boolean;
}

/** Words of the generated vocabulary by how common they are: ranks 29 (memorandum), 300 and 3,000 (see vocabulary.ts). */
export const DEFAULT_QUERIES = ['memorandum', VOCABULARY[300]!, VOCABULARY[3000]!];

export const USAGE = `usage: npm run bench -- [--documents N] [--format pdf|text] [--pages N | --pages MIN-MAX] [--scanned 0..1]
                       [--csv-rows N] [--stories N] [--per-collection N] [--query WORD[,WORD...]]
                       [--no-poppler] [--no-floor] [--no-search] [--results DIR] [--work DIR]
                       [--generate-only] [--keep-cache] [--ocr-pages N] [--ocr-only]
  defaults: --documents 100 --format pdf --pages 1-3 --scanned 0.1 --csv-rows 10000 --stories 10 --ocr-pages 20
  --format text: one-page .txt documents (no pdf.js or poppler reference; --pages and --scanned do not apply)
  --ocr-only measures OCR on generated scans and builds nothing`;

export function parseBenchArgs(argv: string[]): BenchConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      documents: { type: 'string', default: '100' },
      format: { type: 'string', default: 'pdf' },
      pages: { type: 'string', default: '1-3' },
      scanned: { type: 'string', default: '0.1' },
      'csv-rows': { type: 'string', default: '10000' },
      stories: { type: 'string', default: '10' },
      'per-collection': { type: 'string', default: '500' },
      query: { type: 'string', default: DEFAULT_QUERIES.join(',') },
      'no-poppler': { type: 'boolean', default: false },
      'no-floor': { type: 'boolean', default: false },
      'no-search': { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      'keep-cache': { type: 'boolean', default: false },
      'ocr-pages': { type: 'string', default: '20' },
      'ocr-only': { type: 'boolean', default: false },
      results: { type: 'string', default: 'bench/results' },
      work: { type: 'string', default: 'bench/work' },
    },
    strict: true,
  });
  const int = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, not "${v}"\n${USAGE}`);
    return n;
  };
  const range = /^(\d+)(?:-(\d+))?$/.exec(values.pages);
  if (!range) throw new Error(`--pages must be N or MIN-MAX, not "${values.pages}"\n${USAGE}`);
  const pagesMin = int('pages', range[1]!, 1);
  const pagesMax = range[2] ? int('pages', range[2], pagesMin) : pagesMin;
  const scanned = Number(values.scanned);
  if (!(scanned >= 0 && scanned <= 1)) throw new Error(`--scanned must be between 0 and 1, not "${values.scanned}"\n${USAGE}`);
  if (values.format !== 'pdf' && values.format !== 'text') throw new Error(`--format must be pdf or text, not "${values.format}"\n${USAGE}`);
  const text = values.format === 'text';
  const queries = values.query.split(',');
  for (const q of queries) if (!/^[a-z]+$/.test(q)) throw new Error(`--query must be lowercase words separated by commas, not "${values.query}"`);
  return {
    documents: int('documents', values.documents, 1),
    format: values.format,
    pagesMin: text ? 1 : pagesMin,
    pagesMax: text ? 1 : pagesMax,
    scanned: text ? 0 : scanned,
    csvRows: int('csv-rows', values['csv-rows'], 0),
    stories: int('stories', values.stories, 0),
    perCollection: int('per-collection', values['per-collection'], 1),
    skipPoppler: values['no-poppler'] || text,
    skipFloor: values['no-floor'] || text,
    skipSearch: values['no-search'],
    resultsDir: values.results,
    workRoot: values.work,
    queries,
    generateOnly: values['generate-only'],
    keepCache: values['keep-cache'],
    ocrPages: int('ocr-pages', values['ocr-pages'], values['ocr-only'] ? 1 : 0),
    ocrOnly: values['ocr-only'],
  };
}

/** The fields that change the generated content; its folder is named by their hash. */
export function contentId(c: BenchConfig): string {
  const shape = {
    v: 2,
    d: c.documents,
    p: [c.pagesMin, c.pagesMax],
    s: c.scanned,
    r: c.csvRows,
    st: c.stories,
    pc: c.perCollection,
    ...(c.format === 'text' ? { f: 'text' } : {}),
  };
  const hash = createHash('sha256').update(JSON.stringify(shape)).digest('hex').slice(0, 8);
  return `d${c.documents}${c.format === 'text' ? '-text' : ''}-p${c.pagesMin}${c.pagesMax !== c.pagesMin ? `-${c.pagesMax}` : ''}-s${c.scanned}-r${c.csvRows}-st${c.stories}-${hash}`;
}
