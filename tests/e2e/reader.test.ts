/**
 * A demanding reader in real Chromium, against the shared site (a 17-page
 * opinion, a scan, a photo, an e-mail, a table, two text documents, stories)
 * served by nginx, with its 404 page: axe-core (WCAG 2.2 AA) on every page
 * type, no page wider than a 390-px phone, the document viewer (first page
 * in the first screen, previous and next, the page grid, find in this
 * document, the page bar in view while scrolling), search grouped by
 * document with the query kept in the address, dark mode, and the keyboard
 * reaching the first page in a few stops.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordRequests } from '../helpers/browser.ts';
import type { BuildRun } from '../helpers/build.ts';
import { serveWithNginx, type StaticServer } from '../helpers/nginx.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** One page of each type the site has, by what it is. */
const PAGE_TYPES: Record<string, string> = {
  home: '',
  collection: 'collections/appeals/',
  browse: 'browse/',
  'browse by tag': 'browse/tag/religion/',
  story: 'stories/first-circuit/',
  search: 'search/?q=court',
  'PDF document': 'documents/appeals/calvary-chapel-v-mills/',
  'scanned document': 'documents/appeals/fourth-circuit-scan/',
  photo: 'documents/appeals/courthouse-photo/',
  'e-mail': 'documents/appeals/watch-list/',
  'text document': 'documents/appeals/transcript/',
  table: 'documents/appeals/comuni/',
  'page of rows': 'documents/appeals/comuni/table/2/',
  'embeddable view': 'embed/appeals/calvary-chapel-v-mills/',
  about: 'about/',
  'file list': 'about/files/',
  '404': 'no/such/page/',
};

let run: BuildRun;
let server: StaticServer;
let browser: Awaited<ReturnType<typeof launchChromium>>;
const url = (p: string) => `${server.url}${p}`;

