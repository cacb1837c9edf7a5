/**
 * A generated 500,000-row CSV (about 35 MB) builds in bounded memory. The
 * build's peak memory is printed for the benchmark report; it is not
 * asserted on (timings and memory are measured by `npm run bench`).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { buildContent, fixtureContent, tempDir } from '../helpers/build.ts';

export async function writeLedger(file: string, rows: number): Promise<void> {
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

it('builds a 500,000-row table and reports its peak memory', { timeout: 600_000 }, async () => {
  const content = path.join(await tempDir('large-table'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
  await writeLedger(path.join(content, 'documents/appeals/ledger.csv'), 500_000);
  await writeFile(path.join(content, 'documents/appeals/ledger.md'), '---\ntitle: Payments ledger\n---\n');
  const started = Date.now();
  const run = await buildContent(content, 'large-table');
  expect(run.code, run.stderr).toBe(0);
  const peak = /peak memory: (\d+) MB with the search indexer/.exec(run.stdout)?.[1];
  const stats = JSON.parse(await readFile(path.join(run.workDir, 'build-stats.json'), 'utf8'));
  console.log(
    `500,000-row CSV: built in ${Math.round((Date.now() - started) / 1000)} s, peak memory ${peak} MB (build process and search indexer together; ` +
      `build process alone ${stats.peakRssMb} MB, indexer alone ${stats.searchIndexPeakRssMb} MB, ${stats.searchIndexes} search index part(s))`,
  );
  expect(peak).toBeDefined();
  const last = await readFile(path.join(run.outDir, 'documents/appeals/ledger/table/5000/index.html'), 'utf8');
  expect(last).toContain('<tr id="row-500000">');
});
