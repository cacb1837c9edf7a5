/**
 * Where every character a page's content draws really lies. pdf.js's text
 * content gives one box per run of text, and spreading a run's width over
 * its characters by average widths drifts by whole words in monospaced or
 * spaced-out text. The operator list has what the renderer itself uses: each
 * glyph's advance, the text state (font, size, spacing, scaling, rise) and
 * the transformation. Replaying the renderer's arithmetic (pdf.js's
 * `CanvasGraphics.showText`) gives each character's box exactly, whatever
 * the text render mode: invisible text is placed like any other.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IDENTITY, multiply, toPageBox, type Glyph, type Matrix, type PageSpace } from './geometry.ts';
import type { OperatorListLike } from './filled-shapes.ts';

/** A glyph of the operator list (the fields used here). */
interface OpGlyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
  vmetric?: number[];
}

/** What the fonts of the page tell (pdf.js's `commonObjs`). */
export interface FontLookup {
  fontMatrix(name: string): Matrix | undefined;
  vertical(name: string): boolean;
  /** A Type 3 font's bounding box in glyph space, when it has a usable one. */
  type3Bounds(name: string): [number, number, number, number] | undefined;
}

interface TextState {
  ctm: Matrix;
  font: string;
  fontSize: number;
  fontMatrix: Matrix;
  vertical: boolean;
  /** The glyphs' vertical extent in glyph space, for Type 3 fonts whose glyph space is their own. */
  bounds?: [number, number, number, number];
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
}

const FONT_IDENTITY: Matrix = [0.001, 0, 0, 0.001, 0, 0];
/** Vertical extent of a glyph in units of the font size, as `glyphsOf` uses for text items. */
const DESCENT = -0.25;
const ASCENT = 0.85;

/**
 * `sections` says, for each marked-content section in order, whether its
 * own content is visible (see hidden-content.ts): text of layers hidden by
 * default is not drawn, so it is left out here too. A glyph's `item` is the
 * index of the operation that drew it, so the characters of one operation
 * can be told from another's.
 */
export function drawnGlyphs(ops: OperatorListLike, space: PageSpace, fonts: FontLookup, sections: boolean[] = []): Glyph[] {
  const out: Glyph[] = [];
  const text = new TextStateTracker(fonts);
  const marked = new MarkedSections(sections);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = (ops.argsArray[i] ?? []) as unknown[];
    if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) marked.begin();
    else if (fn === OPS.endMarkedContent) marked.end();
    else if (fn === OPS.showText) {
      const run = showText(text.state, (args[0] ?? []) as (OpGlyph | number)[], i, space);
      // Hidden text still moves the pen, as it does for the renderer: what follows it is placed where it is drawn.
      text.movePen(run.pen);
      if (marked.visible) for (const glyph of run.glyphs) out.push(glyph);
    } else text.apply(fn, args);
  }
  return out;
}

/** Whether content at the current point of the operator list is in a shown section (or in none). */
class MarkedSections {
  private readonly sections: boolean[];
  private readonly shown: boolean[] = [];
  private next = 0;

  constructor(sections: boolean[]) {
    this.sections = sections;
  }

  get visible(): boolean {
    return this.shown.length === 0 || this.shown[this.shown.length - 1]!;
  }

  begin(): void {
    // Every section takes its flag, also one inside a hidden section, so the sections after it keep theirs.
    const own = this.sections[this.next++] ?? true;
    this.shown.push(this.visible && own);
  }

  end(): void {
    this.shown.pop();
  }
}

/** The graphics and text state that the operators before a showText leave, with the save/restore stack. */
class TextStateTracker {
  state: TextState = {
    ctm: IDENTITY,
    font: '',
    fontSize: 0,
    fontMatrix: FONT_IDENTITY,
    vertical: false,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    textMatrix: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
  };
  private readonly stack: TextState[] = [];
  private readonly fonts: FontLookup;

  constructor(fonts: FontLookup) {
    this.fonts = fonts;
  }

