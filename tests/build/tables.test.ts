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

/** A header that repeats "Address": read as "Address" and "Address (2)". */
const ADDRESSES_CSV = 'name,Address,city,Address\nAnn,12 Oak Lane,Springfield,34 Elm Road\nBo,56 Pine Court,Shelbyville,78 Birch Way\n';
/** TSV: no quoting, so a cell may open a quote it never closes; and a formula. */
const NOTES_TSV = 'id\tnote\n1\t"unclosed quote, as typed\n2\t=SUM(A1:A2)\n';
/** A column named __proto__, cells a spreadsheet would run as formulas, and a plain negative amount. */
const LEDGER_CSV = 'id,__proto__,formula,amount\n1,polluted,"=HYPERLINK(""http://x.example"";""open"")",-12.5\n2,clean,@SUM(1+1),+7\n';

beforeAll(async () => {
  const content = path.join(await tempDir('tables'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const dir = path.join(content, 'documents/appeals');
  await writeFile(path.join(dir, 'requests.csv'), REQUESTS_CSV);
  await writeFile(
    path.join(dir, 'requests.md'),
    '---\ntitle: Requests for assistance\ndate: "2020-05-28"\nredactColumns: [contact]\n---\n',
  );
  await writeFile(path.join(dir, 'addresses.csv'), ADDRESSES_CSV);
  await writeFile(path.join(dir, 'addresses.md'), '---\ntitle: Addresses\nredactColumns: [Address]\n---\n');
  await writeFile(path.join(dir, 'notes.tsv'), NOTES_TSV);
  await writeFile(path.join(dir, 'notes.md'), '---\ntitle: Notes\n---\n');
  await writeFile(path.join(dir, 'ledger.csv'), LEDGER_CSV);
  await writeFile(path.join(dir, 'ledger.md'), '---\ntitle: Ledger\n---\n');
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
    expect(csv.split('\n')[0]).toBe('id,received,agency,subject,column 6');
    const json = JSON.parse(await readFile(path.join(run.outDir, 'documents/appeals/requests/requests.json'), 'utf8'));
    expect(json[0]).toEqual({ id: '1', received: '2020-05-26', agency: 'Fusion Center', subject: 'Masks at protests,\nsecond line of the subject', 'column 6': '' });
  });

  it('keeps the cells of a row longer than the header, under a column of their own', async () => {
    const page = await html('documents/appeals/requests/table/1/index.html');
    expect(page).toContain('<th scope="col">column 6</th>');
    expect(page).toMatch(/<tr id="row-3">.*<td>extra cell<\/td>\s*<\/tr>/s);
    // Rows read before the extra column have an empty cell in it.
    expect(page).toMatch(/<tr id="row-1">(?:(?!<\/tr>).)*<td><\/td>\s*<\/tr>/s);
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/requests/requests.csv'), 'utf8');
    expect(csv.trim().split('\n').pop()).toBe('3,2020-05-28,Police,"Said ""hello""",extra cell');
    const json = JSON.parse(await readFile(path.join(run.outDir, 'documents/appeals/requests/requests.json'), 'utf8'));
    expect(json[2]['column 6']).toBe('extra cell');
  });
});

describe('a header name that repeats', () => {
  it('withholds every column of a redacted name, and says how many', async () => {
    for (const f of await listFiles(run.outDir)) {
      let bytes = await readFile(path.join(run.outDir, f));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8');
      for (const street of ['Oak Lane', 'Elm Road', 'Pine Court', 'Birch Way']) expect(text.includes(street), `${street} in ${f}`).toBe(false);
    }
    const doc = await html('documents/appeals/addresses/index.html');
    expect(doc).toContain('2 columns withheld');
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/addresses/addresses.csv'), 'utf8');
    expect(csv).toBe('name,city\nAnn,Springfield\nBo,Shelbyville\n');
  });
});

describe('a TSV', () => {
  it('reads a quote as an ordinary character and downloads as TSV', async () => {
    const page = await html('documents/appeals/notes/table/1/index.html');
    expect(page).toContain('<td>&quot;unclosed quote, as typed</td>');
    const doc = await html('documents/appeals/notes/index.html');
    expect(doc).toContain('download="notes.tsv"');
    const files = await listFiles(path.join(run.outDir, 'documents/appeals/notes'));
    expect(files).toContain('notes.tsv');
    expect(files).not.toContain('notes.csv');
    const tsv = await readFile(path.join(run.outDir, 'documents/appeals/notes/notes.tsv'), 'utf8');
    expect(tsv).toBe('id\tnote\n1\t"unclosed quote, as typed\n2\t\'=SUM(A1:A2)\n');
  });
});

describe('table downloads', () => {
  it('keep a column named __proto__ in the JSON download', async () => {
    const json = JSON.parse(await readFile(path.join(run.outDir, 'documents/appeals/ledger/ledger.json'), 'utf8'));
    expect(Object.keys(json[0])).toEqual(['id', '__proto__', 'formula', 'amount']);
    expect(Object.getOwnPropertyDescriptor(json[1], '__proto__')?.value).toBe('clean');
  });

  it('neutralize spreadsheet formulas in the CSV download only', async () => {
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/ledger/ledger.csv'), 'utf8');
    expect(csv).toBe('id,__proto__,formula,amount\n1,polluted,"\'=HYPERLINK(""http://x.example"";""open"")",-12.5\n2,clean,\'@SUM(1+1),+7\n');
    const json = JSON.parse(await readFile(path.join(run.outDir, 'documents/appeals/ledger/ledger.json'), 'utf8'));
    expect(json[0].formula).toBe('=HYPERLINK("http://x.example";"open")');
    expect(json[1].formula).toBe('@SUM(1+1)');
    const page = await html('documents/appeals/ledger/table/1/index.html');
    expect(page).toContain('<td>@SUM(1+1)</td>');
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

describe('listings', () => {
  it('count a table in rows on its card, and list it under browse by type', async () => {
    const collection = await html('collections/appeals/index.html');
    expect(collection).toMatch(/Requests for assistance<\/a><\/h3>\s*<p class="meta">[^<]*TABLE, 3 rows<\/p>/);
    expect(collection).not.toMatch(/TABLE, \d+ pages?/);
    const browse = await html('browse/index.html');
    expect(browse).toContain('<h2>By type</h2>');
    expect(browse).toMatch(/<a href="[^"]*browse\/type\/table\/index\.html">Table<\/a>/);
    const tables = await html('browse/type/table/index.html');
    for (const title of ['Requests for assistance', 'Italian municipalities', 'Notes', 'Ledger']) expect(tables).toContain(title);
    expect(tables).not.toContain('Calvary Chapel');
    const pdfs = await html('browse/type/pdf/index.html');
    expect(pdfs).toContain('Calvary Chapel');
    expect(pdfs).toMatch(/PDF, \d+ pages/);
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
