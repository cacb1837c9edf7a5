/**
 * The safety gate in a real build. A collection with one defect per
 * document fails, listing every blocking finding at once with file paths.
 * With redactions and reviewed acceptances added, the same build passes,
 * and nothing covered, removed or hidden appears anywhere in dist/: not in
 * HTML, the Pagefind index or the downloads (read back with pdf.js, and
 * with poppler and exiftool where installed).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';
import * as make from '../helpers/defect-pdfs.ts';
import { readPdf } from '../helpers/pdf.ts';

const has = (tool: string) => {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let content: string;
let goodContent: string;
let failed: BuildRun;
let passed: BuildRun;

const docs = path.join('documents', 'leak');
const sidecar = (title: string, extra = '') => `---\ntitle: "${title}"\ndate: "2024-05-01"\nsource: "Fixture agency"\n${extra}---\n`;

async function writeContent(root: string, fixed: boolean): Promise<void> {
  await mkdir(path.join(root, 'collections'), { recursive: true });
  await mkdir(path.join(root, docs), { recursive: true });
  await writeFile(path.join(root, 'site.yml'), 'title: Safety gate fixture\nlanguage: en\n');
  await writeFile(
    path.join(root, 'collections/leak.md'),
    `---\ntitle: Leak\n${fixed ? 'audit:\n  - rule: pii-address\n    reason: "The street in the memo is a public office address."\n' : ''}---\nFixture.\n`,
  );
  const [x, y, w, h] = await make.secretBoxTopLeft();
  const files: [name: string, bytes: Promise<Uint8Array>, extra: string][] = [
    ['box-over-text', make.boxOverText(), fixed ? 'redactFoundBoxes: b6\n' : ''],
    ['redact-mark', make.unappliedRedact(), fixed ? `redactions:\n  - page: 1\n    box: [${x}, ${y}, ${w}, ${h}]\n    reason: b7c\n` : ''],
    [
      'personal',
      make.withPersonalInformation(),
      fixed
        ? 'audit:\n  - rule: pii-email\n    reason: "A role address of the agency."\n    reviewer: "A. Editor"\n' +
          '  - rule: pii-phone\n    reason: "The agency switchboard."\n    reviewer: "A. Editor"\n' +
          '  - rule: pii-ssn\n    reason: "A specimen number printed in the agency\'s own form instructions."\n    reviewer: "A. Editor"\n    page: 1\n'
        : '',
    ],
    ['author', make.withAuthor(), ''],
    ['revised', make.withEarlierRevision(), ''],
    ['attached', make.withAttachment(), ''],
  ];
  for (const [name, bytes, extra] of files) {
    await writeFile(path.join(root, docs, `${name}.pdf`), await bytes);
    await writeFile(path.join(root, docs, `${name}.md`), sidecar(name, extra));
  }
  await copyFile(corpusFile('images/exiftool_GPS.jpg'), path.join(root, docs, 'photo.jpg'));
  await writeFile(path.join(root, docs, 'photo.md'), sidecar('photo', 'license: "Test image from the ExifTool suite"\n'));
}

beforeAll(async () => {
  content = path.join(await tempDir('safety-gate'), 'content');
  await writeContent(content, false);
  failed = await buildContent(content, 'safety-gate');
  goodContent = path.join(await tempDir('safety-gate-fixed'), 'content');
  await writeContent(goodContent, true);
  passed = await buildContent(goodContent, 'safety-gate-fixed');
});

describe('the safety gate', () => {
  it('fails listing every blocking finding of every document at once, with file paths', () => {
    expect(failed.code).not.toBe(0);
    const out = failed.stdout + failed.stderr;
    const file = (name: string) => path.relative(process.cwd(), path.join(content, docs, name));
    expect(out).toContain(`${file('box-over-text.pdf')}: [text-under-box] page 1 at [`);
    expect(out).toContain('a filled box hides "Jane Roe"');
    expect(out).toContain(`${file('redact-mark.pdf')}: [unapplied-redaction] page 1`);
    for (const rule of ['pii-email', 'pii-phone', 'pii-ssn', 'pii-address']) expect(out).toContain(`${file('personal.pdf')}: [${rule}] page 1:`);
    expect(out).toMatch(/6 problems in the content/);
    // Findings that rebuilding removes are reported, not blocking.
    expect(out).not.toMatch(/\[pdf-metadata\]|\[earlier-revisions\]|\[embedded-files\]|\[image-gps\]/);
    expect(out).toMatch(/pdf-metadata\s+1 removed/);
  });

  it('passes once the findings are redacted or accepted, and reports both', async () => {
    expect(passed.code, passed.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(passed.workDir, 'audit-report.json'), 'utf8'));
    expect(report.counts.blocking).toBe(0);
    const status = (rule: string) => report.findings.filter((f: { rule: string }) => f.rule === rule).map((f: { status: string }) => f.status);
    expect(status('text-under-box')).toEqual(['redacted']);
    expect(status('unapplied-redaction')).toEqual(['redacted']);
    expect(status('pii-phone')).toEqual(['accepted']);
    expect(status('pii-address')).toEqual(['accepted']);
    expect(status('image-gps')).toEqual(['removed']);
    const phone = report.findings.find((f: { rule: string }) => f.rule === 'pii-phone');
    expect(phone.acceptance).toMatchObject({ reason: 'The agency switchboard.', reviewer: 'A. Editor' });
  });

  it('shows how many redactions each page has and why', async () => {
    const html = await readFile(path.join(passed.outDir, 'documents/leak/box-over-text/index.html'), 'utf8');
    expect(html).toMatch(/1 redaction on this page\s*\(b6\)/);
    const other = await readFile(path.join(passed.outDir, 'documents/leak/redact-mark/index.html'), 'utf8');
    expect(other).toMatch(/1 redaction on this page\s*\(b7c\)/);
  });

  it('leaves covered words, metadata, earlier revisions and attachments nowhere in dist/', async () => {
    const forbidden = ['Jane Roe', 'Harriet', 'Whistleblower', 'Internal memo draft', 'Nightjar', 'notes.txt'];
    const files = await listFiles(passed.outDir);
    expect(files.length).toBeGreaterThan(20);
    let indexedSpringfield = false;
    for (const f of files) {
      let bytes = await readFile(path.join(passed.outDir, f));
      // Pagefind's index and fragments are gzipped.
      if (f.startsWith('pagefind/') && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('latin1');
      for (const word of forbidden) expect(text.includes(word), `${word} in ${f}`).toBe(false);
      if (f.startsWith('pagefind/fragment/') && text.includes('Springfield')) indexedSpringfield = true;
    }
    // Control: the search index is readable here, so the check above means something.
    expect(indexedSpringfield).toBe(true);
    for (const f of files.filter((f) => f.endsWith('.pdf'))) {
      const pdf = await readPdf(path.join(passed.outDir, f));
      const all = pdf.pages.join(' ');
      for (const word of forbidden) expect(all, `${word} in ${f}`).not.toContain(word.split(' ')[0] === 'Jane' ? 'Jane' : word);
      expect(Object.keys(pdf.info).filter((k) => ['Author', 'Title', 'Creator', 'Producer', 'Subject', 'Keywords'].includes(k))).toEqual([]);
      expect(pdf.hasXmp).toBe(false);
      expect(pdf.attachments).toEqual([]);
      // One revision: a single end-of-file marker.
      expect((await readFile(path.join(passed.outDir, f))).toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    }
  });

  it('keeps the remaining text of a redacted page searchable in the download', async () => {
    const pdf = await readPdf(path.join(passed.outDir, 'documents/leak/box-over-text/box-over-text.pdf'));
    expect(pdf.pages[0]).toContain('informant');
    expect(pdf.pages[0]).toContain('Springfield');
    expect(pdf.pages[0]).not.toMatch(/Jane|Roe\b/);
  });

  it('npm run audit exits non-zero while something blocks, zero when nothing does', async () => {
    const bad = await buildContent(content, 'audit-bad', {}, {}, 'scripts/audit.ts');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('6 problems block publishing');
    expect(bad.stdout).toMatch(/audit: 7 documents; 6 blocking/);
    const good = await buildContent(goodContent, 'audit-good', {}, {}, 'scripts/audit.ts');
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('Nothing blocks publishing.');
  });

  it.runIf(has('pdftotext'))('poppler agrees: no covered words, no metadata', () => {
    for (const name of ['box-over-text', 'redact-mark', 'author']) {
      const file = path.join(passed.outDir, `documents/leak/${name}/${name}.pdf`);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).not.toMatch(/Jane|Roe\b/);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).not.toMatch(/^(Author|Title|Creator|Producer):/m);
    }
  });

  it('copies no source file into dist/ byte for byte', async () => {
    const sources = new Set<string>();
    for (const f of await listFiles(goodContent)) sources.add(createHash('sha256').update(await readFile(path.join(goodContent, f))).digest('hex'));
    for (const f of await listFiles(passed.outDir)) {
      const hash = createHash('sha256').update(await readFile(path.join(passed.outDir, f))).digest('hex');
      expect(sources.has(hash), `${f} is a copy of a source file`).toBe(false);
    }
  });

  it.runIf(has('exiftool'))('exiftool finds no document metadata in the published PDFs', () => {
    for (const name of ['author', 'revised', 'attached', 'box-over-text']) {
      const out = execFileSync('exiftool', ['-a', '-G1', '-s', path.join(passed.outDir, `documents/leak/${name}/${name}.pdf`)], { encoding: 'utf8' });
      expect(out).not.toMatch(/\[PDF\]\s+(Author|Title|Creator|Producer|Subject|Keywords)|\[XMP/);
      expect(out).not.toMatch(/Harriet|Nightjar/);
    }
  });

  it.runIf(has('exiftool'))('exiftool finds no GPS, EXIF camera data or XMP in the published photo', () => {
    const out = execFileSync('exiftool', ['-a', '-G1', '-s', path.join(passed.outDir, 'documents/leak/photo/photo.jpg')], { encoding: 'utf8' });
    expect(out).not.toMatch(/\[GPS\]|\[XMP|\[IFD0\]\s+Make|\[ExifIFD\]|MakerNotes|\[IPTC\]/);
  });
});
