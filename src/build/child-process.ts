/**
 * A step of the build in a Node process of its own, for memory: what a
 * process allocates stays resident until it exits (V8 and the allocator keep
 * their pages), so the pipeline and Astro each run in a child and their
 * memory is returned before the next step starts. The child sends one
 * message over IPC before it exits: its result, or its error (with the
 * content problems of a BuildError, so the build reports them as its own).
 *
 * The child stops when the build is stopped (`signal`) and never outlives
 * this process: a build that exits kills it, and the child exits when this
 * process goes away (`childMain`).
 */
import { spawn, type Serializable } from 'node:child_process';
import { BuildError, type Problem } from '../pipeline/errors.ts';
import { compileCacheEnv } from './compile-cache.ts';
import type { ProjectFolders } from '../pipeline/folders.ts';

/** What a child sends before it exits. */
export type ChildReport<T> = { result: T } | { error: string; problems?: Problem[] };
/** What a child may send while it works, before its report. */
export type ChildEvent = { event: unknown };

/** A child process under way: its outcome, and a way to send it a message. */
export interface RunningChild<T> {
  /** Resolves with the result it sent, rejects with its error. */
  done: Promise<T>;
  send(message: Serializable): void;
}

/** Starts `entry` with `args`; `onEvent` hears what it sends while it works (childMain's `notify`). */
export function startChild<T>(
  entry: string,
  args: string[],
  folders: ProjectFolders,
  signal: AbortSignal,
  what: string,
  onEvent: (event: unknown) => void = () => {},
): RunningChild<T> {
  // The same folders as this process, whatever the child's environment would resolve to.
  const env = { ...process.env, ...compileCacheEnv(), TROVE_CONTENT: folders.content, TROVE_WORK: folders.work, TROVE_OUT: folders.out };
  // Structured clone: the pipeline's result holds Maps and Dates.
  const child = spawn(process.execPath, [entry, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
    env,
    signal,
    killSignal: 'SIGTERM',
  });
  const done = new Promise<T>((resolve, reject) => {
    let report: ChildReport<T> | undefined;
    const killChild = () => child.kill('SIGKILL');
    process.once('exit', killChild);
    child.on('message', (m: ChildReport<T> | ChildEvent) => {
      if ('event' in m) onEvent(m.event);
      else report = m;
    });
    child.on('error', (e) => {
      // Aborting kills the child; what it wrote is only safe to remove once it has exited.
      if (e.name !== 'AbortError') reject(e);
    });
    child.on('exit', (code, exitSignal) => {
      process.off('exit', killChild);
      if (code === 0 && report && 'result' in report) resolve(report.result);
      else if (signal.aborted) reject(signal.reason);
      else if (report && 'problems' in report && report.problems) reject(new BuildError(report.problems));
      else reject(new Error(report && 'error' in report ? report.error : `${what} ended with ${exitSignal ?? `exit code ${code}`}`));
    });
  });
  return { done, send: (message) => child.connected && child.send(message) };
}

/**
 * The child's side: runs `work` and sends its result or its error to the
 * build. A build that went away (killed outright) must not leave the child
 * writing into folders nobody removes, so it exits then.
 */
export async function childMain<T>(entry: string, work: (notify: (event: unknown) => void) => Promise<T>): Promise<void> {
  if (!process.send) throw new Error(`${entry} is a step of npm run build: run \`npm run build\` instead`);
  const parentGone = () => process.exit(1);
  process.on('disconnect', parentGone);
  const report = (message: ChildReport<T>) => new Promise((resolve) => process.send!(message, resolve));
  try {
    await report({ result: await work((event) => process.send!({ event } satisfies ChildEvent)) });
  } catch (e) {
    const problems = e instanceof BuildError ? e.problems : undefined;
    await report({ error: String((e as Error)?.message ?? e), ...(problems ? { problems } : {}) });
    process.exitCode = 1;
  } finally {
    // The listener holds the IPC channel open, so it goes once the work is done.
    process.off('disconnect', parentGone);
  }
}
