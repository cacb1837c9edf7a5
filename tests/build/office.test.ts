/**
 * Office files: a .docx (made for the test by LibreOffice from HTML, with an
 * author in its properties) is converted to PDF and published as one: page
 * images, text, a rebuilt PDF download, never the .docx. Without
 * LibreOffice the build fails naming the file and the package to install.
 */
import { execFile } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { readPdf } from '../helpers/pdf.ts';

const run = promisify(execFile);
let content: string;
let built: BuildRun;

beforeAll(async () => {
  const scratch = await tempDir('office-src');
  await writeFile(
    path.join(scratch, 'overtime-report.html'),
    '<html><head><meta name="author" content="Harriet Whistleblower"><title>Overtime</title></head><body><h1>Quarterly overtime report</h1><p>Overtime rose by a third in the second quarter.</p></body></html>',
  );
  await run('soffice', ['--headless', '--norestore', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', scratch, path.join(scratch, 'overtime-report.html')], { timeout: 180_000 });
  content = path.join(await tempDir('office'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await cp(path.join(scratch, 'overtime-report.docx'), path.join(content, 'documents/appeals/overtime-report.docx'));
  await writeFile(path.join(content, 'documents/appeals/overtime-report.md'), '---\ntitle: Overtime report\n---\n');
  built = await buildContent(content, 'office');
  if (built.code !== 0) throw new Error(built.stderr);
});

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

  it('fails clearly without LibreOffice, naming the file and the package', async () => {
    const failed = await buildContent(content, 'office-missing', {}, { TROVE_SOFFICE: 'none' });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/overtime-report\.docx: Office files are converted to PDF with LibreOffice, which is not installed/);
    expect(failed.stderr).toContain('apt-get install libreoffice-writer-nogui');
  });
});
