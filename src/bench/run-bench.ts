/**
 * `npm run bench`: generate (or reuse) the synthetic collection, then a
 * cold build (empty cache, no output), a warm build (nothing changed) and an
 * incremental build (one story edited, one document added), each with the
 * real `npm run build` entry point in its own process; then, on the same
 * PDFs and cores, pdf.js rasterizing alone and poppler, and the bytes a
 * search fetches. Prints and writes the results; never judges them.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { readStats, type BuildStats } from '../pipeline/stats/build-stats.ts';
import { Progress } from '../pipeline/stats/progress.ts';
import { DEFAULT_RENDER_OPTIONS } from '../pipeline/processors/types.ts';
import { contentId, type BenchConfig } from './config.ts';
import { applyIncremental, documentOf, pdfPaths, prepareContent } from './generate.ts';
import { ocrFigures } from './ocr-bench.ts';
import { hasPoppler, pdfjsFloor, poppler } from './references.ts';
import { machine, markdown, writeResults, type BenchResults } from './report.ts';
import { searchBytes } from './search-bytes.ts';

export interface BenchPaths {
  root: string;
  content: string;
  work: string;
  out: string;
  log: string;
}

export function benchPaths(config: BenchConfig): BenchPaths {
  const root = path.resolve(config.workRoot, contentId(config));
  return { root, content: path.join(root, 'content'), work: path.join(root, 'trove'), out: path.join(root, 'dist'), log: path.join(root, 'build.log') };
}

/** Runs `npm run build`'s entry point on the bench content; its stdout goes to the log, its progress to our stderr. */
export async function runBuild(paths: BenchPaths, label: string, log: (line: string) => void): Promise<BuildStats & { wallMs: number }> {
  const started = performance.now();
  const logFile = createWriteStream(paths.log, { flags: 'a' });
  logFile.write(`\n==== ${label} build ${new Date().toISOString()}\n`);
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/build.ts'], {
      env: {
        ...process.env,
        TROVE_CONTENT: paths.content,
        TROVE_WORK: paths.work,
        TROVE_OUT: paths.out,
        TROVE_LOG_LEVEL: 'warn',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(logFile, { end: false });
    child.stderr.on('data', (d: Buffer) => {
      logFile.write(d);
      process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? -1));
  });
  logFile.end();
  if (code !== 0) throw new Error(`the ${label} build failed (exit ${code}); its output is in ${paths.log}`);
  const stats = await readStats(paths.work);
  if (!stats) throw new Error(`the ${label} build wrote no ${path.join(paths.work, 'build-stats.json')}`);
  const wallMs = performance.now() - started;
  log(
    `${label} build: ${(wallMs / 1000).toFixed(1)} s, ${stats.documents.processed} of ${stats.documents.total} documents processed, peak ${stats.peakTreeRssMb ?? stats.peakRssMb} MB`,
  );
  return { ...stats, wallMs };
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) bytes += (await stat(path.join(e.parentPath, e.name))).size;
  return bytes;
}

export async function runBench(
  config: BenchConfig,
  log: (line: string) => void = console.log,
): Promise<BenchResults & { files: { json: string; md: string } }> {
  const paths = benchPaths(config);
  if (config.ocrOnly) {
    log(`bench: OCR of ${config.ocrPages} generated scans`);
    const results: BenchResults = {
      date: new Date().toISOString(),
      machine: machine(),
      config,
      contentId: `ocr-${config.ocrPages}`,
      content: { documents: 0, pages: 0, stories: 0, csvRows: 0, bytes: 0 },
      builds: {},
      ocr: await ocrFigures(path.resolve(config.workRoot, 'ocr'), config.ocrPages, log),
    };
    return finish(results, log);
  }
  log(`bench: ${contentId(config)} in ${path.relative(process.cwd(), paths.root)}`);

  const genStarted = performance.now();
  const progress = new Progress({ label: 'generating documents', total: config.documents, unit: 'docs' });
  await prepareContent(paths.content, config, () => progress.tick());
  progress.finish();
  const generateMs = performance.now() - genStarted;
  const pages = Array.from({ length: config.documents }, (_, i) => documentOf(i, config).pageCount).reduce((a, b) => a + b, 0);
  if (config.generateOnly) {
    log(`generated ${config.documents} documents (${pages} pages) in ${(generateMs / 1000).toFixed(1)} s`);
    return {
      date: new Date().toISOString(),
      machine: machine(),
      config,
      contentId: contentId(config),
      content: { documents: config.documents, pages, stories: config.stories, csvRows: config.csvRows, bytes: 0, generateMs },
      builds: {},
      files: { json: '', md: '' },
    };
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: machine(),
    config,
    contentId: contentId(config),
    content: { documents: config.documents, pages, stories: config.stories, csvRows: config.csvRows, bytes: await folderBytes(paths.content), generateMs },
    builds: {},
  };

  // Cold: no cache, no previous output, no site data. With --keep-cache the derivatives stay (and the
  // report says so): for measuring the HTML and search steps again without processing every document.
  if (config.keepCache) {
    for (const name of ['site', 'build-stats.json', 'audit-report.json']) await rm(path.join(paths.work, name), { recursive: true, force: true });
    log('--keep-cache: the first build reuses the derivative cache; its processing figures are not a cold build’s');
  } else {
    await rm(paths.work, { recursive: true, force: true });
  }
  await rm(paths.out, { recursive: true, force: true });
  await rm(paths.log, { force: true });
  results.builds.cold = await runBuild(paths, 'cold', log);
  if (!config.skipSearch) {
    results.searches = await searchBytes(paths.out, config.queries, (measured) =>
      log(`search for "${measured.query}" (${measured.matches} matches): ${(measured.bytes / 1024).toFixed(0)} KB in ${measured.requests} requests`),
    );
  }
  results.builds.warm = await runBuild(paths, 'warm', log);
  await applyIncremental(paths.content, config);
  results.builds.incremental = await runBuild(paths, 'incremental', log);

  const files = pdfPaths(paths.content, config);
  if (!config.skipFloor) {
    results.floor = await pdfjsFloor(files, pages, DEFAULT_RENDER_OPTIONS.pageWidthPx, results.builds.cold.workers || undefined);
    log(`pdf.js rasterization alone: ${(results.floor.ms / 1000).toFixed(1)} s for ${results.floor.pages} pages`);
  }
  if (!config.skipPoppler) {
    if (await hasPoppler()) {
      results.poppler = await poppler(files, pages, DEFAULT_RENDER_OPTIONS.pageWidthPx, results.builds.cold.workers || undefined);
      log(`poppler (pdftoppm -jpeg + pdftotext): ${(results.poppler.ms / 1000).toFixed(1)} s`);
    } else {
      log('poppler is not installed (apt-get install poppler-utils): no poppler reference this time');
    }
  }
  if (config.ocrPages > 0) results.ocr = await ocrFigures(path.resolve(config.workRoot, 'ocr'), config.ocrPages, log);
  return finish(results, log);
}

async function finish(results: BenchResults, log: (line: string) => void): Promise<BenchResults & { files: { json: string; md: string } }> {
  const written = await writeResults(results);
  log('');
  log(markdown(results));
  log(`results: ${path.relative(process.cwd(), written.json)} and ${path.relative(process.cwd(), written.md)}`);
  return { ...results, files: written };
}
