/**
 * Text positions for the content walker: the text state (matrices, font,
 * size, spacing, scaling, rise) and, for each string shown, a box that
 * surely holds its glyphs. A string whose box lies wholly outside what is
 * visible is dropped from the download.
 *
 * Dropping a string must not move the text shown after it on the same
 * line: when more text follows before the next line is positioned, the
 * string is replaced by a `TJ` that moves by exactly its width. That needs
 * the font's exact widths; when they are not known (a standard font
 * without a /Widths array, a CMap that is not Identity, vertical writing),
 * the page cannot be rewritten safely and `UnsafeContentError` says so (the
 * page is then published as an image).
 */
import type { Operand, Operation } from './content-lexer.ts';
import { IDENTITY, multiply, type Matrix } from '../../audit/geometry.ts';
import { overlaps, transformRect, type Rect } from './geometry.ts';
import { UnsafeContentError } from './stream-data.ts';

export interface FontMetrics {
  /** The codes of a string, or undefined when they cannot be told apart. */
  codes(bytes: Uint8Array): number[] | undefined;
  /** Advance of a code in text space for a font size of 1; undefined when not known exactly. */
  width(code: number): number | undefined;
  /** Word spacing applies to this code (the single-byte code 32). */
  isSpace(code: number): boolean;
  /** No glyph advances further than this (text space, size 1). */
  maxWidth: number;
  /** A box that holds any glyph drawn at the origin (text space, size 1). */
  extent: Rect;
  vertical: boolean;
}

export interface FontLookup {
  font(name: string): FontMetrics | undefined;
}

/** Prefix of the names the walker gives a font set by a graphics state (`/Font` in an ExtGState). */
export const STATE_FONT = '\u0000';

/** What pdf.js draws with a font it cannot find; its glyphs are no wider than this. */
const FALLBACK: FontMetrics = {
  codes: () => undefined,
  width: () => undefined,
  isSpace: () => true,
  maxWidth: 2,
  extent: { x0: -1, y0: -1, x1: 2, y1: 2 },
  vertical: false,
};

interface TextParams {
  font?: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

export interface TextOutcome {
  /** Why the operation was dropped, for the report. */
  drop?: string;
  /** What stands in for a dropped string so that the next text stays where it was. */
  replacement?: Operation[];
}

export class TextWalk {
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private params: TextParams = { size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 };
  private readonly saved: TextParams[] = [];
  private readonly fonts: FontLookup;
  /** The pen moved by a string of unknown width since the line was positioned: where text is, is not known. */
  private uncertain = false;

  constructor(fonts: FontLookup) {
    this.fonts = fonts;
  }

  save(): void {
    this.saved.push({ ...this.params });
  }

  restore(): void {
    const p = this.saved.pop();
    if (p) this.params = p;
  }

  setFont(name: string, size: number): void {
    this.params.font = name;
    this.params.size = size;
  }

  /** A text operator; `continues` when text follows on the same line before the next positioning. */
  handle(operation: Operation, ctm: Matrix, clip: Rect, continues: boolean): TextOutcome {
    const { op, operands } = operation;
    const n = (i: number) => (operands[i] as { v: number }).v;
    const p = this.params;
    switch (op) {
      case 'BT':
        this.tm = this.tlm = IDENTITY;
        this.uncertain = false;
        return {};
      case 'Tc':
        p.charSpacing = n(0);
        return {};
      case 'Tw':
        p.wordSpacing = n(0);
        return {};
      case 'Tz':
        p.scale = n(0) / 100;
        return {};
      case 'TL':
        p.leading = n(0);
        return {};
      case 'Ts':
        p.rise = n(0);
        return {};
      case 'Tf':
        this.setFont((operands[0] as { v: string }).v, n(1));
        return {};
      case 'Td':
        this.moveLine(n(0), n(1));
        return {};
      case 'TD':
        p.leading = -n(1);
        this.moveLine(n(0), n(1));
        return {};
      case 'Tm':
        this.tm = this.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
        this.uncertain = false;
        return {};
      case 'T*':
        this.moveLine(0, -p.leading);
        return {};
      case 'Tj':
      case 'TJ':
        return this.show(operands[0]!, ctm, clip, continues, []);
      case "'":
        this.moveLine(0, -p.leading);
        return this.show(operands[0]!, ctm, clip, continues, [{ op: 'T*', operands: [] }]);
      case '"':
        p.wordSpacing = n(0);
        p.charSpacing = n(1);
        this.moveLine(0, -p.leading);
        return this.show(operands[2]!, ctm, clip, continues, [
          { op: 'Tw', operands: [operands[0]!] },
          { op: 'Tc', operands: [operands[1]!] },
          { op: 'T*', operands: [] },
        ]);
    }
    return {};
  }

  private moveLine(tx: number, ty: number): void {
    this.tlm = multiply(this.tlm, [1, 0, 0, 1, tx, ty]);
    this.tm = this.tlm;
    this.uncertain = false;
  }

