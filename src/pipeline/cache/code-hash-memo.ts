/**
 * What code-hash.ts learnt from parsing each file, kept across builds, so
 * that a build parses only the files changed since the last one (parsing
 * the closures of all six types takes about a second, every build).
 *
 * An entry holds while the file's size, modification time and change time
 * are those it was parsed at, as git's index trusts them. A file changed
 * within two seconds before it was parsed is not remembered, so an edit in
 * the same clock tick as the parse cannot hide behind an equal time. The
 * memo belongs to the code that made it: an edit of code-hash.ts or another
 * version of TypeScript starts an empty one. Only files under the project's
 * root are remembered (not node_modules, not temporary folders).
 *
 * It lives in node_modules/.cache/trove/, where tools keep what can be
 * thrown away: deleting it costs one parse. Written whole, to a temporary
 * file renamed over the old, so builds running at once never read half of
 * one; a memo that cannot be read or written is simply not used.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const RACY_MS = 2000;

interface Entry<T> {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  value: T;
}

export class CodeHashMemo<T> {
  #entries?: Map<string, Entry<T>>;
  #changed = false;
  readonly #file: string;
  readonly #root: string;
  readonly #version: string;
  readonly #now: () => number;

  /** `now` is for tests, which cannot set a file's change time back. */
  constructor(options: { file: string; root: string; version: string; now?: () => number }) {
    this.#now = options.now ?? Date.now;
    this.#file = options.file;
    this.#root = options.root + path.sep;
    this.#version = options.version;
  }

  /** What was remembered of a file, if it has not changed since; its stat otherwise, to remember it with. */
  get(file: string): { value?: T; stat?: Stats } {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || !this.#covers(file)) return { stat };
    const entry = this.#load().get(file);
    if (entry && entry.size === stat.size && entry.mtimeMs === stat.mtimeMs && entry.ctimeMs === stat.ctimeMs) return { value: entry.value };
    return { stat };
  }

  /** Remembers what was learnt from a file as it was at `stat` (taken before reading it). */
  set(file: string, stat: Stats | undefined, value: T): void {
    if (!stat || !this.#covers(file) || this.#now() - Math.max(stat.mtimeMs, stat.ctimeMs) < RACY_MS) return;
    this.#load().set(file, { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, value });
    this.#changed = true;
  }

  /** Writes the memo if anything was added. */
  save(): void {
    if (!this.#changed || !this.#entries) return;
    this.#changed = false;
    const temporary = `${this.#file}.${process.pid}`;
    try {
      mkdirSync(path.dirname(this.#file), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ version: this.#version, entries: Object.fromEntries(this.#entries) }));
      renameSync(temporary, this.#file);
    } catch {
      // A read-only node_modules: every build parses, as without a memo.
    }
  }

  #covers(file: string): boolean {
    return file.startsWith(this.#root) && !file.includes(`${path.sep}node_modules${path.sep}`);
  }

  #load(): Map<string, Entry<T>> {
    if (this.#entries) return this.#entries;
    this.#entries = new Map();
    try {
      const stored = JSON.parse(readFileSync(this.#file, 'utf8')) as { version?: string; entries?: Record<string, Entry<T>> };
      if (stored.version === this.#version) this.#entries = new Map(Object.entries(stored.entries ?? {}));
    } catch {
      // No memo yet, or one that cannot be read: start an empty one.
    }
    return this.#entries;
  }
}

/** The memo of this project: its version is code-hash.ts's own bytes and TypeScript's version. */
export function projectMemo<T>(): CodeHashMemo<T> {
  const codeHashFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'code-hash.ts');
  const typescriptVersion = (createRequire(import.meta.url)('typescript/package.json') as { version: string }).version;
  const version = createHash('sha256').update(readFileSync(codeHashFile)).update(`\0${typescriptVersion}`).digest('hex');
  return new CodeHashMemo<T>({ file: path.join(ROOT, 'node_modules/.cache/trove/code-hash.json'), root: ROOT, version });
}
