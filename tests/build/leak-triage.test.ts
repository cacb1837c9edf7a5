/**
 * A leak-shaped collection as an editor first builds it: a 3,000-row table
 * of addresses and e-mail addresses, 45 notes with a telephone number each,
 * and a story with a broken citation. The failed build lists the content
 * error first and the audit's thousands of findings in a bounded output,
 * grouped by document, rule and column, with the line that fixes each
 * group. Then the editor's fixes: a column redacted by rule, a column
 * withheld, rows withheld by number: the build passes, and the withheld
 * rows keep their numbers with only their reason.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, tempDir, type BuildRun } from '../helpers/build.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';
import { BuildError } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';

const ROWS = 3000;
const NOTES = 45;
let content: string;
let workDir: string;
let failed: BuildRun;

const table = () =>
  `Name,Email,Address,Report\n${Array.from({ length: ROWS }, (_, i) => `Person ${i + 1},person${i + 1}@mail.example.org,${i + 1} Orchard Lane,report ${i + 1}`).join('\n')}\n`;

beforeAll(async () => {
  content = path.join(await tempDir('leak-triage'), 'content');
  const docs = path.join(content, 'documents/leak');
  await mkdir(docs, { recursive: true });
  await mkdir(path.join(content, 'collections'), { recursive: true });
  await mkdir(path.join(content, 'stories'), { recursive: true });
  await writeFile(path.join(content, 'site.yml'), 'title: Leak\n');
  await writeFile(path.join(content, 'collections/leak.md'), '---\ntitle: Leak\n---\n');
  await writeFile(path.join(docs, 'registrations.csv'), table());
  await writeFile(path.join(docs, 'registrations.md'), '---\ntitle: Registrations\n---\n');
  for (let i = 1; i <= NOTES; i++) {
    await writeFile(path.join(docs, `note-${i}.txt`), `Tip ${i}: call the desk at (415) 867-${String(5000 + i)}.\n`);
    await writeFile(path.join(docs, `note-${i}.md`), `---\ntitle: Note ${i}\n---\n`);
  }
  await writeFile(path.join(content, 'stories/first.md'), '---\ntitle: First\ndate: "2020-06-01"\n---\n\nSee [the sheet](doc:leak/registration#page=1).\n');
  workDir = await sharedCacheWorkDir('leak-triage');
  failed = await buildContent(content, 'leak-triage', { workDir }, { CI: '' });
}, 240_000);

describe('a first build of a leak', () => {
  it('fails with the content error first and the audit in at most 200 lines', () => {
    expect(failed.code).toBe(1);
    const lines = failed.stderr.trimEnd().split('\n');
    expect(lines.length, failed.stderr).toBeLessThanOrEqual(200);
    const stopped = lines.findIndex((l) => l.startsWith('The build stopped'));
    const firstProblem = lines.slice(stopped + 1).find((l) => l.trim() !== '');
    expect(firstProblem).toMatch(/stories\/first\.md:6: the link "doc:leak\/registration#page=1" points to document "leak\/registration"/);
  });

  it('groups a column’s findings with their count, rows and the line that fixes them all', () => {
    expect(failed.stderr).toContain(
      'registrations.csv: [pii-email] 3,000 findings in column "Email" (rows 1–3,000), e.g. row 1: person1@mail.example.org; row 2: person2@mail.example.org; row 3: person3@mail.example.org',
    );
    expect(failed.stderr).toContain('redactText: [{ rule: pii-email, column: "Email", reason: b6 }] (or withhold the column: redactColumns: ["Email"])');
    expect(failed.stderr).toMatch(/registrations\.csv: \[pii-address\] 3,000 findings in column "Address"/);
  });

  it('lists at most 40 groups, then says how many more and where every finding is', async () => {
    expect(failed.stderr).toMatch(/audit-report\.json: and \d+ more blocking findings? in \d+ more groups? \(\d+ documents?\), not listed here/);
    const report = JSON.parse(await readFile(path.join(workDir, 'audit-report.json'), 'utf8'));
    const blocking = report.findings.filter((f: { status: string }) => f.status === 'blocking');
    expect(blocking).toHaveLength(2 * ROWS + NOTES);
    expect(blocking.find((f: { row?: number }) => f.row === 2412)).toMatchObject({ rule: 'pii-email', column: 'Email', page: 25 });
  });
});

describe('the editor’s fixes', () => {
  let passed: BuildRun;

  beforeAll(async () => {
    await writeFile(
      path.join(content, 'documents/leak/registrations.md'),
      '---\ntitle: Registrations\nredactText:\n  - rule: pii-email\n    column: Email\n    reason: b6\nredactColumns: [Address]\nredactRows:\n  - rows: [2412, "2990-3000"]\n    reason: b7(C)\n---\n',
    );
    await writeFile(
      path.join(content, 'collections/leak.md'),
      "---\ntitle: Leak\naudit:\n  - rule: pii-phone\n    reason: \"The tip line numbers are the desk's public lines.\"\n    match: '/\\(415\\) 867-\\d{4}/'\n---\n",
    );
    await writeFile(path.join(content, 'stories/first.md'), '---\ntitle: First\ndate: "2020-06-01"\n---\n\nSee [the sheet](doc:leak/registrations).\n');
    passed = await buildContent(content, 'leak-triage-fixed', { workDir }, { CI: '' });
  }, 240_000);

  it('builds', () => {
    expect(passed.code, passed.stderr).toBe(0);
  });

  it('keeps a withheld row’s number and shows only its reason, in the page and the downloads', async () => {
    const page = await readFile(path.join(passed.outDir, 'documents/leak/registrations/table/25/index.html'), 'utf8');
    expect(page).toMatch(
      /<tr id="row-2412"><th scope="row"><a href="#row-2412">2412<\/a><\/th><td class="withheld" colspan="3">\[row withheld b7\(C\)\]<\/td><\/tr>/,
    );
    expect(page).toContain('<td>Person 2413</td><td>[redacted b6]</td><td>report 2413</td>');
    const csv = (await readFile(path.join(passed.outDir, 'documents/leak/registrations/registrations.csv'), 'utf8')).trimEnd().split('\n');
    expect(csv).toHaveLength(ROWS + 1);
    expect(csv[0]).toBe('Name,Email,Report');
    expect(csv[2412]).toBe('[row withheld b7(C)],,');
    expect(csv[3000]).toBe('[row withheld b7(C)],,');
    expect(csv[2989]).toBe('Person 2989,[redacted b6],report 2989');
  });

  it('refuses a row the table does not have, naming it', async () => {
    await writeFile(
      path.join(content, 'documents/leak/registrations.md'),
      '---\ntitle: Registrations\nredactColumns: [Email, Address]\nredactRows:\n  - rows: [3001, 12]\n    reason: b6\n---\n',
    );
    // In this process: the problem is the pipeline's, and a build's other steps would only add time.
    const wrong = await runPipeline({ contentDir: content, workDir }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(BuildError);
    expect((wrong as BuildError).message).toContain('registrations.csv: redactRows names row 3001, but the table has 3,000 rows');
  });
});
