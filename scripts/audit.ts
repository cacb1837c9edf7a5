/**
 * `npm run audit`: runs the safety audit alone (documents are processed, or
 * taken from the cache), prints the summary and every blocking finding, and
 * writes the JSON report to `<work>/audit-report.json`. It covers every
 * document, the ones an editor has still to review (`needsReview`), drafts
 * and embargoed ones included; `--published` audits only what a build would
 * publish now. Exits 1 when anything blocks, 0 otherwise, 2 on a bad flag.
 */
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/pipeline/errors.ts';
import { projectFolders } from '../src/pipeline/folders.ts';
import { runAudit, type UnpublishedCounts } from '../src/pipeline/run.ts';

const USAGE = `usage: npm run audit [-- --published]
  Audits every document of the content folder (TROVE_CONTENT, default content/), those marked
  needsReview, drafts and embargoed ones included, prints what blocks publishing and writes
  the full report to .trove/audit-report.json. Exits 1 when anything blocks.
  --published   audit only the documents a build would publish now
  --help        show this`;

let values: { published?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({ options: { published: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }));
} catch (e) {
  console.error(`npm run audit: ${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const folders = projectFolders();
const { problems, audit, unpublished } = await runAudit({
  contentDir: folders.content,
  workDir: folders.work,
  log: (line) => console.log(line),
  publishedOnly: values.published,
});
console.log(`\n${coverage(audit.documents, unpublished, values.published === true)}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} block publishing:\n`);
  for (const p of problems) console.error(formatProblem(p));
  process.exitCode = 1;
} else {
  console.log('Nothing blocks publishing.');
}

/** "Audited 14 documents (attachments included): 3 marked needsReview, 1 draft and 1 embargoed, not yet published." */
function coverage(documents: number, u: UnpublishedCounts, publishedOnly: boolean): string {
  const head = `Audited ${documents} document${documents === 1 ? '' : 's'} (e-mail attachments included)`;
  if (publishedOnly) return `${head}: those a build would publish now (--published).`;
  const parts = [
    u.needsReview ? `${u.needsReview} marked needsReview` : '',
    u.draft ? `${u.draft} draft${u.draft === 1 ? '' : 's'}` : '',
    u.embargoed ? `${u.embargoed} embargoed` : '',
  ].filter(Boolean);
  if (parts.length === 0) return `${head}: every one of them is published by a build.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${head}, of which ${list}: not published until reviewed, but audited all the same.`;
}
