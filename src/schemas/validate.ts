/**
 * Turns a zod failure into Problems that name the file, the line of the
 * field, the field, the value found and what was expected.
 */
import type { z } from 'zod';
import type { Problem } from '../pipeline/errors.ts';
import { lineOfKey } from '../pipeline/front-matter.ts';

export function validate<T extends z.ZodType>(
  schema: T,
  data: unknown,
  file: string,
  source: string,
  problems: Problem[],
): z.infer<T> | undefined {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const field = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const unknown of issue.keys) {
        problems.push({
          file,
          line: lineOfKey(source, unknown),
          message: `unknown field "${unknown}"`,
          hint: `remove it or check its spelling; known fields: ${knownKeys(schema).join(', ')}`,
        });
      }
      continue;
    }
    const found = 'input' in issue ? describe(issue.input) : 'nothing';
    problems.push({
      file,
      line: key ? lineOfKey(source, key) : undefined,
      message: field
        ? `field "${field}": ${issue.input === undefined ? 'is missing' : `found ${found}`}; ${issue.message}`
        : issue.message,
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
