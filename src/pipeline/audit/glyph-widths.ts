/**
 * Relative character widths for placing characters inside a pdf.js text
 * item, which has one width for its whole run. Helvetica's metrics (from
 * pdf-lib's standard fonts) are close enough for proportional text to keep
 * each character over the right spot; characters Helvetica lacks get an
 * average width.
 */
import { Encodings, Font, FontNames } from '@cantoo/pdf-lib/standard-fonts';

const helvetica = Font.load(FontNames.Helvetica);
const cache = new Map<string, number>();
const AVERAGE = 556;

export function relativeWidth(char: string): number {
  let w = cache.get(char);
  if (w !== undefined) return w;
  try {
    const code = char.codePointAt(0)!;
    w = Encodings.WinAnsi.canEncodeUnicodeCodePoint(code) ? helvetica.getWidthOfGlyph(Encodings.WinAnsi.encodeUnicodeCodePoint(code).name) || AVERAGE : AVERAGE;
  } catch {
    w = AVERAGE;
  }
  cache.set(char, w);
  return w;
}
