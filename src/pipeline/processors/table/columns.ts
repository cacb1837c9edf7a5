/**
 * Per-column statistics of a table, gathered one cell at a time in bounded
 * memory: the column's type (the most specific one every non-empty cell
 * fits), how many cells are filled, distinct values (counted exactly up to
 * a cap), the most common values of low-cardinality columns, and min/max
 * for numbers and dates. Pure and browser-safe.
 */
import type { ColumnSummary, ColumnType } from '../../../lib/model.ts';

/** Exact distinct counting stops here (memory bound per column). */
export const DISTINCT_CAP = 10_000;
/** Columns with at most this many distinct values show their top values. */
export const LOW_CARDINALITY = 50;

const INTEGER = /^[-+]?\d{1,15}$/;
const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i;
const BOOLEAN = /^(?:true|false|yes|no|y|n)$/i;

/** A date cell as a sortable `YYYY-MM-DD[ HH:MM]`, or undefined when it is not a date. */
export function asDate(cell: string): string | undefined {
  const iso = ISO_DATE.exec(cell);
  if (iso) {
    const [, y, m, d, hh, mm] = iso;
    if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
    return hh ? `${y}-${m}-${d} ${hh}:${mm}` : `${y}-${m}-${d}`;
  }
  const us = US_DATE.exec(cell);
  if (us) {
    const [, m, d, y] = us;
    if (Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
    return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  }
  return undefined;
}

/**
 * A number cell's value, or undefined when it is not a number, or is one
 * only in looks: a leading zero (ZIP codes such as 02134, account numbers)
 * would be lost, and more than 15 digits before the point (19-digit IDs)
 * exceed what a double holds exactly. Those columns are text.
 */
export function asNumber(cell: string): number | undefined {
  if (!NUMBER.test(cell) || !/\d/.test(cell)) return undefined;
  if (/^[-+]?0[\d,]/.test(cell)) return undefined;
  if (cell.replace(/[eE.].*$/, '').replace(/\D/g, '').length > 15) return undefined;
  const n = Number(cell.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

export class ColumnStats {
  private filled = 0;
  private couldBe = { integer: true, number: true, date: true, boolean: true };
  private counts = new Map<string, number>();
  private capped = false;
  private minNumber = Infinity;
  private maxNumber = -Infinity;
  private minDate: string | undefined;
  private maxDate: string | undefined;

  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  add(raw: string): void {
    const cell = raw.trim();
    if (cell === '') return;
    this.filled++;
    if (!this.capped) {
      this.counts.set(cell, (this.counts.get(cell) ?? 0) + 1);
      if (this.counts.size > DISTINCT_CAP) this.capped = true;
    } else if (this.counts.has(cell)) {
      this.counts.set(cell, this.counts.get(cell)! + 1);
    }
    const c = this.couldBe;
    if (c.integer && !INTEGER.test(cell)) c.integer = false;
    if (c.number || c.integer) {
      const n = asNumber(cell);
      if (n === undefined) c.number = c.integer = false;
      else {
        this.minNumber = Math.min(this.minNumber, n);
        this.maxNumber = Math.max(this.maxNumber, n);
      }
    }
    if (c.date) {
      const d = asDate(cell);
      if (d === undefined) c.date = false;
      else {
        if (this.minDate === undefined || d < this.minDate) this.minDate = d;
        if (this.maxDate === undefined || d > this.maxDate) this.maxDate = d;
      }
    }
    if (c.boolean && !BOOLEAN.test(cell)) c.boolean = false;
  }

  summary(): ColumnSummary {
    const c = this.couldBe;
    const type: ColumnType = this.filled === 0 ? 'empty' : c.integer ? 'integer' : c.number ? 'number' : c.date ? 'date' : c.boolean ? 'boolean' : 'text';
    const distinct = this.capped ? DISTINCT_CAP : this.counts.size;
    const out: ColumnSummary = { name: this.name, type, filled: this.filled, distinct, distinctCapped: this.capped };
    if (!this.capped && this.counts.size > 0 && this.counts.size <= LOW_CARDINALITY) {
      out.top = [...this.counts]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 5)
        .map(([value, count]) => ({ value, count }));
    }
    if (type === 'integer' || type === 'number') {
      out.min = String(this.minNumber);
      out.max = String(this.maxNumber);
    } else if (type === 'date') {
      out.min = this.minDate;
      out.max = this.maxDate;
    }
    return out;
  }
}
