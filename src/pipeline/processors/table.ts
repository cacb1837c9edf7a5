/**
 * Tables (CSV, TSV): database exports, as leaks carry them. Rows are read
 * as a stream (see processors/table/read-table.ts) and written in pages of
 * ROWS_PER_PAGE to `rows/<n>.json`, from which the site renders static,
 * paginated table pages and search records; nothing holds the whole table
 * in memory. Column statistics are gathered on the way. Columns the sidecar
 * redacts are dropped before anything else sees the row, and `redactText`
 * is applied to every published cell (per column when an entry names one);
 * a row `redactRows` withholds keeps its number, with only its reason shown.
 * Findings name the row and column of their cell. The first row is
 * the header unless it holds values (see processors/table/header-row.ts); a row with
 * more or fewer cells than it fails the document (processors/table/ragged-rows.ts).
 * The audit reads every published cell and the column names. Downloads (see
 * processors/table/downloads.ts): the table as UTF-8 CSV (TSV for a .tsv file) and as
 * JSON, both without redacted columns.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { columnLabel } from '../audit/rules/context.ts';
import { ColumnStats } from './table/columns.ts';
import { writeTableDownloads } from './table/downloads.ts';
import { isHeaderRow } from './table/header-row.ts';
import { RaggedRows } from './table/ragged-rows.ts';
import { readTable, type TableRow } from './table/read-table.ts';
import { sanitizeText } from './text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
import { TextRedactor, textRedactionCounts, type ColumnContext } from '../redact/text-redactor.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn, TableInfo } from './types.ts';

export const ROWS_PER_PAGE = 100;

/**
 * Names columns as they appear: unique and non-empty. `""` becomes
 * `column 3`, a repeated `name` becomes `name (2)`. Each column also keeps
 * its base name (`name`), which is what `redactColumns` matches.
 */
class ColumnNamer {
  private seen = new Map<string, number>();
  private taken = new Set<string>();
  readonly names: string[] = [];
  readonly bases: string[] = [];

  add(raw: string): string {
    const index = this.names.length;
    const base = sanitizeText(raw).trim() || `column ${index + 1}`;
    let n = (this.seen.get(base) ?? 0) + 1;
    let name = n === 1 ? base : `${base} (${n})`;
    // A header may already hold a literal "name (2)" or "column 7": never reuse a name.
    while (this.taken.has(name)) name = `${base} (${++n})`;
    this.seen.set(base, n);
    this.taken.add(name);
    this.names.push(name);
    this.bases.push(base);
    return name;
  }
}

export const tableProcessor: Processor = {
  type: 'table',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const extension = path.extname(job.absPath).slice(1).toLowerCase();
    const { encoding, delimiter, rows } = await readTable(job.absPath, extension);
    const first = await rows.next();
    if (first.done) throw new DocumentError('the table is empty', 'replace it with the real export');
    const plan = planColumns(first.value.cells, isHeaderRow(first.value.cells, job.audit), job.redaction?.columns ?? []);
    const written = await writeRows(job, rows, first.value, plan, delimiter, progress);
    if (plan.unknown.length > 0) throw unknownColumnsError(plan);
    const missing = (job.redaction?.rows ?? []).filter((r) => r.to > written.rowCount);
    if (missing.length > 0) throw unknownRowsError(missing, written.rowCount);
    const pageCount = await written.finish();
    const format = extension === 'tsv' ? 'tsv' : 'csv';
    await writeTableDownloads(job.outDir, plan.names, pageCount, format);

    const pages: PageResult[] = Array.from({ length: pageCount }, (_, i) => ({ pageNumber: i + 1, widthPx: 0, heightPx: 0, text: '', noImage: true }));
    const table: TableInfo = {
      columns: written.stats.map((s) => s.summary()),
      rowCount: written.rowCount,
      rowsPerPage: ROWS_PER_PAGE,
      encoding,
      delimiter,
      header: plan.hasHeader,
      redactedColumns: plan.withheld,
    };
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'table');
    progress(pageCount, pageCount);
    return {
      type: 'table',
      pageCount,
      pages,
      thumbnail,
      downloadExtension: format,
      extraDownloads: ['json'],
      table,
      findings: written.findings,
      ...textRedactionCounts(written.redactor),
    };
  },
};

