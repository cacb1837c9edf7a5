/**
 * Builds that must fail: the message names each file (and line), lists every
 * problem at once, and the previous output and the cache survive intact.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixture, fixtureContent, listFiles, ROOT, tempDir } from '../helpers/build.ts';

async function fileDigest(file: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(file))
    .digest('hex');
}

async function treeDigest(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listFiles(dir)) {
    hash.update(file);
    hash.update(await readFile(path.join(dir, file)));
  }
  return hash.digest('hex');
}

describe('builds that fail', () => {
  it('name the story file and line of a reference to a missing document', async () => {
    const run = await buildFixture('broken-reference');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'tests/fixtures/broken-reference/content/stories/a-broken-citation.md:9: the link "doc:records/missing-memo#page=2" points to document "records/missing-memo", which does not exist\n' +
        '    → check the id: it is the path under content/documents/ without the extension',
    );
    expect(run.stderr).toContain('The build stopped: 1 problem in the content.');
  });

  it('name every empty, corrupt and encrypted PDF with its reason, all at once', async () => {
    const run = await buildFixture('unreadable-pdfs');
    expect(run.code).toBe(1);
    const dir = 'tests/fixtures/unreadable-pdfs/content/documents/records';
    expect(run.stderr).toContain('The build stopped: 3 problems in the content.');
    expect(run.stderr).toContain(`${dir}/empty.pdf: the file is empty (0 bytes)`);
    expect(run.stderr).toContain(`${dir}/encrypted.pdf: the PDF is encrypted and needs a password to open`);
    expect(run.stderr).toMatch(new RegExp(`${dir}/truncated.pdf: the file is not a readable PDF \\(corrupt or truncated\\)`));
    expect(run.stderr).not.toContain(`${dir}/readable.pdf:`);
  });

  it('leave the previous output, site data and cache exactly as they were', async () => {
    const outDir = path.join(await tempDir('keep'), 'dist');
    const workDir = await tempDir('keep-work');
    const ok = await buildFixture('basic-collection', { outDir, workDir });
    expect(ok.code, ok.stderr).toBe(0);
    const outBefore = await treeDigest(outDir);
    const siteBefore = await treeDigest(path.join(workDir, 'site'));
    const cacheDir = path.join(workDir, 'cache', 'derivatives');
    const cacheBefore = new Map<string, string>();
    for (const f of await listFiles(cacheDir)) cacheBefore.set(f, await fileDigest(path.join(cacheDir, f)));

    const bad = await buildFixture('unreadable-pdfs', { outDir, workDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('was left as it was');
    expect(await treeDigest(outDir)).toBe(outBefore);
    expect(await treeDigest(path.join(workDir, 'site'))).toBe(siteBefore);
    for (const [f, digest] of cacheBefore) expect(await fileDigest(path.join(cacheDir, f)), f).toBe(digest);
    // No half-written entry is left behind for a later build to trust.
    expect(await listFiles(path.join(workDir, 'cache', 'tmp'))).toEqual([]);
  });

  it('stopped by a signal once the new site is being written, leave the previous output as it was and no staging folder', async () => {
    const parent = await tempDir('signal');
    const outDir = path.join(parent, 'dist');
    const workDir = await tempDir('signal-work');
    const ok = await buildFixture('basic-collection', { outDir, workDir });
    expect(ok.code, ok.stderr).toBe(0);
    const before = await treeDigest(outDir);
    const child = spawn(process.execPath, ['scripts/build.ts'], {
      cwd: ROOT,
      env: { ...process.env, TROVE_CONTENT: fixtureContent('basic-collection'), TROVE_WORK: workDir, TROVE_OUT: outDir, CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Signalled (this process only, as `kill` does) once the staging folder is being written.
    let staged = false;
    while (!staged && child.exitCode === null) {
      staged = (await readdir(parent)).some((name) => name.startsWith('dist.staging-'));
      if (!staged) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGTERM');
    expect(await closed).toBe(143);
    expect(stderr).toContain('the build was stopped (SIGTERM)');
    expect(stderr).toContain('was left as it was');
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await treeDigest(outDir)).toBe(before);
  });

  it('refuse a setting that is not a whole number before any work, naming the variable', async () => {
    const outDir = path.join(await tempDir('bad-setting'), 'dist');
    // "60s" was read as NaN, which Node's timers take as 1 ms: every document failed as "too long".
    const run = await buildFixture('basic-collection', { outDir }, { TROVE_PAGE_TIMEOUT_MS: '60s', TROVE_PART_PAGES: 'ten' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('TROVE_PAGE_TIMEOUT_MS must be a whole number of milliseconds, at least 1, not "60s"');
    expect(run.stderr).toContain('TROVE_PART_PAGES must be a whole number of pages, at least 0 (0: never split), not "ten"');
    expect(run.stdout).not.toMatch(/processing documents|astro/i);
    await expect(access(outDir)).rejects.toThrow();
  });

  it('stop a document that takes too long, naming it', async () => {
    const run = await buildFixture('basic-collection', {}, { TROVE_PAGE_TIMEOUT_MS: '1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /tests\/fixtures\/basic-collection\/content\/documents\/appeals\/calvary-chapel-v-mills\.pdf: processing took too long \(no page finished within 1 ms\) and was stopped/,
    );
  });
});
