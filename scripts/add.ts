/**
 * `npm run add -- <file or folder…> --collection <name>`: copies documents
 * (and every document under the folders) into the collection and writes a
 * sidecar for each, pre-filled from the file and marked needsReview
 * (unpublished until an editor removes it). Never overwrites; the files
 * named are added all or none; what a folder holds that cannot be added is
 * skipped and listed, with the reason, in one summary at the end.
 */
import path from 'node:path';
import { projectFolders } from '../src/pipeline/folders.ts';
import { Progress } from '../src/pipeline/stats/progress.ts';
import { addDocuments, type Skipped } from '../src/scaffold/add-documents.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--collection');
const collection = at === -1 ? '' : (args[at + 1] ?? '');
const inputs = args.filter((_, i) => at === -1 || (i !== at && i !== at + 1));
const shown = (p: string) => path.relative(process.cwd(), p) || p;
let progress: Progress | undefined;
try {
  const { added, skipped, duplicates } = await addDocuments(path.relative(process.cwd(), projectFolders().content) || '.', inputs, collection, {
    onRead: (done, total) => {
      // Reading (page counts, dates) is what takes time with thousands of files.
      progress ??= new Progress({ label: 'reading files', total, unit: 'files' });
      progress.tick();
      if (done === total) progress.finish();
    },
  });
  if (added.length <= 50) for (const a of added) console.log(`Added ${shown(a.document)} with ${shown(a.sidecar)}`);
  console.log(
    `\nAdded ${added.length} document${added.length === 1 ? '' : 's'} to ${collection}` +
      (duplicates.length > 0
        ? `; ${duplicates.length} file${duplicates.length === 1 ? ' was a copy' : 's were copies'} of one added (added once, every place noted in its sidecar's origin)`
        : '') +
      (skipped.length > 0 ? `; ${skipped.length} skipped:` : '.'),
  );
  for (const [reason, files] of byReason(skipped)) {
    console.log(`  ${reason} (${files.length}):`);
    for (const f of files) console.log(`    ${f}`);
  }
  if (added.length > 0) console.log('Each sidecar is marked needsReview: check it, run npm run audit, then remove that line to publish.');
} catch (e) {
  progress?.finish();
  console.error(`add: ${(e as Error).message}`);
  process.exitCode = 1;
}

/** Skipped files by reason (a type's files together), in the order reasons first came. */
function byReason(skipped: Skipped[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of skipped) out.set(s.reason, [...(out.get(s.reason) ?? []), s.file]);
  return out;
}
