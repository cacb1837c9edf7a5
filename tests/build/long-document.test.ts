/**
 * A 120-page PDF is shown in parts of 50 pages (the document page, then
 * part-2/ and part-3/), so no HTML file grows with the page count; links,
 * embeds and search hits for a page still land on that page, in its part.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const PAGES = 120;
let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

async function longPdf(file: string): Promise<void> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= PAGES; n++) {
    const page = pdf.addPage([612, 792]);
    page.drawText(`Operations manual, page ${n}.`, { x: 72, y: 700, size: 14, font });
    if (n === 75) page.drawText('The quartermaster keeps the zanzibarite ledger here.', { x: 72, y: 660, size: 12, font });
  }
  await writeFile(file, await pdf.save());
}

beforeAll(async () => {
  const content = path.join(await tempDir('long-document'), 'content');
  await mkdir(path.join(content, 'documents/manuals'), { recursive: true });
  await mkdir(path.join(content, 'collections'), { recursive: true });
  await mkdir(path.join(content, 'stories'), { recursive: true });
  await writeFile(path.join(content, 'site.yml'), 'title: Long documents\ndescription: One long PDF.\nlanguage: en\npublisher: Trove tests\n');
  await writeFile(path.join(content, 'collections/manuals.md'), '---\ntitle: Manuals\n---\nManuals.\n');
  await longPdf(path.join(content, 'documents/manuals/operations.pdf'));
  await writeFile(path.join(content, 'documents/manuals/operations.md'), '---\ntitle: Operations manual\n---\n');
  await writeFile(
    path.join(content, 'stories/ledger.md'),
    '---\ntitle: The ledger\ndate: "2024-01-02"\nsummary: Where the ledger is kept.\n---\nSee [page 75](doc:manuals/operations#page=75).\n\n::page{id="manuals/operations" page=75}\n',
  );
  run = await buildContent(content, 'long-document', { workDir: await sharedCacheWorkDir('long-document') });
  if (run.code !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
}, 300_000);

describe('a long document', () => {
  it('is split into parts of 50 pages, each page in exactly one part', async () => {
    const files = await listFiles(path.join(run.outDir, 'documents/manuals/operations'));
    expect(files.filter((f) => f.endsWith('.html')).sort()).toEqual(['index.html', 'part-2/index.html', 'part-3/index.html']);
    const parts = [
      await html('documents/manuals/operations/index.html'),
      await html('documents/manuals/operations/part-2/index.html'),
      await html('documents/manuals/operations/part-3/index.html'),
    ];
    for (let n = 1; n <= PAGES; n++) {
      const holders = parts.filter((p) => p.includes(`id="page-${n}"`));
      expect(holders, `page ${n}`).toHaveLength(1);
      expect(holders[0]).toBe(parts[Math.ceil(n / 50) - 1]);
    }
    expect(parts[1]).toContain('src="../pages/75.webp"');
    expect(parts[1]).toContain('zanzibarite ledger');
    expect(parts[0]).toContain('src="pages/1.webp"');
    // Every part links to every other, with its page range.
    for (const p of parts) expect(p).toMatch(/101–120/);
    expect(parts[0]).toContain('href="../../../documents/manuals/operations/part-2/index.html"');
    expect(parts[2]).toContain('href="../../../../documents/manuals/operations/index.html"');
    // The document page stays small although the document is long: 50 pages, each with its bar (previous and next,
    // citation) and its place in the page grid, whatever the document's length.
    expect(Buffer.byteLength(parts[0])).toBeLessThan(100_000);
    expect(Buffer.byteLength(parts[1])).toBeLessThan(100_000);
  });

  it('sends doc: links, embeds and search hits for a page to its part', async () => {
    const story = await html('stories/ledger/index.html');
    expect(story).toContain('href="../../documents/manuals/operations/part-2/index.html#page-75"');
    expect(story).toContain('src="../../documents/manuals/operations/pages/75.webp"');
    let hit: { url: string } | undefined;
    for (const f of (await listFiles(run.outDir)).filter((f) => f.startsWith('pagefind/fragment/'))) {
      const fragment = JSON.parse(
        gunzipSync(await readFile(path.join(run.outDir, f)))
          .toString('utf8')
          .replace(/^pagefind_dcd/, ''),
      );
      if (String(fragment.content).includes('zanzibarite')) hit = fragment;
    }
    expect(hit?.url).toBe('/documents/manuals/operations/part-2/#page-75');
  });
});
