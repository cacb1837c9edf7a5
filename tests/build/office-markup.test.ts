/**
 * Office files still carrying their editing, processed for real with
 * LibreOffice: a .docx with a tracked deletion, an insertion and a comment
 * (three pages, processed in parts) and a legacy .doc with a tracked
 * deletion (inspected as the OpenDocument LibreOffice makes of it) each
 * stop the pipeline. Accepted, they are published by a real build, from
 * the same cache, without their comments. Each LibreOffice conversion
 * costs seconds: other formats, and files without changes, are tested
 * without it (tests/unit/office-markup.test.ts).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BuildError, type Problem } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { docx } from '../helpers/office-markup.ts';
import { readPdf } from '../helpers/pdf.ts';

const run = promisify(execFile);
const DELETED = 'Agent Quillfeather';
const COMMENT = 'Remove the informant Marlowe';
const docs = 'documents/notes';
let content: string;
/** What the pipeline stopped with, and every line it logged (the audit's summary). */
let blocked: { problems: Problem[]; log: string[] };
let accepted: BuildRun;
/** The audit report of the blocked pipeline (the accepted build rewrites it). */
let blockedReport: { findings: { document: string; rule: string; evidence: string }[] };

const sidecar = (title: string, rules: string[] = []) =>
  `---\ntitle: ${title}\n${rules.length ? `audit:\n${rules.map((r) => `  - rule: ${r}\n    reason: "Reviewed: the changes may be published."\n    reviewer: "A. Editor"\n`).join('')}` : ''}---\n`;

async function writeDocs(accept: boolean): Promise<void> {
  const dir = path.join(content, docs);
  await writeFile(path.join(dir, 'tracked-memo.md'), sidecar('Tracked memo', accept ? ['office-revisions', 'office-comments'] : []));
  await writeFile(path.join(dir, 'legacy-memo.md'), sidecar('Legacy memo', accept ? ['office-revisions'] : []));
}

beforeAll(async () => {
  content = path.join(await tempDir('office-markup'), 'content');
  await mkdir(path.join(content, docs), { recursive: true });
  await cp(path.join(fixtureContent('basic-collection'), 'site.yml'), path.join(content, 'site.yml'));
  await mkdir(path.join(content, 'collections'));
  await writeFile(path.join(content, 'collections/notes.md'), '---\ntitle: Notes\nsource: Trove tests\ndescription: Office files under review.\n---\n');
  const dir = path.join(content, docs);
  await writeFile(path.join(dir, 'tracked-memo.docx'), docx('The memo names', { deleted: DELETED, inserted: 'an officer', comment: COMMENT, morePages: 2 }));
  // The legacy binary format, made by LibreOffice from a .docx with a tracked deletion.
  const scratch = await tempDir('office-markup-src');
  await writeFile(path.join(scratch, 'legacy-memo.docx'), docx('An old memo names', { deleted: DELETED }));
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${scratch}/profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      'doc',
      '--outdir',
      dir,
      path.join(scratch, 'legacy-memo.docx'),
    ],
    { timeout: 180_000 },
  );
  await writeDocs(false);
  // One page per part: the three-page memo is processed in parts, and its findings must survive that.
  const workDir = await tempDir('office-markup-work');
  const log: string[] = [];
  vi.stubEnv('TROVE_PART_PAGES', '1');
  const failed = await runPipeline({ contentDir: content, workDir, log: (line) => log.push(line) })
    .catch((e: unknown) => e)
    .finally(() => vi.unstubAllEnvs());
  if (!(failed instanceof BuildError)) throw new Error(`the pipeline did not stop with a BuildError: ${String(failed)}`);
  blocked = { problems: failed.problems, log };
  blockedReport = JSON.parse(await readFile(path.join(workDir, 'audit-report.json'), 'utf8'));
  await writeDocs(true);
  accepted = await buildContent(content, 'office-markup-accepted', { workDir }, { TROVE_PART_PAGES: '1' });
});

describe('Office files with tracked changes or comments', () => {
  it('block the build, each naming its file and rule, without quoting what they hold', () => {
    const file = (name: string) => path.relative(process.cwd(), path.join(content, docs, name));
    expect(blocked.problems.map((p) => `${p.file}: ${p.message.split(' ')[0]}`).sort()).toEqual([
      `${file('legacy-memo.doc')}: [office-revisions]`,
      `${file('tracked-memo.docx')}: [office-comments]`,
      `${file('tracked-memo.docx')}: [office-revisions]`,
    ]);
    const printed = [...blocked.log, ...blocked.problems.map((p) => `${p.message} ${p.hint}`)].join('\n');
    expect(printed).not.toContain('Quillfeather');
    expect(printed).not.toContain('Marlowe');
  });

  it('are reported with counts by kind and part', () => {
    const evidence = (doc: string, rule: string) => blockedReport.findings.find((f) => f.document === `notes/${doc}` && f.rule === rule)?.evidence;
    expect(evidence('tracked-memo', 'office-revisions')).toBe('tracked changes: 1 insertion and 1 deletion in word/document.xml');
    expect(evidence('tracked-memo', 'office-comments')).toBe('comments: 1 comment in word/comments.xml');
    expect(evidence('legacy-memo', 'office-revisions')).toMatch(/^tracked changes: 1 deletion in content\.xml$/);
  });

  it('once accepted, are published without their comments', async () => {
    expect(accepted.code, accepted.stderr).toBe(0);
    const memo = path.join(accepted.outDir, docs, 'tracked-memo');
    expect(await listFiles(memo)).toEqual(expect.arrayContaining(['pages/1.webp', 'pages/3.webp', 'tracked-memo.pdf']));
    const pdf = await readPdf(path.join(memo, 'tracked-memo.pdf'));
    expect(pdf.pages).toHaveLength(3);
    expect(pdf.pages.join(' ')).not.toContain('Marlowe');
    expect(await readFile(path.join(memo, 'index.html'), 'utf8')).not.toContain('Marlowe');
  });
});
