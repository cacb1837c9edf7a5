/**
 * Editors' mistakes, one scenario each: the basic fixture is copied, one
 * thing is broken, and the build must fail with exactly this text, naming
 * the file and line. Also: front matter never runs code, and drafts and
 * embargoed stories leave no trace in dist/.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, listFiles, ROOT, tempDir } from '../helpers/build.ts';

let workDir: string;
beforeAll(async () => {
  // One cache for every scenario: the PDFs are processed once.
  workDir = await tempDir('content-errors-work');
});

async function scenario(name: string, edit: (content: string) => Promise<void>) {
  const content = path.join(await tempDir(name), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await edit(content);
  const run = await buildContent(content, name, { workDir });
  const shown = (p: string) => path.relative(ROOT, path.join(content, p));
  return { run, content, shown };
}

async function replaceIn(file: string, from: string | RegExp, to: string) {
  const text = await readFile(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`scenario edit did not apply to ${file}`);
  await writeFile(file, next);
}

const story = (c: string) => path.join(c, 'stories/first-circuit.md');
const sidecar = (c: string, name: string) => path.join(c, `documents/appeals/${name}.md`);

describe('a build with a mistake fails with the exact problem', () => {
  it('a bad date', async () => {
    const { run, shown } = await scenario('bad-date', (c) => replaceIn(story(c), 'date: "2020-06-01"', 'date: "2020-06-31"'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown('stories/first-circuit.md')}:3: field "date": found "2020-06-31"; this date does not exist in the calendar`);
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it('a date in the wrong format', async () => {
    const { run, shown } = await scenario('date-format', (c) => replaceIn(story(c), 'date: "2020-06-01"', 'date: "June 1, 2020"'));
    expect(run.stderr).toContain(`${shown('stories/first-circuit.md')}:3: field "date": found "June 1, 2020"; expected a date written YYYY-MM-DD`);
  });

  it('a missing title', async () => {
    const { run, shown } = await scenario('missing-title', (c) => replaceIn(sidecar(c, 'courthouse-photo'), /^title: .*\n/m, ''));
    expect(run.stderr).toContain(`${shown('documents/appeals/courthouse-photo.md')}: field "title" is missing; it is required\n    → add a line "title: …" to the front matter`);
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it('an unknown field, with the closest known one', async () => {
    const { run, shown } = await scenario('unknown-field', (c) => replaceIn(story(c), 'summary:', 'sumary:'));
    expect(run.stderr).toContain(`${shown('stories/first-circuit.md')}:5: unknown field "sumary"\n    → did you mean "summary"?`);
  });

  it('a broken reference, with its line', async () => {
    const { run, shown } = await scenario('broken-ref', (c) => replaceIn(story(c), 'doc:appeals/fourth-circuit-scan', 'doc:appeals/fourth-circuit-scam'));
    expect(run.stderr).toContain(
      `${shown('stories/first-circuit.md')}:10: the link "doc:appeals/fourth-circuit-scam" points to document "appeals/fourth-circuit-scam", which does not exist`,
    );
  });

  it('a page past the end', async () => {
    const { run, shown } = await scenario('page-past-end', (c) => replaceIn(story(c), '#page=3', '#page=18'));
    expect(run.stderr).toContain(
      `${shown('stories/first-circuit.md')}:8: the link "doc:appeals/calvary-chapel-v-mills#page=18" points to page 18, but "appeals/calvary-chapel-v-mills" has 17 pages`,
    );
  });

  it('a malformed CSV row, naming the CSV file and line', async () => {
    const { run, shown } = await scenario('bad-csv', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(
        path.join(c, 'documents/appeals/metadata.csv'),
        'file,title,date\nfourth-circuit-scan.pdf,"Fourth Circuit, appearance of counsel",2017-10-31,extra cell\n',
      );
    });
    expect(run.stderr).toContain(`${shown('documents/appeals/metadata.csv')}:2: this row cannot be read: columns length is 3, got 4 on line 2`);
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it('a bad value in a CSV row, naming the CSV file and line', async () => {
    const { run, shown } = await scenario('bad-csv-value', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(path.join(c, 'documents/appeals/metadata.csv'), 'file,title,date\nfourth-circuit-scan.pdf,Scan,2017-02-30\n');
    });
    expect(run.stderr).toContain(`${shown('documents/appeals/metadata.csv')}:2: field "date": found "2017-02-30"; this date does not exist in the calendar`);
  });

  it('a published story citing a draft document', async () => {
    const { run, shown } = await scenario('cites-draft', (c) => replaceIn(sidecar(c, 'fourth-circuit-scan'), /^title:/m, 'draft: true\ntitle:'));
    expect(run.stderr).toContain(
      `${shown('stories/first-circuit.md')}:10: the link "doc:appeals/fourth-circuit-scan" points to document "appeals/fourth-circuit-scan", which is a draft, embargoed or awaiting review`,
    );
  });

  it('every problem at once', async () => {
    const { run } = await scenario('many', async (c) => {
      await replaceIn(story(c), 'date: "2020-06-01"', 'date: "2020-06-31"');
      await replaceIn(sidecar(c, 'courthouse-photo'), /^title: .*\n/m, '');
      await replaceIn(path.join(c, 'collections/appeals.md'), /^title:/m, 'colour: red\ntitle:');
    });
    expect(run.stderr).toContain('The build stopped: 3 problems in the content.');
  });
});

describe('bulk metadata', () => {
  it('describes documents from metadata.csv, with sidecars overriding field by field', async () => {
    const { run } = await scenario('bulk', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(
        path.join(c, 'documents/appeals/metadata.csv'),
        'file,title,date,source,tags,description\n' +
          'fourth-circuit-scan.pdf,"Fourth Circuit, appearance of counsel",2017-10-31,U.S. Court of Appeals for the Fourth Circuit,"courts; scans",\n' +
          'calvary-chapel-v-mills.pdf,A title the sidecar overrides,2020-12-22,,,"A description only the CSV gives."\n',
      );
    });
    expect(run.code, run.stderr).toBe(0);
    const scan = await readFile(path.join(run.outDir, 'documents/appeals/fourth-circuit-scan/index.html'), 'utf8');
    expect(scan).toContain('<h1>Fourth Circuit, appearance of counsel</h1>');
    const calvary = await readFile(path.join(run.outDir, 'documents/appeals/calvary-chapel-v-mills/index.html'), 'utf8');
    expect(calvary).toContain('<h1>Calvary Chapel of Bangor v. Mills, opinion</h1>');
    expect(calvary).toContain('A description only the CSV gives.');
  });
});

describe('front matter never runs code', () => {
  it('refuses ---js front matter, and its code never runs', async () => {
    const marker = path.join(await tempDir('js-front-matter'), 'pwned');
    const { run, shown } = await scenario('js-front-matter', (c) =>
      writeFile(
        path.join(c, 'stories/evil.md'),
        `---js\n{ title: (require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), 'Evil'), date: '2020-01-01' }\n---\nBody.\n`,
      ),
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(shown('stories/evil.md'));
    expect(existsSync(marker)).toBe(false);
  });
});

describe('unpublished stays unpublished', () => {
  it('leaves no trace of a draft or an embargoed story anywhere in dist/', async () => {
    const { run } = await scenario('unpublished', async (c) => {
      await writeFile(path.join(c, 'site.yml'), `${await readFile(path.join(c, 'site.yml'), 'utf8')}url: "https://publisher.example/site/"\n`);
      await writeFile(path.join(c, 'stories/draft-story.md'), '---\ntitle: Quixotrel draft\ndate: "2020-06-02"\ndraft: true\n---\nThe word quixotrelsentinel appears only here.\n');
      await writeFile(
        path.join(c, 'stories/embargoed-story.md'),
        '---\ntitle: Vorplanix embargo\ndate: "2020-06-03"\npublishAt: "2999-01-01T00:00:00Z"\n---\nThe word vorplanixsentinel appears only here.\n',
      );
    });
    expect(run.code, run.stderr).toBe(0);
    let checked = 0;
    let controlFound = false;
    for (const f of await listFiles(run.outDir)) {
      let bytes = await readFile(path.join(run.outDir, f));
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      const text = bytes.toString('utf8').toLowerCase();
      for (const word of ['quixotrel', 'vorplanix', 'draft-story', 'embargoed-story']) expect(text.includes(word), `${word} in ${f}`).toBe(false);
      if (f.startsWith('pagefind/') && text.includes('first circuit')) controlFound = true;
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
    // The feed and sitemap exist and list the published story (and were scanned above).
    expect(await readFile(path.join(run.outDir, 'feed.xml'), 'utf8')).toContain('<link rel="alternate" type="text/html" href="stories/first-circuit/index.html"/>');
    expect(await readFile(path.join(run.outDir, 'sitemap.xml'), 'utf8')).toContain('<loc>https://publisher.example/site/stories/first-circuit/</loc>');
    // Control: the published story is findable the same way.
    expect(controlFound).toBe(true);
  });
});
