/**
 * The audit report page (`.trove/audit-report.html`) in Chromium, opened
 * from disk as an editor opens it: a PDF finding shows a crop of its page
 * with the box outlined, the group gives the YAML to redact or accept it,
 * a hostile value is shown as text, and the page requests nothing beyond
 * its own folder.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, recordRequests } from '../helpers/browser.ts';
import { runAudit, runPipeline } from '../../src/pipeline/run.ts';
import { BuildError, formatProblem } from '../../src/pipeline/errors.ts';
import { editedCopy } from '../helpers/content-scenarios.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const SSN = '219-09-9999';
let browser: Browser;
let workDir: string;
let problems: string;
let builtReport: string;

async function pdfWithSsn(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText(`Employee SSN ${SSN}, see file.`, { x: 72, y: 700, size: 14, font });
  page.drawText('<img src=x onerror=alert(1)> mailto:a<b>@c.example.org', { x: 72, y: 660, size: 12, font });
  page.drawText('Reviewed by Detective John Smith and Ms. Jane Roe on Tuesday.', { x: 72, y: 620, size: 12, font });
  return Buffer.from(await doc.save());
}

beforeAll(async () => {
  const { content } = await editedCopy('audit-report-page', async (dir) => {
    await writeFile(path.join(dir, 'documents/appeals/personnel.pdf'), await pdfWithSsn());
    await writeFile(path.join(dir, 'documents/appeals/personnel.md'), '---\ntitle: Personnel file\n---\n');
  });
  workDir = await sharedCacheWorkDir('audit-report-page');
  // A build writes the report too; `npm run audit` (runAudit) also reads the person names.
  const built = await runPipeline({ contentDir: content, workDir }).catch((e: unknown) => e);
  if (!(built instanceof BuildError)) throw new Error(`expected the audit to stop the pipeline, got ${String(built)}`);
  builtReport = await readFile(path.join(workDir, 'audit-report.html'), 'utf8');
  problems = (await runAudit({ contentDir: content, workDir })).problems.map(formatProblem).join('\n');
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('the audit report page', () => {
  it('is written beside the JSON report, which the build names', async () => {
    expect(problems).toContain('[pii-ssn] page 1');
    const html = await readFile(path.join(workDir, 'audit-report.html'), 'utf8');
    expect(html).toContain('personnel.pdf');
    // Hostile text from the page is escaped, never markup.
    expect(html).not.toContain('<img src=x');
  });

  it('lists the person names found in the text for review, without blocking on them', async () => {
    const html = await readFile(path.join(workDir, 'audit-report.html'), 'utf8');
    const people = html.slice(html.indexOf('<h2>Person names to review</h2>'));
    expect(people).toMatch(/personnel\.pdf: .*Detective John Smith <span class="muted">\(page 1\)<\/span>; Ms\. Jane Roe/);
    expect(problems).not.toContain('John Smith');
    // A build does not read them (loading the tagger takes most of a second), and its report says how to.
    expect(builtReport).toContain('Run <code>npm run audit</code> to list the person names');
  });

  it('shows the finding with a crop of its page, the box outlined, and the YAML to redact or accept it', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const log = recordRequests(page);
    await page.goto(`file://${path.join(workDir, 'audit-report.html')}`);
    const group = page.locator('.group', { hasText: 'pii-ssn' }).first();
    await expect.poll(() => group.count()).toBe(1);
    expect(await group.locator('pre.yaml').innerText()).toMatch(/redactText:\n {2}- rule: pii-ssn\n {4}reason: b6[\s\S]*audit:\n {2}- rule: pii-ssn/);
    const crop = group.locator('img').first();
    await crop.scrollIntoViewIfNeeded();
    await expect.poll(() => crop.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    // The crop is of the published page: the outline is red, the number is in it.
    expect(await group.innerText()).toContain(SSN);
    expect(log.requests.every((u) => u.startsWith('file://'))).toBe(true);
    expect(log.failed).toEqual([]);
    expect(log.errors).toEqual([]);
    await page.close();
  });
});
