/**
 * What must be right before a build does any work: the settings
 * (pipeline/settings.ts) and, for a site build, the watch list. All are
 * reported at once: a typo in a setting would otherwise surface from deep
 * inside the pipeline, and a watch list that cannot be used only after an
 * hour of processing.
 */
import { checkSettings } from '../pipeline/settings.ts';
import { loadWatchList } from '../pipeline/watch-list/load.ts';

/** One sentence per problem; none when the build may start. */
export function startProblems(env: NodeJS.ProcessEnv, cwd: string, { shard }: { shard: boolean }): string[] {
  const problems: string[] = [];
  if (!shard) {
    try {
      loadWatchList(env, cwd);
    } catch (e) {
      problems.push(`${(e as Error).message}.`);
    }
  }
  const badSettings = checkSettings(env);
  if (badSettings.length > 0) {
    problems.push(`${badSettings.join('; ')}. Fix or unset the variable${badSettings.length > 1 ? 's' : ''} (see the README's Configuration).`);
  }
  return problems;
}
