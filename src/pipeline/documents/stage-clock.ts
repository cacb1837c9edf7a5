/**
 * Where processing time goes, per stage (text, audit, render, encode,
 * download…). Processors wrap their steps in `timed()`; each worker thread
 * has its own clock (module state is per thread), takes the totals after
 * every document and sends them with the result, and the build adds them up
 * for its stats. Costs nothing worth measuring: two `performance.now()` per
 * step.
 */

export type Stage = 'open' | 'text' | 'ocr' | 'audit' | 'render' | 'encode' | 'zoom' | 'download' | 'other';

let totals: Partial<Record<Stage, number>> = {};

export async function timed<T>(stage: Stage, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    totals[stage] = (totals[stage] ?? 0) + (performance.now() - started);
  }
}

/** The totals since the last call, in ms; resets them. */
export function takeStageTimes(): Partial<Record<Stage, number>> {
  const out = totals;
  totals = {};
  return out;
}

/** Adds `b` into `a`. */
export function addStageTimes(a: Partial<Record<Stage, number>>, b: Partial<Record<Stage, number>> | undefined): void {
  for (const [k, v] of Object.entries(b ?? {})) a[k as Stage] = (a[k as Stage] ?? 0) + (v ?? 0);
}
