/**
 * Gives the characters of pdf.js's text content (what is published, found
 * and redacted) the exact boxes of the characters the page draws. Text
 * content spreads each run's width over its characters by average widths,
 * which drifts by whole words in monospaced or spaced-out text: a
 * redaction box would then remove the wrong letters, or none. Both lists
 * come from the same content stream in the same order, so they are walked
 * together; a character with no match keeps its estimated box.
 */
import type { Glyph } from './geometry.ts';

/** How far ahead to look for a character the two lists disagree on (text content adds and normalizes some). */
const LOOKAHEAD = 64;

interface Target {
  char: string;
  box: Glyph['box'];
}

const plain = (c: string) => c.normalize('NFKC').toLowerCase();

/** The drawn characters one by one, a ligature split into its letters with a share of its box each. */
function targetsOf(drawn: Glyph[]): Target[] {
  const out: Target[] = [];
  for (const g of drawn) {
    const chars = [...plain(g.char)].filter((c) => c.trim() !== '');
    if (chars.length === 1) out.push({ char: chars[0]!, box: g.box });
    else chars.forEach((char, i) => out.push({ char, box: { ...g.box, x: g.box.x + (g.box.width * i) / chars.length, width: g.box.width / chars.length } }));
  }
  return out;
}

export function alignGlyphs(glyphs: Glyph[], drawn: Glyph[]): Glyph[] {
  const targets = targetsOf(drawn);
  const texts = glyphs.map((g) => plain(g.char));
  let j = 0;
  return glyphs.map((g, i) => {
    const c = texts[i]!;
    if (c.length !== 1 || c.trim() === '') return g;
    if (targets[j]?.char === c) return { ...g, box: targets[j++]!.box };
    // Re-synchronize on this character and the next two of the text.
    const next = texts
      .slice(i + 1)
      .filter((t) => t.trim() !== '')
      .slice(0, 2);
    for (let k = j + 1; k < Math.min(targets.length, j + LOOKAHEAD); k++) {
      if (targets[k]!.char !== c) continue;
      if (next.every((t, n) => targets[k + 1 + n]?.char === t)) {
        j = k + 1;
        return { ...g, box: targets[k]!.box };
      }
    }
    return g;
  });
}
