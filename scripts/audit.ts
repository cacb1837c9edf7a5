/**
 * `npm run audit`: runs the safety audit alone (documents are processed, or
 * taken from the cache), prints the summary and every blocking finding, and
 * writes the JSON report to `<work>/audit-report.json`. Exits 1 when
 * anything blocks the build, 0 otherwise.
 */
import { formatProblem } from '../src/pipeline/errors.ts';
import { projectFolders } from '../src/pipeline/folders.ts';
import { runAudit } from '../src/pipeline/run.ts';

const folders = projectFolders();
const { problems } = await runAudit({ contentDir: folders.content, workDir: folders.work, log: (line) => console.log(line) });
if (problems.length > 0) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} block publishing:\n`);
  for (const p of problems) console.error(formatProblem(p));
  process.exitCode = 1;
} else {
  console.log('\nNothing blocks publishing.');
}
