/**
 * A PostScript calculator function (type 4) written anew from its tokens:
 * braces, numbers and the operators PDF allows in one. Comments and
 * anything else are dropped or refused, so the function carries nothing
 * but the calculation.
 */
import { UnsafeContentError } from './stream-data.ts';

const OPERATORS = new Set(
  (
    'abs add atan ceiling cos cvi cvr div exp floor idiv ln log mod mul neg round sin sqrt sub truncate ' +
    'and bitshift eq false ge gt le lt ne not or true xor if ifelse copy dup exch index pop roll'
  ).split(' '),
);

export function cleanCalculator(data: Uint8Array): Uint8Array {
  const text = Buffer.from(data)
    .toString('latin1')
    .replace(/%[^\r\n]*/g, ' ');
  const tokens = text.match(/[{}]|[^\s{}]+/g) ?? [];
  let depth = 0;
  for (const token of tokens) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (!OPERATORS.has(token) && !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) throw new UnsafeContentError(`"${token.slice(0, 20)}" in a calculator function`);
    if (depth < 0) throw new UnsafeContentError('unbalanced braces in a calculator function');
  }
  if (depth !== 0) throw new UnsafeContentError('unbalanced braces in a calculator function');
  return new Uint8Array(Buffer.from(tokens.join(' '), 'latin1'));
}
