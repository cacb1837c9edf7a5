/**
 * A table's downloads, written once every row is read: the table as
 * UTF-8 CSV (or TSV, for a .tsv source) and as JSON, both made from the
 * pages of rows the processor wrote (`rows/<n>.json`, redacted columns
 * already gone), so the whole table is never in memory.
 *
 * The CSV/TSV download is meant to be opened in spreadsheets, which run a
 * cell that starts with `=`, `+`, `-` or `@` as a formula (CSV injection):
 * such cells get a leading apostrophe, as OWASP recommends. The JSON
 * download and the pages show cells as they are.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'csv-stringify';

/** A cell a spreadsheet might run as a formula. Tab and carriage return also start formulas in some spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number ("-12.5", "+44"): spreadsheets read it as the number, so it needs no apostrophe (negative amounts stay numbers). */
const PLAIN_NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The cell as it goes into the CSV/TSV download: a leading apostrophe when a spreadsheet would read it as a formula. */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

/** One JSON record; built as text so that any column name, `__proto__` included, is a key like the others. */
export function jsonRecord(names: string[], row: string[]): string {
  return `{${names.map((n, c) => `${JSON.stringify(n)}:${JSON.stringify(row[c] ?? '')}`).join(',')}}`;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes `download.<format>` and `download.json` from `rows/1.json` … `rows/<pageCount>.json`.
 * TSV has no quoting: a tab or line break inside a cell becomes a space.
 */
export async function writeTableDownloads(outDir: string, names: string[], pageCount: number, format: 'csv' | 'tsv'): Promise<void> {
  const sheetFile = createWriteStream(path.join(outDir, `download.${format}`));
  const json = createWriteStream(path.join(outDir, 'download.json'));
  const padded = (row: string[]) => names.map((_, c) => row[c] ?? '');
  const csv = format === 'csv' ? stringify({ bom: false }) : undefined;
  csv?.pipe(sheetFile);
  const line = async (cells: string[]) => {
    const safe = cells.map(neutralizeFormula);
    if (csv) {
      if (!csv.write(safe)) await once(csv, 'drain');
    } else {
      await write(sheetFile, `${safe.map((c) => c.replace(/[\t\r\n]/g, ' ')).join('\t')}\n`);
    }
  };
  await line(names);
  await write(json, '[');
  let first = true;
  for (let page = 1; page <= pageCount; page++) {
    const rows = JSON.parse(await readFile(path.join(outDir, 'rows', `${page}.json`), 'utf8')) as string[][];
    for (const row of rows) {
      const cells = padded(row);
      await line(cells);
      await write(json, `${first ? '\n' : ',\n'}${jsonRecord(names, cells)}`);
      first = false;
    }
  }
  await write(json, '\n]\n');
  if (csv) csv.end();
  else sheetFile.end();
  json.end();
  await Promise.all([once(sheetFile, 'close'), once(json, 'close')]);
}
