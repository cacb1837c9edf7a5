/**
 * Rows whose cell count differs from the header's. Such a row has a cell
 * that holds the delimiter without quotes, or has lost one, and no reader
 * can tell which: padding or shifting it would publish a cell under the
 * wrong column, and a value of a column withheld by `redactColumns` under
 * one that is published. So a ragged row stops the document, naming every
 * such line (up to a few) and how to fix the file.
 */
import { DocumentError } from '../../errors.ts';

const LISTED = 10;

export class RaggedRows {
  private readonly lines: { line: number; cells: number }[] = [];
  private count = 0;

  private readonly width: number;
  private readonly header: { line: number; isHeader: boolean };

  constructor(width: number, header: { line: number; isHeader: boolean }) {
    this.width = width;
    this.header = header;
  }

  /** Notes the row if it is ragged; true when it is. */
  check(cells: number, line: number): boolean {
    if (cells === this.width) return false;
    if (this.count++ < LISTED) this.lines.push({ line, cells });
    return true;
  }

  get found(): boolean {
    return this.count > 0;
  }

  error(delimiter: string): DocumentError {
    const first = `${this.header.isHeader ? 'the header' : 'the first row'} (line ${this.header.line})`;
    const cells = (n: number) => `${n} cell${n === 1 ? '' : 's'}`;
    const listed = this.lines.map((l) => `line ${l.line} has ${l.cells}`);
    const more = this.count - this.lines.length;
    const message =
      this.count === 1
        ? `line ${this.lines[0]!.line} has ${cells(this.lines[0]!.cells)}, but ${first} has ${this.width}`
        : `${this.count} rows do not have the ${cells(this.width)} of ${first}: ${listed.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
    const hint =
      delimiter === '\t'
        ? `a TSV cell cannot hold a tab or a line break: remove them from the cell (or export as CSV, with such cells in double quotes), so that every row has ${cells(this.width)}`
        : `a cell that contains the delimiter "${delimiter}", a double quote or a line break must be in double quotes ("Smith${delimiter} John"); fix the file or its export so that every row has ${cells(this.width)}`;
    return new DocumentError(`${message}; a row is never padded or shifted, since a cell could land in the wrong column`, hint);
  }
}
