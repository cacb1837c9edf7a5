/**
 * Office files: a .docx with an author in its properties is converted to
 * PDF and published as one: page images, text, a rebuilt PDF download
 * without the author, never the .docx. Linked content is never fetched:
 * its two pictures are linked, one from a local HTTP server (a tracking
 * beacon), which gets no request, and one from a file on disk, which is not
 * pulled into the published PDF. One LibreOffice conversion serves every
 * check. Without LibreOffice, or without a way to cut it off from the
 * network, the pipeline stops naming the file and what to do.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError, type Problem } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { docxWithLinkedImages } from '../helpers/office-files.ts';
import { readPdf } from '../helpers/pdf.ts';

let content: string;
let built: BuildRun;
let beacon: Server;
const requests: string[] = [];
const DOC = 'documents/appeals/overtime-report';

/** Pixels of a page image that are the pure red of the linked images. */
async function redPixels(file: string): Promise<number> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] < 60) red++;
  return red;
}

/** The problems the pipeline stops with on the content, with a cache of its own (a cached conversion would hide the failure). */
async function problemsOf(contentDir: string): Promise<Problem[]> {
  const failed = await runPipeline({ contentDir, workDir: await tempDir('office-failed-work') }).catch((e: unknown) => e);
  if (!(failed instanceof BuildError)) throw new Error(`the pipeline did not stop with a BuildError: ${String(failed)}`);
  return failed.problems;
}

beforeAll(async () => {
  const red = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  beacon = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'image/png' }).end(red);
  });
  await new Promise<void>((resolve) => beacon.listen(0, '127.0.0.1', resolve));
  const { port } = beacon.address() as AddressInfo;
  const secret = path.join(await tempDir('office-secret'), 'build-machine-secret.png');
  await writeFile(secret, red);

  // Only the Office file: nothing else to process.
  content = path.join(await tempDir('office'), 'content');
  await mkdir(path.join(content, 'documents/appeals'), { recursive: true });
  await mkdir(path.join(content, 'collections'));
  await writeFile(path.join(content, 'site.yml'), await readFile(path.join(fixtureContent('basic-collection'), 'site.yml')));
  await writeFile(path.join(content, 'collections/appeals.md'), '---\ntitle: Appeals\nsource: Trove tests\ndescription: Office files.\n---\n');
  await writeFile(
    path.join(content, `${DOC}.docx`),
    docxWithLinkedImages(
      ['Quarterly overtime report', 'Overtime rose by a third in the second quarter.'],
      [`http://127.0.0.1:${port}/pixel.png`, pathToFileURL(secret).href],
      'Harriet Whistleblower',
    ),
  );
  await writeFile(path.join(content, `${DOC}.md`), '---\ntitle: Overtime report\n---\n');
  built = await buildContent(content, 'office');
  if (built.code !== 0) throw new Error(built.stderr);
});

afterAll(() => new Promise<void>((resolve) => (beacon ? beacon.close(() => resolve()) : resolve())));

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('a docx', () => {
  it('is published as the PDF it converts to, with page images and text, without its author', async () => {
    const page = await readFile(path.join(built.outDir, DOC, 'index.html'), 'utf8');
    expect(page).toContain('Overtime rose by a third in the second quarter.');
    expect(page).toContain('Office</a>, 1 page');
    const files = await listFiles(path.join(built.outDir, DOC));
    expect(files).toContain('pages/1.webp');
    expect(files).toContain('overtime-report.pdf');
    expect(files.some((f) => f.endsWith('.docx'))).toBe(false);
    const pdf = await readPdf(path.join(built.outDir, DOC, 'overtime-report.pdf'));
    expect(pdf.pages[0]).toContain('Quarterly overtime report');
    expect(JSON.stringify(pdf.info)).not.toContain('Whistleblower');
  });

  it('fetches no linked image from the network', () => {
    expect(requests).toEqual([]);
  });

  it('pulls no linked file from the disk into the PDF, nor shows either picture', async () => {
    expect(await redPixels(path.join(built.outDir, DOC, 'pages/1.webp'))).toBe(0);
  });

  it('fails clearly when LibreOffice cannot be cut off from the network', async () => {
    // An `unshare` that fails the way it does in a container that forbids user namespaces.
    const bin = await tempDir('office-no-unshare-bin');
    await writeFile(path.join(bin, 'unshare'), '#!/bin/sh\necho "unshare: unshare failed: Operation not permitted" >&2\nexit 1\n', { mode: 0o755 });
    vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
    const [problem, ...others] = await problemsOf(content);
    expect(others).toEqual([]);
    expect(problem.file).toMatch(/overtime-report\.docx$/);
    expect(problem.message).toMatch(/^LibreOffice must run without network access/);
    expect(problem.hint).toContain('TROVE_OFFICE_NETWORK=allow');
  });

  it('fails clearly without LibreOffice, naming the file and the package', async () => {
    vi.stubEnv('TROVE_SOFFICE', 'none');
    const [problem, ...others] = await problemsOf(content);
    expect(others).toEqual([]);
    expect(problem.file).toMatch(/overtime-report\.docx$/);
    expect(problem.message).toMatch(/^Office files are converted to PDF with LibreOffice, which is not installed/);
    expect(`${problem.message} ${problem.hint}`).toContain('apt-get install libreoffice-writer-nogui');
  });
});
