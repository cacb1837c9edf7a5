/**
 * Editors' mistakes, one scenario each: the basic fixture is copied, one
 * thing is broken, and the pipeline must stop with exactly these problems,
 * each naming the file and line and saying what to do (see
 * tests/helpers/content-scenarios.ts); one scenario goes through
 * `npm run build` to check the form editors read. Also: front matter never
 * runs code, and bulk metadata fills in what sidecars leave. Mistakes in
 * site.yml and unsafe links: tests/build/settings-and-link-errors.test.ts.
 */
import { rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildContent, tempDir } from '../helpers/build.ts';
import { editedCopy, problem, replaceIn, scenario, sidecar, story } from '../helpers/content-scenarios.ts';
import { sharedCacheWorkDir } from '../helpers/shared-builds.ts';

const UNKNOWN_FIELD_HINT = 'did you mean "summary"? remove it or check its spelling; known fields: title, date, authors, summary, tags, draft, publishAt';
const CSV_ROW_HINT = 'every row needs as many cells as the header; quote cells that contain commas, quotes or line breaks';
/** The scenario's link misspells fourth-circuit-scan as -scam: the hint names the document it meant. */
const REF_HINT = 'did you mean "appeals/fourth-circuit-scan"? (the id is the path under content/documents/ without the extension)';

