/** The dev server's watcher skips the cache, the output and its staging copies, and the bench's work folder. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { devWatchIgnored } from '../../src/integrations/dev-watch.ts';

describe('devWatchIgnored', () => {
  const root = '/project';
  const ignored = devWatchIgnored(root, '.trove', 'dist');

  it('ignores the cache, the output, its staging and previous copies, and bench/work', () => {
    for (const file of [
      '.trove/cache/ab/cd/result.json',
      '/project/dist/index.html',
      '/project/dist.staging-4242/index.html',
      'dist.previous-17/x',
      'bench/work/d10/content/a.pdf',
      '/project/.trove',
    ]) {
      expect(ignored(file), file).toBe(true);
    }
  });

  it('watches the content, the source and folders that only share a prefix', () => {
    for (const file of ['content/stories/a.md', 'src/pages/index.astro', '/project/distant/x', '/project/.trove-notes.md', 'bench/results/x.md']) {
      expect(ignored(file), file).toBe(false);
    }
  });

  it('follows TROVE_WORK and TROVE_OUT elsewhere', () => {
    const elsewhere = devWatchIgnored(root, '/tmp/w', '../out/site');
    expect(elsewhere('/tmp/w/cache/x')).toBe(true);
    expect(elsewhere(path.resolve(root, '../out/site/index.html'))).toBe(true);
    expect(elsewhere('/project/.trove/cache/x')).toBe(false);
  });
});