beforeAll(async () => {
  run = await sharedSite();
  if (run.code !== 0) throw new Error(`build failed:\n${run.stderr}`);
  server = await serveWithNginx(run.outDir, '/', 'error_page 404 /404.html;');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function withPage<T>(options: Parameters<typeof browser.newContext>[0], use: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await use(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

describe('every page type', () => {
  it('has no serious or critical WCAG 2.2 AA violation (axe-core), in light and dark mode', async () => {
    const axe = await readFile(AXE, 'utf8');
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      // The site's policy allows only its own scripts: axe is injected past it, in this context only.
      await withPage({ bypassCSP: true, colorScheme }, async (page) => {
        // Dark mode changes colours only, the same on every page: a few page types show them all.
        const types = Object.entries(PAGE_TYPES).filter(
          ([type]) => colorScheme === 'light' || ['PDF document', 'search', 'e-mail', 'page of rows', 'story'].includes(type),
        );
        for (const [type, path] of types) {
          await page.goto(url(path));
          if (type === 'search') await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
          await page.addScriptTag({ content: axe });
          const violations = await page.evaluate(async () => {
            const w = window as unknown as {
              axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> };
            };
            const result = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
            return result.violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`);
          });
          for (const v of violations) found.push(`${type} (${colorScheme}): ${v}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('fits a 390-px phone screen: nothing scrolls sideways, with or without JavaScript; no request fails or leaves the site', async () => {
    const wide: string[] = [];
    for (const javaScriptEnabled of [true, false]) {
      await withPage({ viewport: { width: 390, height: 844 }, javaScriptEnabled }, async (page) => {
        const log = recordRequests(page);
        for (const [type, path] of Object.entries(PAGE_TYPES)) {
          await page.goto(url(path));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) wide.push(`${type}${javaScriptEnabled ? '' : ' (no JavaScript)'}: ${width} px`);
        }
        if (!javaScriptEnabled) return;
        // Every page type, under the site's own policy: the favicon loads, nothing fails (but the 404 page's own
        // status), no policy is violated, and no request leaves the site.
        expect(log.requests.some((u) => u.endsWith('/favicon.svg'))).toBe(true);
        expect(log.failed).toEqual([`${url(PAGE_TYPES['404']!)} (HTTP 404)`]);
        expect(log.errors).toEqual([]);
        expect(log.requests.filter((u) => !u.startsWith(server.origin))).toEqual([]);
      });
    }
    expect(wide).toEqual([]);
  });

  it('gives an unknown address the 404 page, whose links work', async () => {
    await withPage({}, async (page) => {
      const missing = await page.goto(url(PAGE_TYPES['404']!));
      expect(missing?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Page not found');
      await page.getByRole('link', { name: 'Go to the home page' }).click();
      await page.waitForURL(url('index.html'));
    });
  });
});

describe('the document viewer', () => {
  const DOC = 'documents/appeals/calvary-chapel-v-mills/';

  it('shows the first page in the first screen, on a desktop and on a phone', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await withPage({ viewport }, async (page) => {
        await page.goto(url(DOC));
        const top = await page.locator('#page-1 img').evaluate((img) => img.getBoundingClientRect().top);
        expect(top, `${viewport.width} px`).toBeLessThan(viewport.height - 100);
      });
    }
  });

  it('goes from page to page by links named Previous page and Next page, without JavaScript, and keeps the page bar in view', async () => {
    await withPage({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } }, async (page) => {
      await page.goto(url(DOC));
      // The tools that need JavaScript (find, page boxes) are not shown without it.
      expect(await page.locator('#doc-tools').isVisible()).toBe(false);
      expect(await page.locator('#find-input').isVisible()).toBe(false);
      await page.locator('#page-1').getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/#page-2$/);
      await page.locator('#page-2').getByRole('link', { name: 'Next page' }).click();
      await page.waitForURL(/#page-3$/);
      await page.locator('#page-3').getByRole('link', { name: 'Previous page' }).click();
      await page.waitForURL(/#page-2$/);
      expect(
        await page
          .locator('#page-1 .page-nav')
          .getByText('Previous page')
          .evaluate((el) => el.tagName),
      ).toBe('SPAN');
      // Halfway down page 5, its bar is at the top of the screen.
      await page.goto(url(`${DOC}#page-5`));
      await page.mouse.wheel(0, 600);
      await expect.poll(() => page.locator('#page-5 .page-bar').evaluate((bar) => Math.round(bar.getBoundingClientRect().top))).toBe(0);
      expect(await page.locator('#page-5 .page-bar h2').textContent()).toBe('Page 5 of 17');
    });
  });

  it('opens a grid of every page, each a small image linking to its page, loaded only when opened', async () => {
    await withPage({ viewport: { width: 1366, height: 768 } }, async (page) => {
      const log = recordRequests(page);
      await page.goto(url(DOC));
      await page.waitForLoadState('networkidle');
      expect(log.requests.filter((u) => u.includes('-thumb.webp'))).toEqual([]);
      await page.locator('#page-3').getByRole('link', { name: 'All 17 pages' }).click();
      expect(await page.locator('#pages').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
      const thumbs = page.locator('#page-grid .thumbs img');
      expect(await thumbs.count()).toBe(17);
      await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(150);
      await page.locator('#page-grid').getByRole('link', { name: 'Page 9', exact: true }).click();
      await page.waitForURL(/#page-9$/);
      expect(log.failed).toEqual([]);
    });
  });

  it('finds a phrase in the document, lists its pages with snippets, and shows it marked on the page', async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      const log = recordRequests(page);
      await page.goto(url(DOC));
      await page.locator('#find-input').fill('burning building');
      await page.locator('#find-input').press('Enter');
      await expect.poll(() => page.locator('#find-summary').textContent()).toBe('Found on 1 page');
      const result = page.locator('#find-results li').first();
      expect(await result.locator('mark').textContent()).toBe('burning building');
      await result.getByRole('link', { name: 'Page 12' }).click();
      await page.waitForURL(/#page-12$/);
      const mark = page.locator('#page-12 mark.find-hit').first();
      await mark.waitFor();
      await expect.poll(() => mark.evaluate((m) => m.getBoundingClientRect().top)).toBeGreaterThan(0);
      expect(await mark.evaluate((m) => m.getBoundingClientRect().bottom)).toBeLessThan(844);
      expect(log.errors).toEqual([]);
    });
  });

  it('reflows page text into paragraphs, with the printed line breaks one tick away, without JavaScript', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(url(`${DOC}#page-12`));
      const text = page.locator('#page-12 .page-text');
      const reflowed = await text.evaluate((el) => (el as HTMLElement).innerText);
      await page.locator('#page-12 .printed-toggle input').check();
      const printed = await text.evaluate((el) => (el as HTMLElement).innerText);
      expect(printed.split('\n').length).toBeGreaterThan(reflowed.split('\n').length * 2);
      // No scroll box of its own: the panel is as tall as what it holds.
      expect(await text.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
      expect(await text.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/mono/i);
    });
  });

  it('brings a search hit’s word into view on arrival, on a phone', async () => {
    await withPage({ viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto(url('search/?q=burning+building'));
      const hit = page.locator('.search-result-page', { hasText: 'Page 12' });
      await hit.click();
      await page.waitForURL(/#page-12$/);
      const mark = page.locator('#page-12 .page-text mark').first();
      await mark.waitFor();
      await expect
        .poll(() =>
          mark.evaluate((m) => {
            const r = m.getBoundingClientRect();
            return r.top > 0 && r.bottom < innerHeight;
          }),
        )
        .toBe(true);
    });
  });

  it('jumps to a page by its number from the bar of any page', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(DOC));
      const box = page.locator('#page-1 .page-bar').getByRole('spinbutton', { name: 'Go to page' });
      await box.fill('14');
      await box.press('Enter');
      await page.waitForURL(/#page-14$/);
    });
  });

  it('is reached from the top of the page in a few keyboard stops', async () => {
    await withPage({}, async (page) => {
      await page.goto(url(DOC));
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the first page');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#page-1$/);
      await page.keyboard.press('Tab');
      // The next stop is inside page 1.
      expect(await page.evaluate(() => document.activeElement?.closest('section')?.id)).toBe('page-1');
    });
  });
});

describe('search', () => {
  it('gives one result per document, listing its matching pages, and keeps the query through reload and Back', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('search/'));
      await page.locator('#search-input').fill('court');
      await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('court');
      const titles = await page.locator('.search-result-link').allTextContents();
      expect(new Set(titles).size).toBe(titles.length);
      const opinion = page.locator('.search-result', { hasText: 'Calvary Chapel of Bangor v. Mills, opinion' });
      expect(await opinion.locator('.search-result-page').count()).toBeGreaterThan(1);
      await page.reload();
      expect(await page.locator('#search-input').inputValue()).toBe('court');
      await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
      await page.locator('.search-result-link').first().click();
      await page.waitForURL(/documents\//);
      await page.goBack();
      await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('#search-input').inputValue()).toBe('court');
    });
  });

  it('sorts newest or oldest first, keeps the order in the address, and fetches the dates only when asked', async () => {
    await withPage({}, async (page) => {
      const filterIndexes: string[] = [];
      page.on('request', (r) => {
        if (r.url().endsWith('.pf_filter')) filterIndexes.push(r.url());
      });
      /** Each result's date ('' for one without), in the order shown, once every result is. */
      const datesShown = async () => {
        await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
        while (await page.locator('#search-more').isVisible()) await page.locator('#search-more').click();
        return page.locator('.search-result').evaluateAll((els) => els.map((e) => e.querySelector('.search-result-date time')?.getAttribute('datetime') ?? ''));
      };
      /** Dated results in `order`, then the undated. */
      const inOrder = (dates: string[], order: 'newest' | 'oldest') => {
        const dated = dates.filter(Boolean).sort();
        return [...(order === 'newest' ? dated.reverse() : dated), ...dates.filter((d) => !d)];
      };
      await page.goto(url('search/?q=court'));
      const byRelevance = await datesShown();
      // A search by relevance fetches no filter's index: its bytes are what they were before dates were sortable.
      expect(filterIndexes).toEqual([]);
      expect(byRelevance.filter(Boolean).length).toBeGreaterThanOrEqual(2);
      const datesFetched = page.waitForRequest((r) => r.url().endsWith('.pf_filter'));
      await page.locator('#search-sort').selectOption('newest');
      await datesFetched;
      await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('newest');
      await expect.poll(async () => (await datesShown()).join(), { timeout: 15_000 }).toBe(inOrder(byRelevance, 'newest').join());
      expect(filterIndexes.length).toBe(1);
      await page.reload();
      expect(await page.locator('#search-sort').inputValue()).toBe('newest');
      // After a reload the first results shown are already in the order asked for.
      expect(await datesShown()).toEqual(inOrder(byRelevance, 'newest'));
      await page.locator('#search-sort').selectOption('oldest');
      await expect.poll(async () => (await datesShown()).join(), { timeout: 15_000 }).toBe(inOrder(byRelevance, 'oldest').join());
    });
  });

  it('is a box in the header of every page, which works without JavaScript up to the search page', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(url('collections/appeals/'));
      await page.getByRole('searchbox', { name: 'Search this site' }).fill('burning');
      await page.getByRole('searchbox', { name: 'Search this site' }).press('Enter');
      await page.waitForURL(/search\/(index\.html)?\?q=burning$/);
    });
  });
});

