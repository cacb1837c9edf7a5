/**
 * `npm run screenshots`: pictures of each page type of the built example
 * (dist/, from `npm run build`), at desktop and phone size, into
 * docs/screenshots/ for the README. Serves dist/ on a local port (404s get
 * the site's 404 page) and drives Debian's Chromium (playwright-core).
 * Run it after a change to how pages look, and commit the pictures.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { launchChromium } from '../src/bench/chromium.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.resolve(process.env.TROVE_OUT ?? path.join(ROOT, 'dist'));
const OUT = path.join(ROOT, 'docs/screenshots');

/** Page type → its address in the example site. */
export const SHOTS: Record<string, string> = {
  home: '',
  collection: 'collections/fusion-center-leak/',
  document: 'documents/fusion-center-leak/2020-06-01-situational-awareness-bulletin/',
  scan: 'documents/fusion-center-leak/2020-06-03-field-interview-report-scan/',
  'e-mail': 'documents/fusion-center-leak/2020-06-02-tip-digest-email/',
  table: 'documents/fusion-center-leak/portal-user-registrations/',
  rows: 'documents/fusion-center-leak/portal-user-registrations/table/1/',
  story: 'stories/a-fusion-center-week-redacted/',
  search: 'search/?q=march',
  browse: 'browse/',
  about: 'about/',
  'not-found': 'no/such/page/',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html: no built site; run \`npm run build\` first`);
  process.exit(1);
}
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let file = path.join(DIST, decodeURIComponent(url.pathname));
  if (!file.startsWith(DIST)) file = path.join(DIST, '404.html');
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  const found = existsSync(file);
  res.writeHead(found ? 200 : 404, { 'content-type': found ? (TYPES[path.extname(file)] ?? 'application/octet-stream') : 'text/html' });
  createReadStream(found ? file : path.join(DIST, '404.html')).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
await mkdir(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const [size, viewport] of [
    ['desktop', { width: 1366, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, address] of Object.entries(SHOTS)) {
      await page.goto(origin + address);
      if (name === 'search') await page.locator('.search-result').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      const file = path.join(OUT, `${name}-${size}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 70 });
      console.log(path.relative(ROOT, file));
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
