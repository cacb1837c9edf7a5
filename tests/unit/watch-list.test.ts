/**
 * The watch list's parts without a build: reading the list (and refusing
 * one inside the project), the comparison form, the matcher, text out of
 * markup and streamed files, and which document a site path came from.
 */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEmailFile, readTextFile } from '../../src/pipeline/watch-list/file-text.ts';
import { loadWatchList, parseWatchList, WatchListError } from '../../src/pipeline/watch-list/load.ts';
import { TermMatcher } from '../../src/pipeline/watch-list/matcher.ts';
import { baseLetters, safeCut, splitMarkup, watchKey } from '../../src/pipeline/watch-list/normalize.ts';
import { originFinder } from '../../src/pipeline/watch-list/scan-site.ts';
import { tempDir } from '../helpers/build.ts';

/** Lines of the terms found in `texts` read one after another as one text. */
function found(terms: string[], ...texts: string[]): number[] {
  const scan = new TermMatcher(terms.map((t, i) => ({ line: i + 1, key: watchKey(t) }))).scan();
  for (const t of texts) scan.feed(t);
  return [...scan.found].sort();
}

describe('comparison form', () => {
  it('ignores case, accents, compatibility forms, spaces, line breaks and punctuation', () => {
    expect(watchKey('Jane Q. Roe')).toBe('janeqroe');
    expect(watchKey('JANE\n  q-ROE')).toBe('janeqroe');
    expect(watchKey('Müller Straße')).toBe('mullerstrasse');
    expect(watchKey('ＭＵＬＬＥＲ ６１２')).toBe('muller612');
    expect(watchKey('(612) 555–0142')).toBe('6125550142');
    expect(watchKey('Jos\u0065\u0301')).toBe('jose');
    expect(watchKey('Łódź, SØREN Ærø')).toBe('lodzsorenaero');
  });

  it('folds each character alone as the whole text would be folded', () => {
    const whole = (t: string) =>
      baseLetters(t.normalize('NFKC').toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFKD')).replace(/[^\p{L}\p{N}]+/gu, '');
    for (const t of [
      'Straße',
      'İstanbul',
      'ǅemal',
      'Ｍüｌｌｅｒ',
      'Jose\u0301',
      '한국어 기사',
      'ΟΔΥΣΣΕΥΣ',
      'ﬁnance ①②',
      'Zoë 𝐁𝐨𝐥𝐝',
      'ｶﾀｶﾅ',
      'Łódź Øresund Þór',
    ]) {
      expect(watchKey(t)).toBe(whole(t));
    }
  });
});

describe('TermMatcher', () => {
  it('finds every term in one pass, overlapping ones too, by line', () => {
    expect(found(['Ann Smith', 'Smithson', 'nobody here'], 'Report by ann SMITHSON, filed.')).toEqual([1, 2]);
    expect(
      found(
        ['she', 'he', 'hers'].map((t) => `${t}xxx`),
        'ushexxxhersxxx',
      ),
    ).toEqual([1, 2, 3]);
  });

  it('finds a term cut between two pieces of text, and nothing in between pieces of different things', () => {
    expect(found(['Marlowe Quince'], 'the witness was Marl', 'owe\nQuince.')).toEqual([1]);
    const scan = new TermMatcher([{ line: 1, key: watchKey('Marlowe Quince') }]).scan();
    scan.feed('Marlowe');
    scan.break();
    scan.feed('Quince');
    expect([...scan.found]).toEqual([]);
  });
});

describe('reading the watch list', () => {
  it('takes one term a line, skips blank lines and comments, and keeps line numbers', () => {
    expect(parseWatchList('# sources\n\nHarriet Quillfeather\r\n  612-555-0142  \n#x\n', 'w.txt')).toEqual([
      { line: 3, key: 'harrietquillfeather' },
      { line: 4, key: '6125550142' },
    ]);
  });

  it('refuses a term too short to search for, naming the line and not the term', () => {
    const error = (() => {
      try {
        parseWatchList('Harriet Quillfeather\nQ.T.\n', '/home/e/watch.txt');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(WatchListError);
    expect(error?.message).toMatch(/^\/home\/e\/watch\.txt:2: a watch-list term needs at least 4 letters or digits/);
    expect(error?.message).not.toContain('Q.T.');
    expect(() => parseWatchList('# nothing yet\n', 'w.txt')).toThrow(/has no terms/);
    expect(parseWatchList('王小明\n', 'w.txt')).toEqual([{ line: 1, key: '王小明' }]);
  });

  it('refuses a list inside the project, the content or the output folder, also through a link', async () => {
    const root = await tempDir('watch-project');
    const outside = await tempDir('watch-outside');
    await mkdir(path.join(root, 'notes'));
    await writeFile(path.join(root, 'notes/watch.txt'), 'Harriet Quillfeather\n');
    await writeFile(path.join(outside, 'watch.txt'), 'Harriet Quillfeather\n');
    await symlink(path.join(root, 'notes/watch.txt'), path.join(outside, 'link.txt'));
    const env = (file: string, more: Record<string, string> = {}) => ({ TROVE_WATCHLIST_FILE: file, ...more });
    expect(() => loadWatchList(env('notes/watch.txt'), root)).toThrow(/points inside the project .*keep the watch list outside the repository/);
    expect(() => loadWatchList(env(path.join(outside, 'link.txt')), root)).toThrow(/points inside the project/);
    expect(() => loadWatchList(env(path.join(outside, 'watch.txt'), { TROVE_CONTENT: outside }), root)).toThrow(
      new RegExp(`points inside the folder ${outside}`),
    );
    expect(loadWatchList(env(path.join(outside, 'watch.txt')), root)?.terms).toEqual([{ line: 1, key: 'harrietquillfeather' }]);
    expect(loadWatchList({}, root)).toBeUndefined();
    expect(() => loadWatchList(env(path.join(outside, 'missing.txt')), root)).toThrow(
      /cannot read the watch list .*missing\.txt \(TROVE_WATCHLIST_FILE\): ENOENT/,
    );
  });
});

describe('text out of files', () => {
  it('joins words split by tags, decodes entities, and keeps attribute values and comments apart', () => {
    const { text, attributes } = splitMarkup(
      '<p>Harriet <mark class="x">Quill</mark>feather of Jos&eacute;&#x20;Street</p><img alt="Marlowe Quince" src="a.webp"><!-- Nightjar -->',
    );
    expect(watchKey(text)).toBe('harrietquillfeatherofjosestreet');
    expect(watchKey(attributes)).toBe('xmarlowequinceawebpnightjar');
  });

  it('cuts streamed text outside tags, entities and escapes', () => {
    expect(safeCut('<p>Jane <span class="a', true)).toBe(8);
    expect(safeCut('Jos&eac', false)).toBe(3);
    expect(safeCut('Jos%C3%', false)).toBe(3);
    expect(safeCut('Jos%C3%A9', false)).toBe(3);
    expect(safeCut('plain text', false)).toBe(10);
  });

  it('finds a term across the pieces a large file is read in, and in JSON escapes', async () => {
    const file = path.join(await tempDir('watch-stream'), 'big.csv');
    const filler = 'x,'.repeat((1 << 19) - 3);
    // Past the size read whole, so it is streamed in pieces of 1 MiB; the name straddles the first cut.
    await writeFile(file, `${filler}Marlowe Quince,${'y'.repeat(5 << 20)}\n"Nightj\\u0061r"\n`);
    const scan = new TermMatcher([
      { line: 7, key: watchKey('Marlowe Quince') },
      { line: 9, key: watchKey('Nightjar') },
    ]).scan();
    await readTextFile(file, false, (text) => scan.feed(text));
    expect([...scan.found].sort()).toEqual([7, 9]);
  });

  it('reads a published file in the encoding its bytes show, as its table pages do', async () => {
    const file = path.join(await tempDir('watch-1252'), 'names.csv');
    // "José Quiñones" in Windows-1252: é is 0xE9, ñ is 0xF1, neither valid UTF-8 there.
    await writeFile(file, Buffer.from('name\nJos\xe9 Qui\xf1ones\n', 'latin1'));
    const scan = new TermMatcher([{ line: 3, key: watchKey('José Quiñones') }]).scan();
    await readTextFile(file, false, (text) => scan.feed(text));
    expect([...scan.found]).toEqual([3]);
  });

  it('decodes an e-mail message: a term in a base64 body is found', async () => {
    const file = path.join(await tempDir('watch-mail'), 'message.eml');
    const body = Buffer.from('The handler was Marlowe Quince.\n').toString('base64');
    await writeFile(
      file,
      `From: Desk <desk@example.org>\nSubject: Shift\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n${body}\n`,
    );
    const scan = new TermMatcher([{ line: 2, key: watchKey('Marlowe Quince') }]).scan();
    await readEmailFile(file, (text, _stream, apart) => {
      if (apart) scan.break();
      scan.feed(text);
    });
    expect([...scan.found]).toEqual([2]);
  });

  it('tells the document or story a site path or page URL came from', () => {
    const from = originFinder({ documentIds: ['notes/memo', 'notes/memo/attachments/a'], storySlugs: ['first'] });
    expect(from('documents/notes/memo/pages/1.webp')).toBe('document notes/memo');
    expect(from('documents/notes/memo/attachments/a/index.html')).toBe('document notes/memo/attachments/a');
    expect(from('/documents/notes/memo/#page-2')).toBe('document notes/memo');
    expect(from('stories/first/index.html')).toBe('story first');
    expect(from('search/index.html')).toBeUndefined();
  });
});
