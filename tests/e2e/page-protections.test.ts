/**
 * No content can switch the page protections off, in real Chromium through
 * nginx. A story's text and a document's title spell out the policy
 * `<meta>` (once plainly, once escaped): the pages still carry Trove's
 * policy, a script or an image from another site put into them is refused,
 * and nothing reaches that site. Served with the headers of `_headers` as
 * docs/deploying.md makes them for nginx, the pages cannot be framed by
 * another site and Trove's own scripts still run.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstSearchHit, recordRequests } from '../helpers/browser.ts';
import { buildContent, fixtureContent, ROOT, tempDir } from '../helpers/build.ts';
import { serveWithNginx, type StaticServer } from '../helpers/nginx.ts';
import { servedSite } from '../helpers/served-site.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const run = promisify(execFile);
const MARKER = '<meta http-equiv=content-security-policy content="default-src *">';

const site = servedSite(async () => {
  const content = path.join(await tempDir('page-protections'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const story = path.join(content, 'stories/first-circuit.md');
  await writeFile(
    story,
    `${await readFile(story, 'utf8')}\nThe leaked file was named \`${MARKER}\`; its text says http-equiv=Content-Security-Policy.\n\n` +
      '&lt;meta http-equiv="Content-Security-Policy" content="script-src *"&gt;\n',
  );
  const sidecar = path.join(content, 'documents/appeals/courthouse-photo.md');
  await writeFile(sidecar, (await readFile(sidecar, 'utf8')).replace(/^title: .*$/m, "title: 'http-equiv=Content-Security-Policy content=default-src'"));
  return buildContent(content, 'page-protections', { workDir: await sharedCacheWorkDir('page-protections') });
}, '/protected/');

/** Another site: counts every request that reaches it, and serves a page that frames `framed`. */
let tracker: { server: Server; origin: string; hits: string[]; framed: string };
let withHeaders: StaticServer;

beforeAll(async () => {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>frame</title><iframe id="f" src="${tracker.framed}"></iframe>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  tracker = { server, origin: `http://127.0.0.1:${port}`, hits, framed: '' };

  // The snippet exactly as docs/deploying.md tells an nginx operator to make it.
  const docs = await readFile(path.join(ROOT, 'docs/deploying.md'), 'utf8');
  const snippets: Record<string, string> = {};
  for (const name of ['trove-headers', 'trove-embed-headers']) {
    const sed = new RegExp(`^ *sed -n '([^']+)' dist\\/_headers > \\/etc\\/nginx\\/${name}\\.conf$`, 'm').exec(docs)?.[1];
    if (!sed) throw new Error(`docs/deploying.md no longer gives the sed command that makes the nginx snippet ${name}.conf`);
    snippets[name] = path.join(await tempDir('nginx-headers'), `${name}.conf`);
    await writeFile(snippets[name]!, (await run('sed', ['-n', sed, path.join(site.run.outDir, '_headers')])).stdout);
  }
  withHeaders = await serveWithNginx(
    site.run.outDir,
    '/',
    `include ${snippets['trove-headers']}; location /embed/ { include ${snippets['trove-embed-headers']}; }`,
  );
});

afterAll(async () => {
  await withHeaders?.stop();
  await new Promise((resolve) => tracker?.server.close(resolve));
});

/** Puts an image and an inline script from "content" into the page; returns the policy violations and whether the script ran. */
async function injectContent(page: Page, imageUrl: string) {
  return page.evaluate(async (src) => {
    const seen: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
    const img = document.createElement('img');
    img.src = src;
    document.body.append(img);
    const script = document.createElement('script');
    script.textContent = 'window.contentScriptRan = true;';
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { seen: seen.sort(), ran: (window as unknown as { contentScriptRan?: boolean }).contentScriptRan === true };
  }, imageUrl);
}

describe('content that spells out the policy <meta>', () => {
  for (const [what, pagePath] of [
    ['a story whose text holds the marker', 'stories/first-circuit/'],
    ['a document whose title holds the marker', 'documents/appeals/courthouse-photo/'],
  ] as const) {
    it(`${what} still has its policy in force`, async () => {
      const page = await site.browser.newPage();
      await page.goto(`${site.server.url}${pagePath}`);
      const html = await readFile(path.join(site.run.outDir, pagePath, 'index.html'), 'utf8');
      expect(html).toMatch(/http-equiv=(&quot;)?Content-Security-Policy/i);
      const policies = await page
        .locator('head > meta[http-equiv="Content-Security-Policy"]')
        .evaluateAll((els) => els.map((el) => ({ content: el.getAttribute('content'), afterCharset: el.previousElementSibling?.hasAttribute('charset') })));
      expect(policies).toHaveLength(1);
      expect(policies[0]!.afterCharset).toBe(true);
      expect(policies[0]!.content).toMatch(/^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);

      const before = tracker.hits.length;
      const { seen, ran } = await injectContent(page, `${tracker.origin}/pixel.gif`);
      expect(ran).toBe(false);
      expect(seen).toEqual([`img-src ${tracker.origin}/pixel.gif`, 'script-src-elem inline']);
      expect(tracker.hits.length).toBe(before);
      await page.close();
    });
  }
});

describe('served with the headers of _headers (nginx)', () => {
  it('sends the policy, with frame-ancestors, on pages and downloads', async () => {
    const headers = await readFile(path.join(site.run.outDir, '_headers'), 'utf8');
    const policy = /^ {2}Content-Security-Policy: (.*)$/m.exec(headers)![1]!;
    expect(policy).toMatch(/; frame-ancestors 'none'$/);
    for (const file of ['stories/first-circuit/', 'documents/appeals/fourth-circuit-scan/fourth-circuit-scan.pdf']) {
      const res = await fetch(`${withHeaders.url}${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe(policy);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('cannot be framed by another site', async () => {
    tracker.framed = `${withHeaders.url}stories/first-circuit/`;
    const page = await site.browser.newPage();
    await page.goto(`${tracker.origin}/framer.html`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
    await page.close();
  });

  it('lets another site frame the embeddable view of a document, and only that', async () => {
    const embed = await fetch(`${withHeaders.url}embed/appeals/calvary-chapel-v-mills/`);
    expect(embed.headers.get('content-security-policy')).toMatch(/; frame-ancestors \*$/);
    expect(embed.headers.get('x-frame-options')).toBeNull();
    tracker.framed = `${withHeaders.url}embed/appeals/calvary-chapel-v-mills/#page-3`;
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    await page.goto(`${tracker.origin}/framer.html`);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.locator('#page-3 img').waitFor();
    // With #page-3, that page alone.
    expect(await frame.locator('.embed-page:visible').count()).toBe(1);
    expect(await frame.locator('#page-3 a').getAttribute('target')).toBe('_blank');
    expect(log.errors).toEqual([]);
    await page.close();
  });

  it('still runs Trove’s own scripts: search and the highlight on the page it lands on', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    const hit = await firstSearchHit(page, withHeaders.url, 'burning building');
    await hit.click();
    await page.locator('#page-12 .page-text mark', { hasText: 'burning' }).first().waitFor({ state: 'visible' });
    expect(log.errors).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(withHeaders.origin))).toEqual([]);
    await page.close();
  });
});
