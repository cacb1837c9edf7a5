/**
 * OCR figures on generated scans with known text (scans.ts), same pages
 * and cores for each engine:
 *   trove:     Trove's engine (tesseract.js, WebAssembly), one worker
 *              thread per core, as the build's pool runs it;
 *   tesseract: Debian's `tesseract` command (native), one process per
 *              core with one thread each, same page layout mode and
 *              resolution; skipped with a hint when it is not installed;
 * and for Trove's engine the character error rate against the text
 * printed (edit distance over its length, whitespace runs counted as one
 * space) and the memory one worker adds to the process (peak during the
 * run, shared among the workers).
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { distance } from 'fastest-levenshtein';
import { Progress } from '../pipeline/stats/progress.ts';
import { knownScans, type KnownScan } from './scans.ts';

export interface OcrFigures {
  pages: number;
  workers: number;
  trove: { ms: number; pagesPerSecond: number; cer: number; worstCer: number; workerMb: number };
  tesseract?: { ms: number; pagesPerSecond: number; cer: number; version: string };
}

const LANGUAGES = ['eng'];

function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Character error rate of `read` against `truth`. */
export function cer(read: string, truth: string): number {
  const t = normalized(truth);
  return t.length === 0 ? 0 : distance(normalized(read), t) / t.length;
}

function split<T>(items: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((x, i) => out[i % n]!.push(x));
  return out;
}

/**
 * Reads the scans in `workers` worker threads. `workerMb` is the memory a
 * worker adds: the process's resident memory at its peak during the run
 * (sampled), less before the workers started, shared among them.
 */
async function troveRun(scans: KnownScan[], workers: number): Promise<{ ms: number; texts: Map<string, string>; workerMb: number }> {
  const progress = new Progress({ label: 'OCR (tesseract.js)', total: scans.length, unit: 'pages' });
  const texts = new Map<string, string>();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const started = performance.now();
  await Promise.all(
    split(
      scans.map((s) => s.file),
      workers,
    ).map(
      (files) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL('./ocr-worker.ts', import.meta.url), { workerData: { files, languages: LANGUAGES } });
          worker.on('message', (m: { kind: string; file?: string; text?: string }) => {
            if (m.kind !== 'page') return;
            texts.set(m.file!, m.text!);
            progress.tick();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`OCR worker exited with ${code}`))));
        }),
    ),
  );
  const ms = performance.now() - started;
  clearInterval(sampler);
  progress.finish();
  return { ms, texts, workerMb: (peak - before) / 1024 / 1024 / workers };
}

function output(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out || err) : reject(new Error(`${cmd}: exit ${code}: ${err.slice(0, 300)}`))));
  });
}

/** Debian's tesseract's version, or undefined when it is not installed. */
export async function tesseractVersion(): Promise<string | undefined> {
  try {
    return (await output('tesseract', ['--version'])).split('\n')[0]!.trim();
  } catch {
    return undefined;
  }
}

async function tesseractRun(scans: KnownScan[], workers: number): Promise<{ ms: number; texts: Map<string, string> }> {
  const progress = new Progress({ label: 'OCR (tesseract command)', total: scans.length, unit: 'pages' });
  const texts = new Map<string, string>();
  // One thread a process, as many processes as Trove has workers: the same cores.
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const started = performance.now();
  await Promise.all(
    split(scans, workers).map(async (list) => {
      for (const scan of list) {
        texts.set(scan.file, await output('tesseract', [scan.file, '-', '-l', LANGUAGES.join('+'), '--psm', '11', '--dpi', '200'], env));
        progress.tick();
      }
    }),
  );
  progress.finish();
  return { ms: performance.now() - started, texts };
}

function meanCer(scans: KnownScan[], texts: Map<string, string>): { mean: number; worst: number } {
  const rates = scans.map((s) => cer(texts.get(s.file) ?? '', s.text));
  return { mean: rates.reduce((a, b) => a + b, 0) / rates.length, worst: Math.max(...rates) };
}

export async function ocrFigures(dir: string, pages: number, log: (line: string) => void, cores = availableParallelism()): Promise<OcrFigures> {
  // No more workers than pages: a worker without a page would only start an engine.
  const workers = Math.max(1, Math.min(cores, pages));
  const scansDir = path.join(dir, 'scans');
  await rm(scansDir, { recursive: true, force: true });
  const scans = await knownScans(scansDir, pages);
  const ours = await troveRun(scans, workers);
  const mb = ours.workerMb;
  const oursCer = meanCer(scans, ours.texts);
  const figures: OcrFigures = {
    pages,
    workers,
    trove: { ms: ours.ms, pagesPerSecond: pages / (ours.ms / 1000), cer: oursCer.mean, worstCer: oursCer.worst, workerMb: mb },
  };
  log(
    `OCR, tesseract.js: ${figures.trove.pagesPerSecond.toFixed(2)} pages/s, character error rate ${(oursCer.mean * 100).toFixed(2)}%, ${mb.toFixed(0)} MB a worker`,
  );
  const version = await tesseractVersion();
  if (!version) {
    log('tesseract is not installed (apt-get install tesseract-ocr): no comparison with the native engine this time');
    return figures;
  }
  const native = await tesseractRun(scans, workers);
  figures.tesseract = { ms: native.ms, pagesPerSecond: pages / (native.ms / 1000), cer: meanCer(scans, native.texts).mean, version };
  log(`OCR, ${version}: ${figures.tesseract.pagesPerSecond.toFixed(2)} pages/s, character error rate ${(figures.tesseract.cer * 100).toFixed(2)}%`);
  return figures;
}
