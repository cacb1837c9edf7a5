/**
 * Mistakes in site.yml, values the schema library would word for
 * programmers, and links or images that would run a script or let another
 * site track readers, in every markdown syntax and kind of file: the
 * pipeline stops with exactly these problems, each naming the file and
 * line and saying what to do (see tests/helpers/content-scenarios.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSigningKey } from '../../src/signing/keys.ts';
import { appendToSiteYml, problem, replaceIn, scenario, sidecar, story } from '../helpers/content-scenarios.ts';

const LINK_HINT = 'link to a web page (https://…), a document (doc:<collection>/<name>) or a page of this site, or remove the link';

describe('site.yml', () => {
  const appended = (lines: string) => (c: string) => appendToSiteYml(c, lines);

  it('a region that is not a region code, with the one meant', async () => {
    const { problems, shown } = await scenario('site-yml-regions', appended('phoneRegions: [US, UK, de, XX]\n'));
    expect(problems).toEqual([
      problem(shown('site.yml'), 5, 'field "phoneRegions.1": found "UK"; "UK" is not an ISO 3166 region code; write GB'),
      problem(
        shown('site.yml'),
        5,
        'field "phoneRegions.3": found "XX"; expected a two-letter ISO 3166 region code that libphonenumber knows, such as US, GB, DE, FR or AU',
      ),
    ]);
  });

  it('an OCR language whose data is not installed, or that is not a language code, naming the package to add', async () => {
    const { problems, shown } = await scenario('site-yml-ocr', appended('ocr: [eng, fra, English]\n'));
    expect(problems).toEqual([
      problem(
        shown('site.yml'),
        5,
        'field "ocr.1": found "fra"; the OCR language "fra" is not installed; add its data package: npm install @tesseract.js-data/fra',
      ),
      problem(shown('site.yml'), 5, 'field "ocr.2": found "English"; expected a Tesseract language code, such as eng, deu, fra or chi_sim'),
    ]);
  });

  it('no OCR of a picture whose sidecar turns it off, in a collection that reads the others', async () => {
    const { result } = await scenario('ocr-off-photo', async (c) => {
      await replaceIn(path.join(c, 'collections/appeals.md'), /^ocr: false.*\n/m, '');
      await replaceIn(sidecar(c, 'courthouse-photo'), /^---\n/, '---\nocr: false\n');
    });
    const pageOf = (id: string) => result!.processed.find((p) => p.entry.id === id)!.result.pages[0]!;
    expect(pageOf('appeals/courthouse-photo').ocr).toBeUndefined();
    expect(pageOf('appeals/courthouse-photo').text).toBe('');
    expect(pageOf('appeals/fourth-circuit-scan').ocr).toMatchObject({ partial: true });
  });

  it('a bad value, naming the line of the field', async () => {
    const { problems, shown } = await scenario('site-yml-language', (c) => replaceIn(path.join(c, 'site.yml'), 'language: en', 'language: english (US)'));
    expect(problems).toEqual([problem(shown('site.yml'), 3, 'field "language": found "english (US)"; expected a language code such as en or pt-BR')]);
  });

  it("a fingerprint that is not the publicKey's", async () => {
    const key = generateSigningKey();
    const other = generateSigningKey();
    const { problems, shown } = await scenario('site-yml-fingerprint', appended(`publicKey: "${key.publicKey}"\nfingerprint: "${other.fingerprint}"\n`));
    expect(problems).toEqual([
      problem(
        shown('site.yml'),
        6,
        `field "fingerprint": found "${other.fingerprint}"; it is not the fingerprint of publicKey, which is "${key.fingerprint}"; use the publicKey and fingerprint lines of the same \`npm run keygen\``,
      ),
    ]);
  });

  it('a fingerprint that is not a whole fingerprint', async () => {
    const key = generateSigningKey();
    const short = key.fingerprint.slice(0, 9);
    const { problems, shown } = await scenario('site-yml-short-fingerprint', appended(`publicKey: "${key.publicKey}"\nfingerprint: "${short}"\n`));
    expect(problems).toEqual([
      problem(
        shown('site.yml'),
        6,
        `field "fingerprint": found "${short}"; expected the full fingerprint that \`npm run keygen\` prints: 32 hex digits in 8 groups of four`,
      ),
    ]);
  });
});

describe('plain messages', () => {
  it("for URLs, tags and lists, not the schema library's", async () => {
    const { problems, shown } = await scenario('plain-messages', async (c) => {
      await appendToSiteYml(c, 'url: publisher.example/site\nmirrors: [ftp://mirror.example/]\n');
      await replaceIn(sidecar(c, 'courthouse-photo'), 'tags: [photo]', 'tags: 5');
      await replaceIn(story(c), 'authors: [Fixture Desk]', 'authors: 7');
      await replaceIn(sidecar(c, 'calvary-chapel-v-mills'), /^title:/m, 'redactions: [{ page: 0, box: [10, 10, 0, 20], reason: b6 }]\ntitle:');
    });
    const calvary = shown('documents/appeals/calvary-chapel-v-mills.md');
    expect(problems).toEqual([
      problem(calvary, 2, 'field "redactions.0.page": found 0; expected a page number of 1 or more (the first page is 1)'),
      problem(calvary, 2, 'field "redactions.0.box.2": found 0; expected a width or height of more than 0 points'),
      problem(shown('documents/appeals/courthouse-photo.md'), 5, 'field "tags": found 5; expected a list of tags, such as [courts, police]'),
      problem(shown('site.yml'), 5, 'field "url": found "publisher.example/site"; expected an absolute URL such as https://example.org/'),
      problem(
        shown('site.yml'),
        6,
        'field "mirrors.0": found "ftp://mirror.example/"; expected an absolute URL of a mirror, such as https://mirror.example/site/',
      ),
      problem(shown('stories/first-circuit.md'), 4, 'field "authors": found 7; expected a name or a list of names, such as [Ana Lima, Sam Okafor]'),
    ]);
  });

  it('for links that could run a script and images from other sites, in every markdown syntax and file kind', async () => {
    const { problems, shown } = await scenario('unsafe-urls', async (c) => {
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
    const s = shown('stories/first-circuit.md');
    const imageHint = 'publish the image as a document and embed it (::page{id="<collection>/<name>" page=1}) or link to it';
    const tracks = 'is on another site; loading it would let that site track readers';
    expect(problems).toEqual([
      problem(shown('collections/appeals.md'), 7, `the link "vbscript:msgbox(1)" would run a script in readers' browsers`, LINK_HINT),
      problem(
        shown('documents/appeals/courthouse-photo.md'),
        11,
        expect.stringMatching(/^the link "data:text\/html,.*" is a data: URL/) as unknown as string,
        LINK_HINT,
      ),
      problem(s, 18, `the link "javascript:alert(1)" would run a script in readers' browsers`, LINK_HINT),
      problem(s, 18, `the link "JaVaScRiPt:alert(2)" would run a script in readers' browsers`, LINK_HINT),
      problem(s, 20, `the link "java\\tscript:alert(3)" would run a script in readers' browsers (the reference [evil], defined on line 24)`, LINK_HINT),
      problem(s, 20, `the image "https://tracker.example/p.gif" ${tracks}`, imageHint),
      problem(s, 22, `the image "//tracker.example/q.gif" ${tracks} (the reference [px], defined on line 25)`, imageHint),
    ]);
  });
});
