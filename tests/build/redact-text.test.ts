/**
 * `redactText` in a real build, one collection of every format: a name
 * (site.yml, literal), case numbers (the collection, a pattern) and
 * personal information (sidecars, rules; one for a table column only) are
 * removed from a PDF's text layer (page text, search, download, the page
 * image), a scan read by OCR (image and text), a photo of print, a table, an
 * e-mail (headers, an HTML body that splits the name across elements, a
 * link, an attachment's name and the attachment itself) and a text file.
 * What was removed shows as `[redacted <reason>]`; no byte of dist/ holds
 * it; an entry that matched nothing is reported. In the same build, an
 * e-mail's attachments handled from its sidecar's `attachments:` list: one
 * withheld (nothing of it in dist/; the message says why), one redacted
 * with its own `redactText`, one whose finding its own `audit` accepts; a
 * name the message does not have stops the build, suggesting the one meant.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { readPdf } from '../helpers/pdf.ts';
import { letter, scannedPdf, SSN, SSN_IN_POINTS } from '../helpers/scanned-letter.ts';
import { MAIL_SIDECAR, writeMailCollection } from '../helpers/mail-attachments.ts';
import { BuildError } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';

const NAME = 'Perdita Hollowell';
const CASE = 'AB123456';
/** Where the PDF's text line with the name starts: points from the left, baseline from the top. */
const LINE = { x: 72, baseline: 200, size: 14 };

let run: BuildRun;
let dist: string[];
let contentDir: string;

const sidecar = (title: string, more = '') => `---\ntitle: "${title}"\n${more}---\n`;

async function typedPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([612, 792]);
  page.drawText(`Interview of ${NAME} about case ${CASE}.`, { x: LINE.x, y: 792 - LINE.baseline, size: LINE.size, font });
  page.drawText('The switchboard kept its own log.', { x: 72, y: 792 - 240, size: 14, font });
  return Buffer.from(await doc.save());
}

const EMAIL = [
  `From: ${NAME} <perdita@tips.example.org>`,
  'To: Desk <desk@fusion.example.gov>',
  `Subject: Tip from ${NAME}`,
  'Date: Tue, 26 May 2020 10:00:00 -0500',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="XX"',
  '',
  '--XX',
  'Content-Type: text/html; charset=utf-8',
  '',
  `<p>Call Perdita <b>Hollowell</b> about ${CASE}, or <a href="mailto:perdita@tips.example.org">write</a>.</p>`,
  '--XX',
  `Content-Type: text/plain; name="${NAME} notes.txt"`,
  `Content-Disposition: attachment; filename="${NAME} notes.txt"`,
  '',
  `Notes kept by ${NAME.toUpperCase()} on ${CASE}.`,
  '--XX--',
  '',
].join('\r\n');

beforeAll(async () => {
  const content = path.join(await tempDir('redact-text'), 'content');
  const docs = path.join(content, 'documents/tips');
  await mkdir(docs, { recursive: true });
  await mkdir(path.join(content, 'collections'), { recursive: true });
  await writeFile(path.join(content, 'site.yml'), `title: Tips\nredactText:\n  - text: "${NAME}"\n    reason: b6\n`);
  await writeFile(
    path.join(content, 'collections/tips.md'),
    `---\ntitle: Tips\nredactText:\n  - pattern: '\\b[A-Z]{2}\\d{6}\\b'\n    reason: b7(A)\n  - text: "Nobody Atall"\n    reason: b6\n---\n`,
  );
  await writeFile(path.join(docs, 'interview.pdf'), await typedPdf());
  await writeFile(path.join(docs, 'interview.md'), sidecar('Interview'));
  await writeFile(path.join(docs, 'scan.pdf'), await scannedPdf());
  await writeFile(path.join(docs, 'scan.md'), sidecar('Scanned letter', 'redactText:\n  - rule: pii-ssn\n    reason: b6\n'));
  await writeFile(path.join(docs, 'photo.png'), await letter());
  await writeFile(path.join(docs, 'photo.md'), sidecar('Photo of the letter', 'license: "CC0"\nredactText:\n  - rule: pii-ssn\n    reason: b6\n'));
  await writeFile(
    path.join(docs, 'tips.csv'),
    `Name,Phone,Notes\n${NAME},(415) 867-5309,met at the depot\nJo Public,202-456-1414,"asked for ${NAME.toLowerCase()}"\n`,
  );
  await writeFile(path.join(docs, 'tips.md'), sidecar('Tip line', 'redactText:\n  - rule: pii-phone\n    column: Phone\n    reason: b6\n'));
  await writeFile(path.join(docs, 'tip.eml'), EMAIL);
  await writeFile(path.join(docs, 'tip.md'), sidecar('Tip', 'redactText:\n  - rule: pii-email\n    reason: b6\n'));
  await writeFile(path.join(docs, 'notes.txt'), `Notes on ${CASE}.\nSpoke to Perdita\nHollowell at noon.\n`);
  await writeFile(path.join(docs, 'notes.md'), sidecar('Notes'));
  await writeMailCollection(content);
  contentDir = content;
  run = await buildContent(content, 'redact-text', { workDir: await sharedCacheWorkDir('redact-text') }, { CI: '' });
  if (run.code !== 0) throw new Error(`${run.stdout}\n${run.stderr}`);
  dist = await listFiles(run.outDir);
}, 240_000);

