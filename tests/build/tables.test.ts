/**
 * Tables in a real build: a CSV with a BOM, quoted line breaks and ragged
 * rows; a real Latin-1 export (ISTAT's list of Italian municipalities) whose
 * accented names must come out right; a redacted column gone everywhere;
 * column summaries; per-row anchors; downloads as UTF-8 CSV and JSON;
 * personal information found in cells.
 */
import { cp, copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';

let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

export const REQUESTS_CSV =
  '\uFEFFid,received,agency,subject,contact\r\n' +
  '1,2020-05-26,Fusion Center,"Masks at protests,\r\nsecond line of the subject",analyst@fusion.example.gov\r\n' +
  '2,2020-05-27,Police,Curfew order\r\n' +
  '3,2020-05-28,Police,"Said ""hello""",desk@police.example.gov,extra cell\r\n';

beforeAll(async () => {
  const content = path.join(await tempDir('tables'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const dir = path.join(content, 'documents/appeals');
  await writeFile(path.join(dir, 'requests.csv'), REQUESTS_CSV);
  await writeFile(
    path.join(dir, 'requests.md'),
    '---\ntitle: Requests for assistance\ndate: "2020-05-28"\nredactColumns: [contact]\n---\n',
  );
  await copyFile(corpusFile('csv/istat_comuni_issue-811.csv'), path.join(dir, 'comuni.csv'));
  await writeFile(path.join(dir, 'comuni.md'), '---\ntitle: Italian municipalities\nsource: ISTAT\n---\n');
  run = await buildContent(content, 'tables');
  if (run.code !== 0) throw new Error(run.stderr);
});

describe('a CSV with a BOM, quoted line breaks and ragged rows', () => {
  it('keeps each row whole, with its stable anchor', async () => {
    const page = await html('documents/appeals/requests/table/1/index.html');
    expect(page).toMatch(/<tr id="row-1">.*Masks at protests,\nsecond line of the subject/s);
    expect(page).toContain('<tr id="row-3">');
    expect(page).toContain('Said &quot;hello&quot;');
  });

  it('summarizes columns, rows and ragged rows on the document page', async () => {
    const page = await html('documents/appeals/requests/index.html');
    expect(page).toContain('3 rows');
    expect(page).toMatch(/<th scope="row">id<\/th><td>integer<\/td>/);
    expect(page).toMatch(/<th scope="row">received<\/th><td>date<\/td><td>3<\/td><td>3<\/td><td>2020-05-26 to 2020-05-28/);
    expect(page).toMatch(/<th scope="row">agency<\/th><td>text<\/td><td>3<\/td><td>2<\/td><td>Police \(2\), Fusion Center \(1\)/);
    expect(page).toContain('2 rows had more or fewer cells than the header');
    expect(page).toContain('1 column withheld');
  });

  it('removes a redacted column from pages, search and both downloads', async () => {
    for (const f of await listFiles(run.outDir)) {
      let bytes = await readFile(path.join(run.outDir, f));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8');
      expect(text.includes('fusion.example.gov'), f).toBe(false);
      expect(text.includes('police.example.gov'), f).toBe(false);
    }
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/requests/requests.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('id,received,agency,subject');
    const json = JSON.parse(await readFile(path.join(run.outDir, 'documents/appeals/requests/requests.json'), 'utf8'));
    expect(json[0]).toEqual({ id: '1', received: '2020-05-26', agency: 'Fusion Center', subject: 'Masks at protests,\nsecond line of the subject' });
  });
});

describe('a Latin-1 export', () => {
  it('shows accented names right, and downloads as UTF-8', async () => {
    const page = await html('documents/appeals/comuni/table/1/index.html');
    expect(page).toContain('<td>Agliè</td>');
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/comuni/comuni.csv'), 'utf8');
    expect(csv).toContain('Agliè');
    const doc = await html('documents/appeals/comuni/index.html');
    expect(doc).toContain('read as windows-1252, separated by &quot;;&quot;');
    expect(doc).toContain('7,904 rows');
  });
});

describe('the audit of cells', () => {
  it('finds personal information in a table with its page', async () => {
    const content = path.join(await tempDir('table-pii'), 'content');
    await cp(fixtureContent('basic-collection'), content, { recursive: true });
    await writeFile(path.join(content, 'documents/appeals/requests.csv'), REQUESTS_CSV);
    await writeFile(path.join(content, 'documents/appeals/requests.md'), '---\ntitle: Requests\n---\n');
    const failed = await buildContent(content, 'table-pii');
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/requests\.csv: \[pii-email\] page 1: analyst@fusion\.example\.gov/);
  });
});
