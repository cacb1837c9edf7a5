/** Page text reflowed into paragraphs (src/lib/reflow.ts), with the printed breaks kept for the "as printed" view. */
import { describe, expect, it } from 'vitest';
import { reflow } from '../../src/lib/reflow.ts';
import { foiaKey, redactionLegend } from '../../src/lib/redaction-legend.ts';

const joined = (text: string) => reflow(text).map((p) => p.map((l) => l.text + (l.join === 'space' ? ' ' : l.join === 'break' ? '\n' : '')).join(''));

describe('reflowing page text', () => {
  it('joins the lines of a paragraph with spaces and ends paragraphs at blank lines', () => {
    const text =
      'The appellant argues that the order was issued without\nnotice to the parties and that the district court erred\nin denying the motion for a preliminary injunction here.\n\nA second paragraph.';
    expect(joined(text)).toEqual([
      'The appellant argues that the order was issued without notice to the parties and that the district court erred in denying the motion for a preliminary injunction here.',
      'A second paragraph.',
    ]);
  });

  it('joins a word hyphenated across lines without its hyphen, and keeps the hyphen for the printed view', () => {
    const paragraphs = reflow('the parties agreed that the exam-\nple was a fair one and that nothing else mattered at all');
    expect(paragraphs[0]![0]).toEqual({ text: 'the parties agreed that the exam', join: 'hyphen' });
    // Before a capital, the hyphen belongs to the word (a short line's break is kept).
    expect(joined('a well-\nKnown name that is long enough to be measured as a line')).toEqual([
      'a well-\nKnown name that is long enough to be measured as a line',
    ]);
  });

  it('keeps the break after a short line (a heading, an address) and before a list item', () => {
    const text =
      'UNITED STATES COURT OF APPEALS\nFor the First Circuit\nThe court has considered the briefs and the record of the case below and\nfinds as follows:\n1. The order is vacated.\n2. The case is remanded.';
    expect(joined(text)[0]).toBe(
      'UNITED STATES COURT OF APPEALS\nFor the First Circuit\nThe court has considered the briefs and the record of the case below and finds as follows:\n1. The order is vacated.\n2. The case is remanded.',
    );
  });

  it('keeps a heading on its line after a sentence that fills its line', () => {
    const text =
      'Organizers announced marches from Founders Park to the county courthouse.\nNo credible threat to public safety has been identified at this time.\nSource\nReporting from a source who attended an organizing meeting on 31 May 2020.';
    expect(joined(text)[0]).toBe(
      'Organizers announced marches from Founders Park to the county courthouse. No credible threat to public safety has been identified at this time.\nSource\nReporting from a source who attended an organizing meeting on 31 May 2020.',
    );
  });

  it('leaves markup in the text as text and drops nothing but blank lines and trailing spaces', () => {
    const text = '<script>alert(1)</script>   \n\n\n  indented line';
    expect(reflow(text)).toEqual([[{ text: '<script>alert(1)</script>' }], [{ text: '  indented line' }]]);
    expect(reflow('')).toEqual([]);
  });
});

describe('the redaction legend', () => {
  const t = (key: string) => `meaning of ${key}`;
  it('knows the FOIA exemptions however they are written', () => {
    expect(['b6', '(b)(6)', 'B6', 'b7(C)', '(b)(7)(C)', 'b7c', 'b7'].map(foiaKey)).toEqual([
      'foiaB6',
      'foiaB6',
      'foiaB6',
      'foiaB7c',
      'foiaB7c',
      'foiaB7c',
      'foiaB7',
    ]);
    expect(['b6(C)', 'b10', 'PII', ''].map(foiaKey)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('lists each code once, most used first, with site.yml’s meaning before FOIA’s', () => {
    expect(redactionLegend(['b6', 'PII', 'b6', 'b7(E)', 'pii'], { PII: 'Personal data of a private person', b6: 'Privacy' }, t as never)).toEqual([
      { code: 'b6', count: 2, meaning: 'Privacy' },
      { code: 'b7(E)', count: 1, meaning: 'meaning of foiaB7e' },
      { code: 'pii', count: 1, meaning: 'Personal data of a private person' },
      { code: 'PII', count: 1, meaning: 'Personal data of a private person' },
    ]);
    expect(redactionLegend(['X1'], {}, t as never)).toEqual([{ code: 'X1', count: 1, meaning: undefined }]);
  });
});
