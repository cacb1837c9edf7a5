/**
 * How many bytes a reader's browser fetches to search the built site for
 * one word: the site is served by a plain static server on loopback, real
 * Chromium opens the search page, types the query and waits for results;
 * every response under `pagefind/` is counted (the page itself and its
 * stylesheet are not: they are the same for any site). Bytes are as served
 * by a server that does not compress; `gzipBytes` is what a host that gzips
 * would send.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.webp': 'image/webp',
};

/** A minimal static file server for a folder, on a free loopback port. */
export async function serveFolder(folder: string): Promise<{ url: string; server: Server }> {
  const root = path.resolve(folder);
  const server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const info = await stat(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

export interface SearchBytes {
  query: string;
  bytes: number;
  requests: number;
  /** Results shown (their fragments are fetched). */
  results: number;
  /** Records the query matched (document pages and stories). */
  matches: number;
  /** Bytes per fetched file, by path under the site. */
  files: Record<string, number>;
  /** What a host that gzips responses would send (the index files are compressed already). */
  gzipBytes: number;
}

/**
 * Each query searched on the site's search page in Chromium, one after the
 * other in one browser: each in a context of its own, so none is served
 * from what another fetched.
 */
export async function searchBytes(siteDir: string, queries: string[], onEach: (measured: SearchBytes) => void = () => {}): Promise<SearchBytes[]> {
  // Chromium first: when it is missing, no server is left listening to keep the bench from exiting.
  const browser = await launchChromium();
  const { url, server } = await serveFolder(siteDir);
  try {
    const measured: SearchBytes[] = [];
    for (const query of queries) {
      const context = await browser.newContext();
      try {
        measured.push(await searchOnce(await context.newPage(), url, query));
        onEach(measured.at(-1)!);
      } finally {
        await context.close();
      }
    }
    return measured;
  } finally {
    await browser.close();
    server.close();
  }
}

async function searchOnce(page: Page, url: string, query: string): Promise<SearchBytes> {
  let bytes = 0;
  let requests = 0;
  let gzipBytes = 0;
  const files: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  page.on('response', (r) => {
    if (!r.url().includes('/pagefind/')) return;
    requests++;
    const name = new URL(r.url()).pathname.replace(/^.*\/pagefind\//, 'pagefind/');
    pending.push(
      r.body().then(
        (b) => {
          bytes += b.length;
          gzipBytes += Math.min(b.length, gzipSync(b).length);
          files[name] = (files[name] ?? 0) + b.length;
        },
        () => {},
      ),
    );
  });
  await page.goto(`${url}search/`);
  await page.locator('#search-input').fill(query);
  // Once the search is done, the summary carries the number of matching pages (also when it is 0).
  const summary = page.locator('#search-summary[data-count]');
  await summary.waitFor({ timeout: 60_000 });
  const matches = Number((await summary.getAttribute('data-count')) ?? NaN);
  if (matches > 0) await page.locator('.search-result').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await Promise.all(pending);
  const results = await page.locator('.search-result').count();
  return { query, bytes, requests, results, matches, files, gzipBytes };
}
