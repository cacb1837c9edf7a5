/**
 * `redactText`'s matching, on strings: a literal ignores case and how its
 * words are spaced but not word boundaries; a pattern is a regular
 * expression; a rule removes what the audit rule finds (with a table
 * column's label as context); `column` entries reach only their column;
 * overlaps merge; counts say what matched. And the schema's refusals.
 */
import { describe, expect, it } from 'vitest';
import { TextRedactor, applySpans, mergeSpans, summedTextRedactions } from '../../src/pipeline/redact/text-redactor.ts';
import { redactedReading } from '../../src/pipeline/processors/ocr/page-text.ts';
import { documentSchema } from '../../src/schemas/document.ts';

const redactor = (...entries: ConstructorParameters<typeof TextRedactor>[0]) => new TextRedactor(entries);

describe('literal text', () => {
  it('ignores case and how whitespace lays out the words, line breaks included', () => {
    const r = redactor({ text: 'Perdita Hollowell', reason: 'b6' });
    expect(r.redact('Met PERDITA   hollowell, then Perdita\nHollowell again.')).toBe('Met [redacted b6], then [redacted b6] again.');
    expect(r.counts).toEqual([2]);
  });

  it('matches whole words only, and characters a regular expression would read as syntax literally', () => {
    const r = redactor({ text: 'Ann', reason: 'b6' }, { text: 'A.B. (Jr.)', reason: 'b6' }, { text: 'Oduya-Lind/x', reason: 'b6' });
    expect(r.redact('Marcus Oduya-Lind/x.')).toBe('Marcus [redacted b6].');
    expect(r.redact('Anne and Joann met Ann; AxB. (Jr.) is not A.B. (Jr.).')).toBe('Anne and Joann met [redacted b6]; AxB. (Jr.) is not [redacted b6].');
  });

  it('finds names in other scripts and with accents, without matching them inside longer words', () => {
    const r = redactor({ text: 'Renée Dupré', reason: 'b6' }, { text: 'Юлия', reason: 'b6' });
    expect(r.redact('RENÉE DUPRÉ and Юлия, not Юлиян.')).toBe('[redacted b6] and [redacted b6], not Юлиян.');
  });
});

describe('patterns and rules', () => {
  it('a pattern removes every match; an empty match removes nothing', () => {
    const r = redactor({ pattern: '\\b[A-Z]{2}\\d{6}\\b', reason: 'b7(A)' }, { pattern: 'x*', reason: 'b6' });
    expect(r.redact('Cases AB123456 and CD654321, not ab123456 or AB1234567.')).toBe('Cases [redacted b7(A)] and [redacted b7(A)], not ab123456 or AB1234567.');
    expect(r.counts).toEqual([2, 0]);
  });

  it('a rule removes what the audit rule finds, and nothing else', () => {
    const r = redactor({ rule: 'pii-email', reason: 'b6' });
    expect(r.redact('Write to jane.roe@example.org or to the desk.')).toBe('Write to [redacted b6] or to the desk.');
  });

  it('in a table, a rule reads the column name as the audit does: a bare number in a Phone column is a phone number', () => {
    const r = redactor({ rule: 'pii-phone', reason: 'b6', column: 'phone' });
    const phone = { name: 'Phone', base: 'Phone', label: 'Phone' };
    expect(r.redact('2024561414', phone)).toBe('[redacted b6]');
    // Not in another column, nor in text that is not a table.
    expect(r.redact('202-456-1414', { name: 'Notes', base: 'Notes' })).toBe('202-456-1414');
    expect(r.redact('202-456-1414')).toBe('202-456-1414');
  });

  it('a column entry also reaches a repeated column by the name as read ("Phone (2)")', () => {
    const r = redactor({ text: 'x', reason: 'b6', column: 'Phone' });
    expect(r.redact('x', { name: 'Phone (2)', base: 'Phone' })).toBe('[redacted b6]');
  });
});

describe('spans', () => {
  it('overlapping matches become one mark with the first reason', () => {
    expect(
      mergeSpans([
        { start: 5, end: 9, reason: 'b7' },
        { start: 0, end: 6, reason: 'b6' },
        { start: 12, end: 14, reason: 'b5' },
      ]),
    ).toEqual([
      { start: 0, end: 9, reason: 'b6' },
      { start: 12, end: 14, reason: 'b5' },
    ]);
    expect(applySpans('abcdefghijklmn', [{ start: 0, end: 9, reason: 'b6' }])).toBe('[redacted b6]jklmn');
  });

  it('counts of a document done in parts add up, entry by entry', () => {
    expect(summedTextRedactions([{ textRedactions: [1, 0] }, {}, { textRedactions: [2, 3] }])).toEqual({ textRedactions: [3, 3] });
    expect(summedTextRedactions([{}, {}])).toEqual({});
  });

  it('OCR words a match touches are replaced by one mark over their boxes, line by line', () => {
    const word = (text: string, x: number, line: number) => ({ text, confidence: 90, box: { x, y: line * 20, width: 40, height: 12 }, line });
    const words = [word('Call', 0, 0), word('Perdita', 50, 0), word('Hollowell,', 100, 0), word('now.', 0, 1)];
    const page = { text: 'Call Perdita Hollowell,\nnow.', confidence: 90, words, starts: [0, 5, 13, 24] };
    const { page: out, redacted } = redactedReading(page, redactor({ text: 'Perdita Hollowell', reason: 'b6' }));
    expect(out.text).toBe('Call [redacted b6]\nnow.');
    expect(out.starts).toEqual([0, 5, 19]);
    expect(redacted).toEqual([{ box: { x: 50, y: 0, width: 90, height: 12 }, reason: 'b6' }]);
  });
});

describe('the schema', () => {
  const parse = (redactText: unknown) => documentSchema.safeParse({ title: 't', redactText });
  const messages = (redactText: unknown) => {
    const r = parse(redactText);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  it('takes text, pattern or rule, each with a reason, and an optional column', () => {
    expect(
      parse([
        { text: 'Perdita Hollowell', reason: 'b6' },
        { pattern: '\\d+', reason: 'b6', column: 'ID' },
        { rule: 'pii-phone', reason: 'b6' },
      ]).success,
    ).toBe(true);
  });

  it('refuses an entry with none or two of them, no reason, a pattern that cannot be read, or a rule that reads no text', () => {
    expect(messages([{ reason: 'b6' }])).toContain('expected exactly one of text, pattern or rule in each entry');
    expect(messages([{ text: 'a b', pattern: 'a', reason: 'b6' }])).toContain(
      'expected exactly one of text, pattern or rule in each entry, not text and pattern',
    );
    expect(messages([{ text: 'Perdita' }]).join()).toMatch(/reason code/);
    expect(messages([{ pattern: '([a-z]', reason: 'b6' }]).join()).toMatch(/the regular expression cannot be read/);
    expect(messages([{ rule: 'pdf-metadata', reason: 'b6' }]).join()).toMatch(/expected one of the text rules: pii-email, pii-phone, pii-ssn, pii-address/);
    const misspelt = parse([{ text: 'Perdita', reason: 'b6', colum: 'x' }]);
    expect(misspelt.success ? [] : misspelt.error.issues.map((i) => [i.code, 'keys' in i ? i.keys : []])).toEqual([['unrecognized_keys', ['colum']]]);
  });
});
