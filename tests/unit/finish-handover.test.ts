/** The finishing steps refuse, with a reason that says what to run, when Astro's build did not hand the site over. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishSite } from '../../src/integrations/post-build/finish.ts';
import { tempDir } from '../helpers/build.ts';

describe('finishSite', () => {
  it('names the missing hand-over file and says to build with npm run build', async () => {
    const work = await tempDir('trove-finish-');
    const failure = finishSite(path.join(work, 'site'), work, () => {});
    await expect(failure).rejects.toThrow(path.join(work, 'finish-input.json'));
    await expect(finishSite(path.join(work, 'site'), work, () => {})).rejects.toThrow(/npm run build/);
  });

  it('names the missing statistics file when only the hand-over is there', async () => {
    const work = await tempDir('trove-finish-');
    await writeFile(path.join(work, 'finish-input.json'), JSON.stringify({ processed: [], cacheDir: work, dataDir: work }));
    await expect(finishSite(path.join(work, 'site'), work, () => {})).rejects.toThrow(path.join(work, 'build-stats.json'));
  });
});
