/**
 * Tables in a real build: a CSV with a BOM and quoted line breaks; a real
 * Latin-1 export (ISTAT's list of Italian municipalities) whose accented
 * names must come out right; a redacted column gone everywhere; a CSV
 * without a header row, its first row published and withheld as data;
 * column summaries; per-row anchors; downloads as UTF-8 CSV and JSON;
 * personal information found in cells, in column names and in the first
 * row of a table without a header. (Ragged rows are build errors:
 * tests/build/content-errors.test.ts; memory on a large table:
 * tests/build/large-table.test.ts.)
 */
import { cp, copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BuildError } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { buildContent, fixtureContent, listFiles, tempDir, type BuildRun } from '../helpers/build.ts';
import { corpusFile } from '../helpers/corpus.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

export const REQUESTS_CSV =
  '\uFEFFid,received,agency,subject,contact\r\n' +
  '1,2020-05-26,Fusion Center,"Masks at protests,\r\nsecond line of the subject",analyst@fusion.example.gov\r\n' +
  '2,2020-05-27,Police,Curfew order,\r\n' +
  '3,2020-05-28,Police,"Said ""hello""",desk@police.example.gov\r\n';

/** A header that repeats "Address": read as "Address" and "Address (2)". */
const ADDRESSES_CSV = 'name,Address,city,Address\nAnn,12 Oak Lane,Springfield,34 Elm Road\nBo,56 Pine Court,Shelbyville,78 Birch Way\n';
/** No header row: the first row is a witness, and the withheld column 2 holds SSNs (as a header, the first would have been a column name). */
const WITNESSES_CSV = 'Jane Roe,219-09-9999,Springfield\nJohn Doe,219-09-9998,Shelbyville\n';
/** TSV: no quoting, so a cell may open a quote it never closes; and a formula. */
const NOTES_TSV = 'id\tnote\n1\t"unclosed quote, as typed\n2\t=SUM(A1:A2)\n';
/** A column named __proto__, cells a spreadsheet would run as formulas, and a plain negative amount. */
const LEDGER_CSV = 'id,__proto__,formula,amount\n1,polluted,"=HYPERLINK(""http://x.example"";""open"")",-12.5\n2,clean,@SUM(1+1),+7\n';

