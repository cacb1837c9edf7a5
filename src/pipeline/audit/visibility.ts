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
import type { RgbaPixels } from './pixels.ts';
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
  /** Drawn where other text of its size is drawn, saying something else: at most one of them is what a reader sees. */
  | 'overlaps'
  /** Outside the visible page. */
  | 'outside'
  /** Smaller than anyone can read. */
  | 'tiny';

export interface HiddenWord {
  glyphs: Glyph[];
  box: Box;
  reason: HiddenReason;
}

/** Renders the text of one operation alone (transparent canvas), for telling overlapping texts apart. */
export type RenderTextOp = (op: number) => Promise<RgbaPixels>;

/** At most this many operations per page are rendered alone; past it, overlapping text is judged as if it painted nothing. */
const MAX_SEPARATE_RENDERS = 40;

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
/** A channel difference that a reader can see, faintly and clearly. */
const FAINT = 20;
const CLEAR = 60;
/** Alpha of the text-only render from which a pixel counts as the word's ink. */
const INK_ALPHA = 96;
/** A character is seen when this share of its ink is clearly seen, or `FAINT_SHARE` faintly (low-contrast print). */
const SEEN_SHARE = 0.5;
const FAINT_SHARE = 0.7;
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
export async function hiddenWords(glyphs: Glyph[], renders: Renders, space: PageSpace, shapes: FilledShape[], renderTextOp?: RenderTextOp): Promise<HiddenWord[]> {
  const pageBox: Box = { x: 0, y: 0, width: space.width, height: space.height };
  const images = shapes.filter((s) => s.kind === 'image').map((s) => s.box);
  const others = overlapsOfOtherText(glyphs);
  const out: HiddenWord[] = [];
  const inkless: HiddenWord[] = [];
  const seen: Glyph[][] = [];
  for (const word of wordsOf(glyphs)) {
    if (!word.some((g) => READABLE.test(g.char))) continue;
    const box = unionBox(word.map((g) => g.box));
    if (isOutside(box, pageBox)) out.push({ glyphs: word, box, reason: 'outside' });
    else if (Math.max(...word.map((g) => g.size)) < MIN_READABLE_PT) out.push({ glyphs: word, box, reason: 'tiny' });
    else {
      const judged = judgeGlyphs(word, box, renders, images, others);
      if (judged === 'no-ink') inkless.push({ glyphs: word, box, reason: 'no-ink' });
      else if (judged === 'seen') seen.push(word);
      else out.push(...judged);
    }
  }
  // A word whose every pixel lies under other text of its size may still paint: render its text alone to know.
  const alone = new Map<number, RgbaPixels>();
  for (const word of inkless) {
    const op = word.glyphs[0]!.item;
    if (word.glyphs.some((g) => others.has(g)) && renderTextOp && (alone.has(op) || alone.size < MAX_SEPARATE_RENDERS)) {
      if (!alone.has(op)) alone.set(op, await renderTextOp(op));
      const own = inkOf(word.box, { ...renders, textOnly: alone.get(op)! });
      if (own.pixels >= 2) {
        if (own.faint >= own.pixels * 0.3) seen.push(word.glyphs);
        else out.push({ ...word, reason: 'covered' });
        continue;
      }
    }
    // Visible words of another text operation at the same place: a duplicate layer must say what they say.
    const shared = seen.filter((w) => w[0]!.item !== word.glyphs[0]!.item && similarSize(w[0]!, word.glyphs[0]!) && overlapShare(unionBox(w.map((g) => g.box)), word.box) >= 0.3);
    if (shared.length > 0) {
      if (!saysTheSame(word.glyphs, shared.flat())) out.push({ ...word, reason: 'overlaps' });
    } else if (isStacked(word.glyphs) && !images.some((b) => coverage(word.box, b) >= 0.8)) {
      // Squeezed to nothing on a page that is not a scan: no OCR layer looks like that.
      out.push({ ...word, reason: 'overlaps' });
    } else if (!showsPrintAround(renders.page, word.box)) out.push(word);
  }
  return out;
}

/**
 * For each glyph, the boxes of text of about its size drawn by another
 * operation over the same place. The text-only render cannot tell whose ink
 * is whose there, so those pixels are left out of the glyph's ink. (Text
 * much bigger or smaller, such as a watermark across a page, does not count:
 * its ink is plainly its own.)
 */
function overlapsOfOtherText(glyphs: Glyph[]): Map<Glyph, Box[]> {
  const ROW = 24;
  const rows = new Map<number, Glyph[]>();
  for (const g of glyphs) {
    for (let r = Math.floor(g.box.y / ROW); r <= Math.floor((g.box.y + g.box.height) / ROW); r++) {
      const row = rows.get(r);
      if (row) row.push(g);
      else rows.set(r, [g]);
    }
  }
  const out = new Map<Glyph, Box[]>();
  for (const g of glyphs) {
    const near = new Set<Glyph>();
    for (let r = Math.floor(g.box.y / ROW); r <= Math.floor((g.box.y + g.box.height) / ROW); r++) for (const o of rows.get(r) ?? []) near.add(o);
    const boxes = [...near].filter((o) => o.item !== g.item && o.char.trim() !== '' && similarSize(o, g) && overlapShare(o.box, g.box) > 0).map((o) => o.box);
    if (boxes.length > 0) out.set(g, boxes);
  }
  return out;
}

function similarSize(a: Glyph, b: Glyph): boolean {
  return a.size <= 2 * b.size && b.size <= 2 * a.size;
}

/** The overlap of two boxes as a share of the smaller one. */
function overlapShare(a: Box, b: Box): number {
  const smaller = a.width * a.height <= b.width * b.height ? a : b;
  return coverage(smaller, smaller === a ? b : a);
}

