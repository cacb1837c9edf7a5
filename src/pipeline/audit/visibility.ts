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
 * unless the page shows print there (a scan's or an outlined page's text
 * layer, which only OCR could check further) or visible words at the same
 * place say the same; where other text of its size shares its place, its
 * operation is rendered alone to tell whose ink is whose. Words outside the
 * page, too small to read, drawn as solid blocks or as letters on top of
 * one another are hidden too. The pixel measures are in ink.ts.
 */
import { coverage, unionBox, type Box, type Glyph, type PageSpace } from './geometry.ts';
import { atLeastThin, dominantColour, inkOf, isLight, looksLikePrint, pixelRect, type Renders } from './ink.ts';
import type { FilledShape } from './filled-shapes.ts';
import { overlapShare, overlapsOfOtherText, similarSize } from './text-overlaps.ts';
import type { RgbaPixels } from './pixels.ts';

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

/** Text under this size in points cannot be read on screen or paper. */
export const MIN_READABLE_PT = 1.5;
/** A text drawn alone is seen where this share of its ink shows (the other text over it hides some). */
const ALONE_SEEN_SHARE = 0.3;
/** A character is seen when this share of its ink is clearly seen, or `FAINT_SHARE` faintly (low-contrast print). */
const SEEN_SHARE = 0.5;
const FAINT_SHARE = 0.7;
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

const READABLE = /[\p{L}\p{N}]/u;

/** The words (or parts of words) of `glyphs` that a reader cannot see, each with why. */
export async function hiddenWords(
  glyphs: Glyph[],
  renders: Renders,
  space: PageSpace,
  shapes: FilledShape[],
  renderTextOp?: RenderTextOp,
): Promise<HiddenWord[]> {
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
        if (own.faint >= own.pixels * ALONE_SEEN_SHARE) seen.push(word.glyphs);
        else out.push({ ...word, reason: 'covered' });
        continue;
      }
    }
    // Visible words of another text operation at the same place: a duplicate layer must say what they say.
    const shared = seen.filter(
      (w) => w[0]!.item !== word.glyphs[0]!.item && similarSize(w[0]!, word.glyphs[0]!) && overlapShare(unionBox(w.map((g) => g.box)), word.box) >= 0.3,
    );
    if (shared.length > 0) {
      if (!saysTheSame(word.glyphs, shared.flat())) out.push({ ...word, reason: 'overlaps' });
    } else if (isStacked(word.glyphs) && !onImage(word.box, images)) {
      // Squeezed to nothing on a page that is not a scan: no OCR layer looks like that.
      out.push({ ...word, reason: 'overlaps' });
    } else if (!showsPrintAround(renders.page, word.box)) out.push(word);
  }
  return out;
}

/** Whether the letters and digits of one text contain the other's: a duplicate layer of the same words. */
function saysTheSame(a: Glyph[], b: Glyph[]): boolean {
  const plain = (gs: Glyph[]) =>
    gs
      .map((g) => g.char)
      .join('')
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, '');
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

/** Mostly on a picture: where a scan's text layer lies. */
function onImage(box: Box, images: Box[]): boolean {
  return images.some((b) => coverage(box, b) >= 0.8);
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
  const stacked = isStacked(word);
  // Most words are plainly in view: one pass over the word says so, unless other text shares its place.
  if (!word.some((g) => others.has(g)) && !stacked) {
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
  const onScan = onImage(box, images) && looksLikePrint(renders.page, box);
  // Ink of letters drawn on top of one another is a smudge, not words (an invisible layer that does so is judged as one).
  if (stacked && !onScan) return [{ glyphs: word, box, reason: 'overlaps' }];
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
  for (let i = 0; i < word.length;) {
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