/** Which of the table's columns are published, under which names, and which the sidecar's redactColumns withholds. */
interface ColumnPlan {
  hasHeader: boolean;
  /** Every column's name, withheld ones included. */
  allNames: string[];
  /** Source cell index of each published column. */
  keep: number[];
  /** Names of the published columns. */
  names: string[];
  /** What each published column's name tells the audit rules its cells are. */
  labels: (string | undefined)[];
  /** Each published column as `redactText` sees it (its name, its name as read, its label). */
  contexts: ColumnContext[];
  /** Names of the withheld columns. */
  withheld: string[];
  /** Names in redactColumns that match no column. */
  unknown: string[];
}

function planColumns(firstRow: string[], hasHeader: boolean, redact: string[]): ColumnPlan {
  const namer = new ColumnNamer();
  for (const raw of firstRow) namer.add(hasHeader ? raw : '');
  // A redacted name withholds every column of that name: a repeated header "Address" is
  // also read as "Address (2)", and publishing that twin would defeat the redaction.
  const matches = (r: string, index: number) => r === namer.names[index] || r === namer.bases[index];
  const keep: number[] = [];
  const withheld: string[] = [];
  for (let i = 0; i < namer.names.length; i++) {
    if (redact.some((r) => matches(r, i))) withheld.push(namer.names[i]!);
    else keep.push(i);
  }
  return {
    hasHeader,
    allNames: namer.names,
    keep,
    names: keep.map((i) => namer.names[i]!),
    // A column named SSN or Phone tells the rules what its cells are, as a label before a number does in prose.
    labels: keep.map((i) => (hasHeader ? columnLabel(namer.bases[i]!) : undefined)),
    contexts: keep.map((i) => ({ name: namer.names[i]!, base: namer.bases[i]!, label: hasHeader ? columnLabel(namer.bases[i]!) : undefined })),
    withheld,
    unknown: redact.filter((r) => !namer.names.some((_, i) => matches(r, i))),
  };
}

function unknownColumnsError(plan: ColumnPlan): DocumentError {
  const { unknown } = plan;
  return new DocumentError(
    `redactColumns names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of this table`,
    `the columns are: ${plan.allNames.map((n) => `"${n}"`).join(', ')}${plan.hasHeader ? '' : ' (its first row holds values, so it is read as data, not as column names)'}`,
  );
}

function unknownRowsError(missing: { from: number; to: number }[], rowCount: number): DocumentError {
  const list = missing.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(', ');
  return new DocumentError(
    `redactRows names row${missing.length > 1 || missing[0]!.from !== missing[0]!.to ? 's' : ''} ${list}, but the table has ${rowCount.toLocaleString('en')} row${rowCount === 1 ? '' : 's'}`,
    'rows are numbered as the table pages show them, from 1 (the header row is not counted); check the numbers',
  );
}

/** Reads the rows after the first and writes their published cells; a ragged row fails the document, once every row is read. */
async function writeRows(
  job: ProcessJob,
  rows: AsyncIterable<TableRow>,
  first: TableRow,
  plan: ColumnPlan,
  delimiter: string,
  progress: ProgressFn,
): Promise<RowPages> {
  await mkdir(path.join(job.outDir, 'rows'), { recursive: true });
  const pages = new RowPages(job, plan, progress);
  const ragged = new RaggedRows(plan.allNames.length, { line: first.line, isHeader: plan.hasHeader });
  if (!plan.hasHeader) await pages.add(first.cells);
  for await (const { cells, line } of rows) {
    // Once a row is ragged the document fails: the rest is only read for the lines to name.
    if (ragged.check(cells.length, line) || ragged.found) continue;
    await pages.add(cells);
  }
  if (ragged.found) throw ragged.error(delimiter);
  await pages.flush();
  return pages;
}

/**
 * The published rows, written in pages of ROWS_PER_PAGE to `rows/<n>.json`
 * and audited a page at a time, so no more than one page is held; column
 * statistics are gathered on the way.
 */
class RowPages {
  readonly findings: Finding[] = [];
  readonly stats: ColumnStats[];
  readonly redactor: TextRedactor;
  rowCount = 0;
  /** Rows of `redactRows` seen, by request: the ones never seen name rows the table does not have. */
  readonly withheld: number[];
  private pageNumber = 0;
  private page: string[][] = [];
  /** Published as the column names: audited with the first page of rows. */
  private pending: string;
  private readonly job: ProcessJob;
  private readonly plan: ColumnPlan;
  private readonly progress: ProgressFn;

  constructor(job: ProcessJob, plan: ColumnPlan, progress: ProgressFn) {
    this.job = job;
    this.plan = plan;
    this.progress = progress;
    this.stats = plan.names.map((name) => new ColumnStats(name));
    this.redactor = new TextRedactor(job.redaction?.texts ?? [], job.audit);
    this.withheld = (job.redaction?.rows ?? []).map(() => 0);
    this.pending = plan.hasHeader ? `${plan.names.join(' · ')} ·\n` : '';
  }