describe('a build with a mistake stops with the exact problem', () => {
  it('a bad date', async () => {
    const { problems, shown } = await scenario('bad-date', (c) => replaceIn(story(c), 'date: "2020-06-01"', 'date: "2020-06-31"'));
    expect(problems).toEqual([problem(shown('stories/first-circuit.md'), 3, 'field "date": found "2020-06-31"; this date does not exist in the calendar')]);
  });

  it('a date in the wrong format', async () => {
    const { problems, shown } = await scenario('date-format', (c) => replaceIn(story(c), 'date: "2020-06-01"', 'date: "June 1, 2020"'));
    expect(problems).toContainEqual(problem(shown('stories/first-circuit.md'), 3, 'field "date": found "June 1, 2020"; expected a date written YYYY-MM-DD'));
  });

  it('a missing title', async () => {
    const { problems, shown } = await scenario('missing-title', (c) => replaceIn(sidecar(c, 'courthouse-photo'), /^title: .*\n/m, ''));
    expect(problems).toEqual([
      problem(
        shown('documents/appeals/courthouse-photo.md'),
        undefined,
        'field "title" is missing; it is required',
        'add a line "title: …" to the front matter',
      ),
    ]);
  });

  it('an unknown field, with the closest known one', async () => {
    const { problems, shown } = await scenario('unknown-field', (c) => replaceIn(story(c), 'summary:', 'sumary:'));
    expect(problems).toEqual([problem(shown('stories/first-circuit.md'), 5, 'unknown field "sumary"', UNKNOWN_FIELD_HINT)]);
  });

  it('a broken reference, with its line', async () => {
    const { problems, shown } = await scenario('broken-ref', (c) => replaceIn(story(c), 'doc:appeals/fourth-circuit-scan', 'doc:appeals/fourth-circuit-scam'));
    expect(problems).toEqual([
      problem(
        shown('stories/first-circuit.md'),
        10,
        'the link "doc:appeals/fourth-circuit-scam" points to document "appeals/fourth-circuit-scam", which does not exist',
        REF_HINT,
      ),
    ]);
  });

  it('a page past the end', async () => {
    const { problems, shown } = await scenario('page-past-end', (c) => replaceIn(story(c), '#page=3', '#page=18'));
    expect(problems).toEqual([
      problem(
        shown('stories/first-circuit.md'),
        8,
        'the link "doc:appeals/calvary-chapel-v-mills#page=18" points to page 18, but "appeals/calvary-chapel-v-mills" has 17 pages',
      ),
    ]);
  });

  it('a malformed CSV row, naming the CSV file and line', async () => {
    const { problems, shown } = await scenario('bad-csv', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(
        path.join(c, 'documents/appeals/metadata.csv'),
        'file,title,date\nfourth-circuit-scan.pdf,"Fourth Circuit, appearance of counsel",2017-10-31,extra cell\n',
      );
    });
    expect(problems).toEqual([
      problem(shown('documents/appeals/metadata.csv'), 2, 'this row cannot be read: columns length is 3, got 4 on line 2', CSV_ROW_HINT),
    ]);
  });

  it('a bad value in a CSV row, naming the CSV file and line', async () => {
    const { problems, shown } = await scenario('bad-csv-value', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(path.join(c, 'documents/appeals/metadata.csv'), 'file,title,date\nfourth-circuit-scan.pdf,Scan,2017-02-30\n');
    });
    expect(problems).toEqual([
      problem(shown('documents/appeals/metadata.csv'), 2, 'field "date": found "2017-02-30"; this date does not exist in the calendar'),
    ]);
  });

  it('a metadata.csv row with a cell too few, naming the CSV file and line', async () => {
    const { problems, shown } = await scenario('bad-csv-short', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(path.join(c, 'documents/appeals/metadata.csv'), 'file,title,date\nfourth-circuit-scan.pdf,Scan\n');
    });
    expect(problems).toEqual([
      problem(shown('documents/appeals/metadata.csv'), 2, 'this row cannot be read: columns length is 3, got 2 on line 2', CSV_ROW_HINT),
    ]);
  });

  it('a table row with one cell more than its header, naming the table and the line, never shifting a withheld cell into view', async () => {
    const { problems, shown } = await scenario('ragged-table', async (c) => {
      // "Roe, Jane" unquoted: shifted, the withheld SSN would land under "city".
      await writeFile(
        path.join(c, 'documents/appeals/payroll.csv'),
        'name,ssn,city\nAnn Example,219-09-9999,Springfield\n"Doe, John",219-09-9997,Ogdenville\nRoe, Jane,219-09-9998,Shelbyville\n',
      );
      await writeFile(path.join(c, 'documents/appeals/payroll.md'), '---\ntitle: Payroll\nredactColumns: [ssn]\n---\n');
    });
    expect(problems).toEqual([
      problem(
        shown('documents/appeals/payroll.csv'),
        undefined,
        'line 4 has 4 cells, but the header (line 1) has 3; a row is never padded or shifted, since a cell could land in the wrong column',
        'a cell that contains the delimiter ",", a double quote or a line break must be in double quotes ("Smith, John"); fix the file or its export so that every row has 3 cells',
      ),
    ]);
  });

  it('rows of a TSV with more or fewer cells than its header, each line named', async () => {
    const { problems, shown } = await scenario('ragged-tsv', async (c) => {
      await writeFile(path.join(c, 'documents/appeals/log.tsv'), 'id\tnote\n1\tfine\n2\ta\ttab inside\n3\n');
      await writeFile(path.join(c, 'documents/appeals/log.md'), '---\ntitle: Log\n---\n');
    });
    expect(problems).toEqual([
      problem(
        shown('documents/appeals/log.tsv'),
        undefined,
        '2 rows do not have the 2 cells of the header (line 1): line 3 has 3, line 4 has 1; a row is never padded or shifted, since a cell could land in the wrong column',
        'a TSV cell cannot hold a tab or a line break: remove them from the cell (or export as CSV, with such cells in double quotes), so that every row has 2 cells',
      ),
    ]);
  });

  it('a published story citing a draft document', async () => {
    const { problems, shown } = await scenario('cites-draft', (c) => replaceIn(sidecar(c, 'fourth-circuit-scan'), /^title:/m, 'draft: true\ntitle:'));
    const hint = 'publish the document first (remove draft or needsReview, or wait for publishAt), or remove the link';
    const unpublished = 'points to document "appeals/fourth-circuit-scan", which is a draft, embargoed or awaiting review';
    expect(problems).toEqual([
      problem(shown('stories/first-circuit.md'), 10, `the link "doc:appeals/fourth-circuit-scan" ${unpublished}`, hint),
      problem(shown('stories/first-circuit.md'), 16, `the embed ::document{id="appeals/fourth-circuit-scan"} ${unpublished}`, hint),
    ]);
  });

  it('every problem at once', async () => {
    const { problems, shown } = await scenario('many', async (c) => {
      await replaceIn(story(c), 'date: "2020-06-01"', 'date: "2020-06-31"');
      await replaceIn(sidecar(c, 'courthouse-photo'), /^title: .*\n/m, '');
      await replaceIn(path.join(c, 'collections/appeals.md'), /^title:/m, 'colour: red\ntitle:');
    });
    expect(problems.map((p) => [p.file, p.line])).toEqual([
      [shown('collections/appeals.md'), 2],
      [shown('documents/appeals/courthouse-photo.md'), undefined],
      [shown('stories/first-circuit.md'), 3],
    ]);
  });
});

