/**
 * Beyond one machine: `npm run build -- --shard i/n` processes only its
 * share of the documents into a cache of its own; the caches, merged, let
 * the final build assemble the site without processing anything. And
 * `npm run cache:prune` removes what the content no longer uses.
 */
import { spawn } from 'node:child_process';
import { cp, readdir, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildContent, fixtureContent, ROOT, tempDir, type BuildRun } from '../helpers/build.ts';

let content: string;
/** The shards' caches merged: the basic collection's three entries. */
let merged: string;

function run(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

async function entries(workDir: string): Promise<string[]> {
  const root = path.join(workDir, 'cache/derivatives');
  const out: string[] = [];
  for (const prefix of await readdir(root).catch(() => [] as string[])) out.push(...(await readdir(path.join(root, prefix))));
  return out.sort();
}

beforeAll(async () => {
  content = path.join(await tempDir('shards'), 'content');
  await cp(fixtureContent('basic-collection'), content, { recursive: true });
});

describe('shards', () => {
  let shardRuns: { code: number; out: string }[];
  let works: string[];
  let final: BuildRun;

  beforeAll(async () => {
    works = [await tempDir('shard-1'), await tempDir('shard-2')];
    shardRuns = [];
    for (const [i, work] of works.entries())
      shardRuns.push(await run('scripts/build.ts', ['--shard', `${i + 1}/2`], { TROVE_CONTENT: content, TROVE_WORK: work }));
    // The final build's cache is the union of the shards' (as a CI job would download their artifacts).
    merged = await tempDir('shard-merged');
    for (const work of works) await cp(path.join(work, 'cache/derivatives'), path.join(merged, 'cache/derivatives'), { recursive: true, force: false });
    final = await buildContent(content, 'shards-final', { workDir: merged });
  }, 300_000);

  it('process each document in exactly one shard, and build no site', async () => {
    for (const r of shardRuns) expect(r.code, r.out).toBe(0);
    const counts = shardRuns.map((r) => Number(/: (\d+) documents, \1 processed, 0 already cached/.exec(r.out)?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    const [a, b] = await Promise.all(works.map(entries));
    expect(a.filter((k) => b!.includes(k))).toEqual([]);
    expect(a!.length + b!.length).toBe(3);
    for (const r of shardRuns) expect(r.out).not.toContain('the site is in');
  });

  it('assemble the site from the merged caches without processing anything', () => {
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout).toContain('documents: 3 in content, 3 cached, 0 to process');
  });

  it('refuse a malformed --shard, saying what is expected', async () => {
    const r = await run('scripts/build.ts', ['--shard', '3/2'], { TROVE_CONTENT: content, TROVE_WORK: await tempDir('shard-bad') });
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('--shard takes i/n with 1 ≤ i ≤ n (for example 2/4), not "3/2"');
  });
});

describe('npm run cache:prune', () => {
  it('removes entries the content no longer uses and keeps the rest', async () => {
    // The builds here fill the cache and stop (--shard 1/1), starting from the shards' three entries.
    const work = await tempDir('prune');
    await cp(path.join(merged, 'cache'), path.join(work, 'cache'), { recursive: true });
    const fill = (name: string) => buildContent(content, name, { workDir: work }, {}, 'scripts/build.ts', ['--shard', '1/1']);
    const first = await fill('prune-1');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('documents: 3 in content, 3 cached, 0 to process');
    const before = await entries(work);
    expect(before).toHaveLength(3);
    // Changed bytes: a new entry; the old one is now unused.
    await appendFile(path.join(content, 'documents/appeals/fourth-circuit-scan.pdf'), '\n% an editor re-exported the file\n');
    const second = await fill('prune-2');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('documents: 3 in content, 2 cached, 1 to process');
    const after = await entries(work);
    expect(after).toHaveLength(4);

    const dry = await run('scripts/cache-prune.ts', ['--dry-run'], { TROVE_CONTENT: content, TROVE_WORK: work });
    expect(dry.code, dry.out).toBe(0);
    expect(dry.out).toMatch(/3 entries in use kept; would remove 1 unused entries/);
    expect(await entries(work)).toHaveLength(4);

    const pruned = await run('scripts/cache-prune.ts', [], { TROVE_CONTENT: content, TROVE_WORK: work });
    expect(pruned.code, pruned.out).toBe(0);
    expect(pruned.out).toMatch(/3 entries in use kept; removed 1 unused entries/);
    const left = await entries(work);
    expect(left).toHaveLength(3);
    // What is left is exactly what the next build uses: it processes nothing.
    const third = await fill('prune-3');
    expect(third.stdout).toContain('documents: 3 in content, 3 cached, 0 to process');
  });
});
