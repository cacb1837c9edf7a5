/**
 * The pretest's decisions, on a fake file tree and PATH in a temporary
 * folder, so nothing installed on this machine is touched or relied on.
 */
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { decide, installCommand, missingTools, packagesOf, SYSTEM_TOOLS, type SystemTool } from '../../scripts/test-tools.ts';
import { ROOT, tempDir } from '../helpers/build.ts';

let root: string;
let bin: string;

/** Puts an executable stub at `file` inside the fake tree. */
async function install(file: string, mode = 0o755): Promise<void> {
  const full = path.join(root, file);
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, '#!/bin/sh\nexit 0\n');
  await chmod(full, mode);
}

const programs = (tools: SystemTool[]) => tools.map((t) => t.program);
const onPath = SYSTEM_TOOLS.filter((t) => !t.at);
const runScript = () => spawnSync(process.execPath, [path.join(ROOT, 'scripts/test-tools.ts')], { env: { PATH: bin }, encoding: 'utf8' });

beforeEach(async () => {
  root = await tempDir('test-tools');
  bin = path.join(root, 'usr/bin');
  await mkdir(bin, { recursive: true });
});

describe('finding the programs the tests run', () => {
  it('finds none on an empty PATH and an empty tree, and names every package once', () => {
    const missing = missingTools(SYSTEM_TOOLS, { env: { PATH: bin }, root });
    expect(programs(missing)).toEqual(programs(SYSTEM_TOOLS));
    expect(packagesOf(missing)).toEqual([
      'chromium',
      'nginx',
      'libreoffice-writer-nogui',
      'libreoffice-calc-nogui',
      'libreoffice-impress-nogui',
      'util-linux',
      'qpdf',
      'poppler-utils',
      'libimage-exiftool-perl',
      'wget',
    ]);
  });

  it('finds all of them where the tests look: PATH, and the fixed places of Chromium and nginx', async () => {
    for (const tool of onPath) await install(`usr/bin/${tool.program}`);
    await install('usr/bin/chromium');
    await install('usr/sbin/nginx');
    expect(missingTools(SYSTEM_TOOLS, { env: { PATH: bin }, root })).toEqual([]);
  });

  it('counts a program only if it is an executable file', async () => {
    await install('usr/bin/qpdf', 0o644);
    await mkdir(path.join(bin, 'wget'));
    expect(programs(missingTools(SYSTEM_TOOLS, { env: { PATH: bin }, root }))).toEqual(expect.arrayContaining(['qpdf', 'wget']));
  });

  it('misses nginx on PATH when it is not where the nginx helper looks, and takes Chromium from CHROMIUM_PATH', async () => {
    await install('opt/nginx/nginx');
    await install('opt/chrome/chrome');
    const env = { PATH: `${bin}:${path.join(root, 'opt/nginx')}`, CHROMIUM_PATH: path.join(root, 'opt/chrome/chrome') };
    const missing = programs(missingTools(SYSTEM_TOOLS, { env, root }));
    expect(missing).toContain('nginx');
    expect(missing).not.toContain('chromium');
  });

  it('asks for poppler-utils once when only some of its programs are there', async () => {
    await install('usr/bin/pdftotext');
    await install('usr/bin/pdfinfo');
    const missing = missingTools(SYSTEM_TOOLS, { env: { PATH: bin }, root });
    expect(programs(missing)).toEqual(expect.arrayContaining(['pdfimages', 'pdftoppm']));
    expect(programs(missing)).not.toContain('pdftotext');
    expect(packagesOf(missing).filter((p) => p === 'poppler-utils')).toHaveLength(1);
  });
});

