/** Column typing and summaries of tables. */
import { describe, expect, it } from 'vitest';
import { asDate, ColumnStats, DISTINCT_CAP } from '../../src/pipeline/processors/table/columns.ts';

const summarize = (name: string, cells: string[]) => {
  const s = new ColumnStats(name);
  for (const c of cells) s.add(c);
  return s.summary();
};

describe('column typing', () => {
  it('finds integers, numbers, dates, booleans and text, ignoring empty cells', () => {
    expect(summarize('n', ['1', '-20', '', '300']).type).toBe('integer');
    expect(summarize('x', ['1.5', '2', '1,234.50', '3e2']).type).toBe('number');
    expect(summarize('d', ['2020-05-26', '05/27/2020', '2020-06-01T14:03']).type).toBe('date');
    expect(summarize('b', ['Yes', 'no', 'TRUE']).type).toBe('boolean');
    expect(summarize('t', ['12', 'twelve']).type).toBe('text');
    expect(summarize('e', ['', ' ']).type).toBe('empty');
  });

  it('gives min and max of numbers and dates', () => {
    expect(summarize('n', ['10', '-2', '7'])).toMatchObject({ min: '-2', max: '10' });
    expect(summarize('d', ['2020-05-26', '01/02/2019', '2021-12-31'])).toMatchObject({ min: '2019-01-02', max: '2021-12-31' });
  });

  it('keeps ZIP codes with leading zeros and IDs longer than 15 digits as text', () => {
    const zips = summarize('zip', ['02134', '10001', '00501']);
    expect(zips.type).toBe('text');
    expect(zips.min).toBeUndefined();
    const ids = summarize('id', ['1234567890123456789', '1234567890123456790']);
    expect(ids.type).toBe('text');
    expect(ids.min).toBeUndefined();
    expect(summarize('n', ['0', '0.5', '-0.25', '123456789012345']).type).toBe('number');
    expect(summarize('n', ['0', '7', '123456789012345'])).toMatchObject({ type: 'integer', min: '0', max: '123456789012345' });
  });

  it('rejects impossible dates', () => {
    expect(asDate('2020-13-01')).toBeUndefined();
    expect(asDate('13/45/2020')).toBeUndefined();
  });

  it('counts distinct values and shows the top values of low-cardinality columns', () => {
    const s = summarize('agency', ['FBI', 'DHS', 'FBI', 'NYPD', 'FBI', 'DHS', '']);
    expect(s).toMatchObject({ filled: 6, distinct: 3, distinctCapped: false });
    expect(s.top).toEqual([
      { value: 'FBI', count: 3 },
      { value: 'DHS', count: 2 },
      { value: 'NYPD', count: 1 },
    ]);
  });

  it('caps distinct counting to bound memory', () => {
    const s = summarize(
      'id',
      Array.from({ length: DISTINCT_CAP + 50 }, (_, i) => `id-${i}`),
    );
    expect(s).toMatchObject({ distinct: DISTINCT_CAP, distinctCapped: true });
    expect(s.top).toBeUndefined();
  });
});
