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
import { runChild } from './child-process.ts';

const ENTRY = fileURLToPath(new URL('../../scripts/build-pipeline.ts', import.meta.url));

/** Runs the pipeline; resolves with its result and the process's peak memory, rejects with its problems or error. */
export function runPipelineProcess(folders: ProjectFolders, signal: AbortSignal): Promise<{ result: PipelineResult; peakRssMb: number }> {
  return runChild(ENTRY, [], folders, signal, 'the pipeline');
}
