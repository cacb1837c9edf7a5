/**
 * A reader in real Chromium, against the shared site (the basic fixture with
 * an e-mail and a table) served by nginx under a nested path: searches a phrase that occurs only on page 12 of a 17-page
 * PDF, follows the hit, and lands on page 12; finds words only OCR reads
 * on a scan; then reads a document with JavaScript disabled.
 */
import { describe, expect, it } from 'vitest';
import { firstSearchHit, recordRequests } from '../helpers/browser.ts';
import { sharedSite } from '../helpers/shared-builds.ts';
import { servedSite } from '../helpers/served-site.ts';

const site = servedSite(sharedSite, '/mirror/trove/');

describe('reading the site in Chromium', () => {
  it('shows a page image embedded in a story, whose link opens the document at that page', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    await page.goto(`${site.server.url}stories/first-circuit/`);
    const embed = page.locator('figure.embed-page img');
    await embed.scrollIntoViewIfNeeded();
    await expect.poll(() => embed.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
    expect(await embed.getAttribute('alt')).toBe('Page 12 of Calvary Chapel of Bangor v. Mills, opinion');
    await page.waitForLoadState('networkidle');
    await embed.click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html#page-12$/);
    await page.locator('#page-12 .page-text').getByText('burning building').waitFor({ state: 'visible' });
    expect(log.failed).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await page.close();
  });

  it('finds a phrase from page 12 and lands on page 12', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    const hit = await firstSearchHit(page, site.server.url, 'burning building');
    expect(await hit.textContent()).toBe('Page 12');
    await hit.click();
    await page.waitForURL(/#page-12$/);
    const landed = new URL(page.url());
    expect(landed.origin + landed.pathname + landed.hash).toBe(`${site.server.url}documents/appeals/calvary-chapel-v-mills/#page-12`);
    expect(landed.searchParams.getAll('highlight')).toEqual(['burning', 'building']);
    await page.locator('#page-12 .page-text mark', { hasText: 'burning' }).first().waitFor({ state: 'visible' });
    // The word the hit was found by is in view on arrival (not only the top of its page).
    const mark = page.locator('#page-12 .page-text mark', { hasText: 'burning' }).first();
    const viewport = page.viewportSize()!;
    await expect
      .poll(async () => {
        const box = await mark.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
      })
      .toBe(true);
    expect(log.failed).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await page.close();
  });

  it('finds words printed only in a scan (read by OCR under its filing header) and lands on the page, marked machine-read', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    const hit = await firstSearchHit(page, site.server.url, 'attorney roll');
    await hit.click();
    // A one-page document: its page is the document.
    await page.waitForURL(/fourth-circuit-scan\/\?highlight=attorney&highlight=roll$/);
    await page.locator('#page-1 .page-text mark', { hasText: 'attorney' }).first().waitFor({ state: 'visible' });
    expect(await page.locator('#page-1 .ocr-note').textContent()).toMatch(/then text machine-read from its pictures \(OCR, \d+% confidence\)/);
    expect(log.failed).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await page.close();
  });

  it('filters by type once the reader opens the filters, and fetches no filter index before', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    await page.goto(`${site.server.url}search/`);
    await page.locator('#search-input').fill('court');
    await page.locator('.search-result-link').first().waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    expect(log.requests.filter((u) => u.includes('/pagefind/filter/'))).toEqual([]);
    const all = Number(/^(\d+) matching/.exec((await page.locator('#search-summary').textContent()) ?? '')?.[1]);
    expect(all).toBeGreaterThan(1);
    await page.locator('.search-filters summary').click();
    await page.getByRole('checkbox', { name: /^Image \(1\)$/ }).waitFor();
    await page.waitForLoadState('networkidle');
    // One index for each filter offered, and none for the dates that only sorting reads.
    expect(log.requests.filter((u) => u.includes('/pagefind/filter/')).length).toBe(await page.locator('fieldset.search-filter').count());
    await page.getByRole('checkbox', { name: /^Image \(1\)$/ }).check();
    await expect.poll(() => page.locator('#search-summary').textContent()).toMatch(/^1 matching page or story for “court”$/);
    await expect.poll(() => page.locator('.search-result-link').first().textContent()).toBe('Test photo with orientation and GPS');
    expect(log.requests.some((u) => u.includes('/pagefind/filter/'))).toBe(true);
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it('shows page images and text with JavaScript disabled', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const log = recordRequests(page);
    const images: string[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'image' && r.status() === 200) images.push(r.url());
    });
    await page.goto(`${site.server.url}documents/appeals/calvary-chapel-v-mills/#page-12`, { waitUntil: 'load' });
    await page.locator('#page-12 .page-text').getByText('burning building').waitFor({ state: 'visible' });
    await page.locator('#page-12 img').waitFor({ state: 'visible' });
    await page.waitForLoadState('networkidle');
    expect(images).toContain(`${site.server.url}documents/appeals/calvary-chapel-v-mills/pages/12.webp`);
    expect(await page.locator('section.doc-page').count()).toBe(17);
    await page.goto(`${site.server.url}`);
    await page.getByRole('link', { name: 'What the First Circuit said' }).click();
    await page.getByRole('link', { name: 'page 3' }).click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html#page-3$/);
    expect(log.failed).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await context.close();
  });
});
