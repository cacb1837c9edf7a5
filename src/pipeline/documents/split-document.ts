/**
 * Long documents across workers: PDFs, Office files (as the PDFs they
 * convert to) and multi-page TIFFs. One document is otherwise one worker's
 * job, so the longest PDF of a collection would set the build's time, on
 * one core while the others sit idle (docs/scaling.md has the figures). A document of more than twice `partPages` pages is
 * instead processed in parts of about `partPages` pages by whichever
 * workers are free, then finished (document rules, download) by one of them.
 *
 * Each part writes its pages into the same temporary cache folder, and the
 * result is what one worker would have made, so the part size is not part
 * of the cache key (tests/unit/split-document.test.ts compares the two).
 */
import { rm } from 'node:fs/promises';
import { forEachLimited } from './concurrency.ts';
import { addStageTimes, type Stage } from './stage-clock.ts';
import { tooLong, type JobOutcome, type WorkerPool } from './pool.ts';
import type { ImagePlan, PartPages, ProcessJob, ProcessResult, ProgressFn } from '../processors/types.ts';
import { SETTINGS, wholeNumber } from '../settings.ts';

/** Pages per part, unless TROVE_PART_PAGES says otherwise (0: never split). */
export const DEFAULT_PART_PAGES = SETTINGS.partPages.fallback;

export type DocumentOutcome = ({ ok: true; result: ProcessResult } | { ok: false; known: boolean; message: string; hint?: string }) & {
  /** Time in each stage, over every job of the document. */
  stages: Partial<Record<Stage, number>>;
  /** Time the document's jobs spent in workers, in ms. */
  ms: number;
};

export function partPagesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return wholeNumber(SETTINGS.partPages, env);
}

/** Pages 1 to `pageCount` in ranges of at most `partPages`, as even as can be. */
export function pageRanges(pageCount: number, partPages: number): [number, number][] {
  const count = Math.ceil(pageCount / partPages);
  const out: [number, number][] = [];
  let from = 1;
  for (let i = 0; i < count; i++) {
    const size = Math.floor(pageCount / count) + (i < pageCount % count ? 1 : 0);
    out.push([from, from + size - 1]);
    from += size;
  }
  return out;
}

/** Processes one document in the pool; a long PDF in parts (see above). `onProgress` gets the pages of the whole document. */
export async function runDocument(pool: WorkerPool, job: ProcessJob, onProgress?: ProgressFn, partPages = partPagesFromEnv()): Promise<DocumentOutcome> {
  const started = Date.now();
  const times = { stages: {} as Partial<Record<Stage, number>>, ms: 0 };
  const run = async (j: ProcessJob, progress?: ProgressFn): Promise<JobOutcome> => {
    const outcome = await pool.run(j, progress);
    if (outcome.ok) addStageTimes(times.stages, outcome.stages);
    times.ms += outcome.ms ?? 0;
    return outcome;
  };
  const splittable = (job.type === 'pdf' || job.type === 'office' || job.type === 'image') && partPages > 0;
  const first = await run(splittable ? { ...job, part: { kind: 'whole', splitAbove: 2 * partPages } } : job, onProgress);
  if (!first.ok) return { ...first, ...times };
  if (first.answer.kind === 'result') return { ok: true, result: first.answer.result, ...times };
  if (first.answer.kind !== 'split') throw new Error(`a whole-document job answered "${first.answer.kind}"`);

  const { pageCount, rasterizedBecause, source, image, findings: early = [] } = first.answer;
  // An Office file's parts read the PDF it was converted to; the result stays the Office file's.
  const partJob: ProcessJob = source ? { ...job, type: 'pdf', absPath: source } : job;
  try {
    const outcome = await runParts(
      partJob,
      { pageCount, rasterizedBecause, image, partPages, workers: pool.size, deadline: started + pool.totalMs, totalMs: pool.totalMs },
      run,
      onProgress,
    );
    return outcome.ok
      ? { ok: true, result: { ...outcome.result, type: job.type, findings: [...early, ...outcome.result.findings] }, ...times }
      : { ...outcome, ...times };
  } finally {
    if (source) await rm(source, { force: true });
  }
}

interface PartsPlan {
  pageCount: number;
  rasterizedBecause?: string;
  image?: ImagePlan;
  partPages: number;
  workers: number;
  /** When the document's time limit runs out (ms since the epoch): it holds for the whole document, as on one worker. */
  deadline: number;
  totalMs: number;
}

type PartsOutcome = { ok: true; result: ProcessResult } | (JobOutcome & { ok: false });

/** The parts of a split document, then the job that finishes it. */
async function runParts(
  job: ProcessJob,
  plan: PartsPlan,
  run: (j: ProcessJob, progress?: ProgressFn) => Promise<JobOutcome>,
  onProgress?: ProgressFn,
): Promise<PartsOutcome> {
  const { pageCount, rasterizedBecause, image } = plan;
  const ranges = pageRanges(pageCount, plan.partPages);
  const done = ranges.map(() => 0);
  const read = ranges.map(() => 0);
  const outcomes: (JobOutcome | undefined)[] = ranges.map(() => undefined);
  let failed = false;
  // Parts start in page order, as many at once as there are workers, and none after one has
  // failed: the document has failed. Every part before a failed one has started, so the first
  // failure in page order, the one a single worker would have stopped at, is still found.
  await forEachLimited(
    ranges.map((range, i) => ({ range, i })),
    plan.workers,
    async ({ range: [from, to], i }) => {
      if (failed) return;
      if (Date.now() > plan.deadline) {
        outcomes[i] = tooLong(plan.totalMs, 'more than');
        failed = true;
        return;
      }
      outcomes[i] = await run({ ...job, part: { kind: 'pages', from, to, rasterizedBecause, image } }, (pagesDone, _, ocrPages = 0) => {
        done[i] = pagesDone;
        read[i] = ocrPages;
        onProgress?.(
          done.reduce((a, b) => a + b, 0),
          pageCount,
          read.reduce((a, b) => a + b, 0),
        );
      });
      if (!outcomes[i]!.ok) failed = true;
    },
  );
  const parts: PartPages[] = [];
  for (const o of outcomes) {
    if (!o) continue;
    if (!o.ok) return o;
    if (o.answer.kind !== 'pages') throw new Error(`a part's job answered "${o.answer.kind}"`);
    parts.push(o.answer);
  }
  if (Date.now() > plan.deadline) return tooLong(plan.totalMs, 'more than');
  const finish = await run({ ...job, part: { kind: 'finish', parts, rasterizedBecause, image } });
  if (!finish.ok) return finish;
  if (finish.answer.kind !== 'result') throw new Error(`the finishing job answered "${finish.answer.kind}"`);
  return { ok: true, result: finish.answer.result };
}
