/**
 * Reference timings on the benchmark's own PDFs, same cores, same width:
 *   floor:   pdf.js alone rasterizing every page (floor-worker.ts), the
 *            least this stack can do per page;
 *   poppler: `pdftoppm -jpeg` at the same width plus `pdftotext`, one
 *            process per core, for the record.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Progress } from '../pipeline/stats/progress.ts';

export interface ReferenceRun {
  ms: number;
  pages: number;
  workers: number;
}

/** Splits files round-robin into `n` lists. */
function split<T>(items: T[], n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  items.forEach((x, i) => out[i % n]!.push(x));
  return out;
}

export async function pdfjsFloor(files: string[], totalPages: number, widthPx: number, workers = availableParallelism()): Promise<ReferenceRun> {
  const progress = new Progress({ label: 'pdf.js floor', total: totalPages, unit: 'pages' });
  const started = performance.now();
  let pages = 0;
  await Promise.all(
    split(files, workers).map(
      (list) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(new URL('./floor-worker.ts', import.meta.url), { workerData: { files: list, widthPx } });
          worker.on('message', (m: { kind: string; pages?: number }) => {
            if (m.kind === 'page') progress.tick();
            else pages += m.pages ?? 0;
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`floor worker exited with ${code}`))));
        }),
    ),
  );
  progress.finish();
  return { ms: performance.now() - started, pages, workers };
}

export async function hasPoppler(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('pdftoppm', ['-v'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', () => resolve(true));
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}: ${err.slice(0, 300)}`))));
  });
}

export async function poppler(files: string[], totalPages: number, widthPx: number, workers = availableParallelism()): Promise<ReferenceRun> {
  const out = await mkdtemp(path.join(tmpdir(), 'trove-bench-poppler-'));
  const progress = new Progress({ label: 'poppler', total: files.length, unit: 'docs' });
  const started = performance.now();
  try {
    await Promise.all(
      split(files, workers).map(async (list, w) => {
        for (const [i, file] of list.entries()) {
          const base = path.join(out, `${w}-${i}`);
          await run('pdftoppm', ['-jpeg', '-scale-to-x', String(widthPx), '-scale-to-y', '-1', file, base]);
          await run('pdftotext', [file, `${base}.txt`]);
          progress.tick();
        }
      }),
    );
  } finally {
    progress.finish();
    await rm(out, { recursive: true, force: true });
  }
  return { ms: performance.now() - started, pages: totalPages, workers };
}
