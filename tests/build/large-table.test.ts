/**
 * A table is processed in bounded memory: its rows are read as a stream and
 * written in pages of 100, and the downloads are made from those pages, so
 * the memory a table holds does not grow with its rows. Measured on a
 * generated ledger of 100,000 rows (1,000 pages): past the first 20,000
 * rows (where the column statistics reach their cap of distinct values),
 * the live heap may grow by no more than half the bytes still to read; a
 * processor that kept the rows would hold about three times those bytes.
 * Paged table pages in a real build: tests/build/tables.test.ts; the peak
 * memory of a build with a large table: `npm run bench -- --csv-rows N`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { tableProcessor } from '../../src/pipeline/processors/table.ts';
import { DEFAULT_RENDER_OPTIONS } from '../../src/pipeline/processors/types.ts';
import { textRuleOptions } from '../../src/pipeline/documents/process-documents.ts';
import { tempDir } from '../helpers/build.ts';

const ROWS = 100_000;
/** Rows read before the memory is first measured: the column statistics hold up to 10,000 distinct values each. */
const SETTLED_ROWS = 20_000;

async function writeLedger(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,date,agency,officer,amount,notes\n');
  const agencies = ['NYPD', 'LAPD', 'CPD', 'FBI', 'DHS'];
  for (let i = 1; i <= rows; i++) {
    const line = `${i},2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${agencies[i % 5]},Officer ${i % 997},${(i * 37) % 10000}.${i % 100},"Note ${i}, with a comma"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Node's collector, to measure what is alive rather than garbage not yet collected. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

it('processes a table in memory that does not grow with its rows, into pages of rows and whole downloads', async () => {
  const dir = await tempDir('large-table');
  const file = path.join(dir, 'ledger.csv');
  await writeLedger(file, ROWS);
  const bytes = (await stat(file)).size;
  const outDir = path.join(dir, 'out');
  await mkdir(outDir);

  const gc = collector();
  /** Live heap after a full collection, once the statistics have settled: every 25 pages of rows, then through the downloads. */
  const samples: number[] = [];
  const sample = () => {
    gc();
    samples.push(process.memoryUsage().heapUsed);
  };
  let pagesDone = 0;
  const downloads = setInterval(() => pagesDone === ROWS / 100 && sample(), 250);
  const progress = (done: number) => {
    pagesDone = done;
    if (done * 100 >= SETTLED_ROWS && done % 25 === 0 && done < ROWS / 100) sample();
  };
  const result = await tableProcessor
    .process({ type: 'table', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, audit: textRuleOptions() }, progress)
    .finally(() => clearInterval(downloads));

  expect(result.pageCount).toBe(ROWS / 100);
  expect(result.table?.rowCount).toBe(ROWS);
  const lastPage = JSON.parse(await readFile(path.join(outDir, 'rows', `${ROWS / 100}.json`), 'utf8')) as string[][];
  expect([lastPage.length, lastPage[0][0], lastPage.at(-1)![0]]).toEqual([100, String(ROWS - 99), String(ROWS)]);
  const csv = (await readFile(path.join(outDir, 'download.csv'), 'utf8')).trimEnd().split('\n');
  expect([csv.length, csv.at(-1)!.split(',')[0]]).toEqual([ROWS + 1, String(ROWS)]);

  // Samples through the rows still to read, or the bound below would say nothing.
  expect(samples.length).toBeGreaterThanOrEqual((ROWS - SETTLED_ROWS) / 2500);
  const growth = Math.max(...samples) - samples[0];
  const bytesAfterSettling = bytes * (1 - SETTLED_ROWS / ROWS);
  expect(growth, `live heap grew by ${growth} bytes while ${Math.round(bytesAfterSettling)} bytes of rows were read`).toBeLessThan(bytesAfterSettling / 2);
});
