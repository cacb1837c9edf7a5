/** `npm run new:story -- "Title"`: writes a draft story skeleton in content/stories/ (never overwrites). */
import path from 'node:path';
import { projectFolders } from '../src/pipeline/folders.ts';
import { newStory } from '../src/scaffold/new-story.ts';

const title = process.argv.slice(2).join(' ');
// Relative, as editors see it in messages.
try {
  const file = await newStory(path.relative(process.cwd(), projectFolders().content) || '.', title);
  console.log(`Wrote ${path.relative(process.cwd(), file)} (a draft: remove "draft: true" to publish).`);
} catch (e) {
  console.error(`new:story: ${(e as Error).message}`);
  process.exitCode = 1;
}