beforeAll(async () => {
  const content = path.join(await tempDir('tables'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  const dir = path.join(content, 'documents/appeals');
  await writeFile(path.join(dir, 'requests.csv'), REQUESTS_CSV);
  await writeFile(path.join(dir, 'requests.md'), '---\ntitle: Requests for assistance\ndate: "2020-05-28"\nredactColumns: [contact]\n---\n');
  await writeFile(path.join(dir, 'witnesses.csv'), WITNESSES_CSV);
  await writeFile(path.join(dir, 'witnesses.md'), '---\ntitle: Witnesses\nredactColumns: ["column 2"]\n---\n');
  await writeFile(path.join(dir, 'addresses.csv'), ADDRESSES_CSV);
  await writeFile(path.join(dir, 'addresses.md'), '---\ntitle: Addresses\nredactColumns: [Address]\n---\n');
  await writeFile(path.join(dir, 'notes.tsv'), NOTES_TSV);
  await writeFile(path.join(dir, 'notes.md'), '---\ntitle: Notes\n---\n');
  await writeFile(path.join(dir, 'ledger.csv'), LEDGER_CSV);
  await writeFile(path.join(dir, 'ledger.md'), '---\ntitle: Ledger\n---\n');
  await copyFile(corpusFile('csv/istat_comuni_issue-811.csv'), path.join(dir, 'comuni.csv'));
  await writeFile(path.join(dir, 'comuni.md'), '---\ntitle: Italian municipalities\nsource: ISTAT\n---\n');
  run = await buildContent(content, 'tables', { workDir: await sharedCacheWorkDir('tables') });
  if (run.code !== 0) throw new Error(run.stderr);
});

describe('a CSV with a BOM and quoted line breaks', () => {
  it('keeps each row whole, with its stable anchor', async () => {
    const page = await html('documents/appeals/requests/table/1/index.html');
    expect(page).toMatch(/<tr id="row-1">.*Masks at protests,\nsecond line of the subject/s);
    expect(page).toContain('<tr id="row-3">');
    expect(page).toContain('Said &quot;hello&quot;');
  });

  it('summarizes columns and rows on the document page', async () => {
    const page = await html('documents/appeals/requests/index.html');
    expect(page).toContain('3 rows');
    expect(page).toMatch(/<th scope="row">id<\/th><td>integer<\/td>/);
    expect(page).toMatch(/<th scope="row">received<\/th><td>date<\/td><td>3<\/td><td>3<\/td><td>2020-05-26 to 2020-05-28/);
    expect(page).toMatch(/<th scope="row">agency<\/th><td>text<\/td><td>3<\/td><td>2<\/td><td>Police \(2\), Fusion Center \(1\)/);
    expect(page).toContain('1 column withheld');
    expect(page).not.toContain('no header row');
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

describe('a CSV without a header row', () => {
  it('publishes its first row as the first row of data, under numbered columns', async () => {
    const page = await html('documents/appeals/witnesses/table/1/index.html');
    expect(page).toMatch(/<tr id="row-1">.*<td>Jane Roe<\/td>/s);
    expect(page).toMatch(/<tr id="row-2">.*<td>John Doe<\/td>/s);
    expect(page).toContain('<th scope="col">column 1</th>');
    const doc = await html('documents/appeals/witnesses/index.html');
    expect(doc).toContain('2 rows');
    expect(doc).toContain('no header row');
    const csv = await readFile(path.join(run.outDir, 'documents/appeals/witnesses/witnesses.csv'), 'utf8');
    expect(csv).toBe('column 1,column 3\nJane Roe,Springfield\nJohn Doe,Shelbyville\n');
  });

  it('withholds the column redactColumns names by number, first row included', async () => {
    for (const f of await listFiles(run.outDir)) {
      let bytes = await readFile(path.join(run.outDir, f));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      expect(bytes.toString('utf8').includes('219-09-999'), f).toBe(false);
    }
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

  it('is paged 100 rows to a page, the last page holding the last rows', async () => {
    const files = await listFiles(path.join(run.outDir, 'documents/appeals/comuni/table'));
    expect(files.filter((f) => f.endsWith('index.html'))).toHaveLength(80);
    const last = await html('documents/appeals/comuni/table/80/index.html');
    expect(last.match(/<tr id="row-\d+">/g)).toEqual(['<tr id="row-7901">', '<tr id="row-7902">', '<tr id="row-7903">', '<tr id="row-7904">']);
    expect(await html('documents/appeals/comuni/table/79/index.html')).toMatch(/<tr id="row-7801">.*<tr id="row-7900">/s);
  });
});

describe('listings', () => {
  it('count a table in rows on its card, and list it under browse by type', async () => {
    const collection = await html('collections/appeals/index.html');
    expect(collection).toMatch(/Requests for assistance<\/a><\/h3>\s*<p class="meta">[^<]*Table, 3 rows<\/p>/);
    expect(collection).not.toMatch(/Table, \d+ pages?/);
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
  it('finds personal information in cells, in columns named for it, and in the first row of a table without a header', async () => {
    const content = path.join(await tempDir('table-pii'), 'content');
    await cp(fixtureContent('basic-collection'), content, { recursive: true });
    const dir = path.join(content, 'documents/appeals');
    const add = async (file: string, text: string) => {
      await writeFile(path.join(dir, file), text);
      await writeFile(path.join(dir, `${file.replace(/\.\w+$/, '')}.md`), `---\ntitle: ${file}\n---\n`);
    };
    await add('requests.csv', REQUESTS_CSV);
    // Bare numbers that only the column names say are an SSN and a telephone number.
    await add('staff.csv', 'name,SSN_Number,home_phone,ref\nAnn Example,219099999,030 1234567,123456789\n');
    // No header: as column names the first row would have been published unaudited.
    await add('roster.csv', '219-09-9997,Jane Roe\n219-09-9996,John Doe\n');
    const workDir = await sharedCacheWorkDir('table-pii');
    const failed = await runPipeline({ contentDir: content, workDir }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BuildError);
    expect((failed as BuildError).problems.map((p) => `${path.basename(p.file)}: ${p.message.split(',')[0]}`)).toContain(
      'requests.csv: [pii-email] 2 findings in column "contact" (rows 1–3)',
    );
    const report = JSON.parse(await readFile(path.join(workDir, 'audit-report.json'), 'utf8'));
    const of = (id: string) =>
      report.findings
        .filter((f: { document: string }) => f.document === id)
        .map((f: { rule: string; row: number; column: string; value: string }) => [f.rule, f.row, f.column, f.value])
        .sort();
    expect(of('appeals/requests')).toEqual([
      ['pii-email', 1, 'contact', 'analyst@fusion.example.gov'],
      ['pii-email', 3, 'contact', 'desk@police.example.gov'],
    ]);
    expect(of('appeals/staff')).toEqual([
      ['pii-phone', 1, 'home_phone', '030 1234567'],
      ['pii-ssn', 1, 'SSN_Number', '219099999'],
    ]);
    expect(of('appeals/roster')).toEqual([
      ['pii-ssn', 1, 'column 1', '219-09-9997'],
      ['pii-ssn', 2, 'column 1', '219-09-9996'],
    ]);
  });
});
