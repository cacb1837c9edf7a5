/**
 * Tables (CSV, TSV): database exports, as leaks carry them. Rows are read
 * as a stream (see table/read-table.ts) and written in pages of
 * ROWS_PER_PAGE to `rows/<n>.json`, from which the site renders static,
 * paginated table pages and search records; nothing holds the whole table
 * in memory. Column statistics are gathered on the way. Columns the sidecar
 * redacts are dropped before anything else sees the row. Downloads: the
 * table as UTF-8 CSV and as JSON, both without redacted columns.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { rulesFor } from '../audit/rules/index.ts';
import type { Finding } from '../audit/types.ts';
import { DocumentError } from '../errors.ts';
import { ColumnStats } from '../table/columns.ts';
import { readTable } from '../table/read-table.ts';
import { sanitizeText } from '../text/encoding.ts';
import { writeGenericThumbnail } from './thumbnail.ts';
import type { PageResult, ProcessJob, Processor, ProcessResult, ProgressFn, TableInfo } from './types.ts';

export const ROWS_PER_PAGE = 100;

/** Unique, non-empty column names: `""` becomes `column 3`, a repeated `name` becomes `name (2)`. */
export function columnNames(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = sanitizeText(raw).trim() || `column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: NodeJS.WritableStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export const tableProcessor: Processor = {
  type: 'table',
  async process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult> {
    const extension = path.extname(job.absPath).slice(1).toLowerCase();
    const { encoding, delimiter, rows } = await readTable(job.absPath, extension);
    const first = await rows.next();
    if (first.done) throw new DocumentError('the table is empty', 'replace it with the real export');
    const allNames = columnNames(first.value.cells);
    const redact = job.redaction?.columns ?? [];
    for (const name of redact) {
      if (!allNames.includes(name)) {
        throw new DocumentError(
          `redactColumns names "${name}", which is not a column of this table`,
          `the columns are: ${allNames.map((n) => `"${n}"`).join(', ')}`,
        );
      }
    }
    const keep = allNames.map((n, i) => (redact.includes(n) ? -1 : i)).filter((i) => i >= 0);
    const names = keep.map((i) => allNames[i]);
    const stats = names.map((n) => new ColumnStats(n));

    await mkdir(path.join(job.outDir, 'rows'), { recursive: true });
    const csvFile = createWriteStream(path.join(job.outDir, 'download.csv'));
    const csv = stringify({ header: true, columns: names, bom: false });
    csv.pipe(csvFile);
    const json = createWriteStream(path.join(job.outDir, 'download.json'));
    await write(json, '[');

    const findings: Finding[] = [];
    let rowCount = 0;
    let raggedRows = 0;
    let page: string[][] = [];
    let pageNumber = 0;
    const flush = async () => {
      if (page.length === 0) return;
      pageNumber++;
      await writeFile(path.join(job.outDir, 'rows', `${pageNumber}.json`), JSON.stringify(page));
      const text = page.map((r) => r.join(' · ')).join('\n');
      for (const rule of rulesFor('text')) findings.push(...rule.check(pageNumber, text));
      page = [];
      progress(pageNumber, 0);
    };

    for await (const { cells } of rows) {
      if (cells.length !== allNames.length) raggedRows++;
      const row = keep.map((i) => sanitizeText(cells[i] ?? ''));
      row.forEach((cell, c) => stats[c].add(cell));
      if (!csv.write(row)) await once(csv, 'drain');
      const record: Record<string, string> = {};
      names.forEach((n, c) => (record[n] = row[c]));
      await write(json, `${rowCount === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
      page.push(row);
      rowCount++;
      if (page.length === ROWS_PER_PAGE) await flush();
    }
    await flush();
    await write(json, '\n]\n');
    await Promise.all([close(json), close(csv).then(() => once(csvFile, 'close'))]);

    const pageCount = Math.max(1, pageNumber);
    if (pageNumber === 0) await writeFile(path.join(job.outDir, 'rows', '1.json'), '[]');
    const pages: PageResult[] = Array.from({ length: pageCount }, (_, i) => ({ pageNumber: i + 1, widthPx: 0, heightPx: 0, text: '', noImage: true }));
    const table: TableInfo = {
      columns: stats.map((s) => s.summary()),
      rowCount,
      rowsPerPage: ROWS_PER_PAGE,
      encoding,
      delimiter,
      raggedRows,
      redactedColumns: redact,
    };
    const thumbnail = await writeGenericThumbnail(path.join(job.outDir, 'thumb.webp'), job.options, 'table');
    progress(pageCount, pageCount);
    return { type: 'table', pageCount, pages, thumbnail, downloadExtension: 'csv', extraDownloads: ['json'], table, findings };
  },
};
