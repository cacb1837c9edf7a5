/**
 * Astro's HTML build in a process of its own (scripts/build-html.ts), into
 * the staging folder, from the site data the pipeline wrote. Astro's build
 * of a big collection leaves much memory resident (docs/scaling.md), mostly
 * outside the JavaScript heap: in a process of its own, that memory is
 * returned when it exits, before the search indexer, the largest step, starts.
 *
 * The process can be started before the site data is written: it loads
 * Astro (about a second) and waits until `render()` tells it to build.
 */
import { fileURLToPath } from 'node:url';
import type { ProjectFolders } from '../pipeline/folders.ts';
import { startChild } from './child-process.ts';

const ENTRY = fileURLToPath(new URL('../../scripts/build-html.ts', import.meta.url));

/** What scripts/build-html.ts sends once Astro is loaded, and is sent to start building (with its slice, `i/n`: lib/html-slice.ts). */
export const HTML_READY = 'ready';
export const HTML_BUILD = 'build';
export interface HtmlBuildOrder {
  order: typeof HTML_BUILD;
  slice: string;
}

export interface HtmlProcess {
  /** Builds slice `index` of `count` of the HTML into the staging folder; resolves with the process's peak memory, rejects with its error. */
  render(index?: number, count?: number): Promise<{ peakRssMb?: number }>;
  /** Stops the process (built or not) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts Astro's process; it builds nothing until `render()`. */
export function startHtml(staging: string, folders: ProjectFolders, signal: AbortSignal): HtmlProcess {
  const own = new AbortController();
  const stopOwn = () => own.abort(signal.reason);
  signal.addEventListener('abort', stopOwn, { once: true });
  let ready!: () => void;
  const loaded = new Promise<void>((resolve) => (ready = resolve));
  const child = startChild<{ peakRssMb?: number }>(ENTRY, [staging], folders, own.signal, 'the HTML build', (event) => {
    if (event === HTML_READY) ready();
  });
  const exited = child.done.then(
    () => {},
    () => {},
  );
  void exited.then(() => signal.removeEventListener('abort', stopOwn));
  return {
    async render(index = 0, count = 1) {
      await Promise.race([loaded, child.done]);
      child.send({ order: HTML_BUILD, slice: `${index}/${count}` } satisfies HtmlBuildOrder);
      return child.done;
    },
    async stop() {
      own.abort(new Error('the HTML build was not needed'));
      await exited;
    },
  };
}
