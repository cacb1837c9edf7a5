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
/** Brightness range (of 255) between the darkest 3% and the lightest tenth of a word's box that shows print, not a blank or a bar. */
const PRINT_CONTRAST = 60;
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
    if (last && (last.item !== g.item || gapBetween(last.box, g.box) > 0.3 * g.size)) flush();
    word.push(g);
  }
  flush();
  return words;
}

/** The distance between two boxes (0 when they touch or overlap), in any direction: text runs any way on the page. */
function gapBetween(a: Box, b: Box): number {
  const dx = Math.max(0, Math.max(a.x, b.x) - Math.min(a.x + a.width, b.x + b.width));
  const dy = Math.max(0, Math.max(a.y, b.y) - Math.min(a.y + a.height, b.y + b.height));
  return Math.max(dx, dy);
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
  const inkless: HiddenWord[] = [];
  const seen: Glyph[][] = [];
  for (const word of wordsOf(glyphs)) {
    if (!word.some((g) => READABLE.test(g.char))) continue;
    const box = unionBox(word.map((g) => g.box));
    if (isOutside(box, pageBox)) out.push({ glyphs: word, box, reason: 'outside' });
    else if (Math.max(...word.map((g) => g.size)) < MIN_READABLE_PT) out.push({ glyphs: word, box, reason: 'tiny' });
    else {
      const judged = judgeGlyphs(word, box, renders, images);
      if (judged === 'seen') seen.push(word);
      else if (judged === 'no-ink') inkless.push({ glyphs: word, box, reason: 'no-ink' });
      else out.push(...judged);
    }
  }
  out.push(...inkless.filter((w) => !isTextLayerOf(w, seen, renders)));
  return out;
}

/**
 * Whether a word that paints nothing is a searchable layer over words the
 * page shows: the visible text under it says the same (a duplicate layer),
 * or no visible text is there but the page shows print around it (a scan,
 * or words drawn as outlines, with its OCR text). Invisible words over
 * visible text that says something else are not.
 */
function isTextLayerOf(word: HiddenWord, seen: Glyph[][], renders: Renders): boolean {
  const under = seen.flat().filter((g) => coverage(g.box, word.box) >= 0.5 || coverage(word.box, g.box) >= 0.5);
  if (under.length > 0) {
    const plain = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    const shown = plain(under.map((g) => g.char).join(''));
    const said = plain(word.glyphs.map((g) => g.char).join(''));
    return shown.includes(said) || said.includes(shown);
  }
  // OCR layers are often a little off the printed line: look for print around the word, not only under it.
  const box = word.box;
  return looksLikePrint(renders.page, box) || looksLikePrint(renders.page, { x: box.x, y: box.y - box.height / 2, width: box.width, height: box.height * 2 });
}

/** Mostly off the page; a box without area (zero-width marks) by its centre. */
function isOutside(box: Box, page: Box): boolean {
  if (box.width > 0 && box.height > 0) return coverage(box, page) < 0.5;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return cx < 0 || cy < 0 || cx > page.width || cy > page.height;
}

type GlyphState = 'seen' | 'none' | 'covered' | 'blends';

/**
 * Each character on its own (boxes are exact), then runs of hidden ones.
 * A word that paints nothing at all is judged whole, once every word is
 * known (see `isTextLayerOf`); `seen` when the reader sees all of it.
 */
function judgeGlyphs(word: Glyph[], box: Box, renders: Renders, images: Box[]): HiddenWord[] | 'seen' | 'no-ink' {
  const wordInk = inkOf(box, renders);
  if (wordInk.pixels < Math.max(2, wordInk.area * 0.01)) return 'no-ink';
  // Text under a scan (some scanners put their OCR text there) is covered by a picture of itself.
  const onScan = images.some((b) => coverage(box, b) >= 0.8) && looksLikePrint(renders.page, box);
  const states: GlyphState[] = word.map((g) => {
    const ink = inkOf(g.box, renders);
    if (ink.pixels < 2) return 'none';
    if (ink.seen >= ink.pixels * SEEN_SHARE) return 'seen';
    return ink.blends > ink.pixels / 2 && isLight(renders.noText, g.box) ? 'blends' : 'covered';
  });
  if (onScan && states.every((st) => st !== 'seen')) return [];
  if (states.every((st) => st === 'seen' || st === 'none')) {
    const solid = wordInk.fill >= BLOCK_FILL && wordInk.boundsWidthPx >= 0.45 * word[0]!.size * renders.page.scale;
    return solid ? [{ glyphs: word, box, reason: 'blocks' }] : 'seen';
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

/** A glyph without advance (a combining mark, or text squeezed to no width) still paints around its origin. */
function atLeastThin(box: Box): Box {
  const min = 0.3 * Math.max(box.height, box.width);
  if (box.width >= min && box.height >= min) return box;
  const width = Math.max(box.width, min);
  const height = Math.max(box.height, min);
  return { x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2, width, height };
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
  const { x0, y0, x1, y1 } = pixelRect(atLeastThin(box), page);
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

/** Whether the area is light (paper-like): text the colour of a dark area reads to a reader as a dark bar, not as a blank. */
function isLight(p: RgbaPixels, box: Box): boolean {
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
 * Whether the page shows something in `box`: light and dark pixels both
 * (the 3rd and 90th percentiles of brightness far apart: thin print covers
 * little of its box), as a printed or
 * scanned word on paper, on a tinted form or in bold does. A blank area and
 * a plain or noisy bar do not.
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
