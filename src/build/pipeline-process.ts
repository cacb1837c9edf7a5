/**
 * The document pipeline in a process of its own (scripts/build-pipeline.ts).
 * Its result comes back to the build, which holds it for the steps; the
 * memory processing allocated (the worker threads' pdf.js, canvas and
 * sharp, the hashing of every file) is returned when the child exits,
 * before Astro and then the search indexer start beside the build.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectFolders } from '../pipeline/folders.ts';
import type { PipelineResult } from '../pipeline/run.ts';
import { startChild } from './child-process.ts';

const ENTRY = fileURLToPath(new URL('../../scripts/build-pipeline.ts', import.meta.url));

/** What scripts/build-pipeline.ts sends once it knows how many documents it will process. */
export interface PipelinePlan {
  toProcess: number;
}

/**
 * Runs the pipeline; resolves with its result and the process's peak memory, rejects with its problems or error.
 * `onPlan` hears how many documents it will process, once the cache was looked up.
 */
export function runPipelineProcess(
  folders: ProjectFolders,
  signal: AbortSignal,
  onPlan: (toProcess: number) => void = () => {},
): Promise<{ result: PipelineResult; peakRssMb: number }> {
  const onEvent = (event: unknown) => onPlan((event as PipelinePlan).toProcess);
  return startChild<{ result: PipelineResult; peakRssMb: number }>(ENTRY, [], folders, signal, 'the pipeline', onEvent).done;
}
