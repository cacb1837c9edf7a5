/**
 * Tables (CSV, TSV): database exports, as leaks carry them. Rows are read
 * as a stream (see processors/table/read-table.ts) and written in pages of
 * ROWS_PER_PAGE to `rows/<n>.json`, from which the site renders static,
 * paginated table pages and search records; nothing holds the whole table
 * in memory. Column statistics are gathered on the way. Columns the sidecar
 * redacts are dropped before anything else sees the row. The first row is
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
import { readTable } from './table/read-table.ts';
import { sanitizeText } from './text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
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
    const hasHeader = isHeaderRow(first.value.cells, job.audit);
    const namer = new ColumnNamer();
    for (const raw of first.value.cells) namer.add(hasHeader ? raw : '');
    const width = namer.names.length;
    const redact = job.redaction?.columns ?? [];
    // A redacted name withholds every column of that name: a repeated header "Address" is
    // also read as "Address (2)", and publishing that twin would defeat the redaction.
    const matched = new Set<string>();
    const redacted = (index: number) => {
      const hit = redact.filter((r) => r === namer.names[index] || r === namer.bases[index]);
      for (const r of hit) matched.add(r);
      return hit.length > 0;
    };
    /** Source cell index of each published column. */
    const keep: number[] = [];
    const withheld: string[] = [];
    for (let i = 0; i < width; i++) {
      if (redacted(i)) withheld.push(namer.names[i]!);
      else keep.push(i);
    }
    const names = keep.map((i) => namer.names[i]);
    const stats = names.map((name) => new ColumnStats(name));
    // A column named SSN or Phone tells the rules what its cells are, as a label before a number does in prose.
    const labels = keep.map((i) => (hasHeader ? columnLabel(namer.bases[i]) : undefined));
    const auditLine = (row: string[]) => row.map((cell, c) => (labels[c] ? `${labels[c]}: ${cell}` : cell)).join(' · ');

    await mkdir(path.join(job.outDir, 'rows'), { recursive: true });
    const findings: Finding[] = [];
    let rowCount = 0;
    let page: string[][] = [];
    let pageNumber = 0;
    // Published as the column names: audited with the first page of rows.
    let pending = hasHeader ? `${names.join(' · ')} ·\n` : '';
    const flush = async () => {
      if (page.length === 0) return;
      pageNumber++;
      await writeFile(path.join(job.outDir, 'rows', `${pageNumber}.json`), JSON.stringify(page));
      // Rows end with a cell separator, so no number is read across two rows.
      const text = pending + page.map(auditLine).join(' ·\n');
      pending = '';
      for (const rule of rulesFor('text')) findings.push(...rule.check(pageNumber, text, undefined, job.audit));
      page = [];
      progress(pageNumber, 0);
    };

    const ragged = new RaggedRows(width, { line: first.value.line, isHeader: hasHeader });
    const addRow = async (cells: string[]) => {
      const row = keep.map((i) => sanitizeText(cells[i] ?? ''));
      row.forEach((cell, c) => stats[c].add(cell));
      page.push(row);
      rowCount++;
      if (page.length === ROWS_PER_PAGE) await flush();
    };
    if (!hasHeader) await addRow(first.value.cells);
    for await (const { cells, line } of rows) {
      // Once a row is ragged the document fails: the rest is only read for the lines to name.
      if (ragged.check(cells.length, line) || ragged.found) continue;
      await addRow(cells);
    }
    if (ragged.found) throw ragged.error(delimiter);
    await flush();

    const unknown = redact.filter((r) => !matched.has(r));
    if (unknown.length > 0) {
      throw new DocumentError(
        `redactColumns names ${unknown.map((n) => `"${n}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of this table`,
        `the columns are: ${namer.names.map((n) => `"${n}"`).join(', ')}${hasHeader ? '' : ' (its first row holds values, so it is read as data, not as column names)'}`,
      );
    }
    if (pending) for (const rule of rulesFor('text')) findings.push(...rule.check(1, pending, undefined, job.audit));
    const pageCount = Math.max(1, pageNumber);
    if (pageNumber === 0) await writeFile(path.join(job.outDir, 'rows', '1.json'), '[]');
    const format = extension === 'tsv' ? 'tsv' : 'csv';
    await writeTableDownloads(job.outDir, names, pageCount, format);

    const pages: PageResult[] = Array.from({ length: pageCount }, (_, i) => ({ pageNumber: i + 1, widthPx: 0, heightPx: 0, text: '', noImage: true }));
    const table: TableInfo = {
      columns: stats.map((s) => s.summary()),
      rowCount,
      rowsPerPage: ROWS_PER_PAGE,
      encoding,
      delimiter,
      header: hasHeader,
      redactedColumns: withheld,
    };
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'table');
    progress(pageCount, pageCount);
    return { type: 'table', pageCount, pages, thumbnail, downloadExtension: format, extraDownloads: ['json'], table, findings };
  },
};
