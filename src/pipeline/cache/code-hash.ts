/**
 * What a document type's derivatives depend on, for its cache key: the
 * code of its processor and of every file that imports, transitively, plus
 * the worker that runs processors (it adds the download's size and hash to
 * the result); and the versions of the packages that code imports.
 *
 * Per type, so that a change to the e-mail processor does not reprocess
 * every PDF of a collection (a cold build of a large collection takes
 * hours), while anything a processor reaches outside its own folders
 * (errors, stage timing, src/lib, schemas) counts too.
 *
 * The hash is of the code, not of the text: each file is parsed with
 * TypeScript and hashed as its syntax tree, so comments, whitespace, line
 * breaks, grouping parentheses, quote style and trailing commas do not count, and a relative
 * import counts as the code of the file it names, not its path, so moving a
 * file keeps every key. Imports are found in the syntax tree (static,
 * dynamic, type-only, `export … from`, `require()` and `new URL('…',
 * import.meta.url)`); finding too much only costs a rebuild, while missing a
 * file would reuse a stale entry, so an import that names no file is an
 * error, not a skip.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import type TS from 'typescript';
import { projectMemo } from './code-hash-memo.ts';

/** TypeScript's parser, loaded only when a file is not in the memo (loading it takes a third of a second). */
let ts: typeof TS;
function typescript(): typeof TS {
  ts ??= createRequire(import.meta.url)('typescript') as typeof TS;
  return ts;
}

/** Packages whose output depends on another package that the code does not import itself. */
const USES: Record<string, string[]> = {
  // pdf.js draws on @napi-rs/canvas, which it loads itself.
  'pdfjs-dist': ['@napi-rs/canvas'],
};

