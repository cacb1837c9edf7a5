/**
 * How much of a text reads as words: the test that decides whether a PDF
 * page's own text layer is junk (publisher OCR full of garbage, a font
 * whose characters map to the wrong letters) and should be read again by
 * OCR. No dictionary: a token is word-like when it has the shape of a word
 * in any alphabet, a number, an amount, a date, an identifier, an address
 * or a link; what is left ("l!lnllli\1\,ll::::ti=", "e><empt", long runs of
 * one letter) is junk. The share is by characters, so one long garbled
 * line weighs more than a stray "c." in a form.
 */

/**
 * Above this share of junk characters, a page's text layer is junk: the
 * page is read by OCR and the better reading kept. Born-digital pages of
 * the example collection (court forms, disclosures with amount ranges and
 * docket numbers) score at most 0.12; a font mapped to the wrong letters
 * about 0.7; the worst page of a 2004 publisher OCR 0.5.
 */
export const JUNK_LIMIT = 0.25;

const LEADING = /^[([{"'“‘«¿¡*•·–—|¦-]+/u;
const TRAILING = /[)\]}"'”’».,;:!?*…–—%|¦-]+$/u;
const WORD = /^\p{L}\p{M}*(?:[\p{L}\p{M}]|['’.&-](?=\p{L}))*\.?$/u;
/** Numbers, amounts and their ranges, dates, times: 12, $1,001-$2,500, 5/4/2004, 17-24, 3rd. */
const NUMBER = /^[$€£¥#§№]?\d(?:[\d.,:/$€£-]*\d)?(?:st|nd|rd|th|s|[a-z])?$/iu;
/** Docket and form numbers: 4:08-cv-02214-SBA, AO10, n.3. */
const IDENTIFIER = /^(?=.*\d)(?=.*\p{L})[\p{L}\p{N}]+(?:[-_/.:#][\p{L}\p{N}]+)*$/u;
/** A footnote's number after a word's closing punctuation (retirement.”2). */
const FOOTNOTE = /(?<=[.,;:”"’'])\d{1,3}$/u;
const LINKISH = /^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?:\/\/|www\.)\S+)$/iu;
/** A letter four times running ("OOOODODOD", "mmmmrn") is a scanned rule or texture read as letters. */
const RUN = /(\p{L})\1{3}/u;
/** No word of any language written with spaces is this long; a run of letters this long is a garbled line. */
const LONGEST_WORD = 30;

/** Whether a token (no spaces) looks like a word, a number or an identifier. Tokens without a letter or digit are neither (see junkShare). */
export function wordLike(token: string): boolean {
  if (LINKISH.test(token)) return true;
  // Brackets inside a word are an editor's ("[t]he"); words joined by slashes are words ("Meeting/teaching").
  const core = token.replace(FOOTNOTE, '').replace(LEADING, '').replace(TRAILING, '').replace(/[[\]]/g, '');
  if (core === '') return false;
  return core.split(/[/—–]/u).every((part) => part !== '' && wordShaped(part)) || NUMBER.test(core) || identifier(core);
}

function wordShaped(part: string): boolean {
  return WORD.test(part) && part.length <= LONGEST_WORD && !RUN.test(part);
}

/** Identifiers with a separator in any case (4:08-cv-02214); without one, only upper case, so "l1l" and "t3" stay junk. */
function identifier(core: string): boolean {
  if (!IDENTIFIER.test(core)) return false;
  return /[-_/.:#]/.test(core) || core === core.toUpperCase();
}

/**
 * The share (0–1) of a text's characters, in tokens that hold a letter or a
 * digit, that are in tokens that are not word-like. Punctuation-only tokens
 * (a dash, a bullet, a rule of underscores) count neither way. 0 for a text
 * without letters or digits.
 */
export function junkShare(text: string): number {
  let all = 0;
  let junk = 0;
  for (const token of text.split(/\s+/u)) {
    if (!/[\p{L}\p{N}]/u.test(token)) continue;
    const n = [...token].length;
    all += n;
    if (!wordLike(token)) junk += n;
  }
  return all === 0 ? 0 : junk / all;
}
