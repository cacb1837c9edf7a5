/** How a table's first row and ragged rows are judged: a header or data, and the exact error for rows of the wrong width. */
import { describe, expect, it } from 'vitest';
import { isHeaderRow } from '../../src/pipeline/processors/table/header-row.ts';
import { RaggedRows } from '../../src/pipeline/processors/table/ragged-rows.ts';

describe('isHeaderRow', () => {
  it('takes a row of names as the header', () => {
    expect(isHeaderRow(['id', 'received', 'agency', 'subject', 'contact'])).toBe(true);
    expect(isHeaderRow(['', 'Report of all payments', '', 'Q1 2019'])).toBe(true);
  });
  it('reads a row holding values as data', () => {
    for (const row of [
      ['1', 'Jane Roe', 'Springfield'],
      ['Jane Roe', '2020-05-26', 'Springfield'],
      ['Jane Roe', 'jane@example.org'],
      ['Jane Roe', '219-09-9999'],
      ['Jane Roe', '(202) 456-1414'],
      ['Jane Roe', '12 Station Road'],
      ['Jane Roe', '$1,200.00'],
    ]) {
      expect(isHeaderRow(row), row.join()).toBe(false);
    }
  });
});

describe('RaggedRows', () => {
  it('says which line has how many cells, against the header, and how to quote a cell', () => {
    const ragged = new RaggedRows(5, { line: 1, isHeader: true });
    expect(ragged.check(5, 2)).toBe(false);
    expect(ragged.check(6, 4)).toBe(true);
    const e = ragged.error(',');
    expect(e.message).toBe('line 4 has 6 cells, but the header (line 1) has 5; a row is never padded or shifted, since a cell could land in the wrong column');
    expect(e.hint).toBe(
      'a cell that contains the delimiter ",", a double quote or a line break must be in double quotes ("Smith, John"); fix the file or its export so that every row has 5 cells',
    );
  });

  it('lists up to ten lines and counts the rest, against the first row of a table without a header', () => {
    const ragged = new RaggedRows(3, { line: 2, isHeader: false });
    for (let line = 3; line < 16; line++) ragged.check(line % 2 ? 4 : 2, line);
    expect(ragged.error(';').message).toBe(
      '13 rows do not have the 3 cells of the first row (line 2): line 3 has 4, line 4 has 2, line 5 has 4, line 6 has 2, line 7 has 4, line 8 has 2, ' +
        'line 9 has 4, line 10 has 2, line 11 has 4, line 12 has 2, and 3 more; a row is never padded or shifted, since a cell could land in the wrong column',
    );
  });

  it('tells a TSV that its cells cannot hold tabs', () => {
    const ragged = new RaggedRows(2, { line: 1, isHeader: true });
    ragged.check(3, 7);
    expect(ragged.error('\t').hint).toBe(
      'a TSV cell cannot hold a tab or a line break: remove them from the cell (or export as CSV, with such cells in double quotes), so that every row has 2 cells',
    );
  });
});
