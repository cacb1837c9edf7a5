/**
 * The HTML rendered in slices (src/build/html-slices.ts, one Astro process
 * each) makes the same site, byte for byte, as one process: the shared
 * site's content built again with three documents a slice, from the same
 * cache, against the shared site itself (only the manifest's build time
 * differs).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, listFiles, type BuildRun } from '../helpers/build.ts';
import { sharedSite } from '../helpers/shared-builds.ts';

let whole: BuildRun;
let sliced: BuildRun;

beforeAll(async () => {
  whole = await sharedSite();
  if (whole.code !== 0) throw new Error(`build failed:\n${whole.stderr}`);
  // The shared site's content and cache (tests/helpers/shared-builds.ts keeps them beside its output).
  const content = path.join(path.dirname(whole.outDir), 'content');
  sliced = await buildContent(content, 'html-slices', {}, { TROVE_HTML_DOCUMENTS_PER_SLICE: '3' });
}, 300_000);

/** A manifest without its build time and the mirror kit's names made from it. */
function withoutBuildTime(json: string): Record<string, unknown> {
  const { builtAt, kit, ...rest } = JSON.parse(json) as Record<string, unknown>;
  expect(typeof builtAt).toBe('string');
  expect(kit).toBeDefined();
  return rest;
}

async function digests(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of await listFiles(dir))
    out.set(
      file,
      createHash('sha256')
        .update(await readFile(path.join(dir, file)))
        .digest('hex'),
    );
  return out;
}

describe('the HTML in slices', () => {
  it('renders in several Astro processes, and says how many', () => {
    expect(sliced.code, sliced.stderr).toBe(0);
    expect(sliced.stdout).toMatch(/the HTML in [3-9] slices/);
  });

  it('makes the same files with the same bytes as one process', async () => {
    const [a, b] = await Promise.all([digests(whole.outDir), digests(sliced.outDir)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differ = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
    // The manifest says when each was built; all else in it, every file's hash included, must be the same.
    expect(differ).toEqual(['trove-manifest.json']);
    const [ma, mb] = await Promise.all(
      [whole.outDir, sliced.outDir].map(async (dir) => withoutBuildTime(await readFile(path.join(dir, 'trove-manifest.json'), 'utf8'))),
    );
    expect(mb).toEqual(ma);
    expect(a.size).toBeGreaterThan(50);
  });
});
