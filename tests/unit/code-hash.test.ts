import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeHashMemo } from '../../src/pipeline/cache/code-hash-memo.ts';
import { hashSources, packageName, sourceClosure } from '../../src/pipeline/cache/code-hash.ts';

let root: string;
const at = (f: string) => path.join(root, f);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'trove-code-hash-'));
  await mkdir(at('lib/deep'), { recursive: true });
  const files: Record<string, string> = {
    'entry.ts': [
      "import sharp from 'sharp';",
      "import type { A } from './lib/a.ts';",
      'import {',
      '  b,',
      "} from './lib/b.ts';",
      "export * from './lib/c.ts';",
      "import './lib/side-effect.ts';",
      "const later = await import('./lib/deep/d.ts');",
      "const worker = new URL('./lib/worker.ts', import.meta.url);",
      "import { readFile } from 'node:fs/promises';",
      "import path from 'path';",
      "import { PDFDocument } from '@cantoo/pdf-lib/standard-fonts';",
      // Words in quotes after "from" or "import" that are not specifiers.
      "type Part = Pick<Message, 'from' | 'to'>;",
      "const FIELDS = ['from', 'to', 'cc'];",
      "const parts = [['from', message.from.join(', ')]];",
    ].join('\n'),
    'lib/a.ts': "export type A = import('./deep/e.ts').E;",
    'lib/b.ts': "export const b = 1; import { x } from 'pdfjs-dist/legacy/build/pdf.mjs';",
    'lib/c.ts': 'export const c = 1;',
    'lib/side-effect.ts': '',
    'lib/deep/d.ts': "import { b } from '../b.ts';",
    'lib/deep/e.ts': 'export type E = number;',
    'lib/worker.ts': '',
    'unreached.ts': "import './entry.ts';",
  };
  for (const [file, text] of Object.entries(files)) await writeFile(at(file), text);
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('the source a cache key covers', () => {
  it('follows every kind of relative import, type-only ones too, and collects the packages imported', () => {
    const { files, packages } = sourceClosure([at('entry.ts')]);
    expect(files.map((f) => path.relative(root, f))).toEqual([
      'entry.ts',
      'lib/a.ts',
      'lib/b.ts',
      'lib/c.ts',
      'lib/deep/d.ts',
      'lib/deep/e.ts',
      'lib/side-effect.ts',
      'lib/worker.ts',
    ]);
    // pdf.js brings @napi-rs/canvas, which draws its pages; Node's own modules are not packages.
    expect(packages).toEqual(['@cantoo/pdf-lib', '@napi-rs/canvas', 'pdfjs-dist', 'sharp']);
  });

  it('refuses an import that names no file, rather than leave it out of the key', async () => {
    await writeFile(at('broken.ts'), "import { gone } from './lib/gone.ts';");
    expect(() => sourceClosure([at('broken.ts')])).toThrow(/broken\.ts imports \.\/lib\/gone\.ts, which is not a file/);
  });

  it('hashes the code: a change to a file reached changes the hash, a file not reached does not', async () => {
    const hash = () => hashSources(sourceClosure([at('entry.ts')]).files);
    const before = hash();
    await writeFile(at('unreached.ts'), "import './entry.ts'; // edited");
    expect(hash()).toBe(before);
    await writeFile(at('lib/deep/e.ts'), 'export type E = string;');
    expect(hash()).not.toBe(before);
  });

  it('ignores comments and layout, and keeps its hash when files move; a change of code, even one character, changes it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trove-code-hash-move-'));
    const write = async (files: Record<string, string>) => {
      await rm(dir, { recursive: true, force: true });
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), text);
      }
      return hashSources(sourceClosure([path.join(dir, 'entry.ts')]).files);
    };
    const entry =
      "import { limit } from './settings.ts';\nexport const twice = (n: number) => Math.min((n + 1) * 2, limit);\nlet odd = 0; for (const n of [1, 2]) if (n % 2) (odd++);\n";
    const settings = "export const limit = 10; // the ceiling\nexport const names = ['a', 'b'];\n";
    const original = await write({ 'entry.ts': entry, 'settings.ts': settings });
    const reformatted = await write({
      'entry.ts': [
        '/** Doubles, within the limit. */',
        'import {',
        '  limit,',
        '} from "./util/settings.ts";',
        '',
        'export const twice = (n: number) =>',
        '  Math.min(',
        '    (n + 1) * 2, // why: the display shows pairs',
        '    limit,',
        '  );',
        'let odd = 0;',
        'for (const n of [1, 2,]) if (n % 2) odd++;',
      ].join('\n'),
      'util/settings.ts': '/* Settings. */\nexport const limit = 10;\nexport const names = [\n  "a",\n  "b",\n];\n',
    });
    expect(reformatted).toBe(original);
    // Each a change of code: a digit, the grouping of an expression, a string's value.
    for (const [file, from, to] of [
      ['entry.ts', '* 2', '* 3'],
      ['entry.ts', '(n + 1) * 2', 'n + 1 * 2'],
      ['settings.ts', "'b'", "'b '"],
    ] as const) {
      const files = { 'entry.ts': entry, 'settings.ts': settings };
      files[file] = files[file].replace(from, to);
      expect(await write(files), `${from} → ${to}`).not.toBe(original);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('does not take words in quotes after "from" in a type or comment for imports', async () => {
    await writeFile(
      at('quoted.ts'),
      "type T = Pick<M, 'from' | './nowhere.ts'>; // import x from './nowhere.ts'\nconst from = 'a'; export const y = [from, 'from'];",
    );
    expect(sourceClosure([at('quoted.ts')]).files.map((f) => path.relative(root, f))).toEqual(['quoted.ts']);
  });

  it('names the package of a bare import', () => {
    expect(packageName('@scope/name/sub/path.js')).toBe('@scope/name');
    expect(packageName('pdfjs-dist/legacy/build/pdf.mjs')).toBe('pdfjs-dist');
    expect(packageName('node:fs')).toBeUndefined();
    expect(packageName('fs/promises')).toBeUndefined();
  });
});

