/** What goes into a table's downloads: formulas neutralized for spreadsheets, JSON keys taken as they are. */
import { describe, expect, it } from 'vitest';
import { jsonRecord, neutralizeFormula } from '../../src/pipeline/processors/table/downloads.ts';

describe('neutralizeFormula', () => {
  it('puts an apostrophe before cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+cmd|x', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x.example")']) {
      expect(neutralizeFormula(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves other cells and plain numbers as they are', () => {
    for (const cell of ['', 'text', '1+1', '-12.5', '+44', '-.5', "'=already"]) expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe('jsonRecord', () => {
  it('keeps every column name as a key, __proto__ included', () => {
    const record = JSON.parse(jsonRecord(['id', '__proto__', 'constructor'], ['1', 'a']));
    expect(Object.keys(record)).toEqual(['id', '__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('a');
    expect(record.constructor).toBe('');
  });
});
