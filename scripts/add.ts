/**
 * `npm run add -- <file…> --collection <name>`: copies documents into the
 * collection and writes a sidecar for each, pre-filled from the file and
 * marked needsReview (unpublished until an editor removes it). Never
 * overwrites; adds all the files or none.
 */
import path from 'node:path';
import { projectFolders } from '../src/pipeline/folders.ts';
import { addDocuments } from '../src/scaffold/add-documents.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--collection');
const collection = at === -1 ? '' : (args[at + 1] ?? '');
const files = args.filter((_, i) => at === -1 || (i !== at && i !== at + 1));
// Relative, as editors see it in messages.
try {
  const added = await addDocuments(path.relative(process.cwd(), projectFolders().content) || '.', files, collection);
  for (const a of added) console.log(`Added ${path.relative(process.cwd(), a.document)} with ${path.relative(process.cwd(), a.sidecar)}`);
  console.log('Each sidecar is marked needsReview: check it, run npm run audit, then remove that line to publish.');
} catch (e) {
  console.error(`add: ${(e as Error).message}`);
  process.exitCode = 1;
}
