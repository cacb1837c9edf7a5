/**
 * Office files: a .docx (made for the test by LibreOffice from HTML, with an
 * author in its properties) is converted to PDF and published as one: page
 * images, text, a rebuilt PDF download, never the .docx. Without
 * LibreOffice the build fails naming the file and the package to install.
 * Linked content is never fetched: a .docx whose image is linked from a
 * local HTTP server (a tracking beacon) makes no request, and one linked
 * from a file on disk does not pull that file into the published PDF.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { docxWithLinkedImage } from '../helpers/office-files.ts';
import { readPdf } from '../helpers/pdf.ts';

const run = promisify(execFile);
let content: string;
let built: BuildRun;
let beacon: Server;
const requests: string[] = [];

/** Pixels of a page image that are the pure red of the linked image. */
async function redPixels(file: string): Promise<number> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) red++;
  return red;
}

beforeAll(async () => {
  const scratch = await tempDir('office-src');
  await writeFile(
    path.join(scratch, 'overtime-report.html'),
    '<html><head><meta name="author" content="Harriet Whistleblower"><title>Overtime</title></head><body><h1>Quarterly overtime report</h1><p>Overtime rose by a third in the second quarter.</p></body></html>',
  );
  await run(
    'soffice',
    ['--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', scratch, path.join(scratch, 'overtime-report.html')],
    { timeout: 180_000 },
  );
  // Only Office files: the three builds below would otherwise each process the fixture's PDFs again, for nothing.
  content = path.join(await tempDir('office'), 'content');
  await mkdir(path.join(content, 'documents/appeals'), { recursive: true });
  await mkdir(path.join(content, 'collections'));
  await cp(path.join(fixtureContent('basic-collection'), 'site.yml'), path.join(content, 'site.yml'));
  await writeFile(path.join(content, 'collections/appeals.md'), '---\ntitle: Appeals\nsource: Trove tests\ndescription: Office files.\n---\n');
  await cp(path.join(scratch, 'overtime-report.docx'), path.join(content, 'documents/appeals/overtime-report.docx'));
  await writeFile(path.join(content, 'documents/appeals/overtime-report.md'), '---\ntitle: Overtime report\n---\n');

  const red = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  beacon = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/png' }).end(red);
  });
  await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
  const { port } = beacon.address() as AddressInfo;
  const docs = path.join(content, 'documents/appeals');
  await writeFile(path.join(docs, 'beacon.docx'), docxWithLinkedImage('A memo with a linked picture.', `http://127.0.0.1:${port}/pixel.png`));
  await writeFile(path.join(docs, 'beacon.md'), '---\ntitle: Memo with a web-linked picture\n---\n');
  const secret = path.join(scratch, 'build-machine-secret.png');
  await writeFile(secret, red);
  await writeFile(path.join(docs, 'local-link.docx'), docxWithLinkedImage('A memo with a disk-linked picture.', pathToFileURL(secret).href));
  await writeFile(path.join(docs, 'local-link.md'), '---\ntitle: Memo with a disk-linked picture\n---\n');

  built = await buildContent(content, 'office');
  if (built.code !== 0) throw new Error(built.stderr);
});

afterAll(() => new Promise<void>((resolve) => (beacon ? beacon.close(() => resolve()) : resolve())));

describe('a docx', () => {
  it('is published as the PDF it converts to, with page images and text', async () => {
    const dir = 'documents/appeals/overtime-report';
    const page = await readFile(path.join(built.outDir, dir, 'index.html'), 'utf8');
    expect(page).toContain('Overtime rose by a third in the second quarter.');
    expect(page).toContain('OFFICE, 1 page');
    const files = await listFiles(path.join(built.outDir, dir));
    expect(files).toContain('pages/1.webp');
    expect(files).toContain('overtime-report.pdf');
    expect(files.some((f) => f.endsWith('.docx'))).toBe(false);
    const pdf = await readPdf(path.join(built.outDir, dir, 'overtime-report.pdf'));
    expect(pdf.pages[0]).toContain('Quarterly overtime report');
    expect(JSON.stringify(pdf.info)).not.toContain('Whistleblower');
  });

  it('fetches no linked image from the network', async () => {
    const dir = path.join(built.outDir, 'documents/appeals/beacon');
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toContain('A memo with a linked picture.');
    expect(requests).toEqual([]);
    expect(await redPixels(path.join(dir, 'pages/1.webp'))).toBe(0);
  });

  it('pulls no linked file from the disk into the PDF', async () => {
    const dir = path.join(built.outDir, 'documents/appeals/local-link');
    expect(await readFile(path.join(dir, 'index.html'), 'utf8')).toContain('A memo with a disk-linked picture.');
    expect(await redPixels(path.join(dir, 'pages/1.webp'))).toBe(0);
  });

  it('fails clearly when LibreOffice cannot be cut off from the network', async () => {
    // An `unshare` that fails the way it does in a container that forbids user namespaces.
    const bin = await tempDir('office-no-unshare-bin');
    await writeFile(path.join(bin, 'unshare'), '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
    const failed = await buildContent(content, 'office-no-unshare', {}, { PATH: `${bin}:${process.env.PATH}` });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/overtime-report\.docx: LibreOffice must run without network access/);
    expect(failed.stderr).toContain('TROVE_OFFICE_NETWORK=allow');
  });

  it('fails clearly without LibreOffice, naming the file and the package', async () => {
    const failed = await buildContent(content, 'office-missing', {}, { TROVE_SOFFICE: 'none' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/overtime-report\.docx: Office files are converted to PDF with LibreOffice, which is not installed/);
    expect(failed.stderr).toContain('apt-get install libreoffice-writer-nogui');
  });
});
