/**
 * The built folder (the shared site) as a mirror, in real Chromium: served
 * by nginx at `/` and under a deep path, copied with `wget --mirror`, and
 * opened from disk (file://). Every request is recorded: none may leave the
 * origin, none may fail, and the Content-Security-Policy must not be
 * violated.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstSearchHit, launchChromium, recordRequests, type RequestLog } from '../helpers/browser.ts';
import { ROOT, tempDir, type BuildRun } from '../helpers/build.ts';
import { serveWithNginx, type StaticServer } from '../helpers/nginx.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

const run = promisify(execFile);
let build: BuildRun;
let deep: StaticServer;
let atRoot: StaticServer;
let browser: Browser;

beforeAll(async () => {
  build = await sharedSite();
  if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
  deep = await serveWithNginx(build.outDir, '/any/deep/path/');
  atRoot = await serveWithNginx(build.outDir, '/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await deep?.stop();
  await atRoot?.stop();
});

function expectClean(log: RequestLog, origin: string) {
  expect(log.requests.filter((u) => !u.startsWith(origin))).toEqual([]);
  expect(log.failed).toEqual([]);
  expect(log.errors).toEqual([]);
}

async function searchAndFollow(page: Page, base: string) {
  const hit = await firstSearchHit(page, base, 'burning building');
  await hit.click();
  await page.waitForURL(/#page-12$/);
  const landed = new URL(page.url());
  expect(landed.origin + landed.pathname + landed.hash).toBe(`${base}documents/appeals/calvary-chapel-v-mills/#page-12`);
  // The search page passes the query on; the document page marks it in the page's text.
  expect(landed.searchParams.getAll('highlight')).toEqual(['burning', 'building']);
  await page.locator('#page-12 .page-text mark', { hasText: 'burning' }).first().waitFor({ state: 'visible' });
}

describe('served under a deep path', () => {
  it('browses home → story → document → page, and searches, without leaving the origin', async () => {
    const page = await browser.newPage();
    const log = recordRequests(page);
    await page.goto(deep.url);
    await page.getByRole('link', { name: 'What the First Circuit said' }).click();
    await page.waitForURL(/stories\/first-circuit\//);
    await page.getByRole('link', { name: 'page 3' }).click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html#page-3$/);
    const image = page.locator('#page-3 img');
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
    // Let lazy images finish, so leaving the page does not cancel them.
    await page.waitForLoadState('networkidle');
    await searchAndFollow(page, deep.url);
    await page.waitForLoadState('networkidle');
    expectClean(log, deep.origin);
    await page.close();
  });

  it('carries a strict Content-Security-Policy on every page', async () => {
    const page = await browser.newPage();
    await page.goto(deep.url);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
    expect(csp).not.toMatch(/unsafe-inline|https?:|\*/);
    await page.close();
  });

  it('browses by collection, source, year and tag without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const log = recordRequests(page);
    await page.goto(`${deep.url}browse/index.html`);
    for (const heading of ['Collections', 'By source', 'By year', 'By type', 'By tag']) {
      await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);
    }
    await page.getByRole('link', { name: '2020' }).first().click();
    await page.waitForURL(/browse\/year\/2020\//);
    await page
      .getByRole('link', { name: /Calvary Chapel/ })
      .first()
      .click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html$/);
    expect(await page.locator('#page-12 .page-text').textContent()).toContain('burning building');
    expectClean(log, deep.origin);
    await context.close();
  });

  it('browses by document type without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const log = recordRequests(page);
    await page.goto(`${deep.url}browse/index.html`);
    await page.getByRole('link', { name: 'PDF', exact: true }).click();
    await page.waitForURL(/browse\/type\/pdf\//);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('PDF');
    const card = page.locator('.card', { hasText: 'Calvary Chapel' });
    expect(await card.locator('.meta').textContent()).toMatch(/PDF, \d+ pages/);
    await expect.poll(() => page.locator('.card', { hasText: 'courthouse' }).count()).toBe(0);
    await card.getByRole('link', { name: /Calvary Chapel/ }).click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html$/);
    expectClean(log, deep.origin);
    await context.close();
  });
});

describe('served at the root', () => {
  it('searches and lands on the page, without leaving the origin', async () => {
    const page = await browser.newPage();
    const log = recordRequests(page);
    await searchAndFollow(page, atRoot.url);
    expectClean(log, atRoot.origin);
    await page.close();
  });
});

describe('opened from disk (file://)', () => {
  it('browses stories and documents with their page images, and search says it needs a server', async () => {
    const page = await browser.newPage();
    const log = recordRequests(page);
    const home = pathToFileURL(path.join(build.outDir, 'index.html')).href;
    await page.goto(home);
    await page.getByRole('link', { name: 'What the First Circuit said' }).click();
    await page.waitForURL(/stories\/first-circuit\/index\.html$/);
    await page.getByRole('link', { name: 'page 3' }).click();
    await page.waitForURL(/calvary-chapel-v-mills\/index\.html#page-3$/);
    const image = page.locator('#page-3 img');
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(500);
    await page.getByRole('link', { name: 'Search' }).first().click();
    await page.waitForURL(/search\/index\.html$/);
    await page.locator('#search-offline').getByText('needs the site to be served by a web server').waitFor({ state: 'visible' });
    expect(log.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});

describe('copied with wget --mirror', () => {
  it('is complete (it verifies against the manifest) and browses', async () => {
    const target = await tempDir('wget');
    await run('wget', ['--mirror', '--no-parent', '--no-host-directories', '--cut-dirs=3', '--quiet', '-P', target, deep.url]).catch((e) => {
      // wget exits 8 when a linked file is missing; the verifier below says which.
      if ((e as { code?: number }).code !== 8) throw e;
    });
    const verify = await run(process.execPath, [path.join(ROOT, 'public/trove-verify.mjs'), target]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e) => ({ code: e.code as number, out: e.stdout as string }),
    );
    // The fixture is not signed: files must all match (exit 3 = unsigned but complete).
    expect(verify.out).toContain('0 altered, 0 missing, 0 extra');
    expect(verify.code).toBe(3);
    const copy = await serveWithNginx(target, '/copy/');
    try {
      const page = await browser.newPage();
      const log = recordRequests(page);
      await searchAndFollow(page, copy.url);
      expectClean(log, copy.origin);
      await page.close();
    } finally {
      await copy.stop();
    }
  });
});
