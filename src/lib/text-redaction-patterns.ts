/**
 * The regular expressions of `redactText`: a literal `text` as a pattern
 * that ignores case and how whitespace is laid out and matches whole words
 * only, and an editor's `pattern` compiled with Unicode semantics (or
 * without, for a pattern written for them). Shared by the schema (which
 * reports a pattern that cannot be compiled) and the redaction itself.
 */

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Escapes what a regular expression reads as syntax; with the u flag only syntax characters may be escaped (not "-"). */
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** "Perdita  Hollowell" → /(?<![\p{L}\p{N}_])Perdita\s+Hollowell(?![\p{L}\p{N}_])/giu */
export function literalPattern(text: string): RegExp {
  const words = text.trim().split(/\s+/u);
  const before = WORD_CHAR.test(text.trim()[0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(text.trim().at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${words.map(escapeRegExp).join('\\s+')}${after}`, 'giu');
}

/** An editor's pattern as a global regular expression, or why it cannot be one. */
export function compileRedactionPattern(pattern: string): RegExp | { error: string } {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    try {
      return new RegExp(pattern, 'g');
    } catch (e) {
      return { error: `the regular expression cannot be read: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
    }
  }
}
