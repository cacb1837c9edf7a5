/**
 * Builds that must fail: the problems name each file (and line), every
 * problem is listed at once, and the previous output and the cache survive
 * intact. What the pipeline finds is checked in this process, as values;
 * what `npm run build` does with a failure, through it.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, cp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuildError, type Problem } from '../../src/pipeline/errors.ts';
import { runPipeline } from '../../src/pipeline/run.ts';
import { buildFixture, fixtureContent, listFiles, ROOT, tempDir } from '../helpers/build.ts';
import { sharedCacheWorkDir, sharedSite } from '../helpers/shared-builds.ts';

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

/** The problems the pipeline stops with on a fixture, run in this process. */
async function problemsOf(scenario: string, workDir: string): Promise<Problem[]> {
  const failed = await runPipeline({ contentDir: fixtureContent(scenario), workDir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(failed instanceof BuildError)) throw new Error(`${scenario} did not stop with a BuildError: ${String(failed)}`);
  return failed.problems;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** `npm run build` of the basic collection in a process of its own, to be signalled while it runs. */
function startBuild(outDir: string, workDir: string) {
  const child = spawn(process.execPath, ['scripts/build.ts'], {
    cwd: ROOT,
    env: { ...process.env, TROVE_CONTENT: fixtureContent('basic-collection'), TROVE_WORK: workDir, TROVE_OUT: outDir, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return {
    child,
    closed: new Promise<number | null>((resolve) => child.on('close', resolve)),
    stdout: () => stdout,
    stderr: () => stderr,
    /** Waits until `ready` holds (or the build has ended). */
    async until(ready: () => Promise<boolean>): Promise<void> {
      while (child.exitCode === null && !(await ready())) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

describe('builds that fail', () => {
  it('name the story file and line of a reference to a missing document', async () => {
    expect(await problemsOf('broken-reference', await sharedCacheWorkDir('broken-reference'))).toEqual([
      {
        file: 'tests/fixtures/broken-reference/content/stories/a-broken-citation.md',
        line: 9,
        message: 'the link "doc:records/missing-memo#page=2" points to document "records/missing-memo", which does not exist',
        hint: 'check the id: it is the path under content/documents/ without the extension',
      },
    ]);
  });

  it('name every empty, corrupt and encrypted PDF with its reason, all at once', async () => {
    const problems = await problemsOf('unreadable-pdfs', await sharedCacheWorkDir('unreadable-pdfs'));
    const dir = 'tests/fixtures/unreadable-pdfs/content/documents/records';
    expect(problems).toEqual([
      { file: `${dir}/empty.pdf`, message: 'the file is empty (0 bytes)', hint: 'replace it with the real document' },
      {
        file: `${dir}/encrypted.pdf`,
        message: 'the PDF is encrypted and needs a password to open',
        hint: 'publish a decrypted copy (for example `qpdf --decrypt --password=... in.pdf out.pdf`)',
      },
      {
        file: `${dir}/truncated.pdf`,
        message: expect.stringMatching(/^the file is not a readable PDF \(corrupt or truncated\): /),
        hint: 'check that the file is complete; re-export or repair it (for example with `qpdf in.pdf out.pdf`)',
      },
    ]);
  });

  it('leave the previous output, site data and cache exactly as they were', async () => {
    // The previous build: a copy of a site and its site data, built once for the run.
    const previous = await sharedSite();
    expect(previous.code, previous.stderr).toBe(0);
    const outDir = path.join(await tempDir('keep'), 'dist');
    await cp(previous.outDir, outDir, { recursive: true });
    // A cache of its own (other files build on the shared one meanwhile), holding the entry of the fixture's
    // readable PDF, made by a first failed run: the failed build finds it there and must leave it whole.
    const workDir = await tempDir('keep-work');
    await cp(path.join(previous.workDir, 'site'), path.join(workDir, 'site'), { recursive: true });
    await problemsOf('unreadable-pdfs', workDir);
    const outBefore = await treeDigest(outDir);
    const siteBefore = await treeDigest(path.join(workDir, 'site'));
    const cacheDir = path.join(workDir, 'cache', 'derivatives');
    const cacheBefore = new Map<string, string>();
    for (const f of await listFiles(cacheDir)) cacheBefore.set(f, await fileDigest(path.join(cacheDir, f)));
    expect(cacheBefore.size).toBeGreaterThan(0);

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
    const workDir = await sharedCacheWorkDir('signal');
    // The previous output: a copy of the site built once for the run.
    const previous = await sharedSite();
    expect(previous.code, previous.stderr).toBe(0);
    await cp(previous.outDir, outDir, { recursive: true });
    const before = await treeDigest(outDir);
    const build = startBuild(outDir, workDir);
    // Signalled (this process only, as `kill` does) once the staging folder is being written.
    await build.until(async () => (await readdir(parent)).some((name) => name.startsWith('dist.staging-')));
    build.child.kill('SIGTERM');
    expect(await build.closed).toBe(143);
    expect(build.stderr()).toContain('the build was stopped (SIGTERM)');
    expect(build.stderr()).toContain('was left as it was');
    expect(await readdir(parent)).toEqual(['dist']);
    expect(await treeDigest(outDir)).toBe(before);
  });

  it('stopped by a signal while documents are processed, stop without waiting for the rest and write no output or site data', async () => {
    const parent = await tempDir('signal-pipeline');
    const outDir = path.join(parent, 'dist');
    const workDir = await tempDir('signal-pipeline-work');
    const build = startBuild(outDir, workDir);
    // A worker is writing a cache entry: the pipeline is under way (hours before its end, on a big collection).
    await build.until(async () => (await readdir(path.join(workDir, 'cache', 'tmp')).catch(() => [])).length > 0);
    build.child.kill('SIGTERM');
    expect(await build.closed).toBe(143);
    expect(build.stderr()).toContain('the build was stopped (SIGTERM)');
    expect(build.stdout()).not.toContain('pipeline done');
    expect(await readdir(parent)).toEqual([]);
    await expect(access(path.join(workDir, 'site', 'site.json'))).rejects.toThrow();
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
    // A cache of its own: the documents must be processed, not found done.
    vi.stubEnv('TROVE_PAGE_TIMEOUT_MS', '1');
    const problems = await problemsOf('basic-collection', await tempDir('too-long-work'));
    expect(problems).toContainEqual({
      file: 'tests/fixtures/basic-collection/content/documents/appeals/calvary-chapel-v-mills.pdf',
      message: 'processing took too long (page 1 did not finish within 1 ms) and was stopped',
      hint: 'the file may be pathological (a resource bomb or a broken page tree); check it, or raise TROVE_PAGE_TIMEOUT_MS / TROVE_DOCUMENT_TIMEOUT_MS',
    });
  });
});
