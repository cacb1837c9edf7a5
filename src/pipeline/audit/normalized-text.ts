/**
 * The text the personal-information rules search, as a reader would read
 * it: Unicode compatibility forms folded (NFKC: full-width digits and
 * letters, odd spaces, ligatures), digits of every script as ASCII digits,
 * every dash-like character as `-`, invisible characters (soft hyphens,
 * zero-width spaces and joiners, variation selectors) dropped, and a line
 * break inside a number (`202-456-` at the end of one line, `1414` at the
 * start of the next) read as a space. So `２１９–０９–９９９９`,
 * `219\u00AD09\u00AD9999` and a number wrapped onto the next line match
 * like the plain ASCII number they show.
 *
 * Every character of the result remembers the span of the source it came
 * from, so a match is reported as written and located on the page.
 */

export interface NormalizedText {
  text: string;
  /** The source span `[start, end)` behind the normalized span `[start, end)`. */
  sourceSpan(start: number, end: number): [number, number];
}

const PLAIN = /^[\x00-\x7F]*$/;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const DASH = /[\p{Pd}\u2212\u2796\u2043\u02D7\uFE63\uFF0D]/u;
const DIGIT = /\p{Nd}/u;
/**
 * Whitespace with a line break between two parts of a number: after a
 * separator any run of it (a blank line, a page break read as one); between
 * two bare groups of digits a single line break only, and only when both
 * have three digits or more (`(202) 456` / `1414`). Columns of short
 * figures, one per line, stay apart.
 */
const WRAPPED = /(?<=\d[-.])[^\S\n]*\n\s*(?=[\d(])|(?<=\d)\s*\n\s*(?=[-.]\d)|(?<=\d{3})[^\S\n]*\n[^\S\n]*(?=\d{3}|\(\d)/g;

/** A cheaper test that holds wherever WRAPPED matches. */
const MAY_BE_WRAPPED = /[-.\d]\s*\n\s*[-.\d(]/;

let last: { source: string; result: NormalizedText } | undefined;

export function normalizedText(source: string): NormalizedText {
  // The text rules run one after another on the same page text: normalize it once.
  if (last?.source === source) return last.result;
  const result = PLAIN.test(source) ? plain(source) : foldUnicode(source);
  last = { source, result };
  return result;
}

interface Mapped {
  text: string;
  /** Source start of each character, and (at index text.length) the source's length. */
  from: number[];
  /** Source end of each character. */
  to: number[];
}

/** Text with nothing to fold, and most often no number wrapped either: every place stays. */
function plain(source: string): NormalizedText {
  if (mayBeWrapped(source)) {
    return joinWrapped(source, { from: Array.from({ length: source.length + 1 }, (_, i) => i), to: Array.from({ length: source.length }, (_, i) => i + 1) });
  }
  return { text: source, sourceSpan: (start, end) => [start, end] };
}

function mayBeWrapped(text: string): boolean {
  return text.includes('\n') && MAY_BE_WRAPPED.test(text);
}

const NON_ASCII = /[^\x00-\x7F]/gu;

function foldUnicode(source: string): NormalizedText {
  // Most non-ASCII characters stay as they are (letters, the `·` between table cells): change only the others.
  const changes: { index: number; length: number; folded: string }[] = [];
  for (const m of source.matchAll(NON_ASCII)) {
    const folded = foldChar(m[0]);
    if (folded !== m[0]) changes.push({ index: m.index, length: m[0].length, folded });
  }
  if (changes.length === 0) return plain(source);
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  const keep = (start: number, end: number) => {
    text += source.slice(start, end);
    for (let k = start; k < end; k++) {
      from.push(k);
      to.push(k + 1);
    }
  };
  let copied = 0;
  for (const { index, length, folded } of changes) {
    keep(copied, index);
    text += folded;
    for (let k = 0; k < folded.length; k++) {
      from.push(index);
      to.push(index + length);
    }
    copied = index + length;
  }
  keep(copied, source.length);
  from.push(source.length);
  return joinWrapped(text, { from, to });
}

const foldedChars = new Map<string, string>();

/** What one character (a code point) reads as: '' for an invisible one. */
function foldChar(c: string): string {
  let out = foldedChars.get(c);
  if (out === undefined) {
    out = INVISIBLE.test(c) ? '' : DASH.test(c) ? '-' : [...c.normalize('NFKC')].map(asciiDigitOrDash).join('');
    foldedChars.set(c, out);
  }
  return out;
}

function asciiDigitOrDash(d: string): string {
  if (DASH.test(d)) return '-';
  return d > '\x7F' && DIGIT.test(d) ? String(digitValue(d)) : d;
}

const digitValues = new Map<number, number>();

/**
 * The value of a decimal digit of any script. Unicode puts every script's
 * digits 0–9 in consecutive code points, so a digit's value is its distance
 * from the start of its run of digits, modulo 10 (some runs hold several
 * sets back to back).
 */
function digitValue(d: string): number {
  const cp = d.codePointAt(0)!;
  let value = digitValues.get(cp);
  if (value === undefined) {
    let start = cp;
    while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
    value = (cp - start) % 10;
    digitValues.set(cp, value);
  }
  return value;
}

/** Replaces line breaks inside numbers by one space, keeping where every character came from. */
function joinWrapped(text: string, map: Pick<Mapped, 'from' | 'to'>): NormalizedText {
  if (!mayBeWrapped(text)) return spans({ text, ...map });
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let copied = 0;
  const copy = (end: number) => {
    out += text.slice(copied, end);
    for (let k = copied; k < end; k++) {
      from.push(map.from[k]!);
      to.push(map.to[k]!);
    }
  };
  for (const m of text.matchAll(WRAPPED)) {
    copy(m.index);
    out += ' ';
    from.push(map.from[m.index]!);
    to.push(map.to[m.index + m[0].length - 1] ?? map.from[m.index]!);
    copied = m.index + m[0].length;
  }
  copy(text.length);
  from.push(map.from[text.length]!);
  return spans({ text: out, from, to });
}

function spans({ text, from, to }: Mapped): NormalizedText {
  return {
    text,
    sourceSpan: (start, end) => (end > start ? [from[start]!, to[end - 1]!] : [from[start]!, from[start]!]),
  };
}