  async add(cells: string[]): Promise<void> {
    this.rowCount++;
    const withheldBy = this.withholding(this.rowCount);
    // A withheld row keeps its place and number, so the rows after it keep theirs: the reader sees where and why, never what.
    const row =
      withheldBy !== undefined
        ? this.plan.keep.map((_, c) => (c === 0 ? `[row withheld ${withheldBy}]` : ''))
        : this.plan.keep.map((i, c) => this.redactor.redact(sanitizeText(cells[i] ?? ''), this.plan.contexts[c]));
    if (withheldBy === undefined) row.forEach((cell, c) => this.stats[c]!.add(cell));
    this.page.push(row);
    if (this.page.length === ROWS_PER_PAGE) await this.flush();
  }

  /** The reason `redactRows` withholds row `n` for, or undefined. */
  private withholding(n: number): string | undefined {
    const requests = this.job.redaction?.rows ?? [];
    const i = requests.findIndex((r) => n >= r.from && n <= r.to);
    if (i < 0) return undefined;
    this.withheld[i]!++;
    return requests[i]!.reason;
  }

  async flush(): Promise<void> {
    if (this.page.length === 0) return;
    this.pageNumber++;
    await writeFile(path.join(this.job.outDir, 'rows', `${this.pageNumber}.json`), JSON.stringify(this.page));
    // Rows end with a cell separator, so no number is read across two rows.
    const firstRow = this.rowCount - this.page.length + 1;
    const cells = new CellMap(this.pending.length);
    const text = this.pending + this.page.map((row, i) => this.auditLine(row, firstRow + i, cells)).join(' ·\n');
    this.pending = '';
    this.audit(this.pageNumber, text, cells);
    this.page = [];
    this.progress(this.pageNumber, 0);
  }

  /** After the last flush: audits column names that no row came with, and gives a table without rows its one empty page. Returns the page count. */
  async finish(): Promise<number> {
    if (this.pending) this.audit(1, this.pending);
    if (this.pageNumber === 0) await writeFile(path.join(this.job.outDir, 'rows', '1.json'), '[]');
    return Math.max(1, this.pageNumber);
  }

  /** A row as the audit reads it (each cell after its column's label, if any); `cells` notes where each cell lies. */
  private auditLine(row: string[], rowNumber: number, cells: CellMap): string {
    const labels = this.plan.labels;
    let line = '';
    row.forEach((cell, c) => {
      if (c > 0) line += ' · ';
      if (labels[c]) line += `${labels[c]}: `;
      cells.add(line.length, rowNumber, c);
      line += cell;
    });
    cells.endRow(line.length + 3);
    return line;
  }

  /** The text rules over a page of rows; each finding names the row and column of the cell it is in. */
  private audit(pageNumber: number, text: string, cells?: CellMap): void {
    for (const rule of rulesFor('text')) {
      for (const f of rule.check(pageNumber, text, cells?.locator(), this.job.audit)) {
        const cell = cells?.cellOf(f.box);
        // The grid box is no place on a page: it becomes the row and the column.
        const finding: Finding = { ...f };
        delete finding.box;
        this.findings.push(cell ? { ...finding, row: cell.row, column: this.plan.names[cell.column] } : finding);
      }
    }
  }
}

/**
 * Where each cell of a page of rows lies in the text the audit reads. Its
 * locator gives a finding the cell it starts in as a box in the grid (x the
 * column, y the row, 1 × 1), which also keeps the same value in two cells
 * two findings; the processor turns that into `row` and `column`.
 */
class CellMap {
  private readonly starts: number[] = [];
  private readonly places: { row: number; column: number }[] = [];
  private offset: number;

  constructor(offset: number) {
    this.offset = offset;
  }

  add(at: number, row: number, column: number): void {
    this.starts.push(this.offset + at);
    this.places.push({ row, column });
  }

  /** Called after each row's line, with its length and the separator's (" ·\n"). */
  endRow(length: number): void {
    this.offset += length;
  }

  locator() {
    return (start: number): { x: number; y: number; width: number; height: number } | undefined => {
      // The last cell that starts at or before the match.
      let lo = 0;
      let hi = this.starts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (this.starts[mid]! <= start) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return undefined;
      const { row, column } = this.places[found]!;
      return { x: column, y: row, width: 1, height: 1 };
    };
  }

  cellOf(box: { x: number; y: number } | undefined): { row: number; column: number } | undefined {
    return box ? { row: box.y, column: box.x } : undefined;
  }
}
