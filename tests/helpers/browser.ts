/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser),
 * with the flags that keep it from calling home on a closed network.
 */
import type { Locator, Page, Request } from 'playwright-core';

export { chromiumPath, launchChromium } from '../../src/bench/chromium.ts';

export interface RequestLog {
  requests: string[];
  failed: string[];
  /** Content-Security-Policy violations and script errors reported by the page. */
  errors: string[];
}

/** Records every request a page makes, every one that failed, and CSP violations or script errors. */
export function recordRequests(page: Page): RequestLog {
  const log: RequestLog = { requests: [], failed: [], errors: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) log.errors.push(m.text());
  });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r: Request) => log.requests.push(r.url()));
  page.on('requestfailed', (r: Request) => {
    // A load cut short because the page navigated on (a lazy image still loading when a link is followed,
    // as happens on a loaded machine) is not a failure of the site; every request is in `requests` anyway.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') log.failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) log.failed.push(`${r.url()} (HTTP ${r.status()})`);
  });
  return log;
}

/**
 * Opens the search page of the site at `base`, searches for `query` and
 * returns, once it shows, the first result's first matching page ("Page
 * 12", under the document's title), or a story's title link.
 */
export async function firstSearchHit(page: Page, base: string, query: string): Promise<Locator> {
  await page.goto(`${base}search/`);
  await page.locator('#search-input').fill(query);
  const first = page.locator('.search-result').first();
  await first.waitFor({ timeout: 15_000 });
  const pageLink = first.locator('.search-result-page').first();
  return (await pageLink.count()) > 0 ? pageLink : first.locator('.search-result-link');
}