describe('what the pretest does about missing programs', () => {
  const [qpdf, soffice] = [SYSTEM_TOOLS.find((t) => t.program === 'qpdf')!, SYSTEM_TOOLS.find((t) => t.program === 'soffice')!];

  it('does nothing when all are there, whoever runs it', () => {
    expect(decide([], { isRoot: false, hasAptGet: false })).toEqual({ kind: 'ready' });
  });

  it('installs the packages as root with apt-get', () => {
    expect(decide([qpdf, soffice], { isRoot: true, hasAptGet: true })).toEqual({
      kind: 'install',
      packages: ['qpdf', 'libreoffice-writer-nogui', 'libreoffice-calc-nogui', 'libreoffice-impress-nogui'],
    });
  });

  it('stops a user who is not root, naming each program, its package and the one command', () => {
    const decision = decide([qpdf], { isRoot: false, hasAptGet: true });
    expect(decision.kind).toBe('stop');
    const message = (decision as { message: string }).message;
    expect(message).toContain('  qpdf  makes encrypted test PDFs and inspects downloads (Debian package qpdf)');
    expect(message).toContain('  sudo apt-get update && sudo apt-get install -y --no-install-recommends qpdf\n');
    expect(message).not.toContain('npm run build');
  });

  it('says the build needs LibreOffice only for Office files when LibreOffice is what is missing', () => {
    const { message } = decide([soffice], { isRoot: false, hasAptGet: true }) as { message: string };
    expect(message).toContain('(Debian packages libreoffice-writer-nogui, libreoffice-calc-nogui, libreoffice-impress-nogui)');
    expect(message).toContain('`npm run build` needs none of these except LibreOffice and unshare, and those only for collections with Office files.');
  });

  it('stops root without apt-get, with the command for Debian', () => {
    const { kind, message } = decide([qpdf], { isRoot: true, hasAptGet: false }) as { kind: string; message: string };
    expect(kind).toBe('stop');
    expect(message).toContain('There is no apt-get on PATH');
    expect(message).toContain(`  ${installCommand(['qpdf'], false)}`);
  });

  it('run as a script on a PATH without the programs or apt-get, exits 1 with the message and starts nothing', () => {
    const run = runScript();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^npm test needs system programs that are not installed:\n/);
    expect(run.stderr).toMatch(/apt-get install -y --no-install-recommends .*\bqpdf\b/);
  });

  // A fake apt-get on the fake PATH records how it was called and "installs" by writing stubs beside itself.
  async function fakeAptGet(installs: string[], exitCode = 0): Promise<string> {
    const log = path.join(root, 'apt-get.log');
    const stubs = installs.map((p) => `printf '#!/bin/sh\\n' > "${bin}/${p}"; chmod 755 "${bin}/${p}"`).join('; ');
    const script = [
      '#!/bin/sh',
      'PATH=/usr/bin:/bin',
      `echo "$* | DEBIAN_FRONTEND=$DEBIAN_FRONTEND | stdin=$(readlink /proc/self/fd/0)" >> "${log}"`,
      `case "$*" in *install*) ${stubs || ':'} ;; esac`,
      `exit ${exitCode}`,
    ].join('\n');
    await writeFile(path.join(bin, 'apt-get'), `${script}\n`, { mode: 0o755 });
    return log;
  }
  const asRoot = process.getuid?.() === 0;

  it.runIf(asRoot)('run as root with apt-get, updates once, installs the packages without a terminal, and checks again', async () => {
    const log = await fakeAptGet(onPath.map((t) => t.program));
    const run = runScript();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const calls = (await readFile(log, 'utf8')).trim().split('\n');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe('-qq update | DEBIAN_FRONTEND=noninteractive | stdin=/dev/null');
    expect(calls[1]).toMatch(
      /^-qq install -y --no-install-recommends libreoffice-writer-nogui .*\bqpdf poppler-utils libimage-exiftool-perl wget \| DEBIAN_FRONTEND=noninteractive \| stdin=\/dev\/null$/,
    );
    expect(run.stdout).toMatch(/^test-tools: installing .*\bwget \(for .*\bwget\)\n$/);
  });

  it.runIf(asRoot)('run as root, fails naming what apt-get did not bring, or the exit code of apt-get', async () => {
    await fakeAptGet(onPath.map((t) => t.program).filter((p) => p !== 'wget'));
    const partial = runScript();
    expect(partial.status).toBe(1);
    expect(partial.stderr).toMatch(/yet these are still not found: wget \(looked in PATH\)\n$/);

    await fakeAptGet([], 100);
    const failed = runScript();
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/^test-tools: apt-get stopped with exit code 100 \(its output above says why\); run: apt-get update && apt-get install -y/);
  });
});

describe('the README', () => {
  it('lists every program and gives the apt-get line for all their packages', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(installCommand(packagesOf(SYSTEM_TOOLS), true));
    for (const tool of SYSTEM_TOOLS) expect(readme).toMatch(new RegExp(`^\\| [^|]*\`${tool.program}\``, 'm'));
  });
});