  /** Moves past a string; drops it when its box is outside `clip`. `before` keeps what a dropped `'` or `"` also did. */
  private show(shown: Operand, ctm: Matrix, clip: Rect, continues: boolean, before: Operation[]): TextOutcome {
    const p = this.params;
    const metrics = (p.font !== undefined ? this.fonts.font(p.font) : undefined) ?? FALLBACK;
    const items = shown.t === 'arr' ? shown.items : [shown];
    const run = advanceOf(items, metrics, p);
    const fontScale = p.size * p.scale;
    const e = metrics.extent;
    // The glyphs lie between the start and the end of the run, each within the font's extent, raised by the rise.
    const extentBox = transformRect([fontScale, 0, 0, p.size, 0, p.rise], e);
    const low = Math.min(0, run.min);
    const high = Math.max(0, run.max);
    const box: Rect = metrics.vertical
      ? { x0: extentBox.x0 - run.bound, y0: extentBox.y0 - run.bound, x1: extentBox.x1 + run.bound, y1: extentBox.y1 + run.bound }
      : { x0: low + extentBox.x0, y0: extentBox.y0, x1: high + extentBox.x1, y1: extentBox.y1 };
    const onPage = transformRect(multiply(ctm, this.tm), box);
    const wasUncertain = this.uncertain;
    this.advance(run.exact, metrics.vertical);
    if (wasUncertain || overlaps(onPage, clip)) return {};
    if (!continues) return { drop: 'text outside the visible area', replacement: before };
    if (run.exact === undefined || metrics.vertical) {
      throw new UnsafeContentError('text outside the visible area is followed on its line by more text, in a font whose widths are not known');
    }
    return { drop: 'text outside the visible area', replacement: [...before, ...moveBy(run.exact, p)] };
  }

  private advance(distance: number | undefined, vertical: boolean): void {
    if (distance === undefined) {
      this.uncertain = true;
      return;
    }
    this.tm = multiply(this.tm, vertical ? [1, 0, 0, 1, 0, distance] : [1, 0, 0, 1, distance, 0]);
  }
}

interface Run {
  /** Exact advance in text space, when the widths are known. */
  exact?: number;
  /** The least and greatest pen positions the run can reach. */
  min: number;
  max: number;
  /** A bound on how far the pen can move in any direction. */
  bound: number;
}

function advanceOf(items: Operand[], metrics: FontMetrics, p: TextParams): Run {
  const along = metrics.vertical ? 1 : p.scale;
  const spacing = Math.abs(p.charSpacing) + Math.abs(p.wordSpacing);
  let pen = 0;
  // Where the pen is, give or take `slack`, once strings of unknown widths were shown.
  let slack = 0;
  let exact = true;
  let min = 0;
  let max = 0;
  let bound = 0;
  const reach = () => {
    min = Math.min(min, pen - slack);
    max = Math.max(max, pen + slack);
  };
  for (const item of items) {
    if (item.t === 'num') {
      const move = (-item.v / 1000) * p.size * along;
      pen += move;
      bound += Math.abs(move);
      reach();
      continue;
    }
    if (item.t !== 'str') continue;
    const codes = metrics.codes(item.bytes);
    const most = (codes?.length ?? item.bytes.length) * (metrics.maxWidth * Math.abs(p.size) + spacing) * Math.abs(along);
    bound += most;
    const widths = codes?.map((code) => metrics.width(code));
    if (codes && widths && widths.every((w) => w !== undefined)) {
      codes.forEach((code, i) => {
        pen += (widths[i]! * p.size + p.charSpacing + (metrics.isSpace(code) ? p.wordSpacing : 0)) * along;
        reach();
      });
    } else {
      exact = false;
      slack += most;
      reach();
    }
  }
  return { exact: exact ? pen : undefined, min, max, bound };
}

/** Operations that move the pen by `distance` along the line and show nothing. */
function moveBy(distance: number, p: TextParams): Operation[] {
  const unit = p.size * p.scale;
  if (distance === 0) return [];
  if (unit !== 0) return [{ op: 'TJ', operands: [{ t: 'arr', items: [{ t: 'num', v: (-distance * 1000) / unit }] }] }];
  if (p.scale === 0 || p.font === undefined) return [];
  if (p.font.startsWith(STATE_FONT)) throw new UnsafeContentError('text outside the visible area in a font set by a graphics state');
  // A zero font size moves the pen by its spacing only: show the move at size 1, then go back to size 0.
  const font: Operand = { t: 'name', v: p.font };
  return [
    { op: 'Tf', operands: [font, { t: 'num', v: 1 }] },
    { op: 'TJ', operands: [{ t: 'arr', items: [{ t: 'num', v: (-distance * 1000) / p.scale }] }] },
    { op: 'Tf', operands: [font, { t: 'num', v: p.size }] },
  ];
}
