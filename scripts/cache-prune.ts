/**
 * `npm run cache:prune [-- --dry-run]`: removes cache entries that the
 * current content no longer uses, and temporary folders of interrupted
 * builds. Environment: TROVE_CONTENT, TROVE_WORK (as for the build).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pruneCache } from '../src/pipeline/cache/prune.ts';
import { formatProblem } from '../src/pipeline/errors.ts';
import { projectFolders } from '../src/pipeline/folders.ts';

const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } }, strict: true });
const { content: contentDir, cache: cacheDir } = projectFolders();
const dryRun = values['dry-run'];
const result = await pruneCache({ contentDir, cacheDir, dryRun });
if (result.problems.length > 0) {
  console.error(`The content has ${result.problems.length} problem(s), so which cache entries are in use is uncertain; nothing was removed.\n`);
  for (const p of result.problems) console.error(formatProblem(p));
  process.exitCode = 1;
} else {
  const mb = (result.removedBytes / 1e6).toFixed(1);
  const verb = dryRun ? 'would remove' : 'removed';
  console.log(
    `cache ${path.relative(process.cwd(), cacheDir) || cacheDir}: ${result.kept} entries in use kept; ${verb} ${result.removed.length} unused entries ` +
      `and ${result.temporary} leftover temporary folders (${mb} MB)`,
  );
}
