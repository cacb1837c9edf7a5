/**
 * Worker thread entry: processes one document (or one part of a long one,
 * see documents/split-document.ts) at a time with the processor for its type. pdf.js and
 * sharp stay loaded (warm) across documents. Runs under Node's own
 * TypeScript support, so imports carry `.ts` extensions.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { hashFile } from '../cache/derivative-cache.ts';
import { DocumentError } from '../errors.ts';
import { PROCESSORS } from '../processors/index.ts';
import { processImageJob } from '../processors/image.ts';
import { processOfficeJob } from '../processors/office.ts';
import { processPdfJob } from '../processors/pdf.ts';
import type { JobAnswer, ProcessJob, ProcessResult, ProgressFn } from '../processors/types.ts';
import { picturesRead } from '../processors/ocr/engine.ts';
import { takeStageTimes, type Stage } from './stage-clock.ts';

export type WorkerRequest = { jobId: number; job: ProcessJob };
export type WorkerMessage =
  | { jobId: number; kind: 'progress'; pagesDone: number; pageCount: number; ocrPages: number }
  | { jobId: number; kind: 'done'; answer: JobAnswer; stages: Partial<Record<Stage, number>> }
  | { jobId: number; kind: 'failed'; known: boolean; message: string; hint?: string };

// The pool already keeps every core busy with a document each: libvips threads on top of
// that only contend with the other workers (process-wide; only workers use sharp in a build).
sharp.concurrency(1);
const port = parentPort;
if (!port) throw new Error('documents/worker.ts must run in a worker thread');

port.on('message', async ({ jobId, job }: WorkerRequest) => {
  const post = (m: WorkerMessage) => port.postMessage(m);
  takeStageTimes();
  try {
    const ocrBefore = picturesRead();
    const progress: ProgressFn = (pagesDone, pageCount) => post({ jobId, kind: 'progress', pagesDone, pageCount, ocrPages: picturesRead() - ocrBefore });
    const answer: JobAnswer = !job.part
      ? { kind: 'result', result: await PROCESSORS[job.type].process(job, progress) }
      : job.type === 'office'
        ? await processOfficeJob(job, progress)
        : job.type === 'image'
          ? await processImageJob(job, progress)
          : await processPdfJob(job, progress);
    if (answer.kind === 'result') await describeDownload(job, answer.result);
    post({ jobId, kind: 'done', answer, stages: takeStageTimes() });
  } catch (e) {
    const known = e instanceof DocumentError;
    post({
      jobId,
      kind: 'failed',
      known,
      message: known ? e.message : `internal error: ${(e as Error)?.stack ?? String(e)}`,
      hint: known ? e.hint : 'this is a bug in Trove or one of its libraries; please report it with the file',
    });
  }
});

async function describeDownload(job: ProcessJob, result: ProcessResult): Promise<void> {
  const download = path.join(job.outDir, `download.${result.downloadExtension}`);
  result.download = { bytes: (await stat(download)).size, sha256: await hashFile(download) };
}
