/**
 * `npm run test:corpus [-- <folder>]`: runs every file of the shared corpus
 * (default `../shared/corpus`) through the real document processors, in the
 * same worker pool the build uses, into a throwaway cache. Prints one line
 * per file (type, outcome, pages, audit findings, time) and a summary. A file Trove refuses
 * with a clear reason (encrypted, corrupt, unsupported type) is an expected
 * outcome; a crash, an internal error or a dead worker is not, and makes the
 * command exit non-zero.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WorkerPool } from '../src/pipeline/documents/pool.ts';
import { Progress } from '../src/pipeline/stats/progress.ts';
import { runDocument } from '../src/pipeline/documents/split-document.ts';
import { SUPPORTED_EXTENSIONS, typeForExtension } from '../src/pipeline/processors/registry.ts';
import { DEFAULT_RENDER_OPTIONS } from '../src/pipeline/processors/types.ts';

const root = path.resolve(process.argv[2] ?? '../shared/corpus');
const IGNORED = new Set(['MANIFEST.tsv', 'PASSWORDS.tsv', 'README.md']);

interface Row {
  file: string;
  type: string;
  outcome: 'ok' | 'refused' | 'unsupported' | 'CRASH';
  detail: string;
  ms: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .filter((f) => !IGNORED.has(f))
    .sort();
}

const files = await listFiles(root).catch((e: NodeJS.ErrnoException) => {
  console.error(`test:corpus: cannot read ${root}: ${e.message}\nPass the corpus folder: npm run test:corpus -- <folder>`);
  process.exit(2);
});
const scratch = await mkdtemp(path.join(tmpdir(), 'trove-corpus-'));
const pool = new WorkerPool({ totalMs: Number(process.env.TROVE_DOCUMENT_TIMEOUT_MS ?? 5 * 60_000) });
const progress = new Progress({ label: 'corpus', total: files.length, unit: 'files' });
const rows: Row[] = [];

try {
  await Promise.all(
    files.map(async (file, i) => {
      const type = typeForExtension(path.extname(file).slice(1).toLowerCase());
      if (!type) {
        rows.push({ file, type: '-', outcome: 'unsupported', detail: `not a supported type (${SUPPORTED_EXTENSIONS.join(', ')})`, ms: 0 });
        progress.tick();
        return;
      }
      const outDir = path.join(scratch, String(i));
      const outcome = await runDocument(pool, { type, absPath: path.join(root, file), outDir, options: DEFAULT_RENDER_OPTIONS });
      const ms = outcome.ms;
      progress.tick();
      await rm(outDir, { recursive: true, force: true });
      if (outcome.ok) {
        const counts = new Map<string, number>();
        for (const f of outcome.result.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
        const audit = [...counts].map(([rule, n]) => `${rule}×${n}`).join(' ');
        const note = outcome.result.downloadNote ? `; ${outcome.result.downloadNote}` : '';
        rows.push({ file, type, outcome: 'ok', detail: `${outcome.result.pageCount} pages${audit ? `; audit: ${audit}` : ''}${note}`, ms });
      } else rows.push({ file, type, outcome: outcome.known ? 'refused' : 'CRASH', detail: outcome.message.split('\n')[0], ms });
    }),
  );
} finally {
  progress.finish();
  await pool.close();
  await rm(scratch, { recursive: true, force: true });
}

rows.sort((a, b) => a.file.localeCompare(b.file));
const width = Math.min(60, Math.max(...rows.map((r) => r.file.length)));
for (const r of rows) {
  console.log(`${r.file.padEnd(width)}  ${r.type.padEnd(5)}  ${r.outcome.padEnd(11)}  ${String(r.ms).padStart(6)} ms  ${r.detail}`);
}
const count = (o: Row['outcome']) => rows.filter((r) => r.outcome === o).length;
console.log(
  `\n${rows.length} files: ${count('ok')} ok, ${count('refused')} refused with a reason, ` +
    `${count('unsupported')} of unsupported types, ${count('CRASH')} crashed`,
);
if (count('CRASH') > 0) {
  console.error('test:corpus: some files crashed a processor; each is a bug to fix (see CRASH lines above).');
  process.exitCode = 1;
}
