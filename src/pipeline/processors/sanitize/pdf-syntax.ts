/** Byte classes and small readers of PDF syntax shared by the content lexer. */

export const WHITESPACE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITESPACE[c] = 1;
export const DELIMITER = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIMITER[c.charCodeAt(0)] = 1;
export const REGULAR = (c: number) => !WHITESPACE[c] && !DELIMITER[c];

/** The inline-image end search: how far after `EI` must look like content, not image bytes. */
const EI_LOOKAHEAD = 64;

/**
 * Where an inline image's data ends: after its declared length when it has
 * one that is followed by `EI`, else at the first `EI` that stands alone
 * and is followed by what looks like content (not more binary data), as
 * pdf.js reads it. Undefined when there is none.
 */
export function inlineDataEnd(b: Uint8Array, start: number, declaredLength: number | undefined): number | undefined {
  if (declaredLength !== undefined && declaredLength >= 0 && start + declaredLength <= b.length) {
    const after = start + declaredLength;
    let p = after;
    while (p < b.length && WHITESPACE[b[p]!]) p++;
    if (b[p] === 0x45 && b[p + 1] === 0x49) return after;
  }
  for (let p = start; p + 1 < b.length; p++) {
    if (b[p] !== 0x45 || b[p + 1] !== 0x49) continue;
    if (p > start && !WHITESPACE[b[p - 1]!]) continue;
    const q = p + 2;
    if (q < b.length && !WHITESPACE[b[q]!] && !DELIMITER[b[q]!]) continue;
    if (!looksLikeContent(b, q)) continue;
    return p > start ? p - 1 : p;
  }
  return undefined;
}

/** The bytes after a candidate `EI` are printable text, as content is, not image data. */
function looksLikeContent(b: Uint8Array, from: number): boolean {
  const end = Math.min(b.length, from + EI_LOOKAHEAD);
  for (let p = from; p < end; p++) {
    const c = b[p]!;
    if (!WHITESPACE[c] && (c < 0x20 || c > 0x7e)) return false;
  }
  return true;
}

export function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** A PDF number (`12`, `-3.5`, `.5`, `4.`), read leniently as pdf.js does (`--2` is -2); undefined if the word is not one. */
export function parseNumber(word: string): number | undefined {
  if (!/^[+-]*(\d+\.?\d*|\.\d+)$/.test(word)) return undefined;
  const negative = word.startsWith('-');
  const v = Number(word.replace(/^[+-]*/, ''));
  if (!Number.isFinite(v)) return undefined;
  return negative ? -v : v;
}
