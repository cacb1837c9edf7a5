/** `npm run new:story -- "Title"`: writes a draft story skeleton in content/stories/ (never overwrites). */
import path from 'node:path';
import { newStory } from '../src/scaffold/new-story.ts';

const title = process.argv.slice(2).join(' ');
try {
  const file = await newStory(process.env.TROVE_CONTENT ?? 'content', title);
  console.log(`Wrote ${path.relative(process.cwd(), file)} (a draft: remove "draft: true" to publish).`);
} catch (e) {
  console.error(`new:story: ${(e as Error).message}`);
  process.exitCode = 1;
}
