/**
 * `redactText` on a PDF page's text layer: the page text is searched as it
 * would be published, and each match becomes redaction boxes over the
 * glyphs it came from (one box per line the match runs over), which the
 * PDF processor burns into the page image and removes from the text, the
 * search record and the download, as it does a declared box.
 */
import { mappedCleanText } from '../audit/text-boxes.ts';
import { unionBox, type Box, type Glyph } from '../audit/geometry.ts';
import { mappedPageText } from './apply.ts';
import type { TextRedactor } from './text-redactor.ts';

/** Points added around the glyphs of a match, so that no ink at their edges survives. */
const MARGIN_PT = 0.5;

export function textRedactionBoxes(items: { str: string; hasEOL?: boolean }[], glyphs: Glyph[], redactor: TextRedactor): { box: Box; reason: string }[] {
  if (redactor.empty || glyphs.length === 0) return [];
  const m = mappedCleanText(mappedPageText(items, glyphs, new Set()));
  const out: { box: Box; reason: string }[] = [];
  for (const span of redactor.spans(m.text)) {
    const indexes = [...new Set(m.origins.slice(span.start, span.end).filter((o) => o >= 0))].filter((i) => glyphs[i]!.char.trim() !== '');
    for (const line of byLine(indexes.map((i) => glyphs[i]!.box))) out.push({ box: padded(unionBox(line)), reason: span.reason });
  }
  return out;
}

/** Boxes in text order, grouped into runs on one line: a box that shares less than half its height with the run starts a new one. */
function byLine(boxes: Box[]): Box[][] {
  const runs: Box[][] = [];
  for (const b of boxes) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    const shared = last ? Math.min(last.y + last.height, b.y + b.height) - Math.max(last.y, b.y) : 0;
    if (run && last && shared >= Math.min(last.height, b.height) / 2) run.push(b);
    else runs.push([b]);
  }
  return runs;
}

function padded(b: Box): Box {
  return { x: b.x - MARGIN_PT, y: b.y - MARGIN_PT, width: b.width + 2 * MARGIN_PT, height: b.height + 2 * MARGIN_PT };
}
