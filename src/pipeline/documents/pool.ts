/**
 * A pool of worker threads that process documents, one job (a document, or
 * a part of a long one) per worker at a time. Each job runs under two time
 * limits: no progress for `stallMs` (one page taking too long; not
 * counted once the last page is done) and `totalMs` overall. A worker that
 * hits a limit, crashes or runs out of memory is terminated and replaced, so
 * one pathological file fails clearly and never hangs or kills the build.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobAnswer, ProcessJob } from '../processors/types.ts';
import type { WorkerMessage } from './worker.ts';
import type { Stage } from './stage-clock.ts';
import { SETTINGS, wholeNumber } from '../settings.ts';

export interface PoolOptions {
  size?: number;
  /** Longest time without progress (a page finished) before giving up. */
  stallMs?: number;
  /** Longest time for one whole document. */
  totalMs?: number;
  /** V8 heap limit of each worker, in MB. */
  heapMb?: number;
}

export type JobOutcome = (
  { ok: true; answer: JobAnswer; stages?: Partial<Record<Stage, number>> } | { ok: false; known: boolean; message: string; hint?: string }
) & {
  /** Time the job spent in a worker (not waiting in the queue), in ms. */
  ms?: number;
};

interface Pending {
  jobId: number;
  job: ProcessJob;
  onProgress?: (pagesDone: number, pageCount: number, ocrPages?: number) => void;
  resolve: (o: JobOutcome) => void;
}

interface Slot {
  worker: Worker;
  current?: Pending & { startedAt?: number; stallTimer?: NodeJS.Timeout; totalTimer?: NodeJS.Timeout; pagesDone?: number };
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

/** The failure of a document stopped at a time limit. */
export function tooLong(ms: number, what: string): JobOutcome & { ok: false } {
  return {
    ok: false,
    known: true,
    message: `processing took too long (${what} ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}) and was stopped`,
    hint: 'the file may be pathological (a resource bomb or a broken page tree); check it, or raise TROVE_PAGE_TIMEOUT_MS / TROVE_DOCUMENT_TIMEOUT_MS',
  };
}

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), wholeNumber(SETTINGS.workers) || availableParallelism()));
}

export class WorkerPool {
  private readonly options: Required<PoolOptions>;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextJobId = 1;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.options = {
      size: options.size ?? defaultPoolSize(),
      stallMs: options.stallMs ?? wholeNumber(SETTINGS.pageTimeoutMs),
      totalMs: options.totalMs ?? wholeNumber(SETTINGS.documentTimeoutMs),
      heapMb: options.heapMb ?? 2048,
    };
  }

  /** How many workers the pool runs at most. */
  get size(): number {
    return this.options.size;
  }

  /** The longest time for one whole document, in ms. */
  get totalMs(): number {
    return this.options.totalMs;
  }

  run(job: ProcessJob, onProgress?: Pending['onProgress']): Promise<JobOutcome> {
    if (this.closed) throw new Error('the worker pool is closed');
    return new Promise((resolve) => {
      this.queue.push({ jobId: this.nextJobId++, job, onProgress, resolve });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current);
      if (!slot && this.slots.length < this.options.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      this.start(slot, pending);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker };
    worker.on('message', (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.replace(slot, {
        ok: false,
        known: oom,
        message: oom ? `processing ran out of memory (limit ${this.options.heapMb} MB)` : `the worker crashed: ${e.message}`,
        hint: oom ? 'the file may be a resource bomb; check it, or split it into smaller documents' : undefined,
      });
    });
    worker.on('exit', (code) => {
      if (slot.current) this.replace(slot, { ok: false, known: false, message: `the worker exited unexpectedly (code ${code})` });
    });
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    const current: NonNullable<Slot['current']> = { ...pending, startedAt: Date.now() };
    slot.current = current;
    slot.worker.ref();
    const { stallMs, totalMs } = this.options;
    const limit = (ms: number, what: () => string) => () => this.replace(slot, tooLong(ms, what()));
    // The stall limit is for pages: a job that finishes a split document draws none. It names the page it stopped at.
    const first = pending.job.part?.kind === 'pages' ? pending.job.part.from : 1;
    const stalled = () => `page ${first + (current.pagesDone ?? 0)} did not finish within`;
    if (pending.job.part?.kind !== 'finish') current.stallTimer = setTimeout(limit(stallMs, stalled), stallMs);
    current.totalTimer = setTimeout(
      limit(totalMs, () => 'more than'),
      totalMs,
    );
    slot.worker.postMessage({ jobId: pending.jobId, job: pending.job });
  }

  private onMessage(slot: Slot, m: WorkerMessage): void {
    const current = slot.current;
    if (!current || current.jobId !== m.jobId) return;
    if (m.kind === 'progress') {
      // After its last page, a job writes the download (every page of a 2,000-page TIFF, say): only `totalMs` bounds that.
      current.pagesDone = m.pagesDone;
      if (m.pagesDone >= m.pageCount) clearTimeout(current.stallTimer);
      else current.stallTimer?.refresh();
      current.onProgress?.(m.pagesDone, m.pageCount, m.ocrPages);
      return;
    }
    this.finish(slot, m.kind === 'done' ? { ok: true, answer: m.answer, stages: m.stages } : { ok: false, known: m.known, message: m.message, hint: m.hint });
  }

  private finish(slot: Slot, outcome: JobOutcome): void {
    const current = slot.current;
    if (!current) return;
    clearTimeout(current.stallTimer);
    clearTimeout(current.totalTimer);
    slot.current = undefined;
    slot.worker.unref();
    current.resolve({ ...outcome, ms: Date.now() - current.startedAt! });
    this.dispatch();
  }

  /** Fails the slot's job and replaces its worker (after a limit, crash or OOM). */
  private replace(slot: Slot, outcome: JobOutcome): void {
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    const current = slot.current;
    slot.current = undefined;
    void slot.worker.terminate();
    if (current) {
      clearTimeout(current.stallTimer);
      clearTimeout(current.totalTimer);
      current.resolve({ ...outcome, ms: Date.now() - current.startedAt! });
    }
    if (!this.closed) this.dispatch();
  }
}
