/**
 * The derivative cache: one folder per (content hash, type, options, tool
 * versions). An entry is written into a temporary folder and renamed into
 * place only when complete, so a failed or interrupted build never leaves a
 * half-written entry that a later build would trust.
 *
 *   <cacheDir>/derivatives/<key[0..2]>/<key>/result.json   written last
 *   <cacheDir>/tmp/<key>-p<pid>-<random>/                     work in progress
 *
 * A build that is stopped or killed leaves its work in progress behind
 * (never trusted: it has no place under derivatives/); the next build
 * removes what builds no longer running left (`removeAbandoned`).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import type { DocumentType } from '../../schemas/document.ts';
import { PROCESSOR_REVISION, type ProcessResult, type RenderOptions } from '../processors/types.ts';
import { hashSources, sourceClosure } from './code-hash.ts';
import { isRunning } from '../site/pid.ts';

/** Bump when the layout or meaning of cache entries changes. */
export const CACHE_VERSION = 1;

export interface CacheKeyInput {
  sha256: string;
  type: DocumentType;
  options: RenderOptions;
  tools: Record<string, string>;
  /** Redactions the sidecar declares: they change the derivatives. */
  redaction?: unknown;
  /** The site's settings for the text rules: they change the findings. */
  audit?: unknown;
  /** What pictures are read with (languages and their data), or false: it changes the page texts. */
  ocr?: unknown;
}

/** A stable key: the same inputs in any key order give the same key. */
export function cacheKey(input: CacheKeyInput): string {
  const canonical = stableStringify({ v: CACHE_VERSION, ...input });
  return createHash('sha256').update(canonical).digest('hex');
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 of a file's bytes, streamed. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * What made a type's derivatives, for its cache key: the processor
 * revision, a hash of the processor's source and of all it imports (see
 * cache/code-hash.ts), and the version of every package that code imports (and
 * libvips, which sharp wraps). Another type's code or libraries do not count.
 */
export function toolVersions(type: DocumentType): Record<string, string> {
  const found = (toolsByType[type] ??= (() => {
    const { files, packages } = processorSources(type);
    const tools: Record<string, string> = { trove: String(PROCESSOR_REVISION), code: hashSources(files) };
    for (const pkg of packages) tools[pkg] = packageVersion(pkg);
    if (packages.includes('sharp')) tools.vips = sharp.versions.vips;
    return tools;
  })());
  return { ...found };
}

const toolsByType: Partial<Record<DocumentType, Record<string, string>>> = {};
const PIPELINE_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The source files and packages a type's derivatives come from: its processor's closure and the worker's own file. */
export function processorSources(type: DocumentType) {
  const { files, packages } = sourceClosure([path.join(PIPELINE_DIR, 'processors', `${type}.ts`)]);
  // The worker runs every processor (so its imports reach them all): its own code, not its closure.
  return { files: [...files, path.join(PIPELINE_DIR, 'documents', 'worker.ts')], packages };
}

/** An installed package's version, also for packages whose `exports` hide their package.json. */
export function packageVersion(pkg: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    let dir = path.dirname(require.resolve(pkg));
    while (dir !== path.dirname(dir)) {
      try {
        const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
        if (json.name === pkg) return json.version;
      } catch {}
      dir = path.dirname(dir);
    }
    return 'unknown';
  }
}

let soffice: Promise<string> | undefined;

/** LibreOffice's version (part of Office documents' keys: another version converts differently), or "none". */
export function sofficeVersion(): Promise<string> {
  soffice ??= new Promise((resolve) => {
    if (process.env.TROVE_SOFFICE === 'none') return resolve('none');
    execFile(process.env.TROVE_SOFFICE || 'soffice', ['--version'], { timeout: 60_000 }, (error, stdout) =>
      resolve(error ? 'none' : (String(stdout).trim().split('\n')[0] ?? 'unknown')),
    );
  });
  return soffice;
}

export class DerivativeCache {
  readonly dir: string;
  constructor(cacheDir: string) {
    this.dir = path.resolve(cacheDir);
  }

  entryDir(key: string): string {
    return path.join(this.dir, 'derivatives', key.slice(0, 2), key);
  }

  /** The cached result for a key, or undefined when there is no complete entry. */
  async get(key: string): Promise<ProcessResult | undefined> {
    try {
      return JSON.parse(await readFile(path.join(this.entryDir(key), 'result.json'), 'utf8')) as ProcessResult;
    } catch {
      return undefined;
    }
  }

  /** A fresh folder to write an entry into, named with this process's id. */
  async begin(key: string): Promise<string> {
    const tmp = path.join(this.dir, 'tmp', `${key}-p${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(tmp, { recursive: true });
    return tmp;
  }

  /** Makes a finished temporary folder the entry for `key`. */
  async commit(key: string, tmpDir: string, result: ProcessResult): Promise<void> {
    await writeFile(path.join(tmpDir, 'result.json'), JSON.stringify(result));
    const target = this.entryDir(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(tmpDir, target);
    } catch (e) {
      // Same key, same content: another build (a shard, a second build on the same cache) got there first,
      // and a folder cannot be renamed onto a full one. Keep theirs.
      if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '') || !(await exists(target))) throw e;
      await rm(tmpDir, { recursive: true, force: true });
    }
  }

  async abandon(tmpDir: string): Promise<void> {
    await rm(tmpDir, { recursive: true, force: true });
  }

  /**
   * Removes the work in progress of builds that are no longer running (a
   * stopped build's can be gigabytes); a running one's, such as another
   * shard's on the same cache, stays. Returns how many folders went.
   */
  async removeAbandoned(): Promise<number> {
    const tmpRoot = path.join(this.dir, 'tmp');
    let removed = 0;
    for (const name of await readdir(tmpRoot).catch(() => [] as string[])) {
      const pid = /-p(\d+)-[0-9a-f]{12}$/.exec(name)?.[1];
      if (pid === undefined || isRunning(Number(pid))) continue;
      await rm(path.join(tmpRoot, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
