/**
 * A collection too big for one Pagefind index in memory is indexed in parts
 * (one Pagefind process after another) that the search page merges in the
 * browser. Forced here on the small fixture with a tiny word limit: search
 * still finds every page, lands on it, and counts filters across parts.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstSearchHit, recordRequests } from '../helpers/browser.ts';
import { buildFixture } from '../helpers/build.ts';
import { pagefindChunks } from '../helpers/pagefind.ts';
import { servedSite } from '../helpers/served-site.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const site = servedSite(
  async () => buildFixture('basic-collection', { workDir: await sharedCacheWorkDir('split-index') }, { TROVE_SEARCH_WORDS_PER_INDEX: '2000' }),
  '/split/',
);

describe('a search index in parts', () => {
  it('is written as several Pagefind bundles listed for the search page', async () => {
    const list = JSON.parse(await readFile(path.join(site.run.outDir, 'pagefind/trove-index-parts.json'), 'utf8')) as { merge: string[] };
    expect(list.merge.length).toBeGreaterThanOrEqual(2);
    for (const part of list.merge) {
      expect(part).toMatch(/^part-\d+\/$/);
      await access(path.join(site.run.outDir, 'pagefind', part, 'pagefind-entry.json'));
    }
    const stats = JSON.parse(await readFile(path.join(site.run.workDir, 'build-stats.json'), 'utf8'));
    expect(stats.searchIndexes).toBe(list.merge.length + 1);
    expect(site.run.stdout).toMatch(/in \d+ parts/);
  });

  it('cuts each part into index chunks sized for its word limit, so a rare word fetches little', async () => {
    // A limit of 2,000 words asks for chunks of 1,000 units; at Pagefind's own 20,000 the part would be one chunk.
    expect((await pagefindChunks(path.join(site.run.outDir, 'pagefind'))).length).toBeGreaterThanOrEqual(3);
  });

  it('finds a phrase in a later part and lands on its page, under a nested path', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    const hit = await firstSearchHit(page, site.server.url, 'burning building');
    expect(await hit.textContent()).toBe('Page 12');
    await hit.click();
    await page.waitForURL(/#page-12$/);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/split/documents/appeals/calvary-chapel-v-mills/');
    await page.locator('#page-12 .page-text mark', { hasText: 'burning' }).first().waitFor({ state: 'visible' });
    expect(log.requests.some((u) => /\/pagefind\/part-\d+\//.test(u))).toBe(true);
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it('counts filters across the parts', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}search/`);
    await page.locator('.search-filters summary').click();
    // 17 pages of the opinion and 1 scan are PDFs; they are spread over the parts.
    await page.getByRole('checkbox', { name: 'PDF (18)' }).waitFor({ timeout: 15_000 });
    await page.getByRole('checkbox', { name: 'Image (1)' }).waitFor();
    await page.close();
  });
});