describe('dark mode', () => {
  it('follows the system: a dark background with light text, page images still on white', async () => {
    await withPage({ colorScheme: 'dark' }, async (page) => {
      await page.goto(url('documents/appeals/calvary-chapel-v-mills/'));
      const [bg, fg] = await page.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).color]);
      const lum = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).reduce((n, v) => n + Number(v), 0);
      expect(lum(bg!)).toBeLessThan(150);
      expect(lum(fg!)).toBeGreaterThan(500);
    });
  });
});

describe('zoom', () => {
  it('opens a page enlarged, moved by scrolling, with the page of the PDF one link away; without JavaScript the image link opens the image', async () => {
    await withPage({ viewport: { width: 1366, height: 768 } }, async (page) => {
      await page.goto(url('documents/appeals/calvary-chapel-v-mills/#page-3'));
      await page.locator('#page-3 a.page-image').click();
      const dialog = page.getByRole('dialog', { name: 'Page 3, enlarged' });
      await dialog.waitFor();
      const img = dialog.locator('img');
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1000);
      const before = await img.evaluate((i) => i.getBoundingClientRect().width);
      await dialog.getByRole('button', { name: 'Zoom in' }).click();
      expect(await img.evaluate((i) => i.getBoundingClientRect().width)).toBeGreaterThan(before * 1.4);
      expect(await dialog.getByRole('link', { name: /This page in the PDF/ }).getAttribute('href')).toMatch(/\/calvary-chapel-v-mills\.pdf#page=3$/);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    });
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(url('documents/appeals/courthouse-photo/'));
      // A photo larger than its page image links to it at full resolution.
      expect(await page.locator('#page-1 a.page-image').getAttribute('href')).toMatch(/pages\/1(-full)?\.webp$/);
    });
  });
});

describe('embeds', () => {
  it('offers code that shows the document in an iframe on another site, a page of it with #page-N', async () => {
    await withPage({}, async (page) => {
      await page.goto(url('documents/appeals/calvary-chapel-v-mills/'));
      await page.locator('#document-details summary').click();
      const code = await page.locator('#embed-code').inputValue();
      expect(code).toMatch(
        new RegExp(`^<iframe src="${url('embed/appeals/calvary-chapel-v-mills/')}" title="Calvary Chapel of Bangor v. Mills, opinion \\(from [^"]+\\)"`),
      );
      await page.goto(url('embed/appeals/calvary-chapel-v-mills/#page-2'));
      expect(await page.locator('.embed-page:visible').count()).toBe(1);
      expect(await page.locator('header, nav, footer').count()).toBe(1);
    });
  });
});
