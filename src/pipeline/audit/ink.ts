/**
 * Pixel measures of the visibility check (see visibility.ts): a word's ink
 * in the text-only render, and how much of it the published page shows;
 * whether an area is light, or shows print.
 */
import type { RgbaPixels } from './pixels.ts';
import type { Box } from './geometry.ts';

export interface Renders {
  /** The page as published. */
  page: RgbaPixels;
  /** The page without its text. */
  noText: RgbaPixels;
  /** Only the text, on a transparent canvas. */
  textOnly: RgbaPixels;
}

/** A channel difference that a reader can see, faintly and clearly. */
const FAINT = 20;
const CLEAR = 60;
/** Alpha of the text-only render from which a pixel counts as the word's ink. */
const INK_ALPHA = 96;
/** Brightness range (of 255) between the darkest 3% and the lightest tenth of a box that shows print, not a blank or a bar. */
const PRINT_CONTRAST = 60;

export interface Ink {
  /** Pixels of the word's box. */
  area: number;
  /** Pixels the word paints. */
  pixels: number;
  /** Of those, how many clearly change what the reader sees. */
  seen: number;
  /** Of those, how many change it at all. */
  faint: number;
  /** Of the unseen ones, how many are in the colour already under them. */
  blends: number;
  /** Share of the ink's bounding box that is ink. */
  fill: number;
  boundsWidthPx: number;
}

/** A glyph without advance (a combining mark, or text squeezed to no width) still paints around its origin. */
export function atLeastThin(box: Box): Box {
  const min = 0.3 * Math.max(box.height, box.width);
  if (box.width >= min && box.height >= min) return box;
  const width = Math.max(box.width, min);
  const height = Math.max(box.height, min);
  return { x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2, width, height };
}

export function pixelRect(box: Box, p: RgbaPixels) {
  return {
    x0: Math.max(0, Math.floor(box.x * p.scale)),
    y0: Math.max(0, Math.floor(box.y * p.scale)),
    x1: Math.min(p.width, Math.ceil((box.x + box.width) * p.scale)),
    y1: Math.min(p.height, Math.ceil((box.y + box.height) * p.scale)),
  };
}

/**
 * The text-only render's ink in `box`, leaving out pixels inside `exclude`
 * (other text's), against the other renders. `colour` is the text's own
 * colour (ink of other colours is left out): found here when not given,
 * ignored when null.
 */
export function inkOf(box: Box, { page, noText, textOnly }: Renders, exclude: Box[] = [], colour?: [number, number, number] | null): Ink {
  const { x0, y0, x1, y1 } = pixelRect(atLeastThin(box), page);
  const skip = exclude.map((b) => pixelRect(b, page));
  // Other text drawn over this box in another colour (a white label on a bar) is not this text's ink.
  const own = colour === null ? undefined : (colour ?? dominantColour(textOnly, x0, y0, x1, y1));
  let pixels = 0;
  let seen = 0;
  let faint = 0;
  let blends = 0;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * page.width + x) * 4;
      const alpha = textOnly.data[i + 3]!;
      if (alpha < INK_ALPHA) continue;
      if (skip.length > 0 && skip.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1)) continue;
      if (own && !nearColour(textOnly.data, i, alpha, own)) continue;
      pixels++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const change = difference(page.data, noText.data, i);
      if (change > FAINT) faint++;
      if (change > CLEAR) seen++;
      // The text's own colour (unpremultiplied from the text-only render) is the colour under it.
      else if (change <= FAINT && ownColourMatches(textOnly.data, noText.data, i, alpha)) blends++;
    }
  }
  const boundsArea = pixels > 0 ? (maxX - minX + 1) * (maxY - minY + 1) : 1;
  return {
    area: Math.max(0, x1 - x0) * Math.max(0, y1 - y0),
    pixels,
    seen,
    faint,
    blends,
    fill: pixels / boundsArea,
    boundsWidthPx: pixels > 0 ? maxX - minX + 1 : 0,
  };
}

/** The most common colour of the opaque pixels of the text-only render in a rectangle (coarse bins, averaged). */
export function dominantColour(p: RgbaPixels, x0: number, y0: number, x1: number, y1: number): [number, number, number] | undefined {
  const bins = new Map<number, [number, number, number, number]>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i + 3]! < 250) continue;
      const key = ((p.data[i]! >> 6) << 4) | ((p.data[i + 1]! >> 6) << 2) | (p.data[i + 2]! >> 6);
      const bin = bins.get(key) ?? [0, 0, 0, 0];
      bin[0] += p.data[i]!;
      bin[1] += p.data[i + 1]!;
      bin[2] += p.data[i + 2]!;
      bin[3]++;
      bins.set(key, bin);
    }
  }
  let best: [number, number, number, number] | undefined;
  for (const bin of bins.values()) if (!best || bin[3] > best[3]) best = bin;
  return best && [best[0] / best[3], best[1] / best[3], best[2] / best[3]];
}

/** Whether a pixel of the (premultiplied) text-only render, unpremultiplied, is near `colour`. */
function nearColour(text: ArrayLike<number>, i: number, alpha: number, colour: [number, number, number]): boolean {
  for (let c = 0; c < 3; c++) if (Math.abs(Math.min(255, (text[i + c]! * 255) / alpha) - colour[c]!) > 64) return false;
  return true;
}

/** Whether the text's colour at a pixel of the (premultiplied) text-only render is, within a faint difference, the colour under it. */
function ownColourMatches(text: ArrayLike<number>, under: ArrayLike<number>, i: number, alpha: number): boolean {
  for (let c = 0; c < 3; c++) if (Math.abs(Math.min(255, (text[i + c]! * 255) / alpha) - under[i + c]!) > FAINT) return false;
  return true;
}

/** The largest channel difference between two pixels. */
function difference(a: ArrayLike<number>, b: ArrayLike<number>, i: number): number {
  return Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
}

/** Whether the area is light (paper-like): text the colour of a dark area reads to a reader as a dark bar, not as a blank. */
export function isLight(p: RgbaPixels, box: Box): boolean {
  const { x0, y0, x1, y1 } = pixelRect(box, p);
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * p.width + x) * 4;
      sum += 0.2126 * p.data[i]! + 0.7152 * p.data[i + 1]! + 0.0722 * p.data[i + 2]!;
      n++;
    }
  }
  return n > 0 && sum / n > 128;
}

/**
 * Whether the page shows something in `box`: light and dark pixels both (the
 * 3rd and 90th percentiles of brightness far apart: thin print covers little
 * of its box), as a printed or scanned word on paper, on a tinted form or in
 * bold does. A blank area and a plain or noisy bar do not.
 */
export function looksLikePrint(p: RgbaPixels, box: Box): boolean {
  const { x0, y0, x1, y1 } = pixelRect(box, p);
  const area = (x1 - x0) * (y1 - y0);
  if (area <= 0) return false;
  const histogram = new Uint32Array(256);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * p.width + x) * 4;
      histogram[Math.round(0.2126 * p.data[i]! + 0.7152 * p.data[i + 1]! + 0.0722 * p.data[i + 2]!)]!++;
    }
  }
  const percentile = (share: number) => {
    let seen = 0;
    for (let v = 0; v < 256; v++) if ((seen += histogram[v]!) >= share * area) return v;
    return 255;
  };
  return percentile(0.9) - percentile(0.03) >= PRINT_CONTRAST;
}
