/**
 * A collection's `metadata.csv`: one row per document, describing many
 * documents at once. The header names sidecar fields, plus `file` (the
 * document's file name in the collection folder). Lists (`tags`) are
 * separated by `;`. A sidecar for the same document overrides the row field
 * by field. Malformed rows, unknown columns and rows naming missing files
 * are problems with the CSV file and line.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Problem } from '../errors.ts';

export const BULK_FILE = 'metadata.csv';

/** Columns whose cells are lists, split on `;`. */
const LIST_FIELDS = new Set(['tags']);
/** Columns whose cells are true/false. */
const BOOLEAN_FIELDS = new Set(['draft']);
/** Fields too structured for a cell: they belong in sidecars. */
const SIDECAR_ONLY = new Set(['redactions', 'audit']);

export interface BulkRow {
  /** The document's file name, as written in the `file` column. */
  file: string;
  /** 1-based line of the row in the CSV. */
  line: number;
  /** Sidecar fields from the row's non-empty cells. */
  fields: Record<string, unknown>;
}

export interface BulkMetadata {
  rows: Map<string, BulkRow>;
  /** Some rows could not be read: documents without a sidecar may be described there. */
  unreadableRows: boolean;
}

export async function readBulkMetadata(absPath: string, file: string, knownFields: string[], problems: Problem[]): Promise<BulkMetadata> {
  const rows = new Map<string, BulkRow>();
  const result: BulkMetadata = { rows, unreadableRows: false };
  const unreadable = (err: { message: string; lines?: number }) => {
    result.unreadableRows = true;
    problems.push({
      file,
      line: err.lines,
      message: `this row cannot be read: ${err.message.replace(/^Invalid Record Length: /, '').split('\n')[0]}`,
      hint: 'every row needs as many cells as the header; quote cells that contain commas, quotes or line breaks',
    });
  };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    const text = await readFile(absPath, 'utf8');
    records = parse(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      // Report a bad row and go on with the others.
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) unreadable(err as unknown as { message: string; lines?: number });
        return undefined;
      },
    });
  } catch (e) {
    unreadable(e as { message: string; lines?: number });
    return result;
  }
  if (records.length === 0) return result;
  const columns = Object.keys(records[0].record);
  let headerOk = true;
  if (!columns.includes('file')) {
    problems.push({ file, line: 1, message: 'the header has no "file" column', hint: 'add a "file" column naming each document file, e.g. memo.pdf' });
    headerOk = false;
  }
  for (const column of columns) {
    if (column === 'file') continue;
    if (SIDECAR_ONLY.has(column)) {
      problems.push({ file, line: 1, message: `column "${column}" cannot be given in ${BULK_FILE}`, hint: `write ${column} in the document's sidecar` });
      headerOk = false;
    } else if (!knownFields.includes(column)) {
      problems.push({ file, line: 1, message: `unknown column "${column}"`, hint: `columns are sidecar field names: file, ${knownFields.filter((f) => !SIDECAR_ONLY.has(f)).join(', ')}` });
      headerOk = false;
    }
  }
  if (!headerOk) {
    result.unreadableRows = true;
    return result;
  }
  for (const { record, info } of records) {
    const line = info.lines;
    const name = record.file;
    if (!name) {
      problems.push({ file, line, message: 'this row has no "file"', hint: 'name the document file the row describes' });
      continue;
    }
    if (rows.has(name)) {
      problems.push({ file, line, message: `"${name}" is described twice (also on line ${rows.get(name)!.line})`, hint: 'keep one row per document' });
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (column === 'file' || cell === '') continue;
      if (LIST_FIELDS.has(column)) fields[column] = cell.split(';').map((v) => v.trim()).filter(Boolean);
      else if (BOOLEAN_FIELDS.has(column)) fields[column] = /^(true|yes|1)$/i.test(cell) ? true : /^(false|no|0)$/i.test(cell) ? false : cell;
      else fields[column] = cell;
    }
    rows.set(name, { file: name, line, fields });
  }
  return result;
}
