/**
 * The text the personal-information rules read: Unicode folded with every
 * character's place kept, numbers wrapped onto the next line joined, and a
 * text document's sections read across each cut.
 */
import { describe, expect, it } from 'vitest';
import { normalizedText } from '../../src/pipeline/audit/normalized-text.ts';
import { columnLabel } from '../../src/pipeline/audit/rules/context.ts';
import { auditSections } from '../../src/pipeline/audit/text-sections.ts';
import { sections } from '../../src/pipeline/processors/text.ts';

describe('normalizedText', () => {
  it("folds full-width forms, dashes, other scripts' digits and invisible characters, keeping where each came from", () => {
    const source = 'Nº ２１９–٠٩\u00AD\u200B-9999 ﬁn';
    const { text, sourceSpan } = normalizedText(source);
    expect(text).toBe('No 219-09-9999 fin');
    const start = text.indexOf('219');
    const [from, to] = sourceSpan(start, start + '219-09-9999'.length);
    expect(source.slice(from, to)).toBe('２１９–٠٩\u00AD\u200B-9999');
  });

  it('leaves text with nothing to fold as it is, places included', () => {
    const source = 'Row 1 · 2019-03-04 · Straße ·\nRow 2';
    const { text, sourceSpan } = normalizedText(source);
    expect(text).toBe(source);
    expect(sourceSpan(8, 18)).toEqual([8, 18]);
  });

  it('joins a line break inside a number, not between a number and a word or across a blank line of bare figures', () => {
    expect(normalizedText('call 202-456-\n1414').text).toBe('call 202-456- 1414');
    expect(normalizedText('call 202-456\n  -1414').text).toBe('call 202-456 -1414');
    expect(normalizedText('(202) 456\n1414').text).toBe('(202) 456 1414');
    expect(normalizedText('page 12\nThe end').text).toBe('page 12\nThe end');
    expect(normalizedText('2019\n\n2020').text).toBe('2019\n\n2020');
    const source = 'SSN 219-09-\n\n  9999';
    const { text, sourceSpan } = normalizedText(source);
    expect(text).toBe('SSN 219-09- 9999');
    expect(source.slice(...sourceSpan(4, text.length))).toBe('219-09-\n\n  9999');
  });
});

describe('auditSections', () => {
  const values = (pages: string[]) => auditSections(pages.map((text, i) => ({ pageNumber: i + 1, text }))).map((f) => [f.rule, f.page, f.value ?? f.evidence]);

  it('finds a number the cut between two sections splits, on the section where it starts', () => {
    expect(values(['Witness statement.\nHer phone is 202-456-', '1414 and her SSN 219-09-', '9999.'])).toEqual([
      ['pii-phone', 1, '202-456- 1414'],
      ['pii-ssn', 2, '219-09- 9999'],
    ]);
  });

  it('reports a number whole in one section once, in that section', () => {
    expect(values(['Call 202-456-1414', 'SSN 219-09-9999 at the end'])).toEqual([
      ['pii-phone', 1, '202-456-1414'],
      ['pii-ssn', 2, '219-09-9999'],
    ]);
  });

  it('finds a number split across sections of a long text cut by processors/text.ts', () => {
    const filler = 'Lorem ipsum dolor sit amet.\n'.repeat(106);
    const cut = sections(`${filler}Reach her at 202-456-\n1414 or SSN 219 09\n9999.\n${filler}`);
    expect(cut.length).toBeGreaterThan(1);
    expect(cut.some((s) => s.endsWith('202-456-'))).toBe(true);
    const found = auditSections(cut.map((text, i) => ({ pageNumber: i + 1, text }))).map((f) => f.rule);
    expect(found.sort()).toEqual(['pii-phone', 'pii-ssn']);
  });

  it('cuts a long line between words, so a number written with spaces is not cut inside a group', () => {
    const line = `${'word '.repeat(590)}(202) 456 1414 ${'word '.repeat(50)}`;
    const cut = sections(line);
    expect(cut.length).toBe(2);
    expect(cut.every((s) => !/\d$/.test(s) || /1414$/.test(s))).toBe(true);
    expect(auditSections(cut.map((text, i) => ({ pageNumber: i + 1, text }))).map((f) => f.evidence)).toEqual(['(202) 456 1414']);
  });
});

describe('columnLabel', () => {
  it('reads SSN and telephone column names however they are written', () => {
    for (const name of ['SSN', 'ssn', 'SSN_Number', 'soc_sec_no', 'SocialSecurityNumber', 'ss#', 'HomePhone', 'tel', 'Telefon', 'mobile_no', 'Fax']) {
      expect(columnLabel(name), name).toBeDefined();
    }
  });
  it('gives no label to other columns', () => {
    for (const name of ['id', 'name', 'session', 'assessment', 'Telegraph Ave', 'amount', 'essn', 'class']) expect(columnLabel(name), name).toBeUndefined();
  });
});
