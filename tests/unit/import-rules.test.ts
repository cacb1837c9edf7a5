/**
 * The import rules of .dependency-cruiser.cjs (run by `npm run lint`), run
 * through dependency-cruiser's API: on tiny trees made to break each rule,
 * on a clean one, and on the project itself. .astro files are read here
 * too, as dependency-cruiser cannot parse them.
 */
import { glob, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type ICruiseOptions, type IConfiguration, type IViolation } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/build.ts';

const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs')) as IConfiguration;

/** The violations of the project's rules among the files under `roots` of `baseDir`, as `rule: from → to`. */
async function violations(baseDir: string, roots: string[]): Promise<string[]> {
  const tsConfigFile = path.join(baseDir, 'tsconfig.json');
  const { options, ...ruleSet } = config;
  const cruiseOptions: ICruiseOptions = { ...options, baseDir, tsConfig: { fileName: tsConfigFile }, validate: true, ruleSet };
  const result = await cruise(roots, cruiseOptions, undefined, { tsConfig: extractTSConfig(tsConfigFile) });
  if (typeof result.output === 'string') throw new Error(`expected a cruise result, got: ${result.output}`);
  return result.output.summary.violations.map((v: IViolation) => `${v.rule.name}: ${(v.cycle ?? []).length ? cycleOf(v) : `${v.from} → ${v.to}`}`);
}

const cycleOf = (v: IViolation) => [v.from, ...v.cycle!.map((step) => step.name)].join(' → ');

/** Writes `files` (path → text) under a new temporary folder with a tsconfig like the project's. */
async function tree(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('imports');
  const tsconfig = {
    compilerOptions: { allowImportingTsExtensions: true, verbatimModuleSyntax: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler' },
  };
  await writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

describe('import rules', () => {
  it('find a circle made of type-only imports', async () => {
    const dir = await tree({
      'src/pipeline/a.ts': "import type { B } from './b.ts';\nexport interface A { b?: B }\n",
      'src/pipeline/b.ts': "import type { A } from './a.ts';\nexport interface B { a?: A }\n",
    });
    expect(await violations(dir, ['src'])).toEqual(expect.arrayContaining(['no-circular: src/pipeline/a.ts → src/pipeline/b.ts → src/pipeline/a.ts']));
  });

  it('find each import that points the wrong way, and an import of a file that is not there', async () => {
    const dir = await tree({
      'src/pipeline/processors/types.ts': 'export interface TableInfo { rowCount: number }\n',
      'src/lib/model.ts': "export type Table = import('../pipeline/processors/types.ts').TableInfo;\n",
      'src/data/site.ts': "import type { TableInfo } from '../pipeline/processors/types.ts';\nexport const rows = (t: TableInfo) => t.rowCount;\n",
      'src/schemas/audit.ts': "import { RULE } from '../pipeline/audit/rules.ts';\nexport const rule = RULE;\n",
      'src/pipeline/audit/rules.ts': "export const RULE = 'pii-email';\n",
      'src/pipeline/run.ts':
        "import { fingerprint } from '../../public/verify.mjs';\nimport { gone } from './moved.ts';\nexport const f = [fingerprint, gone];\n",
      'public/verify.mjs': 'export const fingerprint = 1;\n',
    });
    expect((await violations(dir, ['src'])).sort()).toEqual([
      'not-to-unresolvable: src/pipeline/run.ts → ./moved.ts',
      'pages-and-lib-not-to-pipeline: src/data/site.ts → src/pipeline/processors/types.ts',
      'pages-and-lib-not-to-pipeline: src/lib/model.ts → src/pipeline/processors/types.ts',
      'schemas-not-to-pipeline: src/schemas/audit.ts → src/pipeline/audit/rules.ts',
      'src-not-to-public: src/pipeline/run.ts → public/verify.mjs',
    ]);
  });

  it('pass a tree whose imports point one way', async () => {
    const dir = await tree({
      'src/lib/model.ts': 'export interface TableInfo { rowCount: number }\n',
      'src/schemas/document.ts': "export const TYPES = ['pdf'] as const;\n",
      'src/pipeline/run.ts':
        "import type { TableInfo } from '../lib/model.ts';\nimport { TYPES } from '../schemas/document.ts';\nexport const f = (t: TableInfo) => [t, TYPES];\n",
      'src/data/site.ts':
        "import { dataDir } from 'virtual:trove/data';\nimport type { TableInfo } from '../lib/model.ts';\nexport const rows = (t: TableInfo) => [t.rowCount, dataDir];\n",
    });
    expect(await violations(dir, ['src'])).toEqual([]);
  });

  it('hold for the project', async () => {
    expect(await violations(ROOT, ['src', 'scripts'])).toEqual([]);
  });

  it("hold for the pages' .astro files, whose imports dependency-cruiser cannot read", async () => {
    expect(await astroViolations(ROOT)).toEqual([]);
    const dir = await tree({
      'src/pages/index.astro': "---\nimport Base from '../layouts/Base.astro';\nimport { runPipeline } from '../pipeline/run.ts';\n---\n<Base />\n",
      'src/layouts/Base.astro': "---\nimport { getSite } from '../data/site.ts';\n---\n<slot />\n",
    });
    expect(await astroViolations(dir)).toEqual(['pages-and-lib-not-to-pipeline: src/pages/index.astro → src/pipeline/run.ts']);
  });
});

/** The .astro files under `root`'s pages that import what the pages rule forbids, read from their frontmatter. */
async function astroViolations(root: string): Promise<string[]> {
  const rule = config.forbidden!.find((r) => r.name === 'pages-and-lib-not-to-pipeline') as { name: string; from: { path: string[] }; to: { path: string } };
  const from = new RegExp(rule.from.path.join('|'));
  const to = new RegExp(rule.to.path);
  const files: string[] = [];
  for await (const file of glob('src/**/*.astro', { cwd: root })) files.push(file.split(path.sep).join('/'));
  const wrong: string[] = [];
  for (const file of files.filter((f) => from.test(f)).sort()) {
    for (const target of await astroImports(root, file)) if (to.test(target)) wrong.push(`${rule.name}: ${file} → ${target}`);
  }
  return wrong;
}

/** The project-relative files an .astro file's frontmatter imports (relative imports only; packages are not the pipeline). */
async function astroImports(root: string, file: string): Promise<string[]> {
  const source = await readFile(path.join(root, file), 'utf8');
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
  return ts
    .preProcessFile(frontmatter, true, true)
    .importedFiles.map((f) => f.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.posix.join(path.posix.dirname(file), name));
}
