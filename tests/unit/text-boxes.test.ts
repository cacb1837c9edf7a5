/**
 * Mapping a match in a PDF page's published text back to the glyphs it came
 * from: the mapped text must be exactly the published text, and a text rule
 * given a locator puts the union of those glyphs' boxes on its finding.
 */
import { describe, expect, it } from 'vitest';
import type { Glyph } from '../../src/pipeline/audit/geometry.ts';
import { piiEmail } from '../../src/pipeline/audit/rules/pii-email.ts';
import { piiPhone } from '../../src/pipeline/audit/rules/pii-phone.ts';
import { mappedCleanText, textLocator } from '../../src/pipeline/audit/text-boxes.ts';
import { cleanText } from '../../src/pipeline/processors/pdf.ts';
import { mappedPageText, pageText } from '../../src/pipeline/redact/apply.ts';

/** Items as pdf.js gives them, with one 10-point-wide glyph per character on the item's line. */
function page(lines: string[][]) {
  const items: { str: string; hasEOL?: boolean }[] = [];
  const glyphs: Glyph[] = [];
  lines.forEach((line, row) => {
    let x = 0;
    line.forEach((str, k) => {
      const item = items.length;
      items.push({ str, hasEOL: k === line.length - 1 });
      for (const char of str) {
        glyphs.push({ char, item, size: 10, box: { x, y: row * 20, width: 10, height: 12 } });
        x += 10;
      }
    });
  });
  return { items, glyphs };
}

describe('mapped page text', () => {
  const samples: string[][][] = [
    [['Call (202) 456-1414', ' today.'], ['Next line']],
    [['  lots   of    spaces  '], [''], [''], [''], ['after blank lines \t']],
    [['cafe\u0301 and e\u0301te\u0301'], ['nai\u0308ve']],
    [['control\u0001chars\u0007here'], ['tab\tend\t']],
    [['emoji 😀 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢'], ['\u00a0non-breaking\u00a0']],
  ];
  for (const lines of samples) {
    it(`is the published text for ${JSON.stringify(lines).slice(0, 40)}`, () => {
      const { items, glyphs } = page(lines);
      for (const removed of [new Set<number>(), new Set([1, 2, 3, 7])]) {
        const mapped = mappedCleanText(mappedPageText(items, glyphs, removed));
        expect(mapped.text).toBe(cleanText(pageText(items, glyphs, removed)));
        expect(mapped.origins).toHaveLength(mapped.text.length);
      }
    });
  }

  it('gives each character the glyph it came from, and none to what the text adds', () => {
    const { items, glyphs } = page([['ab'], ['cd']]);
    const mapped = mappedCleanText(mappedPageText(items, glyphs, new Set([1])));
    expect(mapped.text).toBe('a [redacted]\ncd');
    expect(mapped.origins[0]).toBe(0);
    expect(mapped.origins.slice(1, 13).every((o) => o === -1)).toBe(true);
    expect(mapped.origins.slice(13)).toEqual([2, 3]);
  });
});

describe('text rules with a locator', () => {
  it('put the union of the matched glyphs on the finding, across items', () => {
    const { items, glyphs } = page([['Write to ', 'jane@example.org'], ['or call (202) 456-1414.']]);
    const text = cleanText(pageText(items, glyphs, new Set()));
    const locate = textLocator(text, items, glyphs, new Set());
    expect(locate).toBeDefined();
    const [email] = piiEmail.input === 'text' ? piiEmail.check(1, text, locate) : [];
    expect(email.box).toEqual({ x: 90, y: 0, width: 160, height: 12 });
    const [phone] = piiPhone.input === 'text' ? piiPhone.check(1, text, locate) : [];
    expect(phone.evidence).toBe('(202) 456-1414');
    expect(phone.box).toEqual({ x: 80, y: 20, width: 140, height: 12 });
  });

  it('give one finding per place when a value is on the page twice, one in all without a locator', () => {
    const { items, glyphs } = page([['a@example.org'], ['a@example.org']]);
    const text = cleanText(pageText(items, glyphs, new Set()));
    const locate = textLocator(text, items, glyphs, new Set());
    const check = (l?: typeof locate) => (piiEmail.input === 'text' ? piiEmail.check(1, text, l) : []);
    expect(check(locate).map((f) => f.box?.y)).toEqual([0, 20]);
    expect(check(undefined)).toEqual([{ rule: 'pii-email', page: 1, evidence: 'a@example.org', value: 'a@example.org' }]);
  });

  it('is not given when the glyphs do not make the published text', () => {
    const { items, glyphs } = page([['a@example.org']]);
    expect(textLocator('something else', items, glyphs, new Set())).toBeUndefined();
  });
});