describe('the memo of parsed files across builds', () => {
  const old = new Date(Date.now() - 60_000);
  const setUp = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'trove-code-hash-memo-'));
    const file = path.join(dir, 'src', 'a.ts');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'export const a = 1;');
    await utimes(file, old, old);
    // A file's change time cannot be set back: the memo is told the time is a minute later instead.
    const later = () => Date.now() + 60_000;
    const memo = (version = 'v1', now = later) => new CodeHashMemo<string>({ file: path.join(dir, 'memo.json'), root: dir, version, now });
    return { dir, file, memo };
  };

  it('remembers a file until its size or times change, across processes (a fresh memo reads the saved one)', async () => {
    const { dir, file, memo } = await setUp();
    const first = memo();
    first.set(file, first.get(file).stat, 'parsed once');
    first.save();
    expect(memo().get(file).value).toBe('parsed once');
    // The same size and modification time, set back by hand: the change time still tells.
    await writeFile(file, 'export const a = 2;');
    await utimes(file, old, old);
    expect(memo().get(file).value).toBeUndefined();
    // Another version of the hashing code starts empty.
    expect(memo('v2').get(file).value).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
  });

  it('does not remember a file changed in the last two seconds, nor one outside the project', async () => {
    const { dir, file, memo } = await setUp();
    const soon = memo('v1', () => Date.now() + 1000);
    soon.set(file, soon.get(file).stat, 'racy');
    soon.save();
    expect(memo().get(file).value).toBeUndefined();
    const outside = at('lib/c.ts');
    const settled = memo();
    settled.set(file, settled.get(file).stat, 'settled');
    settled.set(outside, settled.get(outside).stat, 'outside');
    settled.save();
    expect([memo().get(file).value, memo().get(outside).value]).toEqual(['settled', undefined]);
    await rm(dir, { recursive: true, force: true });
  });
});
