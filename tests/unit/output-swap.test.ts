/** The built site goes into place whole, and what killed builds left beside it is cleaned up. */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverLeftovers, stagingDirs, swapIn } from '../../src/pipeline/site/output-swap.ts';
import { tempDir } from '../helpers/build.ts';

/** The id of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

async function folder(dir: string, marker: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'marker.txt'), marker);
}

describe('output swap', () => {
  it('puts the staging folder in place of the output and removes the previous one', async () => {
    const parent = await tempDir('swap');
    const out = path.join(parent, 'dist');
    await folder(out, 'old');
    await folder(stagingDirs(out).staging, 'new');
    await swapIn(out);
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('new');
    expect(await readdir(parent)).toEqual(['dist']);
    // A first build has no previous output.
    await folder(stagingDirs(path.join(parent, 'fresh')).staging, 'first');
    await swapIn(path.join(parent, 'fresh'));
    expect(await readFile(path.join(parent, 'fresh', 'marker.txt'), 'utf8')).toBe('first');
  });

  it('removes what dead builds left, keeps what running builds are writing, and touches nothing else', async () => {
    const parent = await tempDir('leftovers');
    const out = path.join(parent, 'dist');
    const dead = deadPid();
    await folder(out, 'current');
    await folder(`${out}.staging-${dead}`, 'half-built');
    await folder(`${out}.previous-${dead}`, 'old');
    await folder(stagingDirs(out).staging, 'this build');
    await folder(`${out}-other.staging-${dead}`, 'another output');
    await folder(path.join(parent, 'dist.staging-notapid'), 'not ours');
    const lines = await recoverLeftovers(out);
    expect(lines.sort()).toEqual([
      `removed dist.previous-${dead}/, left by a build that is no longer running`,
      `removed dist.staging-${dead}/, left by a build that is no longer running`,
    ]);
    expect((await readdir(parent)).sort()).toEqual(['dist', `dist-other.staging-${dead}`, `dist.staging-${process.pid}`, 'dist.staging-notapid'].sort());
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('current');
  });

  it('puts the previous output back when a build was killed between the two renames', async () => {
    const parent = await tempDir('mid-swap');
    const out = path.join(parent, 'dist');
    const dead = deadPid();
    await folder(`${out}.previous-${dead}`, 'the published site');
    await folder(`${out}.staging-${dead}`, 'the new site');
    const lines = await recoverLeftovers(out);
    expect(lines).toEqual([
      `put back dist.previous-${dead} as dist/: a build was stopped while swapping it out`,
      `removed dist.staging-${dead}/, left by a build that is no longer running`,
    ]);
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await readFile(path.join(out, 'marker.txt'), 'utf8')).toBe('the published site');
    expect(await recoverLeftovers(path.join(parent, 'missing', 'dist'))).toEqual([]);
  });
});
