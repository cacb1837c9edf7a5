import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DerivativeCache } from '../../src/pipeline/cache/derivative-cache.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('unfinished cache folders', () => {
  it('are named with the process that writes them', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'trove-cache-'));
    dirs.push(root);
    const tmp = await new DerivativeCache(root).begin('k'.repeat(64));
    expect(path.basename(tmp)).toMatch(new RegExp(`^k{64}-p${process.pid}-[0-9a-f]{12}$`));
  });

  it('are removed when the build that wrote them is no longer running, and kept while it is', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'trove-cache-'));
    dirs.push(root);
    const cache = new DerivativeCache(root);
    const mine = await cache.begin('a'.repeat(64));
    await mkdir(path.join(mine, 'pages'));
    const stopped = path.join(root, 'tmp', `${'b'.repeat(64)}-p${deadPid()}-0123456789ab`);
    await mkdir(path.join(stopped, 'pages'), { recursive: true });
    // Named before process ids were in the name: left to `npm run cache:prune`, after its grace period.
    const older = path.join(root, 'tmp', `${'c'.repeat(64)}-0123456789ab`);
    await mkdir(older);
    expect(await cache.removeAbandoned()).toBe(1);
    expect((await readdir(path.join(root, 'tmp'))).sort()).toEqual([path.basename(mine), path.basename(older)].sort());
    expect(await new DerivativeCache(path.join(root, 'none')).removeAbandoned()).toBe(0);
  });
});

describe('two builds that finish the same entry at once', () => {
  it('both succeed, and the entry is one of theirs, whole', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'trove-cache-'));
    dirs.push(root);
    const key = 'c'.repeat(64);
    const result = { pageCount: 1 } as unknown as Parameters<DerivativeCache['commit']>[2];
    // Two caches on one folder, as two processes would have; each checks, then renames.
    const builds = [new DerivativeCache(root), new DerivativeCache(root)];
    const tmps = await Promise.all(builds.map((cache) => cache.begin(key)));
    await Promise.all(tmps.map((tmp, i) => writeFile(path.join(tmp, 'page.txt'), `build ${i}`)));
    await Promise.all(builds.map((cache, i) => cache.commit(key, tmps[i]!, result)));
    expect((await readdir(cache(root))).sort()).toEqual(['page.txt', 'result.json']);
    // And one that finishes after the other: its folder is dropped, the entry kept.
    const late = await builds[1]!.begin(key);
    await writeFile(path.join(late, 'page.txt'), 'late');
    await builds[1]!.commit(key, late, result);
    expect(await readFile(path.join(cache(root), 'page.txt'), 'utf8')).toMatch(/^build [01]$/);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await builds[0]!.get(key)).toEqual(result);
  });
});

function cache(root: string): string {
  return new DerivativeCache(root).entryDir('c'.repeat(64));
}
