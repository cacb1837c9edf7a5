/**
 * Where a match in a PDF page's text lies on the page. The text rules
 * (personal information) search the published page text, a string; this
 * maps a span of that string back to the glyphs it came from and gives the
 * union of their boxes, in page space like every other finding's box, so
 * the finding says where to draw a redaction.
 *
 * The published text is made by `pageText` then the PDF processor's
 * `cleanText`; this repeats both while keeping each character's glyph, and
 * gives up (no locator, so findings have no box) if the result is not the
 * very same string: no box is better than a wrong box.
 */
import { mappedPageText, replaceMapped, type MappedText } from '../redact/apply.ts';
import { roundBox, unionBox, type Glyph } from './geometry.ts';
import type { Box, TextLocator } from './types.ts';

/** `cleanText` of the PDF processor, keeping origins. */
export function mappedCleanText(m: MappedText): MappedText {
  let out = m;
  // NFC can join a letter and its combining marks: the joined character keeps the letter's glyph.
  if (out.text.normalize('NFC') !== out.text) out = replaceMapped(out, /\P{M}\p{M}*|\p{M}+/gu, (s) => s.normalize('NFC'));
  out = replaceMapped(out, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, () => ' ');
  out = replaceMapped(out, /[ \t]+\n/g, () => '\n');
  out = replaceMapped(out, /\n{3,}/g, () => '\n\n');
  // String.prototype.trim removes exactly what \s matches.
  return replaceMapped(out, /^\s+|\s+$/g, () => '');
}

/** Boxes of the glyphs behind `text[start, end)` (blanks and added characters have none), united. */
export function boxOfSpan(m: MappedText, glyphs: Glyph[], start: number, end: number): Box | undefined {
  const seen = new Set<number>();
  const boxes: Box[] = [];
  for (let k = Math.max(0, start); k < Math.min(end, m.origins.length); k++) {
    const origin = m.origins[k];
    if (origin < 0 || seen.has(origin)) continue;
    seen.add(origin);
    const glyph = glyphs[origin];
    if (glyph && glyph.char.trim() !== '') boxes.push(glyph.box);
  }
  const union = boxes.length > 0 ? unionBox(boxes) : undefined;
  return union && roundBox(union);
}

/**
 * A locator for the page text `published`, or undefined when the page's
 * glyphs do not reproduce it exactly.
 */
export function textLocator(
  published: string,
  items: { str: string; hasEOL?: boolean }[],
  glyphs: Glyph[],
  removed: Set<number>,
  reasons?: Map<number, string>,
): TextLocator | undefined {
  const m = mappedCleanText(mappedPageText(items, glyphs, removed, reasons));
  if (m.text !== published) return undefined;
  return (start, end) => boxOfSpan(m, glyphs, start, end);
}
