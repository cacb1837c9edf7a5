/**
 * Turns a zod failure into Problems that name the file, the line of the
 * field, the field, the value found and what was expected.
 */
import type { z } from 'zod';
import type { Problem } from '../errors.ts';
import { lineOfKey as lineOfKeyIn, lineOfPath } from './front-matter.ts';
import { closestOf } from '../../lib/edit-distance.ts';

/** Where a field's value came from, when not from `file` itself (e.g. a row of metadata.csv). */
export type Locate = (key: string) => { file: string; line?: number } | undefined;

export function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  defaultFile: string,
  source: string,
  problems: Problem[],
  locate?: Locate,
): z.infer<T> | undefined {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const elsewhere = key ? locate?.(key) : undefined;
    const file = elsewhere?.file ?? defaultFile;
    const lineOfKey = (source: string, k: string) => (elsewhere ? elsewhere.line : lineOfKeyIn(source, k));
    const field = issue.path.join('.');
    if (issue.code === 'unrecognized_keys' && field) {
      // Inside a list entry or nested object: the top-level field names would be the wrong hint.
      for (const unknown of issue.keys) {
        const line = elsewhere ? elsewhere.line : lineOfPath(source, [...issue.path, unknown]);
        problems.push({ file, line, message: `field "${field}": unknown field "${unknown}"`, hint: issue.message });
      }
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const unknown of issue.keys) {
        problems.push({
          file,
          line: lineOfKey(source, unknown),
          message: `unknown field "${unknown}"`,
          hint: `${closest(unknown, knownKeys(schema)) ? `did you mean "${closest(unknown, knownKeys(schema))}"? ` : ''}remove it or check its spelling; known fields: ${knownKeys(schema).join(', ')}`,
        });
      }
      continue;
    }
    const found = 'input' in issue ? describe(issue.input) : 'nothing';
    const missing = issue.input === undefined && issue.path.length === 1;
    problems.push({
      file,
      line: key && !missing ? (elsewhere ? elsewhere.line : lineOfPath(source, issue.path)) : undefined,
      message: !field ? issue.message : missing ? `field "${field}" is missing; it is required` : `field "${field}": found ${found}; ${issue.message}`,
      hint: missing ? `add a line "${field}: …" to the front matter` : undefined,
    });
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  return JSON.stringify(value)?.slice(0, 80) ?? String(value);
}

function knownKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** The known field closest to a misspelt one (at most two edits away), if any. */
function closest(word: string, candidates: string[]): string | undefined {
  return closestOf(word, candidates, 2);
}
