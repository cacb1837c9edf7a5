/**
 * The form watch-list terms and published text are compared in, and the
 * readable text of markup. Pure.
 *
 * A term matches wherever its letters and digits appear in order with
 * nothing but other characters between them: case, accents, Unicode
 * compatibility forms (full-width digits, ligatures), spaces, line breaks,
 * hyphens and punctuation are all ignored. So "Jane Q. Roe" matches
 * "JANE Q ROE", "Jane\nQ. Roe" and "jane-q-roe"; "612-555-0142" matches
 * "(612) 555 0142". Ignoring every separator finds a term however a PDF
 * spaced or broke it, at the cost of also matching across word boundaries:
 * a last line of defence should err that way.
 */
import { decode } from 'html-entities';

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** ASCII letters and digits in comparison form (lower case); 0 for every other ASCII character. */
export const ASCII_FOLD = Uint16Array.from({ length: 128 }, (_, c) => ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) ? c : c >= 65 && c <= 90 ? c + 32 : 0));
const FOLDED = new Map<number, string>();

/** Latin letters that carry their accent in the letter itself, so NFKD leaves them whole: their base letters. */
const BASE_LETTERS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ŧ: 't', ı: 'i', ŀ: 'l', þ: 'th', æ: 'ae', œ: 'oe' };
const WITH_BASE = new RegExp(`[${Object.keys(BASE_LETTERS).join('')}]`, 'g');

/** `text` (case-folded) with each of those letters replaced by its base letters. */
export function baseLetters(text: string): string {
  return text.replace(WITH_BASE, (letter) => BASE_LETTERS[letter]!);
}

/**
 * One code point in comparison form: NFKC, case-folded (upper then lower
 * case folds what lower case alone does not: ß and ẞ become ss), marks
 * dropped after NFKD (and ł, ø, æ… taken to their base letters), and
 * nothing left of anything but letters and digits.
 * Folding each code point alone gives what folding the whole text would:
 * marks, the only characters that combine, are dropped either way. Cached:
 * a text has few distinct characters.
 */
export function foldCodePoint(codePoint: number): string {
  let folded = FOLDED.get(codePoint);
  if (folded === undefined) {
    const decomposed = String.fromCodePoint(codePoint).normalize('NFKC').toUpperCase().toLowerCase().replace(/ς/g, 'σ').normalize('NFKD');
    folded = baseLetters(decomposed).replace(NOT_LETTER_OR_DIGIT, '');
    FOLDED.set(codePoint, folded);
  }
  return folded;
}

/** Letters and digits only, case- and accent-folded (see foldCodePoint). */
export function watchKey(text: string): string {
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_FOLD[c]) out.push(String.fromCharCode(ASCII_FOLD[c]!));
      continue;
    }
    const codePoint = text.codePointAt(i)!;
    if (codePoint > 0xffff) i++;
    out.push(foldCodePoint(codePoint));
  }
  return out.join('');
}

/** Tags and comments of HTML or XML; a quoted attribute value may hold `>`. */
const TAG = /<!--([\s\S]*?)-->|<(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const ATTRIBUTE_VALUE = /=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;

/**
 * HTML or XML as text a reader sees (`text`: tags removed, so words split by
 * `<b>` or `<mark>` join up again) and what else the file carries
 * (`attributes`: attribute values such as links, `alt` and `title`, and
 * comments). Entities are decoded in both.
 */
export function splitMarkup(markup: string): { text: string; attributes: string } {
  const attributes: string[] = [];
  const text = markup.replace(TAG, (tag: string, comment: string | undefined) => {
    if (comment !== undefined) attributes.push(comment);
    else for (const m of tag.matchAll(ATTRIBUTE_VALUE)) attributes.push(m[1] ?? m[2] ?? m[3] ?? '');
    return '';
  });
  return { text: decodeText(decode(text, { level: 'html5' })), attributes: decodeText(decode(attributes.join(' '), { level: 'html5' })) };
}

/**
 * Text as a program would show it: JSON string escapes (`\u00e9`, `\n`)
 * and URL escapes (`%C3%A9`) decoded, so a term written into a JSON file or a
 * link is still found.
 */
export function decodeText(text: string): string {
  let out = text;
  if (out.includes('\\')) {
    out = out.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))).replace(/\\[nrtbf]/g, ' ');
  }
  if (out.includes('%')) {
    out = out.replace(/(?:%[0-9a-fA-F]{2})+/g, (escaped) => {
      try {
        return decodeURIComponent(escaped);
      } catch {
        return escaped;
      }
    });
  }
  return out;
}

const TRAILING_ESCAPES = /(?:%[0-9a-fA-F]{2})*(?:%[0-9a-fA-F]?)?$/;

/**
 * Where a piece of streamed text can be cut so that nothing read across the
 * cut is lost: not inside a tag (markup), an entity or escape, or a
 * surrogate pair. Returns the length of the part to read now; the rest
 * waits for the next piece.
 */
export function safeCut(text: string, markup: boolean): number {
  let cut = text.length;
  if (markup) {
    const open = text.lastIndexOf('<');
    if (open > text.lastIndexOf('>') && cut - open < 65_536) cut = open;
  }
  // An entity (&eacute;) or a JSON escape (\u00e9) may run past the end.
  for (const [mark, width] of [
    ['&', 40],
    ['\\', 12],
  ] as const) {
    const at = text.lastIndexOf(mark, cut - 1);
    if (at >= 0 && cut - at < width) cut = at;
  }
  // URL escapes of one character come in runs (%C3%A9): keep the run whole.
  const escapes = TRAILING_ESCAPES.exec(text.slice(Math.max(0, cut - 64), cut));
  if (escapes && escapes[0].length > 0) cut -= escapes[0].length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return cut;
}
