/**
 * The test of a PDF text layer's quality (ocr/text-quality.ts), on text
 * taken from real pages: born-digital forms and opinions pass; a font
 * mapped to the wrong letters and garbled publisher OCR fail.
 */
import { describe, expect, it } from 'vitest';
import { JUNK_LIMIT, junkShare, wordLike } from '../../src/pipeline/processors/ocr/text-quality.ts';

describe('a text layer that reads as words', () => {
  it.each([
    [
      'an opinion',
      'The Court has received pro se plaintiff Otis Daniel’s motion for relief under Federal Rule of Civil Procedure 60(b), dated June 18, 2020. Dkt. 211.',
    ],
    [
      'a disclosure form',
      'VII. INVESTMENTS and TRUSTS -- income, value, transactions $1,001-$2,500 Dividend $50,001 - $100,000 (A-H) Meeting/teaching/seminar #:367',
    ],
    ['a docket header', 'Case 4:08-cv-02214-SBA Document 31 Filed 02/03/2009 Page 1 of 2 “[t]he B&C Fund” retirement.”2 evidence—including n.3'],
    ['other alphabets', 'Обращение к гражданам по поводу выборов 2024 года. 東京都の発表によると'],
    ['links and addresses', 'write to records@agency.gov or see https://example.org/foia?id=12'],
  ])('passes: %s', (_, text) => {
    expect(junkShare(text)).toBeLessThan(0.1);
  });
});

describe('a junk text layer', () => {
  it('fails for a font whose characters map to the wrong letters', () => {
    // Page 1 of the Daniel order in the example: the visible words are English; the layer is shifted.
    const text = '3(05:0-- ,-,5+(5:9 0< 6;8: /(9 8,*,0<,+ 73(05:0-- :09 (50,3A9 ;5+,8 !;3, 0<03 86*,+;8, ;5, 46<,9';
    expect(junkShare(text)).toBeGreaterThan(JUNK_LIMIT);
  });

  it('fails for publisher OCR of a ruled form', () => {
    const text = "l!lnllli\\1\\,ll::::ti=:;i;!;!;1;l!;;;;i:;;.t OOOODODODDDDDDDDDDDDDDDDDOODDODODDOOODDDO c:::i r-.,,o- 1r1C? LI'ITLE,JR., F. A";
    expect(junkShare(text)).toBeGreaterThan(JUNK_LIMIT);
  });

  it('judges by characters: one long garbled run outweighs a few good words', () => {
    expect(junkShare('Date of Report ;l!;;;;i:;;.t;;;o;p;=\\;t:.;,;;;;q:;r@mmiumwmmrnrnnrem1m;Mmrn:rnmm')).toBeGreaterThan(0.5);
  });
});

describe('word-like tokens', () => {
  it.each(['Boswell,', '(SBN', '157374)', '38125-8800', '“authorized', 'FedEx', '||BROWN,', 'U.S.C.', '12th', 'AO10'])('%s is a word or a number', (token) => {
    expect(wordLike(token)).toBe(true);
  });
  it.each(['l1l', 't3', 'e><empt', 'mmmmrnrn', 'IS]>', '5<IS]', 'c:::i'])('%s is junk', (token) => {
    expect(wordLike(token)).toBe(false);
  });
  it('counts punctuation-only tokens neither way', () => {
    expect(junkShare('— • ____ |')).toBe(0);
    expect(junkShare('Signature ________ Date ________')).toBe(0);
  });
});
