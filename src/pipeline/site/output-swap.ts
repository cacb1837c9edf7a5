/**
 * The built site goes into place only whole. A build writes into
 * `<out>.staging-<pid>` beside the output; when everything has succeeded,
 * the previous output is moved to `<out>.previous-<pid>`, the staging
 * folder takes its place, and the previous one is removed. A failed or
 * interrupted build removes its staging folder and leaves the output as it
 * was.
 *
 * A build that was killed outright (power cut, `kill -9`) cannot clean up,
 * and a big site's staging folder is gigabytes: the next build removes what
 * builds no longer running left, and if one was stopped between the two
 * renames, with no output in place, puts the previous output back.
 */
import { readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from './pid.ts';

export function stagingDirs(outDir: string, pid = process.pid): { staging: string; previous: string } {
  return { staging: `${outDir}.staging-${pid}`, previous: `${outDir}.previous-${pid}` };
}

/** Moves the staging folder into the output's place, and removes the previous output. */
export async function swapIn(outDir: string, pid = process.pid): Promise<void> {
  const { staging, previous } = stagingDirs(outDir, pid);
  await rename(outDir, previous).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
}

/** What `recoverLeftovers` did, one line each, for the build's log. */
export async function recoverLeftovers(outDir: string): Promise<string[]> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const lines: string[] = [];
  const names = await readdir(parent).catch(() => [] as string[]);
  const leftovers = names
    .map((name) => ({ name, match: /^(.*)\.(staging|previous)-(\d+)$/.exec(name) }))
    .filter(({ match }) => match && match[1] === base && !isRunning(Number(match[3])))
    // A previous output goes back first, before any staging folder is removed.
    .sort((a, b) => (a.match![2] === 'previous' ? -1 : 0) - (b.match![2] === 'previous' ? -1 : 0));
  let outputMissing = !names.includes(base);
  for (const { name, match } of leftovers) {
    const dir = path.join(parent, name);
    if (match![2] === 'previous' && outputMissing) {
      await rename(dir, outDir);
      outputMissing = false;
      lines.push(`put back ${name} as ${base}/: a build was stopped while swapping it out`);
      continue;
    }
    await rm(dir, { recursive: true, force: true });
    lines.push(`removed ${name}/, left by a build that is no longer running`);
  }
  return lines;
}