  /** Follows one operator that changes the state; others are ignored. */
  apply(fn: number, args: unknown[]): void {
    const s = this.state;
    switch (fn) {
      case OPS.save:
      case OPS.paintFormXObjectBegin:
        this.stack.push(s);
        this.state = { ...s };
        if (fn === OPS.paintFormXObjectBegin && isMatrix(args[0])) this.state.ctm = multiply(s.ctm, args[0]);
        break;
      case OPS.restore:
      case OPS.paintFormXObjectEnd:
        this.state = this.stack.pop() ?? s;
        break;
      case OPS.transform:
        if (isMatrix(args)) s.ctm = multiply(s.ctm, args);
        break;
      case OPS.beginText:
        s.textMatrix = IDENTITY;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      case OPS.setFont:
        this.setFont(args[0], args[1]);
        break;
      case OPS.setGState:
        for (const [key, value] of (args[0] ?? []) as [string, unknown][]) {
          if (key === 'Font' && Array.isArray(value)) this.setFont(value[0], value[1]);
        }
        break;
      case OPS.setCharSpacing:
        s.charSpacing = Number(args[0]) || 0;
        break;
      case OPS.setWordSpacing:
        s.wordSpacing = Number(args[0]) || 0;
        break;
      case OPS.setHScale:
        s.hScale = (Number(args[0]) || 0) / 100;
        break;
      case OPS.setLeading:
        s.leading = -(Number(args[0]) || 0);
        break;
      case OPS.setTextRise:
        s.rise = Number(args[0]) || 0;
        break;
      case OPS.moveText:
        this.moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.setLeadingMoveText:
        s.leading = Number(args[1]) || 0;
        this.moveText(Number(args[0]) || 0, Number(args[1]) || 0);
        break;
      case OPS.nextLine:
        this.moveText(0, s.leading);
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as ArrayLike<number>;
        if (m.length >= 6) s.textMatrix = [m[0], m[1], m[2], m[3], m[4], m[5]];
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      }
    }
  }

  /** Where the pen stands after a run of text. */
  movePen(pen: { x: number; y: number }): void {
    this.state.x = pen.x;
    this.state.y = pen.y;
  }

  private setFont(name: unknown, size: unknown): void {
    const s = this.state;
    s.font = String(name);
    s.fontSize = Math.abs(Number(size) || 0);
    s.fontMatrix = this.fonts.fontMatrix(s.font) ?? FONT_IDENTITY;
    s.vertical = this.fonts.vertical(s.font);
    s.bounds = this.fonts.type3Bounds(s.font);
  }

  private moveText(x: number, y: number): void {
    const s = this.state;
    s.x = s.lineX += x;
    s.y = s.lineY += y;
  }
}

function isMatrix(m: unknown): m is Matrix {
  return (Array.isArray(m) || ArrayBuffer.isView(m)) && (m as ArrayLike<number>).length === 6;
}

/** pdf.js's showText arithmetic, giving a box per character instead of painting it, and where the pen ends. */
function showText(s: TextState, glyphs: (OpGlyph | number)[], op: number, space: PageSpace): { glyphs: Glyph[]; pen: { x: number; y: number } } {
  const out: Glyph[] = [];
  const size = s.fontSize;
  if (!(size > 0) || !Array.isArray(glyphs)) return { glyphs: out, pen: { x: s.x, y: s.y } };
  // Text space to user space: translate to the pen, apply horizontal scaling, then the text matrix and the CTM.
  const base = multiply(multiply(s.ctm, s.textMatrix), [s.hScale, 0, 0, 1, s.x, s.y + s.rise]);
  const advanceScale = size * s.fontMatrix[0];
  // Ordinary fonts: from a quarter em below the baseline to 0.85 em above, as `glyphsOf` does.
  // Type 3 fonts draw in a glyph space of their own: their bounding box says how tall.
  // (A font matrix may turn glyph space upside down: the sign counts.)
  const yScale = s.fontMatrix[3] * size;
  const [low, high] = s.bounds
    ? [Math.min(s.bounds[1] * yScale, s.bounds[3] * yScale), Math.max(s.bounds[1] * yScale, s.bounds[3] * yScale)]
    : [DESCENT * size, ASCENT * size];
  const em = high - low;
  let x = 0;
  for (const glyph of glyphs) {
    if (typeof glyph === 'number') {
      x += ((s.vertical ? 1 : -1) * glyph * size) / 1000;
      continue;
    }
    if (!glyph || typeof glyph !== 'object') continue;
    const spacing = (glyph.isSpace ? s.wordSpacing : 0) + s.charSpacing;
    const char = glyph.unicode ?? '';
    if (s.vertical) {
      const advance = -(glyph.vmetric?.[0] ?? glyph.width ?? 1000) * advanceScale;
      const box = toPageBox(space, base, [
        [-0.5 * em, -x],
        [0.5 * em, -x],
        [-0.5 * em, -x - advance],
        [0.5 * em, -x - advance],
      ]);
      if (char) out.push({ char, item: op, box, size: (em / (ASCENT - DESCENT)) * Math.hypot(base[0], base[1]) });
      x += advance - spacing;
      continue;
    }
    const advance = (glyph.width ?? 0) * advanceScale;
    if (char) {
      const box = toPageBox(space, base, [
        [x, low],
        [x + advance, low],
        [x, high],
        [x + advance, high],
      ]);
      out.push({ char, item: op, box, size: (em / (ASCENT - DESCENT)) * Math.hypot(base[2], base[3]) });
    }
    x += advance + spacing;
  }
  return { glyphs: out, pen: s.vertical ? { x: s.x, y: s.y - x } : { x: s.x + x * s.hScale, y: s.y } };
}
