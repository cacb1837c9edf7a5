/**
 * Whether a table's first row names its columns or is already data.
 * Database exports come both ways, and a file gives no sign of which. The
 * first row is the header unless one of its cells reads as a value, not a
 * name: a number, a date or time, an amount, an e-mail address, or
 * personal information the audit finds. A header-less table's columns are
 * `column 1`, `column 2`…, the names `redactColumns` then uses. Either way
 * the audit reads the row: as data, or as the column names it publishes.
 */
import { rulesFor } from '../../audit/rules/index.ts';
import type { TextRuleOptions } from '../../audit/types.ts';

/** Figures: `42`, `-3.5`, `$1,200.00`, `12%`, `2020-05-26`, `3/4/2019`, `12:30`, `(202) 456-1414`. */
const FIGURE = /^[-+(]?\s*[$€£¥]?\s*\d[\d\s.,/:()-]*%?$/u;
const EMAIL = /\S@\S+\.\p{L}{2,}/u;

export function isHeaderRow(cells: string[], options?: TextRuleOptions): boolean {
  return !cells.some((raw) => {
    const cell = raw.trim();
    if (cell === '') return false;
    return FIGURE.test(cell) || EMAIL.test(cell) || rulesFor('text').some((rule) => rule.check(1, cell, undefined, options).length > 0);
  });
}
