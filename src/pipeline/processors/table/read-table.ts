/**
 * Streams the rows of a CSV or TSV file of unknown encoding: the encoding
 * is detected (UTF-8 with or without BOM, UTF-16, else Windows-1252), the
 * delimiter sniffed from the first line (`,` `;` tab `|`; always tab for
 * .tsv, where quotes are ordinary characters), and csv-parse reads quoted
 * cells with line breaks and rows of any length (the table processor
 * refuses rows of another width than the first). Memory stays bounded
 * whatever the file's size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { printable } from '../../audit/withhold.ts';
import { DocumentError } from '../../errors.ts';
import { detectEncoding, type DetectedEncoding } from '../text/encoding.ts';

/** The longest row accepted, in characters: a guard against files that are not tables. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** The encoding of a whole file: BOMs and UTF-16 from its start, then a streamed UTF-8 validity check. */
export async function detectFileEncoding(file: string): Promise<DetectedEncoding> {
  const handle = await open(file, 'r');
  const head = new Uint8Array(4096);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  await handle.close();
  const start = detectEncoding(head.subarray(0, bytesRead), { prefix: bytesRead === head.length });
  if (start !== 'utf-8') return start;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

async function* decoded(file: string, encoding: DetectedEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) yield decoder.decode(chunk as Buffer, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

export function sniffDelimiter(firstLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const c of candidates) {
    const count = firstLine.split(c).length - 1;
    if (count > bestCount) [best, bestCount] = [c, count];
  }
  return best;
}

export interface TableRow {
  cells: string[];
  /** 1-based line where the row starts in the file. */
  line: number;
}

export interface TableStream {
  encoding: DetectedEncoding;
  delimiter: string;
  rows: AsyncGenerator<TableRow>;
}

export async function readTable(file: string, extension: string): Promise<TableStream> {
  const encoding = await detectFileEncoding(file);
  let delimiter = '\t';
  if (extension !== 'tsv') {
    let firstLine = '';
    for await (const text of decoded(file, encoding)) {
      firstLine += text;
      if (firstLine.includes('\n') || firstLine.length > 65536) break;
    }
    delimiter = sniffDelimiter(firstLine.split('\n')[0] ?? '');
  }
  const parser = Readable.from(decoded(file, encoding)).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      // TSV has no quoting: a cell may start with a `"` that nothing closes.
      ...(extension === 'tsv' ? { quote: false } : {}),
      skip_empty_lines: true,
      info: true,
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  async function* rows(): AsyncGenerator<TableRow> {
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        // csv-parse counts lines to the end of the record: a quoted line break in a cell started it earlier.
        yield { cells: record, line: info.lines - lineBreaksIn(record) };
      }
    } catch (e) {
      const err = e as { message?: string; lines?: number };
      throw new DocumentError(
        `the table cannot be read${err.lines ? ` at line ${err.lines}` : ''}: ${withoutCellText(String(err.message ?? e).split('\n')[0]!)}`,
        'check that the file is a CSV or TSV export; re-export it if it was cut off',
      );
    }
  }
  return { encoding, delimiter, rows: rows() };
}

function lineBreaksIn(cells: string[]): number {
  let n = 0;
  for (const cell of cells) if (cell.includes('\n') || cell.includes('\r')) n += cell.match(/\r\n|\r|\n/g)!.length;
  return n;
}

/** csv-parse quotes the cell it stopped at ("…, value is \"…\""): in CI that would print the table's text (see audit/withhold.ts). */
function withoutCellText(message: string): string {
  return message.replace(/, value is (".*")$/s, (_, cell: string) => `, value is ${printable(cell)}`);
}
