/**
 * Whether a PDF page that has a text layer also shows print the layer does
 * not hold: a scan under a stamped header, a signature block pasted as a
 * picture, words drawn as outlines, a scan whose OCR layer is invisible.
 * Judged by what a reader sees, not by how the file says it drew things:
 * the published render, with the pixels the text layer visibly paints
 * masked out, is searched for rows that cross the dense, alternating edges
 * of letters. Table rules, boxes and photographs rarely do; a line of
 * print, however small, does. The mask counts only text ink that is what
 * the reader sees there: text drawn under a picture, or in white under a
 * scan, masks nothing.
 */
import type { RgbaPixels } from '../../audit/pixels.ts';
import type { Box } from '../../audit/types.ts';

/** Edges a row must cross, turning between darker and lighter, to hold print: a line of letters has two a stroke. */
export const LETTER_EDGES = 8;
/** A step of this much grey (0–255) over two pixels is an edge of ink; less is paper grain or a soft shade. */
const EDGE_STEP = 40;

/** Whether a step of grey over two pixels is an edge to darker (-1), to lighter (1), or none (0). */
export function edgeOf(step: number): -1 | 0 | 1 {
  return step <= -EDGE_STEP ? -1 : step >= EDGE_STEP ? 1 : 0;
}
/** Edges further apart than this (in points) are not one cluster of letters: table rules and boxes are further apart. */
const MAX_GAP_PT = 7;
/** Rows of print, in points of height, that make a page worth reading: a little over the x-height of one line of 8-point type. */
const MIN_PRINT_PT = 3;
/** Pixels of text ink this close (in pixels) to a pixel mask it too: anti-aliased edges of letters. */
const MASK_MARGIN_PX = 2;
/** A published pixel within this much (per channel) of the text render's opaque pixel is that text's ink. */
const SAME_INK = 24;

export interface PrintOutsideText {
  /** Rows of the render, outside the text's own ink, that cross letters' edges. */
  rows: number;
  /** Whether that is enough to read the page by OCR. */
  hasPrint: boolean;
  /** Whether most of the text layer's ink is what the reader sees (false: an invisible layer, or one under a picture). */
  textSeen: boolean;
  /** Where the print lies, in points from the top-left corner (the extent of its letters' edges; letters reach a little beyond). */
  region?: Box;
}

/** `published` and `textOnly` are renders of the same page at the same scale (textOnly: transparent, as pdf-render.ts makes it). */
export function printOutsideText(published: RgbaPixels, textOnly: RgbaPixels): PrintOutsideText {
  const { width, height } = published;
  if (textOnly.width !== width || textOnly.height !== height) throw new Error('printOutsideText: the renders differ in size');
  const { mask, seen } = seenTextInk(published, textOnly);
  const masked = seen ? dilate(mask, width, height, MASK_MARGIN_PX) : mask;
  const maxGap = Math.max(4, Math.round(MAX_GAP_PT * published.scale));
  const p = published.data;
  let rows = 0;
  let left = width;
  let right = -1;
  let top = height;
  let bottom = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = 0;
    let edges = 0;
    let lastEdge = -Infinity;
    let start = 0;
    let dense = false;
    for (let x = 2; x < width; x++) {
      // Masked pixels are the text's own ink: no edge is counted across them, so white letters in a dark band count for nothing.
      if (masked[row + x] || masked[row + x - 2]) continue;
      const direction = edgeOf(grey(p, (row + x) * 4) - grey(p, (row + x - 2) * 4));
      if (direction === 0 || direction === last) continue;
      if (x - lastEdge > maxGap) {
        edges = 0;
        start = x;
      }
      last = direction;
      lastEdge = x;
      if (++edges < LETTER_EDGES) continue;
      // A cluster of letters: the row has print, and its extent grows to hold the cluster.
      dense = true;
      left = Math.min(left, start);
      right = Math.max(right, x);
    }
    if (!dense) continue;
    rows++;
    top = Math.min(top, y);
    bottom = y;
  }
  const region =
    rows > 0
      ? { x: (left - 2) / published.scale, y: top / published.scale, width: (right - left + 3) / published.scale, height: (bottom - top + 1) / published.scale }
      : undefined;
  return { rows, hasPrint: rows >= MIN_PRINT_PT * published.scale, textSeen: seen, region };
}

function grey(data: Uint8Array | Uint8ClampedArray, i: number): number {
  return (data[i]! * 77 + data[i + 1]! * 150 + data[i + 2]! * 29) >> 8;
}

/**
 * Pixels where the text render paints and the published page shows that
 * paint (or an anti-aliased edge of it), and whether that is most of the
 * text's solid ink. Text under a picture matches the picture's own print
 * here and there; it is not seen, and masks nothing.
 */
function seenTextInk(published: RgbaPixels, textOnly: RgbaPixels): { mask: Uint8Array; seen: boolean } {
  const t = textOnly.data;
  const p = published.data;
  const mask = new Uint8Array(published.width * published.height);
  let solid = 0;
  let seen = 0;
  for (let i = 0, px = 0; i < t.length; i += 4, px++) {
    const alpha = t[i + 3]!;
    if (alpha === 0) continue;
    if (alpha === 255) {
      // Opaque text: its colour must be what the page shows there, or something covers it.
      solid++;
      if (Math.abs(t[i]! - p[i]!) > SAME_INK || Math.abs(t[i + 1]! - p[i + 1]!) > SAME_INK || Math.abs(t[i + 2]! - p[i + 2]!) > SAME_INK) continue;
      seen++;
    }
    mask[px] = 1;
  }
  const visible = seen > 0 && seen >= solid / 2;
  if (!visible) mask.fill(0);
  return { mask, seen: visible };
}

/** The mask grown by `r` pixels in each direction (a square), in two passes. */
function dilate(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let lastOn = -Infinity;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) lastOn = x;
      if (x - lastOn <= r) across[row + x] = 1;
    }
    lastOn = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[row + x]) lastOn = x;
      if (lastOn - x <= r) across[row + x] = 1;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    let lastOn = -Infinity;
    for (let y = 0; y < height; y++) {
      if (across[y * width + x]) lastOn = y;
      if (y - lastOn <= r) out[y * width + x] = 1;
    }
    lastOn = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (across[y * width + x]) lastOn = y;
      if (lastOn - y <= r) out[y * width + x] = 1;
    }
  }
  return out;
}
