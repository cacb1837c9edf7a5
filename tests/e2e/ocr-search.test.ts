/**
 * A scan's words, read by OCR, in a real build searched in real Chromium: a
 * two-page TIFF whose second page is a typed letter is found by a phrase
 * printed only in its pixels, and the search lands on that page with the
 * word marked. The SSN printed on the letter is redacted by a box in the
 * sidecar: it is in no page text, no search result, and the published page
 * image is black where it was.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { firstSearchHit, recordRequests } from '../helpers/browser.ts';
import { buildContent, fixtureContent, tempDir } from '../helpers/build.ts';
import { servedSite } from '../helpers/served-site.ts';

const PHRASE = 'quarterly sprocket inventory';
const SSN = '123-45-6789';
const DOC = 'documents/scans/warehouse-letter';

/** A page of print, 1,700 × 700 pixels: black serif type on white. */
function printed(lines: string[]): Promise<Buffer> {
  const text = lines.map((l, i) => `<text x="100" y="${150 + 100 * i}" font-family="DejaVu Serif" font-size="40">${l}</text>`).join('');
  return sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1700" height="700"><rect width="100%" height="100%" fill="white"/>${text}</svg>`))
    .png()
    .toBuffer();
}

async function build() {
  const content = path.join(await tempDir('ocr-search'), 'content');
  await mkdir(path.join(content, 'documents/scans'), { recursive: true });
  await mkdir(path.join(content, 'collections'));
  await writeFile(path.join(content, 'site.yml'), await readFile(path.join(fixtureContent('basic-collection'), 'site.yml')));
  await writeFile(path.join(content, 'collections/scans.md'), '---\ntitle: Scans\nsource: Trove tests\ndescription: Faxed letters.\n---\n');
  const pages = [
    await printed(['Cover sheet', 'Two pages follow this one.']),
    await printed([`The ${PHRASE} is due.`, `SSN ${SSN} on file.`, 'Signed, the clerk.']),
  ];
  await sharp(pages, { join: { animated: true } })
    .tiff({ compression: 'lzw' })
    .toFile(path.join(content, `${DOC}.tif`));
  // The SSN's line: 40-pixel type on a baseline at 250; the box covers the line from "SSN" to its end.
  await writeFile(
    path.join(content, `${DOC}.md`),
    '---\ntitle: Warehouse letter\nlicense: CC0\nredactions:\n  - page: 2\n    box: [90, 205, 700, 60]\n    reason: b6\n---\n',
  );
  return buildContent(content, 'ocr-search');
}

const site = servedSite(build, '/scans/');

describe('a scanned letter', () => {
  it('is found by a phrase printed only in its pixels, and the search lands on its page with the word marked', async () => {
    const page = await site.browser.newPage();
    const log = recordRequests(page);
    const hit = await firstSearchHit(page, site.server.url, 'sprocket inventory');
    await hit.click();
    await page.waitForURL(/warehouse-letter\/.*#page-2$/);
    await page.locator('#page-2 .page-text mark', { hasText: 'sprocket' }).first().waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('#page-2 .ocr-note').textContent()).toMatch(/^Machine-read text \(OCR, \d+% confidence\)/);
    expect(log.failed).toEqual([]);
    expect(log.requests.filter((u) => !u.startsWith(site.server.origin))).toEqual([]);
    await page.close();
  });

  it('carries the redacted SSN in no page text and no search result, and its page image is black there', async () => {
    const html = await readFile(path.join(site.run.outDir, DOC, 'index.html'), 'utf8');
    expect(html).toContain(PHRASE);
    expect(html).not.toContain('6789');
    expect(html).toContain('1 redaction on this page (b6)');
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}search/`);
    await page.locator('#search-input').fill('6789');
    await expect.poll(() => page.locator('#search-summary').textContent(), { timeout: 15_000 }).toMatch(/^0 results? for/);
    await page.close();
    // Page images are 1,000 pixels wide at most (the letter is 1,700): the box scales to about [53, 121, 412, 35].
    const { data, info } = await sharp(path.join(site.run.outDir, DOC, 'pages/2.webp'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels]!;
    expect([at(150, 130), at(300, 138), at(400, 145)].every((v) => v < 40)).toBe(true);
  });
});
