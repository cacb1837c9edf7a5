/**
 * Applying redactions to one page: boxes are burned into the rendered pixels
 * (solid black), and every character whose box they touch is removed from
 * the page text. What remains is what gets published: page image, text,
 * search record and the download's text layer.
 */
import type { RgbaPixels } from '../audit/pixels.ts';
import { coverage, type Glyph } from '../audit/geometry.ts';
import type { Box } from '../audit/types.ts';

/** A character is removed when this share of its box (or more) is under a redaction. */
const TOUCHED = 0.15;

export const REDACTED_MARK = '[redacted]';

export function burn(pixels: RgbaPixels, boxes: Box[]): void {
  const { data, width, height, scale } = pixels;
  for (const b of boxes) {
    const x0 = Math.max(0, Math.floor(b.x * scale));
    const y0 = Math.max(0, Math.floor(b.y * scale));
    const x1 = Math.min(width, Math.ceil((b.x + b.width) * scale));
    const y1 = Math.min(height, Math.ceil((b.y + b.height) * scale));
    for (let y = y0; y < y1; y++) {
      let i = (y * width + x0) * 4;
      for (let x = x0; x < x1; x++, i += 4) {
        data[i] = 0;
        data[i + 1] = 0;
        data[i + 2] = 0;
        data[i + 3] = 255;
      }
    }
  }
}

export function isRedacted(glyph: Glyph, boxes: Box[]): boolean {
  return boxes.some((b) => coverage(glyph.box, b) >= TOUCHED);
}

/** The reason code of the first redaction that removes `glyph`, or undefined when none does. */
export function redactedBy(glyph: Glyph, redactions: readonly { box: Box; reason: string }[]): string | undefined {
  return redactions.find((r) => coverage(glyph.box, r.box) >= TOUCHED)?.reason;
}

/**
 * The page text from its items, with the characters at `removed` indexes
 * (into `glyphs`) replaced: each run of removed characters becomes one
 * `[redacted]`, or `[redacted <reason>]` when `reasons` gives the reason of
 * its first character, so neither the words nor their length survive.
 */
export function pageText(items: { str: string; hasEOL?: boolean }[], glyphs: Glyph[], removed: Set<number>, reasons?: Map<number, string>): string {
  return mappedPageText(items, glyphs, removed, reasons).text;
}

/**
 * A text with, for each of its UTF-16 units, the index of the glyph it came
 * from, or -1 for what the text adds (line ends, spaces, `[redacted]`).
 */
export interface MappedText {
  text: string;
  origins: number[];
}

/** `pageText`, keeping where each character came from (so a match in the text can be given a box on the page). */
export function mappedPageText(items: { str: string; hasEOL?: boolean }[], glyphs: Glyph[], removed: Set<number>, reasons?: Map<number, string>): MappedText {
  const byItem = new Map<number, number[]>();
  glyphs.forEach((g, index) => {
    const list = byItem.get(g.item) ?? [];
    list.push(index);
    byItem.set(g.item, list);
  });
  let text = '';
  const origins: number[] = [];
  const add = (s: string, origin: number) => {
    text += s;
    for (let k = 0; k < s.length; k++) origins.push(origin);
  };
  let inRun = false;
  items.forEach((item, i) => {
    for (const index of byItem.get(i) ?? []) {
      if (removed.has(index)) {
        const reason = reasons?.get(index);
        // "([redacted b6])" rather than "( [redacted b6])": no space after an opening bracket.
        if (!inRun) add(`${/[([]$/.test(text) ? '' : ' '}${reason ? `[redacted ${reason}]` : REDACTED_MARK} `, -1);
        inRun = true;
      } else {
        const ch = glyphs[index].char;
        if (inRun && ch.trim() === '') continue;
        // "[redacted b6]." rather than "[redacted b6] .": the mark's trailing space goes before punctuation.
        if (inRun && /^[.,;:!?)\]]$/.test(ch) && text.endsWith(' ')) {
          text = text.slice(0, -1);
          origins.pop();
        }
        add(ch, index);
        inRun = false;
      }
    }
    if (item.hasEOL) add('\n', -1);
  });
  return replaceMapped({ text, origins }, / +/g, () => ' ');
}

/**
 * `text.replace(pattern, replace)` that keeps the origins: every unit of a
 * replacement takes the origin of the first unit it replaces.
 */
export function replaceMapped(m: MappedText, pattern: RegExp, replace: (match: string) => string): MappedText {
  let text = '';
  const origins: number[] = [];
  // Loops, not push(...slice): a page can hold more characters than a call takes arguments.
  const keep = (from: number, to: number) => {
    text += m.text.slice(from, to);
    for (let k = from; k < to; k++) origins.push(m.origins[k]);
  };
  let last = 0;
  for (const match of m.text.matchAll(pattern)) {
    const start = match.index;
    keep(last, start);
    const out = replace(match[0]);
    text += out;
    for (let k = 0; k < out.length; k++) origins.push(m.origins[start] ?? -1);
    last = start + match[0].length;
  }
  keep(last, m.text.length);
  return { text, origins };
}
