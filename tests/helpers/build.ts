/**
 * Builds a fixture's content/ tree with the real `npm run build` entry point
 * (scripts/build.ts: pipeline, Astro, Pagefind) into temporary folders.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function fixtureContent(scenario: string): string {
  return path.join(ROOT, 'tests/fixtures', scenario, 'content');
}

export interface BuildRun {
  code: number;
  stdout: string;
  stderr: string;
  outDir: string;
  workDir: string;
}

const created: string[] = [];

/** A new temporary folder, removed after the test file (tests/helpers/cleanup.ts). */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `trove-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far; TROVE_KEEP_TEST_DIRS=1 keeps them for a look after a failure. */
export async function removeTempDirs(): Promise<void> {
  if (process.env.TROVE_KEEP_TEST_DIRS) return;
  const dirs = created.splice(0);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 3 })));
}

export async function buildFixture(scenario: string, dirs: { outDir?: string; workDir?: string } = {}, env: Record<string, string> = {}): Promise<BuildRun> {
  return buildContent(fixtureContent(scenario), scenario, dirs, env);
}

/** Builds any content folder (e.g. one a test wrote) with `npm run build`'s entry point (or `script`, with `args`). */
export async function buildContent(
  contentDir: string,
  name: string,
  dirs: { outDir?: string; workDir?: string } = {},
  env: Record<string, string> = {},
  script = 'scripts/build.ts',
  args: string[] = [],
): Promise<BuildRun> {
  const outDir = dirs.outDir ?? path.join(await tempDir(name), 'dist');
  const workDir = dirs.workDir ?? (await tempDir(`${name}-work`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, TROVE_CONTENT: contentDir, TROVE_WORK: workDir, TROVE_OUT: outDir, CI: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, outDir, workDir }));
  });
}

/** Relative paths of every file under a folder, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