const CODE = /\.(ts|mts|js|mjs)$/;

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
    if (!CODE.test(file)) continue;
    for (const { specifier, target } of parsed(file).imports) {
      if (target) todo.push(target);
      else {
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

/**
 * SHA-256 (16 hex digits) of the files' code: each file's hash (`codeHash`),
 * in sorted order, so neither their paths nor the order given counts.
 */
export function hashSources(files: string[]): string {
  const hash = createHash('sha256');
  for (const fileHash of files.map(codeHash).sort()) hash.update(`${fileHash}\0`);
  memo.save();
  return hash.digest('hex').slice(0, 16);
}

/**
 * A file's code as a hash: its tokens, without comments or layout, with
 * each relative import replaced by the hash of the tokens of the file it
 * names. A file that is not code is hashed as bytes.
 */
export function codeHash(file: string): string {
  if (!CODE.test(file)) return bytesHash(file);
  const { pieces, specifiers, imports } = parsed(file);
  const targets = new Map(imports.filter((i) => i.target).map((i) => [i.specifier, i.target!]));
  const hash = createHash('sha256').update(`${pieces[0]}\0`);
  specifiers.forEach((specifier, i) => hash.update(`import:${shallowHash(targets.get(specifier)!)}\0${pieces[i + 1]}\0`));
  return hash.digest('hex');
}

interface Import {
  specifier: string;
  /** The file a relative import names; undefined for a package. */
  target?: string;
}

/**
 * A file's tokens, serialized and cut at each string that names a relative
 * import, kept as the hash of each piece: `pieces` has one more entry than
 * `specifiers`, and the file's code is pieces[0], specifiers[0], pieces[1], ...
 */
interface Parsed {
  pieces: string[];
  specifiers: string[];
  imports: Import[];
  /** The hash of the file's own tokens, its imports as written. */
  shallow: string;
}

/**
 * Parsed once per file: the closures of the six document types share most
 * of their files. Within a process, by content; across builds, by the file's
 * size and times (code-hash-memo.ts).
 */
const parsedFiles = new Map<string, { text: string; parsed: Parsed }>();

function parsed(file: string): Parsed {
  const { value: remembered, stat } = memo.get(file);
  if (remembered && remembered.imports.every((i) => !i.target || existsSync(i.target))) return remembered;
  const text = readFileSync(file, 'utf8');
  const known = parsedFiles.get(file);
  if (known?.text === text) return known.parsed;
  const found = parse(file, text);
  parsedFiles.set(file, { text, parsed: found });
  memo.set(file, stat, found);
  return found;
}

const memo = projectMemo<Parsed>();

function parse(file: string, text: string): Parsed {
  const ts = typescript();
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const imports = importsOf(source, file);
  const { code, specifiers } = partsOf(tokensOf(source), new Set(imports.filter((i) => i.target).map((i) => i.specifier)));
  const shallow = createHash('sha256');
  code.forEach((piece, i) => shallow.update(piece).update(i < specifiers.length ? `${ts.SyntaxKind.StringLiteral}:${specifiers[i]}\0` : ''));
  const pieces = code.map((piece) => createHash('sha256').update(piece).digest('hex'));
  return { pieces, specifiers, imports, shallow: shallow.digest('hex') };
}

function partsOf(tokens: Token[], relative: Set<string>): { code: string[]; specifiers: string[] } {
  const parts = { code: [] as string[], specifiers: [] as string[] };
  let code = '';
  for (const token of tokens) {
    if (token.kind === ts.SyntaxKind.StringLiteral && relative.has(token.text)) {
      parts.code.push(code);
      parts.specifiers.push(token.text);
      code = '';
    } else code += `${token.kind}:${token.text}\0`;
  }
  parts.code.push(code);
  return parts;
}

/** A relative import's target, hashed by its own tokens only (imports form circles; the closure covers the rest). */
function shallowHash(file: string): string {
  return CODE.test(file) ? parsed(file).shallow : bytesHash(file);
}

function bytesHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

interface Token {
  kind: TS.SyntaxKind;
  text: string;
}

/**
 * The syntax tree as a sequence: each node's kind, its children between
 * markers, and each token's text, without trivia or JSDoc. The tree holds
 * the grouping, so parentheses that only group are left out (a formatter
 * adds and removes them; `(a + b) * c` and `a + b * c` are still different
 * trees). String and template literals count by their value, so quote
 * style does not; a comma before a closing bracket is dropped.
 */
function tokensOf(source: TS.SourceFile): Token[] {
  const tokens: Token[] = [];
  const VALUED = valued();
  const visit = (node: TS.Node): void => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    if (ts.isParenthesizedExpression(node) || ts.isParenthesizedTypeNode(node)) {
      visit(node.kind === ts.SyntaxKind.ParenthesizedExpression ? (node as TS.ParenthesizedExpression).expression : (node as TS.ParenthesizedTypeNode).type);
      return;
    }
    // A list's trailing comma (the formatter's choice) is its last child.
    let children = node.getChildren(source);
    if (node.kind === ts.SyntaxKind.SyntaxList && children.at(-1)?.kind === ts.SyntaxKind.CommaToken) children = children.slice(0, -1);
    if (children.length === 0) {
      if (node.kind === ts.SyntaxKind.EndOfFileToken) return;
      const text = VALUED.has(node.kind) ? (node as TS.LiteralLikeNode).text : node.getText(source);
      tokens.push({ kind: node.kind, text });
      return;
    }
    tokens.push({ kind: node.kind, text: '{' });
    for (const child of children) visit(child);
    tokens.push({ kind: node.kind, text: '}' });
  };
  visit(source);
  return tokens;
}

/** Tokens that count by their value, not their spelling (quotes, escapes). */
const valued = () =>
  new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
  ]);

/** Every module a file names, in the syntax tree; a relative one resolved to its file, which must exist. */
function importsOf(source: TS.SourceFile, file: string): Import[] {
  const imports: Import[] = [];
  const add = (node: TS.Node | undefined): void => {
    if (!node || !ts.isStringLiteralLike(node)) return;
    const specifier = node.text;
    if (!specifier.startsWith('.')) {
      imports.push({ specifier });
      return;
    }
    const target = path.resolve(path.dirname(file), specifier);
    if (!existsSync(target)) throw new Error(`${file} imports ${specifier}, which is not a file: the cache key cannot cover it`);
    imports.push({ specifier, target });
  };
  const visit = (node: TS.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || isNamed(node.expression, 'require'))) add(node.arguments[0]);
    else if (ts.isNewExpression(node) && isNamed(node.expression, 'URL') && node.arguments?.[1]?.getText(source) === 'import.meta.url') add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return imports;
}

function isNamed(node: TS.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}
