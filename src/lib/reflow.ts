/**
 * Page text as readers read it: the lines a PDF's text layer (or OCR) gives
 * are joined into paragraphs, so the browser wraps them to the panel's
 * width instead of stacking printed breaks on its own. What is joined is
 * kept, so the page can still show the text "as printed":
 *
 * - a line that ends in a hyphen between letters, followed by one that
 *   starts with a lowercase letter, is joined without the hyphen
 *   (`exam-` + `ple`), the hyphen kept for the printed view;
 * - other lines of a paragraph are joined with a space;
 * - a blank line ends a paragraph; so does a short line (under
 *   SHORT_LINE of the paragraph's longest: the end of a paragraph, a
 *   heading, an address line), a line before one that starts a list
 *   item (`•`, `-`, `1.`, `(a)`), and a sentence's end before a short line
 *   that starts with a capital (a heading: "… at this time." / "Source"),
 *   which stay breaks in both views.
 *
 * Pure and browser-safe; the text is never parsed as markup.
 */

/** How one line of a paragraph meets the next. */
export type Join = 'space' | 'hyphen' | 'break';

export interface Line {
  text: string;
  /** How it meets the next line (absent on the last line of a paragraph). */
  join?: Join;
}

export type Paragraph = Line[];

/** A line shorter than this share of its paragraph's longest line ends where it is. */
const SHORT_LINE = 0.6;
/** Lines this short are not measured against the paragraph: most text is wider. */
const MIN_MEASURED = 30;

const LIST_ITEM = /^\s*(?:[•·▪‣◦*–—-]\s|\(?(?:\d{1,3}|[a-zA-Z]|[ivxlcIVXLC]{1,6})[.)]\s)/;
const HYPHENATED = /\p{L}-$/u;
const LOWER_START = /^\p{Ll}/u;
const SENTENCE_END = /[.!?:;)"”]$/u;
const UPPER_START = /^\p{Lu}/u;

/** A page's text as paragraphs of lines, each line knowing how it joins the next. */
export function reflow(text: string): Paragraph[] {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((block) => block.split('\n').map((line) => line.replace(/\s+$/, '')))
    .map((lines) => lines.filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
  return blocks.map((lines) => {
    const longest = Math.max(...lines.map((l) => l.trim().length));
    return lines.map((raw, i): Line => {
      const text = i === 0 ? raw : raw.replace(/^\s+/, '');
      const next = lines[i + 1];
      if (next === undefined) return { text };
      const trimmed = text.trim();
      if (LIST_ITEM.test(next)) return { text, join: 'break' };
      if (HYPHENATED.test(trimmed) && LOWER_START.test(next.trim())) return { text: text.slice(0, -1), join: 'hyphen' };
      const short = (line: string) => longest >= MIN_MEASURED && line.trim().length < longest * SHORT_LINE;
      if (short(text)) return { text, join: 'break' };
      if (SENTENCE_END.test(trimmed) && short(next) && UPPER_START.test(next.trim())) return { text, join: 'break' };
      return { text, join: 'space' };
    });
  });
}
