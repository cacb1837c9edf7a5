/**
 * The benchmark's results: a JSON record of everything measured and a short
 * markdown table of the figures the targets are about, both written to
 * `bench/results/` under a name with the date and the collection's shape.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, totalmem, type } from 'node:os';
import path from 'node:path';
import type { BuildStats } from '../pipeline/stats/build-stats.ts';
import type { BenchConfig } from './config.ts';
import type { ReferenceRun } from './references.ts';
import type { OcrFigures } from './ocr-bench.ts';
import type { SearchBytes } from './search-bytes.ts';

export interface BenchResults {
  date: string;
  machine: { cpu: string; cores: number; memoryGb: number; os: string; node: string };
  config: BenchConfig;
  contentId: string;
  content: { documents: number; pages: number; stories: number; csvRows: number; bytes: number; generateMs?: number };
  builds: Partial<Record<'cold' | 'warm' | 'incremental', BuildStats & { wallMs: number }>>;
  floor?: ReferenceRun;
  poppler?: ReferenceRun;
  /** Every query measured, one search each in a fresh browser; the first is the headline figure. */
  searches?: SearchBytes[];
  ocr?: OcrFigures;
}

export function machine(): BenchResults['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: type(),
    node: process.version,
  };
}

const s = (ms: number | undefined) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(1)} s`);
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '–');

/** Figures derived from the raw results, with the issue's targets. */
export function derived(r: BenchResults) {
  const cold = r.builds.cold;
  const process = cold?.stages.process;
  return {
    pagesPerSecond: cold && process ? cold.pages.processed / (process / 1000) : undefined,
    processVsFloor: process && r.floor ? process / r.floor.ms : undefined,
    processVsPoppler: process && r.poppler ? process / r.poppler.ms : undefined,
    // Whole runs of `npm run build` as an editor waits for them, process start-up included.
    warmShare: cold && r.builds.warm ? r.builds.warm.wallMs / cold.wallMs : undefined,
    incrementalShare: cold && r.builds.incremental ? r.builds.incremental.wallMs / cold.wallMs : undefined,
  };
}

export function markdown(r: BenchResults): string {
  const d = derived(r);
  const cold = r.builds.cold;
  const lines: string[] = [];
  const title = r.config.ocrOnly ? 'OCR' : `${r.content.documents.toLocaleString('en')} documents, ${r.content.pages.toLocaleString('en')} pages`;
  lines.push(`# Trove benchmark: ${title}`);
  lines.push('');
  lines.push(
    `${r.date} · ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB · Node ${r.machine.node} · \`npm run bench -- ${flags(r.config)}\``,
  );
  if (r.config.ocrOnly && r.ocr) return [...lines, '', ...ocrTable(r.ocr)].join('\n');
  if (r.config.keepCache)
    lines.push(
      '',
      'With `--keep-cache`: the first build reused the derivative cache, so it is not a cold build; its document processing, and the ratios to it, are not measured here.',
    );
  lines.push('');
  lines.push('| build | total | documents processed | pages processed | peak memory | output |');
  lines.push('|---|---|---|---|---|---|');
  for (const name of ['cold', 'warm', 'incremental'] as const) {
    const b = r.builds[name];
    if (!b) continue;
    const out = b.output ? `${b.output.files.toLocaleString('en')} files, ${(b.output.bytes / 1e6).toFixed(0)} MB` : '–';
    lines.push(`| ${name} | ${s(b.wallMs)} | ${b.documents.processed} of ${b.documents.total} | ${b.pages.processed} | ${memory(b)} | ${out} |`);
  }
  lines.push('');
  if (cold) {
    lines.push('Cold build, time per stage (wall clock):');
    lines.push('');
    lines.push('| stage | time |');
    lines.push('|---|---|');
    for (const [stage, ms] of Object.entries(cold.stages)) if (stage !== 'pipeline') lines.push(`| ${stage} | ${s(ms)} |`);
    lines.push('');
    lines.push(`Document processing, worker time per stage (summed over ${cold.workers} workers):`);
    lines.push('');
    lines.push('| stage | time | per page |');
    lines.push('|---|---|---|');
    for (const [stage, ms] of Object.entries(cold.worker)) {
      lines.push(`| ${stage} | ${s(ms)} | ${cold.pages.processed ? `${((ms ?? 0) / cold.pages.processed).toFixed(1)} ms` : '–'} |`);
    }
    lines.push('');
  }
  lines.push('| figure | measured | target |');
  lines.push('|---|---|---|');
  lines.push(`| pages per second (cold, processing) | ${d.pagesPerSecond?.toFixed(1) ?? '–'} | |`);
  lines.push(`| processing ÷ pdf.js rasterization alone (${r.floor ? s(r.floor.ms) : '–'}) | ${ratio(cold?.stages.process, r.floor?.ms)} | ≤ 1.5× |`);
  lines.push(
    `| processing ÷ poppler pdftoppm + pdftotext (${r.poppler ? s(r.poppler.ms) : '–'}) | ${ratio(cold?.stages.process, r.poppler?.ms)} | for the record |`,
  );
  lines.push(`| warm build ÷ cold build | ${pct(d.warmShare)} | < 15% |`);
  lines.push(`| one story edited + one document added ÷ cold build | ${pct(d.incrementalShare)} | < 15% |`);
  lines.push(`| peak memory, cold build (build process and search indexer at one moment) | ${cold ? memory(cold) : '–'} | < 2,048 MB |`);
  const search = r.searches?.[0];
  lines.push(
    `| search: bytes fetched for “${search?.query ?? ''}” | ${search ? `${(search.bytes / 1024).toFixed(0)} KB in ${search.requests} requests, ${(search.gzipBytes / 1024).toFixed(0)} KB gzipped (${search.results} results)` : '–'} | < 300 KB |`,
  );
  lines.push('');
  if (r.searches && r.searches.length > 0) {
    lines.push('Search, bytes fetched by query (a first search: script, WebAssembly, metadata, index chunks, fragments of the results shown):');
    lines.push('');
    lines.push('| query | records matched | fetched | gzipped | script + wasm | metadata | index chunks | fragments |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const q of r.searches) {
      const kb = (re: RegExp) => `${(sumFiles(q, re) / 1024).toFixed(0)} KB`;
      lines.push(
        `| ${q.query} | ${q.matches} | ${(q.bytes / 1024).toFixed(0)} KB | ${(q.gzipBytes / 1024).toFixed(0)} KB | ${kb(/\.js$|wasm/)} | ${kb(/pf_meta$/)} | ${kb(/pf_index$/)} | ${kb(/pf_fragment$/)} |`,
      );
    }
    lines.push('');
  }
  if (r.ocr) lines.push(...ocrTable(r.ocr));
  return lines.join('\n');
}

