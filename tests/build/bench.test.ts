/**
 * A small `npm run bench` proves the harness works end to end: it generates
 * the same collection every time, runs cold, warm and incremental builds
 * with the real build, and measures the references and search. Asserts on
 * counts and cache behaviour only, never on times.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUERIES, parseBenchArgs } from '../../src/bench/config.ts';
import { applyIncremental, documentOf, prepareContent } from '../../src/bench/generate.ts';
import { runBench } from '../../src/bench/run-bench.ts';
import { tempDir } from '../helpers/build.ts';

let work: string;
let results: Awaited<ReturnType<typeof runBench>>;
const lines: string[] = [];
const flags = ['--documents', '4', '--pages', '1-2', '--scanned', '0.3', '--csv-rows', '120', '--stories', '2', '--per-collection', '4', '--ocr-pages', '1'];
/** Two of the default words (a common one and a rare one): each search is a browser's first, seconds apiece. */
const QUERIES = [DEFAULT_QUERIES[0]!, DEFAULT_QUERIES.at(-1)!];

beforeAll(async () => {
  work = await tempDir('bench');
  // The builds without scanned pages: OCR of the generated grey bars would only start engines (the OCR figures read a real scan).
  const config = parseBenchArgs([
    ...flags,
    '--scanned',
    '0',
    '--query',
    QUERIES.join(','),
    '--work',
    path.join(work, 'work'),
    '--results',
    path.join(work, 'results'),
  ]);
  results = await runBench(config, (line) => lines.push(line));
}, 600_000);

async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  for (const f of files) hash.update(path.relative(dir, f)).update(await readFile(f));
  return hash.digest('hex');
}

describe('npm run bench', () => {
  it('generates the same collection from the same flags', async () => {
    const config = parseBenchArgs(flags);
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    await prepareContent(a, config);
    await prepareContent(b, config);
    expect(await hashTree(a)).toBe(await hashTree(b));
    const pages = Array.from({ length: 4 }, (_, i) => documentOf(i, config).pageCount);
    expect(results.content.pages).toBe(pages.reduce((x, y) => x + y, 0));
  });

  it('generates one-page text documents with --format text, and a rerun takes back the one the incremental build added', async () => {
    const config = parseBenchArgs(['--documents', '3', '--format', 'text', '--csv-rows', '0', '--stories', '1', '--per-collection', '10']);
    expect([config.pagesMin, config.pagesMax, config.scanned, config.skipFloor, config.skipPoppler]).toEqual([1, 1, 0, true, true]);
    const dir = path.join(work, 'text');
    await prepareContent(dir, config);
    const documents = async () => (await readdir(path.join(dir, 'documents', 'c001'))).sort();
    expect(await documents()).toEqual(['doc-000001.md', 'doc-000001.txt', 'doc-000002.md', 'doc-000002.txt', 'doc-000003.md', 'doc-000003.txt']);
    const before = await hashTree(dir);
    await applyIncremental(dir, config);
    expect(await documents()).toContain('doc-000004.txt');
    await prepareContent(dir, config);
    expect(await hashTree(dir)).toBe(before);
  });

  it('builds cold, then warm with no processing, then processes only the added document', () => {
    const { cold, warm, incremental } = results.builds;
    // 4 PDFs and the table.
    expect(cold!.documents).toMatchObject({ total: 5, processed: 5, cached: 0, failed: 0 });
    expect(warm!.documents).toMatchObject({ total: 5, processed: 0, cached: 5 });
    expect(warm!.pages.processed).toBe(0);
    expect(incremental!.documents).toMatchObject({ total: 6, processed: 1, cached: 5 });
    expect(incremental!.pages.processed).toBe(documentOf(4, results.config).pageCount);
  });

  it('records time per stage, memory and output for every build', () => {
    for (const build of Object.values(results.builds)) {
      for (const stage of ['discover', 'hash', 'audit', 'html', 'derivatives', 'search-index', 'manifest']) expect(build!.stages).toHaveProperty(stage);
      expect(build!.peakRssMb).toBeGreaterThan(0);
      expect(build!.output!.files).toBeGreaterThan(0);
    }
    const cold = results.builds.cold!;
    expect(cold.stages).toHaveProperty('process');
    for (const stage of ['render', 'text', 'audit', 'encode']) expect(cold.worker).toHaveProperty(stage);
    expect(cold.pages.processed).toBe(results.content.pages + 2); // the table's pages of rows: 120 rows, 100 a page
  });

  it('measures pdf.js alone on the same pages, poppler, and the bytes a search fetches', async () => {
    expect(results.floor!.pages).toBe(results.content.pages);
    expect(results.poppler!.pages).toBe(results.content.pages);
    // One search per word asked for, in order; a rare word may match nothing in so small a collection.
    expect(results.searches!.map((s) => s.query)).toEqual(QUERIES);
    const [common] = results.searches!;
    expect(common!.results).toBeGreaterThan(0);
    expect(common!.bytes).toBeGreaterThan(10_000);
    expect(common!.requests).toBeGreaterThan(2);
    for (const s of results.searches!) {
      expect(s.matches).toBeGreaterThanOrEqual(s.results);
      expect(Object.keys(s.files).some((f) => f.endsWith('.pf_meta'))).toBe(true);
    }
  });

  it('reads a generated scan with known text by OCR, and reports its rate, error rate and memory', () => {
    const ocr = results.ocr!;
    expect(ocr.pages).toBe(1);
    expect(ocr.trove.pagesPerSecond).toBeGreaterThan(0);
    // Clean 200-dpi print: the engine must read it nearly letter for letter.
    expect(ocr.trove.cer).toBeLessThan(0.02);
    expect(ocr.trove.workerMb).toBeGreaterThan(0);
    expect(lines.some((l) => /OCR, tesseract\.js: [\d.]+ pages\/s, character error rate/.test(l))).toBe(true);
    // Debian's tesseract is compared with when installed, and said to be missing when not.
    expect(lines.some((l) => (ocr.tesseract ? /OCR, tesseract \d/ : /tesseract is not installed \(apt-get install tesseract-ocr\)/).test(l))).toBe(true);
  });

  it('takes the search words as a comma-separated list of lowercase words, from common to rare by default', () => {
    expect(parseBenchArgs([]).queries).toEqual(DEFAULT_QUERIES);
    expect(DEFAULT_QUERIES[0]).toBe('memorandum');
    expect(parseBenchArgs(['--query', 'memo,sheriff']).queries).toEqual(['memo', 'sheriff']);
    expect(() => parseBenchArgs(['--query', 'memo,Sheriff'])).toThrow(/lowercase words separated by commas/);
  });

  it('writes JSON and a markdown table to the results folder, and prints them', async () => {
    const json = JSON.parse(await readFile(results.files.json, 'utf8'));
    expect(json.derived.processVsFloor).toBeGreaterThan(0);
    expect(json.builds.warm.documents.processed).toBe(0);
    const md = await readFile(results.files.md, 'utf8');
    for (const row of [
      'processing ÷ pdf.js rasterization alone',
      'warm build ÷ cold build',
      'search: bytes fetched',
      'peak memory',
      '| query | records matched |',
    ])
      expect(md).toContain(row);
    expect((await stat(results.files.md)).size).toBeGreaterThan(500);
    expect(lines.join('\n')).toContain('| cold |');
  });
});