/** Whether the letters and digits of one text contain the other's: a duplicate layer of the same words. */
function saysTheSame(a: Glyph[], b: Glyph[]): boolean {
  const plain = (gs: Glyph[]) => gs.map((g) => g.char).join('').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const x = plain(a);
  const y = plain(b);
  return x.includes(y) || y.includes(x);
}

/**
 * Whether the page shows print at or around an invisible word: a scan, or
 * words drawn as outlines, with its OCR text (OCR layers are often a little
 * off the printed line, so look around the word too).
 */
function showsPrintAround(page: RgbaPixels, box: Box): boolean {
  return looksLikePrint(page, box) || looksLikePrint(page, { x: box.x, y: box.y - box.height / 2, width: box.width, height: box.height * 2 });
}

/**
 * Letters drawn on top of one another (squeezed to no width, or pulled back
 * by spacing): whatever ink they leave, no one can read them. Most of a
 * word's neighbouring letters must overlap by most of their area.
 */
function isStacked(word: Glyph[]): boolean {
  const letters = word.filter((g) => READABLE.test(g.char));
  if (letters.length < 2) return false;
  let stacked = 0;
  for (let i = 1; i < letters.length; i++) if (overlapShare(atLeastThin(letters[i - 1]!.box), atLeastThin(letters[i]!.box)) > 0.6) stacked++;
  return stacked >= (letters.length - 1) / 2;
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
 * known (see `hiddenWords`); `seen` when the reader sees all of it.
 */
function judgeGlyphs(word: Glyph[], box: Box, renders: Renders, images: Box[], others: Map<Glyph, Box[]>): HiddenWord[] | 'seen' | 'no-ink' {
  // Most words are plainly in view: one pass over the word says so, unless other text shares its place.
  if (!word.some((g) => others.has(g)) && !isStacked(word)) {
    const whole = inkOf(box, renders, [], null);
    if (whole.pixels >= Math.max(2, whole.area * 0.01) && whole.seen >= 0.95 * whole.pixels && whole.fill < 0.8) return 'seen';
  }
  const r = pixelRect(box, renders.textOnly);
  const colour = dominantColour(renders.textOnly, r.x0, r.y0, r.x1, r.y1);
  const inks = word.map((g) => inkOf(g.box, renders, others.get(g), colour));
  const wordPixels = inks.reduce((n, ink) => n + ink.pixels, 0);
  const wordArea = inks.reduce((n, ink) => n + ink.area, 0);
  if (wordPixels < Math.max(2, wordArea * 0.01)) return 'no-ink';
  // Text under a scan (some scanners put their OCR text there) is covered by a picture of itself.
  const onScan = images.some((b) => coverage(box, b) >= 0.8) && looksLikePrint(renders.page, box);
  // Ink of letters drawn on top of one another is a smudge, not words (an invisible layer that does so is judged as one).
  if (isStacked(word) && !onScan) return [{ glyphs: word, box, reason: 'overlaps' }];
  const states: GlyphState[] = inks.map((ink, i) => {
    if (ink.pixels < 2) return 'none';
    if (ink.seen >= ink.pixels * SEEN_SHARE || ink.faint >= ink.pixels * FAINT_SHARE) return 'seen';
    return ink.blends > ink.pixels / 2 && isLight(renders.noText, word[i]!.box) ? 'blends' : 'covered';
  });
  if (onScan && states.every((st) => st !== 'seen')) return [];
  if (states.every((st) => st === 'seen' || st === 'none')) {
    // Letters leave most of their own box empty; only if none does can the word be solid blocks.
    if (inks.some((ink) => ink.pixels >= 2 && ink.fill < 0.8)) return 'seen';
    // Judged on all the ink in the word's box: a few pixels left over by other text are not a block.
    const all = inkOf(box, renders);
    const solid = all.fill >= BLOCK_FILL && all.boundsWidthPx >= Math.max(0.45 * word[0]!.size, 0.5 * box.width) * renders.page.scale;
    return solid ? [{ glyphs: word, box, reason: 'blocks' }] : 'seen';
  }
  // Characters with no ink of their own (spaces drawn as glyphs, thin marks, text under other text) go with a hidden neighbour.
  const hidden = states.map((st, i) => isHidden(st) || (st === 'none' && (isHidden(nearestInked(states, i, -1)) || isHidden(nearestInked(states, i, 1)))));
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

function nearestInked(states: GlyphState[], from: number, step: 1 | -1): GlyphState | undefined {
  for (let i = from + step; i >= 0 && i < states.length; i += step) if (states[i] !== 'none') return states[i];
  return undefined;
}

function isHidden(st: GlyphState | undefined): boolean {
  return st === 'covered' || st === 'blends';
}

interface Ink {
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

/** The text-only render's ink in `box`, leaving out pixels inside `exclude` (other text's), against the other renders. */
/** `colour`: the text's own colour (ink of other colours is left out); found here when not given, ignored when null. */
function inkOf(box: Box, { page, noText, textOnly }: Renders, exclude: Box[] = [], colour?: [number, number, number] | null): Ink {
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
  return { area: Math.max(0, x1 - x0) * Math.max(0, y1 - y0), pixels, seen, faint, blends, fill: pixels / boundsArea, boundsWidthPx: pixels > 0 ? maxX - minX + 1 : 0 };
}

/** The most common colour of the opaque pixels of the text-only render in a rectangle (coarse bins, averaged). */
function dominantColour(p: RgbaPixels, x0: number, y0: number, x1: number, y1: number): [number, number, number] | undefined {
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