function ocrTable(o: OcrFigures): string[] {
  const t = o.tesseract;
  return [
    `OCR of ${o.pages} generated 200-dpi scans of typed prose with known text, ${o.workers} workers:`,
    '',
    '| figure | measured | target |',
    '|---|---|---|',
    `| pages per second, Trove (tesseract.js) | ${o.trove.pagesPerSecond.toFixed(2)} | |`,
    `| time ÷ Debian's tesseract on the same pages and cores | ${t ? `${(o.trove.ms / t.ms).toFixed(2)}× (${t.version}: ${t.pagesPerSecond.toFixed(2)} pages/s)` : '– (not installed)'} | ≤ 1.5× |`,
    `| character error rate, Trove | ${(o.trove.cer * 100).toFixed(2)}% (worst page ${(o.trove.worstCer * 100).toFixed(2)}%)${t ? `; tesseract ${(t.cer * 100).toFixed(2)}%` : ''} | ≤ 2% |`,
    `| memory a worker adds (peak of the run, per worker: engine, English data, pages) | ${o.trove.workerMb.toFixed(0)} MB | |`,
    '',
  ];
}

/**
 * Peak memory: the most the build process and Pagefind's indexer held at one
 * moment (sampled), with each one's own peak for reference.
 */
function memory(b: BuildStats): string {
  if (b.peakRssMb === undefined) return '–';
  const parts = b.searchIndexes && b.searchIndexes > 1 ? ` in ${b.searchIndexes} parts` : '';
  const slices = b.htmlSlices && b.htmlSlices > 1 ? ` in ${b.htmlSlices} slices` : '';
  const html = b.htmlPeakRssMb ? `, HTML ${b.htmlPeakRssMb}${slices}` : '';
  const detail = b.searchIndexPeakRssMb ? ` (build ${b.peakRssMb}${html}, indexer ${b.searchIndexPeakRssMb}${parts})` : '';
  return `${b.peakTreeRssMb ?? b.peakRssMb} MB${detail}`;
}

function sumFiles(q: SearchBytes, pattern: RegExp): number {
  return Object.entries(q.files).reduce((sum, [name, bytes]) => sum + (pattern.test(name) ? bytes : 0), 0);
}

function pct(x: number | undefined): string {
  return x === undefined ? '–' : `${(x * 100).toFixed(1)}%`;
}

export function flags(c: BenchConfig): string {
  const pages = c.pagesMin === c.pagesMax ? String(c.pagesMin) : `${c.pagesMin}-${c.pagesMax}`;
  if (c.ocrOnly) return `--ocr-only --ocr-pages ${c.ocrPages}`;
  if (c.format === 'text')
    return `--documents ${c.documents} --format text --csv-rows ${c.csvRows} --stories ${c.stories}${c.keepCache ? ' --keep-cache' : ''} --ocr-pages ${c.ocrPages}`;
  return `--documents ${c.documents} --pages ${pages} --scanned ${c.scanned} --csv-rows ${c.csvRows} --stories ${c.stories}${c.keepCache ? ' --keep-cache' : ''} --ocr-pages ${c.ocrPages}`;
}

export async function writeResults(r: BenchResults): Promise<{ json: string; md: string }> {
  await mkdir(r.config.resultsDir, { recursive: true });
  const name = r.config.ocrOnly ? `ocr-${r.config.ocrPages}` : `${r.contentId}${r.config.keepCache ? '-kept-cache' : ''}`;
  const base = path.join(r.config.resultsDir, `${r.date.slice(0, 10)}-${name}`);
  const json = `${base}.json`;
  const md = `${base}.md`;
  await writeFile(json, `${JSON.stringify({ ...r, derived: derived(r) }, null, 2)}\n`);
  await writeFile(md, markdown(r));
  return { json, md };
}
