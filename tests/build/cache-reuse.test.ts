/**
 * Derivatives are cached by content: an unchanged document is never
 * processed twice, and a changed one always is. A small collection is built
 * again and again into the same work folder with the real build command,
 * changing one thing at a time, and the build's own count says what it
 * processed. Where only the count matters, the build is
 * `npm run build -- --shard 1/1`: the same processing into the same cache,
 * without the site.
 */
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, tempDir, type BuildRun } from '../helpers/build.ts';
import * as make from '../helpers/defect-pdfs.ts';

let content: string;
let workDir: string;
const docs = () => path.join(content, 'documents', 'memos');
const sidecar = (title: string, extra = '') => `---\ntitle: "${title}"\ndate: "2024-05-01"\nsource: "Fixture agency"\n${extra}---\n`;

async function build(name: string, { site = false } = {}): Promise<BuildRun> {
  const args = site ? [] : ['--shard', '1/1'];
  const run = await buildContent(content, `cache-reuse-${name}`, { workDir }, {}, 'scripts/build.ts', args);
  if (run.code !== 0) throw new Error(`build "${name}" failed:\n${run.stdout}\n${run.stderr}`);
  return run;
}

/** The build's count of documents: in the content, served from the cache, processed. */
function counts(run: BuildRun): [number, number, number] {
  const m = run.stdout.match(/documents: (\d+) in content, (\d+) cached, (\d+) to process/);
  if (!m) throw new Error(`no document count in the build output:\n${run.stdout}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

beforeAll(async () => {
  content = path.join(await tempDir('cache-reuse'), 'content');
  workDir = await tempDir('cache-reuse-work');
  await mkdir(docs(), { recursive: true });
  await mkdir(path.join(content, 'collections'), { recursive: true });
  await writeFile(path.join(content, 'site.yml'), 'title: Cache fixture\nlanguage: en\n');
  await writeFile(path.join(content, 'collections/memos.md'), '---\ntitle: Memos\n---\nFixture.\n');
  await writeFile(path.join(docs(), 'parking.pdf'), await make.plain('A routine memo about parking permits.'));
  await writeFile(path.join(docs(), 'parking.md'), sidecar('Parking'));
  await writeFile(path.join(docs(), 'canteen.pdf'), await make.plain('The canteen closes at three on Fridays.'));
  await writeFile(path.join(docs(), 'canteen.md'), sidecar('Canteen'));
  await sharp({ create: { width: 120, height: 80, channels: 3, background: '#4060a0' } })
    .png()
    .toFile(path.join(docs(), 'chart.png'));
  await writeFile(path.join(docs(), 'chart.md'), sidecar('Chart', 'license: CC0\n'));
});

describe('the derivative cache in real builds', () => {
  it('processes every document on the first build, none on an unchanged second build', async () => {
    expect(counts(await build('first', { site: true }))).toEqual([3, 0, 3]);
    expect(counts(await build('unchanged'))).toEqual([3, 3, 0]);
  });

  it('processes a document again when its bytes change, and only that one', async () => {
    // A byte after %%EOF: the same PDF to a reader, different content to the cache.
    await appendFile(path.join(docs(), 'parking.pdf'), '\n');
    expect(counts(await build('changed-bytes'))).toEqual([3, 2, 1]);
  });

  it('processes nothing when only a sidecar title changes, and publishes the new title', async () => {
    await writeFile(path.join(docs(), 'canteen.md'), sidecar('Canteen hours'));
    const run = await build('title', { site: true });
    expect(counts(run)).toEqual([3, 3, 0]);
    expect(await readFile(path.join(run.outDir, 'documents/memos/canteen/index.html'), 'utf8')).toContain('Canteen hours');
  });

  it('processes a document again when a redaction is added, and reuses the old entry when it is removed', async () => {
    const [x, y, w, h] = await make.secretBoxTopLeft();
    const redaction = `redactions:\n  - page: 1\n    box: [${x}, ${y}, ${w}, ${h}]\n    reason: b6\n`;
    await writeFile(path.join(docs(), 'canteen.md'), sidecar('Canteen hours', redaction));
    expect(counts(await build('redaction'))).toEqual([3, 2, 1]);
    await writeFile(path.join(docs(), 'canteen.md'), sidecar('Canteen hours'));
    expect(counts(await build('redaction-removed'))).toEqual([3, 3, 0]);
  });
});
