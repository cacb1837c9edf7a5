/**
 * The `match:` of an acceptance: which values of a rule's findings the
 * editor reviewed. A plain text is compared with the whole value, ignoring
 * case, Unicode compatibility forms (full-width digits, ligatures), how
 * whitespace is laid out and a full stop at the end; `/pattern/flags` is a regular expression that must
 * match the whole value (as normalized, with its case kept: add the `i` flag
 * to ignore it). Whole, never part: `/agency\.gov/` must not accept
 * `someone@agency.gov.example.net`.
 */

/** NFKC, every run of whitespace one space, no space at either end. */
function normalizeValue(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/**
 * Text compared without case (lower-cased, then normalized again: some
 * characters change form when lowered) and without a full stop at the end,
 * which a value can take from its sentence ("lives at 12 Orchard Lane.").
 */
function folded(value: string): string {
  return normalizeValue(normalizeValue(value).toLowerCase()).replace(/\.+$/u, '');
}

export type ValueMatcher = (value: string) => boolean;

const REGEX = /^\/(.+)\/([a-z]*)$/su;
/** Flags that make a regular expression remember where it stopped: the same value would match, then not. */
const STATEFUL = /[gy]/;

/** A matcher for one `match:` entry, or the reason it cannot be one (for the schema's error). */
export function compileMatch(pattern: string): { matcher: ValueMatcher } | { error: string } {
  const regex = REGEX.exec(pattern);
  if (!regex) {
    const wanted = folded(pattern);
    if (wanted === '') return { error: 'expected the text of the value to accept; it is empty' };
    return { matcher: (value) => folded(value) === wanted };
  }
  const [, source, flags] = regex;
  if (STATEFUL.test(flags!)) return { error: `the flags "g" and "y" are not allowed (found "${flags}"); use i, s, u or v` };
  try {
    // Compiled as written first, so that the error quotes the editor's pattern.
    new RegExp(source!, flags);
  } catch (e) {
    return { error: `the regular expression cannot be read: ${(e as Error).message}; write /pattern/flags, or the plain text of the value` };
  }
  const whole = new RegExp(`^(?:${source})$`, flags);
  return { matcher: (value) => whole.test(normalizeValue(value)) };
}

/** One matcher for a list of patterns (any of them); patterns were checked by the schema. */
export function matcherOf(patterns: readonly string[]): ValueMatcher {
  const matchers = patterns.map((p) => {
    const compiled = compileMatch(p);
    if ('error' in compiled) throw new Error(`match "${p}": ${compiled.error}`);
    return compiled.matcher;
  });
  return (value) => matchers.some((m) => m(value));
}

/** The key under which two values count as the same one (for "this acceptance let N values through"). */
export function valueKey(value: string): string {
  return folded(value);
}