describe('the printed form', () => {
  it('npm run build prints every problem with file, line and hint, sorted, under the count', async () => {
    const { content, shown } = await editedCopy('printed', async (c) => {
      await replaceIn(sidecar(c, 'courthouse-photo'), /^title: .*\n/m, '');
      await replaceIn(path.join(c, 'site.yml'), 'language: en', 'language: english (US)');
      await replaceIn(story(c), 'doc:appeals/fourth-circuit-scan', 'doc:appeals/fourth-circuit-scam');
    });
    const run = await buildContent(content, 'printed', { workDir: await sharedCacheWorkDir('printed') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'The build stopped: 3 problems in the content.\n\n' +
        `${shown('documents/appeals/courthouse-photo.md')}: field "title" is missing; it is required\n` +
        '    → add a line "title: …" to the front matter\n' +
        `${shown('site.yml')}:3: field "language": found "english (US)"; expected a language code such as en or pt-BR\n` +
        `${shown('stories/first-circuit.md')}:10: the link "doc:appeals/fourth-circuit-scam" points to document "appeals/fourth-circuit-scam", which does not exist\n` +
        `    → ${REF_HINT}\n`,
    );
  });
});

describe('bulk metadata', () => {
  it('describes documents from metadata.csv, with sidecars overriding field by field', async () => {
    const { problems, result } = await scenario('bulk', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(
        path.join(c, 'documents/appeals/metadata.csv'),
        'file,title,date,source,tags,description\n' +
          'fourth-circuit-scan.pdf,"Fourth Circuit, appearance of counsel",2017-10-31,U.S. Court of Appeals for the Fourth Circuit,"courts; scans",\n' +
          'calvary-chapel-v-mills.pdf,A title the sidecar overrides,2020-12-22,,,"A description only the CSV gives."\n',
      );
    });
    expect(problems).toEqual([]);
    const doc = (id: string) => result!.data.documents.find((d) => d.id === id);
    expect(doc('appeals/fourth-circuit-scan')).toMatchObject({
      title: 'Fourth Circuit, appearance of counsel',
      date: '2017-10-31',
      source: 'U.S. Court of Appeals for the Fourth Circuit',
      tags: ['courts', 'scans'],
    });
    expect(doc('appeals/calvary-chapel-v-mills')).toMatchObject({
      title: 'Calvary Chapel of Bangor v. Mills, opinion',
      source: 'U.S. Court of Appeals for the First Circuit',
      description: 'A description only the CSV gives.',
    });
  });
});

describe('front matter never runs code', () => {
  it('refuses ---js front matter, and its code never runs', async () => {
    const marker = path.join(await tempDir('js-front-matter'), 'pwned');
    const { problems, shown } = await scenario('js-front-matter', (c) =>
      writeFile(
        path.join(c, 'stories/evil.md'),
        `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'Evil'), date: '2020-01-01' }\n---\nBody.\n`,
      ),
    );
    expect(problems.map((p) => p.file)).toEqual([shown('stories/evil.md')]);
    expect(existsSync(marker)).toBe(false);
  });
});
