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
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/signing/keys.ts';
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
    expect(run.stderr).toContain(
      `${shown('documents/appeals/courthouse-photo.md')}: field "title" is missing; it is required\n    → add a line "title: …" to the front matter`,
    );
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

  it('a table row with one cell more than its header, naming the table and the line, never shifting a withheld cell into view', async () => {
    const { run, shown } = await scenario('ragged-table', async (c) => {
      // "Roe, Jane" unquoted: shifted, the withheld SSN would land under "city".
      await writeFile(
        path.join(c, 'documents/appeals/payroll.csv'),
        'name,ssn,city\nAnn Example,219-09-9999,Springfield\n"Doe, John",219-09-9997,Ogdenville\nRoe, Jane,219-09-9998,Shelbyville\n',
      );
      await writeFile(path.join(c, 'documents/appeals/payroll.md'), '---\ntitle: Payroll\nredactColumns: [ssn]\n---\n');
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `${shown('documents/appeals/payroll.csv')}: line 4 has 4 cells, but the header (line 1) has 3; a row is never padded or shifted, since a cell could land in the wrong column\n` +
        '    → a cell that contains the delimiter ",", a double quote or a line break must be in double quotes ("Smith, John"); fix the file or its export so that every row has 3 cells',
    );
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it('rows of a TSV with more or fewer cells than its header, each line named', async () => {
    const { run, shown } = await scenario('ragged-tsv', async (c) => {
      await writeFile(path.join(c, 'documents/appeals/log.tsv'), 'id\tnote\n1\tfine\n2\ta\ttab inside\n3\n');
      await writeFile(path.join(c, 'documents/appeals/log.md'), '---\ntitle: Log\n---\n');
    });
    expect(run.stderr).toContain(
      `${shown('documents/appeals/log.tsv')}: 2 rows do not have the 2 cells of the header (line 1): line 3 has 3, line 4 has 1; a row is never padded or shifted, since a cell could land in the wrong column\n` +
        '    → a TSV cell cannot hold a tab or a line break: remove them from the cell (or export as CSV, with such cells in double quotes), so that every row has 2 cells',
    );
  });

  it('a metadata.csv row with a cell too few, naming the CSV file and line', async () => {
    const { run, shown } = await scenario('bad-csv-short', async (c) => {
      await rm(sidecar(c, 'fourth-circuit-scan'));
      await writeFile(path.join(c, 'documents/appeals/metadata.csv'), 'file,title,date\nfourth-circuit-scan.pdf,Scan\n');
    });
    expect(run.stderr).toContain(`${shown('documents/appeals/metadata.csv')}:2: this row cannot be read: columns length is 3, got 2 on line 2`);
  });

  it('a region in site.yml that is not a region code, with the one meant', async () => {
    const { run, shown } = await scenario('site-yml-regions', async (c) => {
      await writeFile(path.join(c, 'site.yml'), `${await readFile(path.join(c, 'site.yml'), 'utf8')}phoneRegions: [US, UK, de, XX]\n`);
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown('site.yml')}:5: field "phoneRegions.1": found "UK"; "UK" is not an ISO 3166 region code; write GB`);
    expect(run.stderr).toContain(
      `${shown('site.yml')}:5: field "phoneRegions.3": found "XX"; expected a two-letter ISO 3166 region code that libphonenumber knows, such as US, GB, DE, FR or AU`,
    );
    expect(run.stderr).toContain('The build stopped: 2 problems in the content.');
  });

  it('a published story citing a draft document', async () => {
    const { run, shown } = await scenario('cites-draft', (c) => replaceIn(sidecar(c, 'fourth-circuit-scan'), /^title:/m, 'draft: true\ntitle:'));
    expect(run.stderr).toContain(
      `${shown('stories/first-circuit.md')}:10: the link "doc:appeals/fourth-circuit-scan" points to document "appeals/fourth-circuit-scan", which is a draft, embargoed or awaiting review`,
    );
  });

  it('a bad value in site.yml, naming site.yml and the line of the field', async () => {
    const { run, shown } = await scenario('site-yml-language', (c) => replaceIn(path.join(c, 'site.yml'), 'language: en', 'language: english (US)'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`${shown('site.yml')}:3: field "language": found "english (US)"; expected a language code such as en or pt-BR`);
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it("plain messages, not the schema library's, for URLs, tags and lists", async () => {
    const { run, shown } = await scenario('plain-messages', async (c) => {
      await writeFile(
        path.join(c, 'site.yml'),
        `${await readFile(path.join(c, 'site.yml'), 'utf8')}url: publisher.example/site\nmirrors: [ftp://mirror.example/]\n`,
      );
      await replaceIn(sidecar(c, 'courthouse-photo'), 'tags: [photo]', 'tags: 5');
      await replaceIn(story(c), 'authors: [Fixture Desk]', 'authors: 7');
      await replaceIn(sidecar(c, 'calvary-chapel-v-mills'), /^title:/m, 'redactions: [{ page: 0, box: [10, 10, 0, 20], reason: b6 }]\ntitle:');
    });
    const err = run.stderr;
    expect(err).toContain(`${shown('site.yml')}:5: field "url": found "publisher.example/site"; expected an absolute URL such as https://example.org/`);
    expect(err).toContain(
      `${shown('site.yml')}:6: field "mirrors.0": found "ftp://mirror.example/"; expected an absolute URL of a mirror, such as https://mirror.example/site/`,
    );
    expect(err).toContain(`${shown('documents/appeals/courthouse-photo.md')}:5: field "tags": found 5; expected a list of tags, such as [courts, police]`);
    expect(err).toContain(
      `${shown('stories/first-circuit.md')}:4: field "authors": found 7; expected a name or a list of names, such as [Ana Lima, Sam Okafor]`,
    );
    expect(err).toContain(
      `${shown('documents/appeals/calvary-chapel-v-mills.md')}:2: field "redactions.0.page": found 0; expected a page number of 1 or more (the first page is 1)`,
    );
    expect(err).toContain(
      `${shown('documents/appeals/calvary-chapel-v-mills.md')}:2: field "redactions.0.box.2": found 0; expected a width or height of more than 0 points`,
    );
    expect(err).not.toMatch(/Invalid (input|string|URL)/);
    expect(err).toContain('The build stopped: 6 problems in the content.');
  });

  it("a fingerprint in site.yml that is not the publicKey's", async () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const { run, shown } = await scenario('site-yml-fingerprint', async (c) => {
      await writeFile(
        path.join(c, 'site.yml'),
        `${await readFile(path.join(c, 'site.yml'), 'utf8')}publicKey: "${key.publicKey}"\nfingerprint: "${other.fingerprint}"\n`,
      );
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `${shown('site.yml')}:6: field "fingerprint": found "${other.fingerprint}"; it is not the fingerprint of publicKey, which is "${key.fingerprint}"; use the publicKey and fingerprint lines of the same \`npm run keygen\``,
    );
  });

  it('a fingerprint in site.yml that is not a whole fingerprint', async () => {
    const key = generateSigningKey();
    const { run, shown } = await scenario('site-yml-short-fingerprint', async (c) => {
      await writeFile(
        path.join(c, 'site.yml'),
        `${await readFile(path.join(c, 'site.yml'), 'utf8')}publicKey: "${key.publicKey}"\nfingerprint: "${key.fingerprint.slice(0, 9)}"\n`,
      );
    });
    expect(run.stderr).toContain(
      `${shown('site.yml')}:6: field "fingerprint": found "${key.fingerprint.slice(0, 9)}"; expected the full fingerprint that \`npm run keygen\` prints: 32 hex digits in 8 groups of four`,
    );
  });

  it('links that could run a script and images from other sites, in every markdown syntax and file kind', async () => {
    const { run, shown } = await scenario('unsafe-urls', async (c) => {
      const storyText = await readFile(story(c), 'utf8');
      await writeFile(
        story(c),
        storyText +
          '\n[Inline](javascript:alert(1)) and <JaVaScRiPt:alert(2)>.\n\n' + // line 18 of the story
          'A [reference][evil] and ![a pixel](https://tracker.example/p.gif).\n\n' + // line 20
          '![a referenced pixel][px]\n\n' + // line 22
          '[evil]: java&#x09;script:alert(3)\n' + // line 24
          '[px]: //tracker.example/q.gif\n',
      );
      await replaceIn(path.join(c, 'collections/appeals.md'), 'Court records', '[Open](vbscript:msgbox(1)) court records');
      await writeFile(
        sidecar(c, 'courthouse-photo'),
        `${await readFile(sidecar(c, 'courthouse-photo'), 'utf8')}\n[Map](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)\n`,
      );
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('The build stopped: 7 problems in the content.');
    const s = shown('stories/first-circuit.md');
    const hint = '    → link to a web page (https://…), a document (doc:<collection>/<name>) or a page of this site, or remove the link';
    expect(run.stderr).toContain(`${s}:18: the link "javascript:alert(1)" would run a script in readers' browsers\n${hint}`);
    expect(run.stderr).toContain(`${s}:18: the link "JaVaScRiPt:alert(2)" would run a script in readers' browsers`);
    expect(run.stderr).toContain(
      `${s}:20: the link "java\\tscript:alert(3)" would run a script in readers' browsers (the reference [evil], defined on line 24)`,
    );
    expect(run.stderr).toContain(
      `${s}:20: the image "https://tracker.example/p.gif" is on another site; loading it would let that site track readers\n` +
        '    → publish the image as a document and embed it (::page{id="<collection>/<name>" page=1}) or link to it',
    );
    expect(run.stderr).toContain(
      `${s}:22: the image "//tracker.example/q.gif" is on another site; loading it would let that site track readers (the reference [px], defined on line 25)`,
    );
    expect(run.stderr).toContain(`${shown('collections/appeals.md')}:6: the link "vbscript:msgbox(1)" would run a script in readers' browsers`);
    expect(run.stderr).toMatch(
      new RegExp(`${shown('documents/appeals/courthouse-photo.md').replace(/[.]/g, '\\.')}:11: the link "data:text/html,.*" is a data: URL`),
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

/** Every file of a built site as lowercase text, gzip (Pagefind's index) decompressed. */
async function siteTexts(outDir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const file of await listFiles(outDir)) {
    let bytes = await readFile(path.join(outDir, file));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    out.push({ file, text: bytes.toString('utf8').toLowerCase() });
  }
  return out;
}

/** A one-page PDF whose text, title and file name carry `word`. */
async function pdfWith(word: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([400, 300]).drawText(`The ${word} memorandum, page one.`, { x: 30, y: 150, size: 14, font });
  doc.setTitle(`${word} memorandum`);
  return doc.save();
}

describe('unpublished stays unpublished', () => {
  it('leaves no trace of a draft or an embargoed story anywhere in dist/', async () => {
    const { run } = await scenario('unpublished', async (c) => {
      await writeFile(path.join(c, 'site.yml'), `${await readFile(path.join(c, 'site.yml'), 'utf8')}url: "https://publisher.example/site/"\n`);
      await writeFile(
        path.join(c, 'stories/draft-story.md'),
        '---\ntitle: Quixotrel draft\ndate: "2020-06-02"\ndraft: true\n---\nThe word quixotrelsentinel appears only here.\n',
      );
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
    expect(await readFile(path.join(run.outDir, 'feed.xml'), 'utf8')).toContain(
      '<link rel="alternate" type="text/html" href="stories/first-circuit/index.html"/>',
    );
    expect(await readFile(path.join(run.outDir, 'sitemap.xml'), 'utf8')).toContain('<loc>https://publisher.example/site/stories/first-circuit/</loc>');
    // Control: the published story is findable the same way.
    expect(controlFound).toBe(true);
  });

  it('leaves no trace of a draft or an embargoed document: no page, image, download, search record or listing', async () => {
    // Each sentinel is in the file name (so the id and every path), the text, and each metadata field.
    const sidecarText = (word: string, extra: string) =>
      `---\ntitle: ${word} title\ndate: "2020-06-04"\nsource: ${word} agency\ndescription: The ${word} description.\ntags: [${word}tag]\n${extra}\n---\nThe ${word} body.\n`;
    const { run } = await scenario('unpublished-documents', async (c) => {
      const dir = path.join(c, 'documents/appeals');
      await writeFile(path.join(dir, 'glimmerwhorl-memo.pdf'), await pdfWith('glimmerwhorl'));
      await writeFile(path.join(dir, 'glimmerwhorl-memo.md'), sidecarText('glimmerwhorl', 'draft: true'));
      await sharp({ create: { width: 120, height: 80, channels: 3, background: '#3a6' } })
        .png()
        .withMetadata({ exif: { IFD0: { ImageDescription: 'plonkavert exif' } } })
        .toFile(path.join(dir, 'plonkavert-photo.png'));
      await writeFile(path.join(dir, 'plonkavert-photo.md'), sidecarText('plonkavert', 'publishAt: "2999-01-01T00:00:00Z"'));
    });
    expect(run.code, run.stderr).toBe(0);
    const texts = await siteTexts(run.outDir);
    expect(texts.length).toBeGreaterThan(30);
    for (const { file, text } of texts) {
      for (const word of ['glimmerwhorl', 'plonkavert']) {
        expect(file.toLowerCase().includes(word), `${word} in the path ${file}`).toBe(false);
        expect(text.includes(word), `${word} in ${file}`).toBe(false);
      }
    }
    for (const id of ['glimmerwhorl-memo', 'plonkavert-photo']) {
      expect(existsSync(path.join(run.outDir, 'documents/appeals', id)), `documents/appeals/${id}/`).toBe(false);
    }
    // Control: the published documents of the same collection are there, with their images and downloads.
    const files = texts.map((t) => t.file);
    expect(files).toContain('documents/appeals/courthouse-photo/index.html');
    expect(files.some((f) => f.startsWith('documents/appeals/calvary-chapel-v-mills/pages/'))).toBe(true);
    expect(files.filter((f) => /^documents\/appeals\/[^/]+\/index\.html$/.test(f))).toHaveLength(3);
    expect(texts.some((t) => t.file.startsWith('pagefind/') && t.text.includes('first circuit'))).toBe(true);
  });
});
