/**
 * Adds a strict Content-Security-Policy `<meta>` to every HTML page: the
 * site may load only its own files (scripts, styles, images, the Pagefind
 * index and its WebAssembly); inline, only Trove's own scripts
 * (own-scripts.ts) and the styles Astro writes into the `<head>`, each by
 * its SHA-256 hash. Nothing from another origin can load and no script
 * that came with content can run, even if a page were tampered with.
 *
 * Where the policy goes is decided from the page's structure (page-head.ts),
 * never from a text match: every page gets it, first in its `<head>`. A
 * policy `<meta>` already in the head is replaced, so Trove's is the only
 * one (and running this twice changes nothing).
 *
 * The same policy, plus what only a header can say, goes to `_headers`
 * (headers-file.ts) for hosts that read it.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeHeadersFile } from './headers-file.ts';
import { hashSource, ownScriptHashes } from './own-scripts.ts';
import { readHead } from './page-head.ts';
import type { StepContext } from '../step.ts';

/** The policy for pages whose `<head>` styles hash to `styleHashes`. */
export function policyFor(styleHashes: Iterable<string>): string {
  return [
    "default-src 'none'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...ownScriptHashes()].join(' '),
    ["style-src 'self'", ...[...new Set(styleHashes)].sort()].join(' '),
    // data: for the data: images markdown may carry; data: URLs make no request.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    // The header's search box is a GET form to the site's own search page.
    "form-action 'self'",
  ].join('; ');
}

export interface PoliciedPage {
  html: string;
  /** Hash sources of the page's own (`<head>`) inline styles, which its policy allows. */
  styleHashes: string[];
}

/** The page with Trove's policy first in its `<head>` and any other policy `<meta>` there removed. */
export function addPolicy(html: string): PoliciedPage {
  const head = readHead(html);
  if (!head) throw new Error('the page has no <head>, so its Content-Security-Policy cannot be added');
  const styleHashes = [...new Set(head.styles.map(hashSource))];
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyFor(styleHashes)}">`;
  const edits = [...head.policyMetas.map(([start, end]) => ({ start, end, text: '' })), { start: head.insertAt, end: head.insertAt, text: meta }].sort(
    (a, b) => a.start - b.start,
  );
  let out = '';
  let at = 0;
  for (const { start, end, text } of edits) {
    out += html.slice(at, start) + text;
    at = Math.max(at, end);
  }
  return { html: out + html.slice(at), styleHashes };
}

export function withPolicy(html: string): string {
  return addPolicy(html).html;
}

export async function addContentSecurityPolicy({ outDir, logger }: StepContext): Promise<void> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  const styleHashes = new Set<string>();
  let pages = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.html')) continue;
    const file = path.join(e.parentPath, e.name);
    let page: PoliciedPage;
    try {
      page = addPolicy(await readFile(file, 'utf8'));
    } catch (err) {
      throw new Error(`${path.relative(outDir, file)}: ${(err as Error).message}`, { cause: err });
    }
    await writeFile(file, page.html);
    for (const h of page.styleHashes) styleHashes.add(h);
    pages++;
  }
  // Valid for every page: it allows each page's styles, and both it and a page's <meta> are enforced.
  await writeHeadersFile(outDir, policyFor(styleHashes));
  logger.info(`Content-Security-Policy added to ${pages} pages and written to _headers`);
}
