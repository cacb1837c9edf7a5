/**
 * Which of a page's characters a reader can actually see, judged on the
 * rendered page rather than on how the file says it drew them. The page is
 * rendered three times: as published, without any text, and with only the
 * text (on a transparent canvas). For every word the text layer holds:
 *
 *   - where the text-only render has ink, the word paints something;
 *   - where the published render differs from the text-free one at that
 *     ink, the reader sees it.
 *
 * Ink the reader does not see was painted over (a box, a clipped bar,
 * stripes, a marker stroke, a gradient, a noisy scanned bar, a labelled
 * box: whatever drew it) or blends into what is under it (white on white).
 * A word that paints no ink at all (render mode 3, empty glyphs) is invisible
 * unless it lies on a picture that shows something there: the searchable
 * text layer of a scan, which only OCR can check. Words outside the page,
 * words too small to read, and words drawn as solid blocks are hidden too.
 */
import { coverage, type Glyph, type PageSpace } from './geometry.ts';
import type { FilledShape } from './filled-shapes.ts';
import type { RgbaPixels } from './solid-colour.ts';
import type { Box } from './types.ts';

export type HiddenReason =
  /** Painted, then painted over: the classic failed redaction. */
  | 'covered'
  /** Drawn as solid blocks: the letters cannot be read. */
  | 'blocks'
  /** Painted in the colour of what is under it. */
  | 'blends'
  /** Paints nothing where nothing else shows it. */
  | 'no-ink'
  /** Outside the visible page. */
  | 'outside'
  /** Smaller than anyone can read. */
  | 'tiny';

export interface HiddenWord {
  glyphs: Glyph[];
  box: Box;
  reason: HiddenReason;
}

export interface Renders {
  /** The page as published. */
  page: RgbaPixels;
  /** The page without its text. */
  noText: RgbaPixels;
  /** Only the text, on a transparent canvas. */
  textOnly: RgbaPixels;
}

/** Text under this size in points cannot be read on screen or paper. */
export const MIN_READABLE_PT = 1.5;
/** A channel difference that a reader can see. */
const SEEN = 20;
/** Alpha of the text-only render from which a pixel counts as the word's ink. */
const INK_ALPHA = 96;
/** A word is hidden when less than this share of its ink can be seen. */
const SEEN_SHARE = 0.4;
/** A word's ink that fills this share of its own bounding box is a solid block, not letters. */
const BLOCK_FILL = 0.9;

/** Splits drawn glyphs into words: runs of non-blank characters of one text operation, broken at gaps. */
export function wordsOf(glyphs: Glyph[]): Glyph[][] {
  const words: Glyph[][] = [];
  let word: Glyph[] = [];
  const flush = () => {
    if (word.length > 0) words.push(word);
    word = [];
  };
  for (const g of glyphs) {
    const last = word[word.length - 1];
    if (g.char.trim() === '') {
      flush();
      continue;
    }
    if (last && (last.item !== g.item || Math.abs(g.box.x - (last.box.x + last.box.width)) > 0.3 * g.size)) flush();
    word.push(g);
  }
  flush();
  return words;
}

