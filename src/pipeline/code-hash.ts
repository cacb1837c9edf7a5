/**
 * What a document type's derivatives depend on, for its cache key: the
 * source of its processor and of every file that imports, transitively,
 * plus the worker that runs processors (it adds the download's size and
 * hash to the result); and the versions of the packages that code imports.
 *
 * Per type, so that a change to the e-mail processor does not reprocess
 * every PDF of a collection (a cold build of 10,000 documents takes most of
 * an hour here), while anything a processor reaches outside its own folders
 * (errors, stage timing, src/lib, schemas) counts too. Imports are found by
 * reading the source, not by running it: every `from '…'`, `import('…')`
 * and `new URL('…', import.meta.url)`, type-only ones included, and any
 * such text in a comment too. Finding too much only costs a rebuild;
 * missing a file would reuse a stale entry, so an import that names no
 * file is an error, not a skip.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * A module specifier has no spaces, commas or pipes, so `Pick<T, 'from' | 'to'>`
 * and `['from', 'to']` in code are not read as imports of " | " and ", ".
 */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)['"]([^'"\s,|]+)['"]/g;

/** Packages whose output depends on another package that the code does not import itself. */
const USES: Record<string, string[]> = {
  // pdf.js draws on @napi-rs/canvas, which it loads itself.
  'pdfjs-dist': ['@napi-rs/canvas'],
};

export interface SourceClosure {
  /** Absolute paths of every source file reached, sorted. */
  files: string[];
  /** Every package imported by those files (and the packages they use), sorted. */
  packages: string[];
}

/** The files reached from `entries` through relative imports, and the packages they import. */
export function sourceClosure(entries: string[]): SourceClosure {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = entries.map((e) => path.resolve(e));
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.(ts|mts|js|mjs)$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(SPECIFIER)) {
      if (specifier.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier);
        if (!existsSync(target)) throw new Error(`${file} imports ${specifier}, which is not a file: the cache key cannot cover it`);
        todo.push(target);
      } else {
        const pkg = packageName(specifier);
        if (pkg) packages.add(pkg);
      }
    }
  }
  for (const pkg of [...packages]) for (const used of USES[pkg] ?? []) packages.add(used);
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The package a bare import names (`@scope/name/sub` → `@scope/name`); undefined for Node's own modules. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** SHA-256 (16 hex digits) of the files' paths, relative to `root`, and contents. */
export function hashSources(files: string[], root: string): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${path.relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}
