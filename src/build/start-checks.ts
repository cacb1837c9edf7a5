/**
 * What must be right before a build does any work: the settings
 * (pipeline/settings.ts) and, for a site build, the watch list and the
 * signing key. All are reported at once: a typo in a setting would otherwise
 * surface from deep inside the pipeline, and a watch list or key that cannot
 * be used only after an hour of processing.
 */
import path from 'node:path';
import { readSite } from '../pipeline/content/discover.ts';
import type { Problem } from '../pipeline/errors.ts';
import { checkSettings } from '../pipeline/settings.ts';
import { loadWatchList } from '../pipeline/watch-list/load.ts';
import { keyMismatch, loadSigningKey } from '../signing/keys.ts';

/** One sentence per problem; none when the build may start. */
export async function startProblems(env: NodeJS.ProcessEnv, cwd: string, { shard, contentDir }: { shard: boolean; contentDir: string }): Promise<string[]> {
  const problems: string[] = [];
  if (!shard) {
    const watchListProblem = () => void loadWatchList(env, cwd);
    for (const check of [watchListProblem, () => signingKeyProblem(env, cwd, contentDir)]) {
      try {
        const problem = await check();
        if (problem) problems.push(`${problem}.`);
      } catch (e) {
        problems.push(`${(e as Error).message}.`);
      }
    }
  }
  const badSettings = checkSettings(env);
  if (badSettings.length > 0) {
    problems.push(`${badSettings.join('; ')}. Fix or unset the variable${badSettings.length > 1 ? 's' : ''} (see the README's Configuration).`);
  }
  return problems;
}

/**
 * A signing key that cannot be read, or is not the one site.yml publishes.
 * A site.yml with problems of its own is left to the pipeline, which
 * reports them with their lines; the key is checked again before signing.
 */
async function signingKeyProblem(env: NodeJS.ProcessEnv, cwd: string, contentDir: string): Promise<string | undefined> {
  const key = loadSigningKey(env, cwd);
  if (!key) return undefined;
  const siteProblems: Problem[] = [];
  const site = await readSite(contentDir, siteProblems);
  if (siteProblems.length > 0) return undefined;
  const siteFile = path.relative(cwd, path.join(contentDir, 'site.yml'));
  return keyMismatch(key, site, siteFile.startsWith('..') ? path.join(contentDir, 'site.yml') : siteFile);
}
