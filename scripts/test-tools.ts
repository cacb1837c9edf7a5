/**
 * `npm test`'s pretest, and the first step of `.ci/run`: finds every system
 * program the tests run, where the tests look for it. As root with apt-get
 * (CI, containers) it installs the Debian packages of the missing ones;
 * otherwise it stops at once, naming them and the command that installs them.
 * Only file lookups, no program is started: with everything installed this
 * takes as long as Node's start.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export interface SystemTool {
  /** The program's file name. */
  program: string;
  /** The Debian packages that install it. */
  packages: string[];
  /** What the tests do with it, for the message. */
  usedFor: string;
  /** Absolute files the tests try instead of a PATH lookup (the helpers that start Chromium and nginx do). */
  at?: string[];
  /** An environment variable the tests read first for the program's location. */
  envVar?: string;
}

const LIBREOFFICE = ['libreoffice-writer-nogui', 'libreoffice-calc-nogui', 'libreoffice-impress-nogui'];
const POPPLER = 'cross-checks published PDFs (poppler)';
/** The only programs a build runs, and only for Office files. */
const OFFICE_PROGRAMS = ['soffice', 'unshare'];

/** One source of truth for `.ci/run`, the pretest and README's apt-get line. */
export const SYSTEM_TOOLS: SystemTool[] = [
  {
    program: 'chromium',
    packages: ['chromium'],
    usedFor: 'the browser tests (tests/e2e) drive it',
    at: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    envVar: 'CHROMIUM_PATH',
  },
  { program: 'nginx', packages: ['nginx'], usedFor: 'serves built sites to the browser tests', at: ['/usr/sbin/nginx', '/usr/bin/nginx'] },
  { program: 'soffice', packages: LIBREOFFICE, usedFor: 'converts Office files' },
  { program: 'unshare', packages: ['util-linux'], usedFor: 'runs LibreOffice without network access' },
  { program: 'qpdf', packages: ['qpdf'], usedFor: 'makes encrypted test PDFs and inspects downloads' },
  { program: 'pdftotext', packages: ['poppler-utils'], usedFor: POPPLER },
  { program: 'pdfinfo', packages: ['poppler-utils'], usedFor: POPPLER },
  { program: 'pdfimages', packages: ['poppler-utils'], usedFor: POPPLER },
  { program: 'pdftoppm', packages: ['poppler-utils'], usedFor: POPPLER },
  { program: 'exiftool', packages: ['libimage-exiftool-perl'], usedFor: 'checks published files carry no metadata' },
  { program: 'wget', packages: ['wget'], usedFor: 'copies a served site with --mirror' },
];

export interface Lookup {
  env: NodeJS.ProcessEnv;
  /** Where the absolute `at` files live: `/` except in tests, which point it at a fake tree. */
  root?: string;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file the tests would run for `tool`, or undefined. */
export function locate(tool: SystemTool, { env, root = '/' }: Lookup): string | undefined {
  const fromEnv = tool.envVar ? env[tool.envVar] : undefined;
  const candidates = tool.at
    ? tool.at.map((file) => path.join(root, file))
    : (env.PATH ?? '')
        .split(path.delimiter)
        .filter((dir) => path.isAbsolute(dir))
        .map((dir) => path.join(dir, tool.program));
  return [fromEnv, ...candidates].find((file): file is string => Boolean(file) && isExecutable(file!));
}

export function missingTools(tools: SystemTool[], lookup: Lookup): SystemTool[] {
  return tools.filter((tool) => !locate(tool, lookup));
}

/** The packages of `tools`, each once, in list order. */
export function packagesOf(tools: SystemTool[]): string[] {
  return [...new Set(tools.flatMap((t) => t.packages))];
}

/** The one line that installs `packages` on Debian or Ubuntu. */
export function installCommand(packages: string[], sudo: boolean): string {
  const s = sudo ? 'sudo ' : '';
  return `${s}apt-get update && ${s}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

export type Decision = { kind: 'ready' } | { kind: 'install'; packages: string[] } | { kind: 'stop'; message: string };

/** What to do about `missing`: nothing, install (root with apt-get), or stop with a message saying how. */
export function decide(missing: SystemTool[], { isRoot, hasAptGet }: { isRoot: boolean; hasAptGet: boolean }): Decision {
  if (missing.length === 0) return { kind: 'ready' };
  const packages = packagesOf(missing);
  if (isRoot && hasAptGet) return { kind: 'install', packages };
  const width = Math.max(...missing.map((t) => t.program.length));
  const lines = missing.map(
    (t) => `  ${t.program.padEnd(width)}  ${t.usedFor} (Debian ${t.packages.length > 1 ? 'packages' : 'package'} ${t.packages.join(', ')})`,
  );
  const why = isRoot ? 'There is no apt-get on PATH to install them; on Debian or Ubuntu this installs them:' : 'Install them with:';
  const buildNote = missing.some((t) => OFFICE_PROGRAMS.includes(t.program))
    ? ['', '`npm run build` needs none of these except LibreOffice and unshare, and those only for collections with Office files.']
    : [];
  return {
    kind: 'stop',
    message: [
      'npm test needs system programs that are not installed:',
      ...lines,
      '',
      why,
      `  ${installCommand(packages, !isRoot)}`,
      ...(isRoot ? [] : ['(run as root, `npm test` installs them itself)']),
      ...buildNote,
    ].join('\n'),
  };
}

function aptGet(args: string[]): number {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status ?? 1;
}

function main(): number {
  const lookup: Lookup = { env: process.env };
  const missing = missingTools(SYSTEM_TOOLS, lookup);
  const hasAptGet = Boolean(locate({ program: 'apt-get', packages: [], usedFor: '' }, lookup));
  const decision = decide(missing, { isRoot: process.getuid?.() === 0, hasAptGet });
  if (decision.kind === 'ready') return 0;
  if (decision.kind === 'stop') {
    console.error(decision.message);
    return 1;
  }
  console.log(`test-tools: installing ${decision.packages.join(' ')} (for ${missing.map((t) => t.program).join(', ')})`);
  const failed = aptGet(['-qq', 'update']) || aptGet(['-qq', 'install', '-y', '--no-install-recommends', ...decision.packages]);
  if (failed) {
    console.error(`test-tools: apt-get stopped with exit code ${failed} (its output above says why); run: ${installCommand(decision.packages, false)}`);
    return 1;
  }
  const still = missingTools(missing, lookup);
  if (still.length > 0) {
    const where = still.map((t) => `${t.program} (looked in ${t.at ? t.at.join(', ') : 'PATH'})`).join(', ');
    console.error(`test-tools: apt-get installed ${decision.packages.join(' ')}, yet these are still not found: ${where}`);
    return 1;
  }
  return 0;
}

if (import.meta.main) process.exitCode = main();
