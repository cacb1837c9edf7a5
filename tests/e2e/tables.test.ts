/**
 * Searching a table in real Chromium: a value from a cell deep in a real
 * export (ISTAT's municipalities, in the shared site) lands on the right
 * page of rows, with the row marked.
 */
import { describe, expect, it } from 'vitest';
import { firstSearchHit, recordRequests } from '../helpers/browser.ts';
import { servedSite } from '../helpers/served-site.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

const site = servedSite(sharedSite, '/tables/');

describe('searching a table', () => {
  it('lands on the page of rows that holds the value, with its row marked', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    // Zocca is data row 4,234 of 7,904 (line 4,237 of the file: the header and one row span two lines): page 43 of rows.
    const hit = await firstSearchHit(page, site.server.url, 'Zocca');
    await hit.click();
    await page.waitForURL(/documents\/appeals\/comuni\/table\/43\/\?highlight=zocca/i);
    const row = page.locator('table.rows tr.hit');
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await row.getAttribute('id')).toBe('row-4234');
    expect(await row.locator('td').allTextContents()).toContain('Zocca');
    expect(await row.locator('mark').first().textContent()).toBe('Zocca');
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await page.close();
  });

  it('lands a story’s citation of a row on its page of rows, the row marked and in view, without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1200, height: 800 } });
    const page = await context.newPage();
    const log = recordRequests(page);
    await page.goto(`${site.server.url}stories/municipalities/`);
    await page.getByRole('link', { name: 'row 4,234' }).click();
    await page.waitForURL(/documents\/appeals\/comuni\/table\/43\/(index\.html)?#row-4234$/);
    const row = page.locator('tr#row-4234');
    expect(await row.locator('td').allTextContents()).toContain('Zocca');
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 243, 176)');
    const box = await row.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= 800).toBe(true);
    await page.goBack();
    await page.getByRole('link', { name: 'page 1 of rows' }).click();
    await page.waitForURL(/documents\/appeals\/comuni\/table\/1\/(index\.html)?$/);
    await page.goBack();
    await page.getByRole('link', { name: 'the first message' }).click();
    await page.waitForURL(/documents\/appeals\/watch-list\/(index\.html)?#page-1$/);
    expect(log.failed).toEqual([]);
    await context.close();
  });

  it('gives every row a stable link that shows it without JavaScript', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.server.url}documents/appeals/comuni/table/2/#row-150`);
    const target = page.locator('tr#row-150');
    expect(await target.locator('th').textContent()).toBe('150');
    const background = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(255, 243, 176)');
    await context.close();
  });
});
