/**
 * Where a build reads and writes, decided in this one place from the
 * environment: the content folder (TROVE_CONTENT, default `content`), the
 * working folder (TROVE_WORK, default `.trove`) with the derivative cache
 * and the site data inside it, and the output (TROVE_OUT, default `dist`).
 * Every command and the Astro integration take their folders from here.
 * Paths are absolute, so a child process or a later `cd` reads the same.
 */
import path from 'node:path';

export interface ProjectFolders {
  /** What editors write: site.yml, collections/, documents/, stories/. */
  content: string;
  /** The working folder: the cache, the site data, the audit report and build-stats.json. */
  work: string;
  /** Where the built site goes. */
  out: string;
  /** The derivative cache, `<work>/cache`. */
  cache: string;
  /** The site data pages are built from, `<work>/site`. */
  siteData: string;
}

/** The folders inside a working folder. */
export function workFolders(workDir: string): Pick<ProjectFolders, 'work' | 'cache' | 'siteData'> {
  const work = path.resolve(workDir);
  return { work, cache: path.join(work, 'cache'), siteData: path.join(work, 'site') };
}

/**
 * The project's folders, relative paths resolved against `cwd`. A variable
 * set to nothing counts as unset: an empty TROVE_OUT would otherwise name the
 * project itself, which the output swap would move aside.
 */
export function projectFolders(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ProjectFolders {
  const setting = (name: string, fallback: string) => path.resolve(cwd, env[name]?.trim() || fallback);
  return {
    content: setting('TROVE_CONTENT', 'content'),
    out: setting('TROVE_OUT', 'dist'),
    ...workFolders(setting('TROVE_WORK', '.trove')),
  };
}
