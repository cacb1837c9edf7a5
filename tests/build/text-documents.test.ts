/**
 * Plain text documents in a real build (the shared site): a Latin-1 file's accented names
 * come out right, a long file is cut into sections with anchors and search
 * records, markup in the text is shown as text, and the download is UTF-8.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { listFiles, type BuildRun } from '../helpers/build.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

let run: BuildRun;
const html = (p: string) => readFile(path.join(run.outDir, p), 'utf8');

beforeAll(async () => {
  // The shared site holds the two text documents (tests/helpers/shared-builds.ts).
  run = await sharedSite();
  if (run.code !== 0) throw new Error(run.stderr);
});

describe('text documents', () => {
  it('decode Latin-1 so accented names come out right, and offer a UTF-8 download', async () => {
    const page = await html('documents/appeals/witness-list/index.html');
    expect(page).toContain('Renée Dupré, Jürgen Müller.');
    expect(page).toContain('“Sealed” list.');
    const download = await readFile(path.join(run.outDir, 'documents/appeals/witness-list/witness-list.txt'), 'utf8');
    expect(download).toBe('Witnesses: Renée Dupré, Jürgen Müller.\n“Sealed” list.\n');
  });

  it('cut long files into sections with anchors, markup shown as text', async () => {
    const page = await html('documents/appeals/transcript/index.html');
    const sections = page.match(/id="page-\d+"/g) ?? [];
    expect(sections.length).toBeGreaterThan(5);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toMatch(/<img[^>]+pages\/1\.webp/);
  });

  it('index every section as its own search record', async () => {
    let found = '';
    for (const f of (await listFiles(run.outDir)).filter((f) => f.startsWith('pagefind/fragment/'))) {
      const text = gunzipSync(await readFile(path.join(run.outDir, f))).toString('utf8');
      if (text.includes('zebracorn')) found = text;
    }
    expect(found).toMatch(/"url":"\/documents\/appeals\/transcript\/#page-\d+"/);
    expect(found).not.toContain('#page-1"');
  });
});
