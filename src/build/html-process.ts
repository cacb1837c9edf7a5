/**
 * Astro's HTML build in a process of its own (scripts/build-html.ts), into
 * the staging folder, from the site data the pipeline wrote. Astro's build
 * of a big collection leaves much memory resident (docs/scaling.md), mostly
 * outside the JavaScript heap: in a process of its own, that memory is
 * returned when it exits, before the search indexer, the largest step, starts.
 *
 * The child stops when the build is stopped (`signal`) and never outlives
 * this process: a build that exits kills it, and it exits when this process
 * goes away (scripts/build-html.ts).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProjectFolders } from '../pipeline/folders.ts';

const ENTRY = fileURLToPath(new URL('../../scripts/build-html.ts', import.meta.url));

/** What the HTML process says over IPC before it exits. */
export type HtmlReport = { peakRssMb: number } | { error: string };

/** Renders the HTML into `staging`; resolves with the process's peak memory, rejects with its error. */
export function renderHtml(staging: string, folders: ProjectFolders, signal: AbortSignal): Promise<{ peakRssMb?: number }> {
  return new Promise((resolve, reject) => {
    let report: HtmlReport | undefined;
    // The same folders as this process, whatever the child's environment would resolve to.
    const env = { ...process.env, TROVE_CONTENT: folders.content, TROVE_WORK: folders.work, TROVE_OUT: folders.out };
    const child = spawn(process.execPath, [ENTRY, staging], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env, signal, killSignal: 'SIGTERM' });
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    child.on('message', (m: HtmlReport) => (report = m));
    child.on('error', (e) => {
      // Aborting kills the child; the staging folder is only safe to remove once it has exited.
      if (e.name !== 'AbortError') reject(e);
    });
    child.on('exit', (code, exitSignal) => {
      process.off('exit', killChild);
      if (code === 0) resolve({ peakRssMb: report && 'peakRssMb' in report ? report.peakRssMb : undefined });
      else if (signal.aborted) reject(signal.reason);
      else reject(new Error(report && 'error' in report ? report.error : `the HTML build ended with ${exitSignal ?? `exit code ${code}`}`));
    });
  });
}
