/**
 * Front matter parsing with gray-matter, made safe: its `---js` and
 * `---javascript` engines evaluate code, so they are replaced by engines that
 * refuse. YAML is parsed with the `yaml` package (not gray-matter's bundled
 * js-yaml 3) so errors carry a line and dates stay strings.
 */
import matter from 'gray-matter';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { DocumentError } from '../errors.ts';

export interface FrontMatterResult {
  data: Record<string, unknown>;
  /** The markdown after the front matter. */
  body: string;
  /** Line number (1-based) in the file where `body` starts. */
  bodyStartLine: number;
}

export class FrontMatterError extends DocumentError {
  readonly line?: number;
  constructor(message: string, line?: number, hint?: string) {
    super(message, hint);
    this.line = line;
  }
}

const refuse = () => {
  throw new FrontMatterError(
    'front matter in JavaScript is not allowed (it would run code during the build)',
    1,
    'write the front matter as YAML between --- lines',
  );
};

export function parseFrontMatter(source: string): FrontMatterResult {
  const text = source.replace(/^\uFEFF/, '');
  const parsed = matter(text, {
    engines: {
      js: refuse,
      javascript: refuse,
      coffee: refuse,
      coffeescript: refuse,
      // The YAML block starts on line 2, after the opening ---.
      yaml: (input: string) => parseYaml(input, 1),
    },
  } as never);
  const data = (parsed.data ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError('front matter must be a set of "key: value" lines', 2);
  }
  const body = parsed.content;
  const bodyStartLine = text.slice(0, text.length - body.length).split('\n').length;
  return { data, body, bodyStartLine };
}

/** Parses a YAML block whose first line is `lineOffset` lines into the file. */
export function parseYaml(input: string, lineOffset = 0): Record<string, unknown> {
  const doc = parseDocument(input, { uniqueKeys: true, schema: 'core' });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    throw new FrontMatterError(
      `invalid YAML: ${(first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
      line === undefined ? undefined : line + lineOffset,
      'check indentation and quoting; values with ":" or "#" need quotes',
    );
  }
  const value = doc.toJS() as unknown;
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FrontMatterError('front matter must be a set of "key: value" lines', lineOffset + 1);
  }
  return value as Record<string, unknown>;
}

/**
 * 1-based line of a top-level key, for errors that name a field: in a
 * markdown file's front matter, or in a YAML file such as site.yml (a file
 * that does not open with `---` is YAML from its first line). Undefined when
 * the key is absent.
 */
export function lineOfKey(source: string, key: string): number | undefined {
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  const first = lines[0]?.trim() === '---' ? 1 : 0;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '---') return undefined;
    if (line.startsWith(`${key}:`)) return i + 1;
  }
  return undefined;
}

/**
 * 1-based line of a nested field, such as `audit.2.match` (the key of a
 * mapping entry, or the item of a list), so an error in the third entry of
 * a list points at that entry rather than at the list's first line. Falls
 * back to the top-level key's line when the path cannot be followed.
 */
export function lineOfPath(source: string, fieldPath: readonly PropertyKey[]): number | undefined {
  const top = typeof fieldPath[0] === 'string' ? lineOfKey(source, fieldPath[0]) : undefined;
  if (fieldPath.length < 2 || top === undefined) return top;
  const lines = source.replace(/^\uFEFF/, '').split('\n');
  const offset = lines[0]?.trim() === '---' ? 1 : 0;
  const end = lines.findIndex((line, i) => i >= offset && line.trim() === '---');
  const counter = new LineCounter();
  const doc = parseDocument(lines.slice(offset, end === -1 ? undefined : end).join('\n'), { lineCounter: counter, schema: 'core' });
  const parent = doc.getIn(fieldPath.slice(0, -1) as unknown[], true);
  const last = fieldPath[fieldPath.length - 1];
  let start: number | undefined;
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    start = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  } else if (isSeq(parent) && typeof last === 'number') {
    const item = parent.items[last];
    start = isScalar(item) || isMap(item) || isSeq(item) ? item.range?.[0] : undefined;
  }
  return start === undefined ? top : counter.linePos(start).line + offset;
}