/** A file of dist/ as text (search fragments unzipped). */
async function text(file: string): Promise<string> {
  const bytes = await readFile(path.join(run.outDir, file));
  return (file.endsWith('.pf_fragment') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Mean brightness (0–255) of a rectangle of a page image, given in points of a 612-point-wide page. */
async function brightness(file: string, box: { x: number; y: number; width: number; height: number }, pageWidthPt = 612): Promise<number> {
  const image = sharp(path.join(run.outDir, file));
  const { width } = await image.metadata();
  const k = width! / pageWidthPt;
  const { data } = await image
    .extract({ left: Math.round(box.x * k), top: Math.round(box.y * k), width: Math.round(box.width * k), height: Math.round(box.height * k) })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return data.reduce((a, b) => a + b, 0) / data.length;
}

describe('redactText', () => {
  it('leaves no byte of dist/ with the name, the case number, the SSN or the redacted phone and address', async () => {
    for (const file of dist) {
      if (/\.(webp|png|jpe?g|pf_index|pf_meta|wasm)$/.test(file) || file.startsWith('pagefind/wasm')) continue;
      const body = (await text(file)).toLowerCase();
      for (const secret of ['perdita', 'hollowell', CASE.toLowerCase(), SSN, '867-5309', '456-1414', 'tips.example.org'])
        expect(body.includes(secret.toLowerCase()), `${secret} in ${file}`).toBe(false);
    }
  });

  it('removes a name and a pattern from a PDF text layer: page text, search, download and a black box in the page image', async () => {
    const page = await text('documents/tips/interview/index.html');
    expect(page).toContain('Interview of [redacted b6] about case [redacted b7(A)].');
    const pdf = await readPdf(path.join(run.outDir, 'documents/tips/interview/interview.pdf'));
    expect(pdf.pages[0]).toContain('switchboard');
    expect(pdf.pages[0]).not.toMatch(/Perdita|Hollowell|AB123456/);
    const fragments = await Promise.all(dist.filter((f) => f.startsWith('pagefind/fragment/')).map(text));
    expect(fragments.some((f) => f.includes('Interview of [redacted b6]'))).toBe(true);
    // The name's line, from after "Interview of " to before "about": burned black; the line below is not.
    const nameBox = { x: LINE.x + 95, y: LINE.baseline - 10, width: 100, height: 10 };
    expect(await brightness('documents/tips/interview/pages/1.webp', nameBox)).toBeLessThan(40);
    expect(await brightness('documents/tips/interview/pages/1.webp', { ...nameBox, y: 240 - 10 })).toBeGreaterThan(150);
  });

  it('removes what OCR reads on a scan: the SSN is burned into the page and the download, and gone from the text', async () => {
    const page = await text('documents/tips/scan/index.html');
    expect(page).toContain('[redacted b6]');
    expect(page).toContain('Memorandum for the contractor');
    const ssnBox = { x: SSN_IN_POINTS.x + 5, y: SSN_IN_POINTS.baseline - 8, width: 50, height: 6 };
    expect(await brightness('documents/tips/scan/pages/1.webp', ssnBox)).toBeLessThan(40);
    const pdf = await readPdf(path.join(run.outDir, 'documents/tips/scan/scan.pdf'));
    expect(pdf.pages[0]).not.toContain(SSN);
  });

  it('removes what OCR reads on a photo of print, in the image and its text', async () => {
    const page = await text('documents/tips/photo/index.html');
    expect(page).toContain('[redacted b6]');
    // The photo is 1,700 pixels wide: the SSN at 220–480 pixels, baseline 250.
    const box = { x: 240 * 0.36, y: 225 * 0.36, width: 200 * 0.36, height: 20 * 0.36 };
    expect(await brightness('documents/tips/photo/photo.png', box, 1700 * 0.36)).toBeLessThan(40);
  });

  it('redacts table cells: a rule in one column only, the site-wide name in every column, in pages and downloads', async () => {
    const csv = await text('documents/tips/tips/tips.csv');
    expect(csv).toBe('Name,Phone,Notes\n[redacted b6],[redacted b6],met at the depot\nJo Public,[redacted b6],asked for [redacted b6]\n');
    const json = await text('documents/tips/tips/tips.json');
    expect(json).toContain('"Phone":"[redacted b6]"');
  });

  it('redacts an e-mail: headers, an HTML body with the name across elements, its link, and the attachment with its name', async () => {
    const page = await text('documents/tips/tip/index.html');
    expect(page).toContain('Tip from [redacted b6]');
    expect(page).toContain('Call [redacted b6] about [redacted b7(A)]');
    expect(page).not.toContain('mailto:');
    const attachment = dist.find((f) => /^documents\/tips\/tip--.*redacted-b6.*\/index\.html$/.test(f));
    expect(attachment, dist.filter((f) => f.includes('tip--')).join('\n')).toBeDefined();
    expect(await text(attachment!)).toContain('Notes kept by [redacted b6] on [redacted b7(A)].');
  });

  it('redacts a text file, across a line break, and its download', async () => {
    expect(await text('documents/tips/notes/notes.txt')).toBe('Notes on [redacted b7(A)].\nSpoke to [redacted b6] at noon.\n');
  });

  it('reports what each entry removed, and an entry that matched nothing', () => {
    expect(run.stdout).toMatch(/redactText entry 1 \(text: "Perdita Hollowell"\) \(b6, .*site\.yml\): \d+ removed in \d+ documents/);
    expect(run.stdout).toMatch(/note: .*collections\/tips\.md: redactText entry 2 \(text: "Nobody Atall"\) matched nothing/);
  });
});

// Last: it edits the content the build above read.
describe('attachments: in a message’s sidecar', () => {
  it('withholds an attachment: no byte of dist/ has its name or its text, and the message says why', async () => {
    for (const file of await listFiles(run.outDir)) {
      if (/\.(webp|png|jpe?g|pf_index|pf_meta|wasm)$/.test(file)) continue;
      const bytes = await readFile(path.join(run.outDir, file));
      const text = (file.endsWith('.pf_fragment') ? gunzipSync(bytes) : bytes).toString('latin1').toLowerCase();
      for (const trace of ['zebrafinch', 'digest.pdf', 'digest-pdf', 'source list']) expect(text.includes(trace), `${trace} in ${file}`).toBe(false);
    }
    const page = await readFile(path.join(run.outDir, 'documents/mail/digest/index.html'), 'utf8');
    expect(page).toContain('An attachment, withheld <span class="meta">(reason: b7(E))</span>');
  });

  it('redacts an attachment with its own redactText, and accepts a finding with its own audit', async () => {
    const files = await listFiles(run.outDir);
    const roster = files.find((f) => /^documents\/mail\/digest--.*roster\.csv$/.test(f));
    expect(roster, files.join('\n')).toBeDefined();
    expect(await readFile(path.join(run.outDir, roster!), 'utf8')).toBe('name,email\nAnn,[redacted b6]\nBo,[redacted b6]\n');
    expect(run.stdout).toMatch(/pii-phone\s+.*\d+ accepted/);
  });

  it('refuses a name the message does not have, suggesting the one meant', async () => {
    await writeFile(path.join(contentDir, 'documents/mail/digest.md'), MAIL_SIDECAR.replace('name: digest.pdf', 'name: digets.pdf'));
    const failed = await runPipeline({ contentDir, workDir: await sharedCacheWorkDir('redact-text-attachment-name') }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildError);
    const problem = (failed as BuildError).problems.find((p) => p.message.startsWith('attachments:'));
    expect(problem?.message).toMatch(/^attachments: "digets\.pdf" names no attachment of .*digest\.eml$/);
    expect(problem?.hint).toMatch(/^did you mean "digest\.pdf"\?/);
  });
});