export function unionBox(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

const READABLE = /[\p{L}\p{N}]/u;

/** The words (or parts of words) of `glyphs` that a reader cannot see, each with why. */
export function hiddenWords(glyphs: Glyph[], renders: Renders, space: PageSpace, shapes: FilledShape[]): HiddenWord[] {
  const pageBox: Box = { x: 0, y: 0, width: space.width, height: space.height };
  const images = shapes.filter((s) => s.kind === 'image').map((s) => s.box);
  const out: HiddenWord[] = [];
  for (const word of wordsOf(glyphs)) {
    if (!word.some((g) => READABLE.test(g.char))) continue;
    const box = unionBox(word.map((g) => g.box));
    if (coverage(box, pageBox) < 0.5) out.push({ glyphs: word, box, reason: 'outside' });
    else if (Math.max(...word.map((g) => g.size)) < MIN_READABLE_PT) out.push({ glyphs: word, box, reason: 'tiny' });
    else out.push(...judgeGlyphs(word, box, renders, images));
  }
  return out;
}

type GlyphState = 'seen' | 'none' | 'covered' | 'blends';

/** Each character on its own (boxes are exact), then runs of hidden ones; a word that paints nothing at all is judged whole. */
function judgeGlyphs(word: Glyph[], box: Box, renders: Renders, images: Box[]): HiddenWord[] {
  const wordInk = inkOf(box, renders);
  if (wordInk.pixels < Math.max(2, wordInk.area * 0.01)) {
    // Paints nothing. A scan's text layer is invisible too, over a picture of the words.
    const onImage = images.some((b) => coverage(box, b) >= 0.8);
    return onImage && !isUniform(renders.page, box) ? [] : [{ glyphs: word, box, reason: 'no-ink' }];
  }
  const states: GlyphState[] = word.map((g) => {
    const ink = inkOf(g.box, renders);
    if (ink.pixels < 2) return 'none';
    if (ink.seen >= ink.pixels * SEEN_SHARE) return 'seen';
    return ink.blends > ink.pixels / 2 ? 'blends' : 'covered';
  });
  if (states.every((st) => st === 'seen' || st === 'none')) {
    const solid = wordInk.fill >= BLOCK_FILL && wordInk.boundsWidthPx >= 0.45 * word[0]!.size * renders.page.scale;
    return solid ? [{ glyphs: word, box, reason: 'blocks' }] : [];
  }
  // Characters that paint nothing (spaces drawn as glyphs, thin marks) go with a hidden neighbour.
  const hidden = states.map((st, i) => st === 'covered' || st === 'blends' || (st === 'none' && (isHidden(states[i - 1]) || isHidden(states[i + 1]))));
  const out: HiddenWord[] = [];
  for (let i = 0; i < word.length; ) {
    if (!hidden[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < word.length && hidden[j]) j++;
    const part = word.slice(i, j);
    const blends = states.slice(i, j).filter((st) => st === 'blends').length;
    const covered = states.slice(i, j).filter((st) => st === 'covered').length;
    out.push({ glyphs: part, box: unionBox(part.map((g) => g.box)), reason: blends > covered ? 'blends' : 'covered' });
    i = j;
  }
  return out;
}

function isHidden(st: GlyphState | undefined): boolean {
  return st === 'covered' || st === 'blends';
}

interface Ink {
  /** Pixels of the word's box. */
  area: number;
  /** Pixels the word paints. */
  pixels: number;
  /** Of those, how many change what the reader sees. */
  seen: number;
  /** Of the unseen ones, how many are in the colour already under them. */
  blends: number;
  /** Share of the ink's bounding box that is ink. */
  fill: number;
  boundsWidthPx: number;
}

function pixelRect(box: Box, p: RgbaPixels) {
  return {
    x0: Math.max(0, Math.floor(box.x * p.scale)),
    y0: Math.max(0, Math.floor(box.y * p.scale)),
    x1: Math.min(p.width, Math.ceil((box.x + box.width) * p.scale)),
    y1: Math.min(p.height, Math.ceil((box.y + box.height) * p.scale)),
  };
}

function inkOf(box: Box, { page, noText, textOnly }: Renders): Ink {
  const { x0, y0, x1, y1 } = pixelRect(box, page);
  let pixels = 0;
  let seen = 0;
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
      pixels++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (differs(page.data, noText.data, i)) seen++;
      // The text's own colour (an opaque pixel of the text-only render) is the colour under it.
      else if (alpha >= 250 && !differs(textOnly.data, noText.data, i)) blends++;
    }
  }
  const boundsArea = pixels > 0 ? (maxX - minX + 1) * (maxY - minY + 1) : 1;
  return { area: Math.max(0, x1 - x0) * Math.max(0, y1 - y0), pixels, seen, blends, fill: pixels / boundsArea, boundsWidthPx: pixels > 0 ? maxX - minX + 1 : 0 };
}

function differs(a: ArrayLike<number>, b: ArrayLike<number>, i: number): boolean {
  return Math.abs(a[i]! - b[i]!) > SEEN || Math.abs(a[i + 1]! - b[i + 1]!) > SEEN || Math.abs(a[i + 2]! - b[i + 2]!) > SEEN;
}

/** Whether nearly all of `box` on the page is one colour (a blank area or a plain bar), as opposed to a picture of something. */
export function isUniform(p: RgbaPixels, box: Box): boolean {
  const { x0, y0, x1, y1 } = pixelRect(box, p);
  const area = (x1 - x0) * (y1 - y0);
  if (area <= 0) return true;
  const counts = new Map<number, number>();
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * p.width + x) * 4;
      // Coarse colour bins: a flat area stays in one or two of them whatever its noise.
      const key = ((p.data[i]! >> 5) << 6) | ((p.data[i + 1]! >> 5) << 3) | (p.data[i + 2]! >> 5);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const top = [...counts.values()].sort((a, b) => b - a);
  return (top[0]! + (top[1] ?? 0)) / area >= 0.97;
}
