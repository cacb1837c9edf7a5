/**
 * `text-under-box`: extractable text under an opaque filled rectangle or
 * image. As x-ray (Free Law Project) does it: take the filled shapes among
 * the page's drawing operations, find the glyphs whose boxes they cover, and
 * confirm on the rendered page that the shape's area is one solid colour
 * (so the text really is hidden, not drawn on top of a background).
 */
import { coverage, roundBox, textOf } from '../geometry.ts';
import { isSolidColour } from '../solid-colour.ts';
import type { Finding, Rule } from '../types.ts';

/** A glyph counts as covered when this share of its box is under the shape. */
const COVERED = 0.6;

export const textUnderBox: Rule = {
  id: 'text-under-box',
  severity: 'blocking',
  title: 'text that can be copied or searched lies under a solid box or image',
  fix: 'redact it properly (declare the box under `redactions`, or add `redactFoundBoxes: <reason>` to the sidecar), or accept it if the box is not a redaction',
  input: 'pdf-page',
  check({ pageNumber, glyphs, shapes, pixels, space }) {
    const findings: Finding[] = [];
    for (const shape of shapes) {
      const covered = glyphs.filter((g) => coverage(g.box, shape.box) >= COVERED);
      // Only letters and digits carry information: hidden underscores or dots (form blanks) do not.
      if (!covered.some((g) => /[\p{L}\p{N}]/u.test(g.char))) continue;
      if (!isSolidColour(pixels, shape.box, covered.filter((g) => g.char.trim() !== '').map((g) => g.box))) continue;
      const wholePage = shape.box.width >= space.width * 0.95 && shape.box.height >= space.height * 0.95;
      findings.push({
        rule: 'text-under-box',
        page: pageNumber,
        box: roundBox(shape.box),
        evidence: `${wholePage ? 'a page-sized ' : 'a '}${shape.kind === 'image' ? 'solid image' : 'filled box'} hides "${clip(textOf(covered))}"`,
      });
    }
    return findings;
  },
};

export function clip(s: string, max = 80): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
