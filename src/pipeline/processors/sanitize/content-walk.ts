/**
 * Decides what of a content stream the download keeps. Walking the
 * operations with the graphics state (transformation, clipping box, fill
 * opacity), it drops:
 * - comments (the lexer never makes them operations) and operators PDF
 *   does not define, with their operands, and operations with operands of
 *   the wrong kind;
 * - marked content (`BMC`/`BDC`/`EMC`/`MP`/`DP`): it draws nothing, and it
 *   carries replacement text (`/ActualText`, `/Alt`, `/E`) that copying or
 *   a screen reader would give instead of what the page shows;
 * - images, forms and shadings drawn wholly outside what is visible (the
 *   page's visible box, narrowed by clipping paths) or fully transparent;
 * - text shown wholly outside the visible box (see text-walk.ts).
 * It records which resources the kept operations use, so the page is
 * rebuilt with those only. Inline images become image XObjects, so they go
 * through the same image cleaning as the others.
 */
import type { Operand, Operation } from './content-lexer.ts';
import { IDENTITY, apply, multiply, type Matrix } from '../../audit/geometry.ts';
import { EVERYWHERE, boundsOf, intersect, overlaps, transformRect, type Rect } from './geometry.ts';
import { TextWalk, type FontLookup } from './text-walk.ts';

export type ResourceCategory = 'XObject' | 'Font' | 'ExtGState' | 'ColorSpace' | 'Pattern' | 'Shading';

export type XObjectInfo = { kind: 'image' } | { kind: 'form'; bbox: Rect; matrix: Matrix } | { kind: 'other' };

export interface WalkHooks extends FontLookup {
  xobject(name: string): XObjectInfo | undefined;
  extGState(name: string): { fillAlpha?: number; fontName?: string; fontSize?: number } | undefined;
  /** Replacement text (`ActualText`, `Alt`, `E`) of a named property list. */
  properties(name: string): string[];
  /** Makes an image XObject of an inline image; returns its resource name. */
  inlineImage(dict: Map<string, Operand>, data: Uint8Array): string;
}

export interface WalkResult {
  operations: Operation[];
  used: Record<ResourceCategory, Set<string>>;
  replacementText: string[];
  unknownOperators: string[];
  /** What was drawn where nobody can see it, e.g. `image /Im1 outside the visible area`. */
  undrawn: string[];
}

/** Operand kinds per operator: n number, N name, s string, a array, d dictionary or name, * any numbers then an optional name. */
const OPERATORS: Record<string, string> = {
  w: 'n',
  J: 'n',
  j: 'n',
  M: 'n',
  d: 'an',
  ri: 'N',
  i: 'n',
  gs: 'N',
  q: '',
  Q: '',
  cm: 'nnnnnn',
  m: 'nn',
  l: 'nn',
  c: 'nnnnnn',
  v: 'nnnn',
  y: 'nnnn',
  h: '',
  re: 'nnnn',
  S: '',
  s: '',
  f: '',
  F: '',
  'f*': '',
  B: '',
  'B*': '',
  b: '',
  'b*': '',
  n: '',
  W: '',
  'W*': '',
  BT: '',
  ET: '',
  Tc: 'n',
  Tw: 'n',
  Tz: 'n',
  TL: 'n',
  Tr: 'n',
  Ts: 'n',
  Tf: 'Nn',
  Td: 'nn',
  TD: 'nn',
  Tm: 'nnnnnn',
  'T*': '',
  Tj: 's',
  TJ: 'a',
  "'": 's',
  '"': 'nns',
  d0: 'nn',
  d1: 'nnnnnn',
  CS: 'N',
  cs: 'N',
  SC: '*',
  sc: '*',
  SCN: '*',
  scn: '*',
  G: 'n',
  g: 'n',
  RG: 'nnn',
  rg: 'nnn',
  K: 'nnnn',
  k: 'nnnn',
  sh: 'N',
  Do: 'N',
  BMC: 'N',
  BDC: 'Nd',
  EMC: '',
  MP: 'N',
  DP: 'Nd',
  BX: '',
  EX: '',
};
const MARKED_CONTENT = new Set(['BMC', 'BDC', 'EMC', 'MP', 'DP', 'BX', 'EX']);
const PAINT_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const DEVICE_SPACES = new Set(['DeviceGray', 'DeviceRGB', 'DeviceCMYK', 'Pattern', 'G', 'RGB', 'CMYK']);
/** Keys of marked content whose text copying or a screen reader gives instead of what is drawn. */
export const REPLACEMENT_KEYS = ['ActualText', 'Alt', 'E'];

interface GraphicsState {
  ctm: Matrix;
  clip: Rect;
  fillAlpha: number;
}

/**
 * `region` is what can be seen, in the stream's own space: the visible box
 * for a page, the bounding box for a form, everywhere for a Type 3 glyph.
 */
export function walkContent(operations: readonly Operation[], region: Rect, hooks: WalkHooks): WalkResult {
  const walker = new Walker(region, hooks);
  const continues = continuations(operations);
  operations.forEach((operation, index) => walker.step(operation, continues[index] === 1));
  return walker.result;
}

/** Where an image draws, in its own space. */
const UNIT_SQUARE: Rect = { x0: 0, y0: 0, x1: 1, y1: 1 };

class Walker {
  readonly result: WalkResult = {
    operations: [],
    used: { XObject: new Set(), Font: new Set(), ExtGState: new Set(), ColorSpace: new Set(), Pattern: new Set(), Shading: new Set() },
    replacementText: [],
    unknownOperators: [],
    undrawn: [],
  };
  private readonly hooks: WalkHooks;
  private readonly text: TextWalk;
  private readonly stack: GraphicsState[] = [];
  private gs: GraphicsState;
  /** The points of the path being built, on the page: a clipping path clips to their box. */
  private path: [number, number][] = [];
  private clipPending = false;

  constructor(region: Rect, hooks: WalkHooks) {
    this.hooks = hooks;
    this.text = new TextWalk(hooks);
    this.gs = { ctm: IDENTITY, clip: region, fillAlpha: 1 };
  }

  /** Keeps the operation, or drops it; `continues` when text follows it on the same line. */
  step(original: Operation, continues: boolean): void {
    if (original.op === 'BI' && original.image) {
      this.inlineImage(original.image);
      return;
    }
    const operation = checked(original);
    if (!operation) {
      if (!(original.op in OPERATORS)) this.result.unknownOperators.push(original.op);
      return;
    }
    if (MARKED_CONTENT.has(operation.op)) {
      collectReplacement(operation, this.hooks, this.result.replacementText);
      return;
    }
    if (!this.follow(operation, continues)) return;
    if (PAINT_PATH.has(operation.op)) {
      // A clipping path with no points is ignored rather than taken to hide everything.
      if (this.clipPending && this.path.length > 0) this.gs.clip = intersect(this.gs.clip, boundsOf(this.path));
      this.clipPending = false;
      this.path = [];
    }
    this.result.operations.push(operation);
  }

  /** Follows what the operation does to the state; false when it is dropped (what stands in for it is kept already). */
  private follow(operation: Operation, continues: boolean): boolean {
    const { op, operands } = operation;
    const { used } = this.result;
    const num = (i: number) => (operands[i] as { v: number }).v;
    const name = () => (operands[0] as { v: string }).v;
    switch (op) {
      case 'q':
        this.stack.push(this.gs);
        this.gs = { ...this.gs };
        this.text.save();
        return true;
      case 'Q': {
        const saved = this.stack.pop();
        if (!saved) return false;
        this.gs = saved;
        this.text.restore();
        return true;
      }
      case 'cm':
        this.gs.ctm = multiply(this.gs.ctm, [num(0), num(1), num(2), num(3), num(4), num(5)]);
        return true;
      case 'gs': {
        const state = this.hooks.extGState(name());
        if (!state) return false;
        if (state.fillAlpha !== undefined) this.gs.fillAlpha = state.fillAlpha;
        if (state.fontName !== undefined) this.text.setFont(state.fontName, state.fontSize ?? 0);
        used.ExtGState.add(name());
        return true;
      }
      case 'm':
      case 'l':
      case 'c':
      case 'v':
      case 'y':
        for (let i = 0; i + 1 < operands.length; i += 2) this.path.push(apply(this.gs.ctm, num(i), num(i + 1)));
        return true;
      case 're': {
        const [x, y, w, h] = [num(0), num(1), num(2), num(3)];
        const m = this.gs.ctm;
        this.path.push(apply(m, x, y), apply(m, x + w, y), apply(m, x, y + h), apply(m, x + w, y + h));
        return true;
      }
      case 'W':
      case 'W*':
        this.clipPending = true;
        return true;
      case 'Do': {
        const info = this.hooks.xobject(name());
        if (!info || info.kind === 'other') return false;
        const box = info.kind === 'image' ? transformRect(this.gs.ctm, UNIT_SQUARE) : transformRect(multiply(this.gs.ctm, info.matrix), info.bbox);
        // A form's own drawing may set its opacity again: only images are dropped for a transparent fill.
        if (!this.seen(`${info.kind} /${name()}`, box, info.kind === 'image')) return false;
        used.XObject.add(name());
        return true;
      }
      case 'sh':
        if (!this.seen(`shading /${name()}`, EVERYWHERE, true)) return false;
        used.Shading.add(name());
        return true;
      case 'CS':
      case 'cs':
        if (!DEVICE_SPACES.has(name())) used.ColorSpace.add(name());
        return true;
      case 'SCN':
      case 'scn': {
        const last = operands[operands.length - 1];
        if (last?.t === 'name') used.Pattern.add(last.v);
        return true;
      }
    }
    if (op === 'BT' || op === 'ET' || op.startsWith('T') || op === "'" || op === '"') {
      const shown = this.text.handle(operation, this.gs.ctm, this.gs.clip, continues);
      if (shown.drop) {
        this.result.undrawn.push(shown.drop);
        this.result.operations.push(...(shown.replacement ?? []));
        return false;
      }
      if (op === 'Tf') used.Font.add(name());
    }
    return true;
  }

  /** An inline image becomes an image XObject drawn with `Do`, unless it cannot be seen. */
  private inlineImage(image: NonNullable<Operation['image']>): void {
    if (!this.seen('an inline image', transformRect(this.gs.ctm, UNIT_SQUARE), true)) return;
    const name = this.hooks.inlineImage(image.dict, image.data);
    this.result.used.XObject.add(name);
    this.result.operations.push({ op: 'Do', operands: [{ t: 'name', v: name }] });
  }

  /** Whether what paints `box` (on the page) can be seen; if not, it is recorded as undrawn. `fills`: it is painted with the fill opacity. */
  private seen(what: string, box: Rect, fills: boolean): boolean {
    const why = !overlaps(box, this.gs.clip) ? 'outside the visible area' : fills && this.gs.fillAlpha === 0 ? 'drawn fully transparent' : undefined;
    if (why) this.result.undrawn.push(`${what} ${why}`);
    return why === undefined;
  }
}

const POSITIONING = new Set(['Td', 'TD', 'T*', 'Tm', "'", '"', 'BT', 'ET']);
const SHOWING = new Set(['Tj', 'TJ']);

/** For each operation: the next text operation after it shows text from where the pen stopped (not from a new line). */
function continuations(operations: readonly Operation[]): Uint8Array {
  const out = new Uint8Array(operations.length);
  let next = false;
  for (let i = operations.length - 1; i >= 0; i--) {
    out[i] = next ? 1 : 0;
    const op = operations[i]!.op;
    if (SHOWING.has(op)) next = true;
    else if (POSITIONING.has(op)) next = false;
  }
  return out;
}

/**
 * The operation as PDF readers take it (pdf.js keeps the last operands an
 * operator takes and skips one with too few), or undefined when it is not
 * a PDF operator or its operands are of the wrong kind.
 */
function checked(operation: Operation): Operation | undefined {
  const spec = OPERATORS[operation.op];
  if (spec === undefined) return undefined;
  const operands = operation.operands;
  if (spec === '*') {
    const numbers = operands.slice(0, -1).every((o) => o.t === 'num');
    const last = operands[operands.length - 1];
    if (!numbers || (last && last.t !== 'num' && last.t !== 'name')) return undefined;
    if (last?.t === 'name' && (operation.op === 'SC' || operation.op === 'sc')) return undefined;
    return operation;
  }
  if (operands.length < spec.length) return undefined;
  const kept = operands.slice(operands.length - spec.length);
  for (let i = 0; i < spec.length; i++) {
    const want = spec[i];
    const t = kept[i]!.t;
    const ok =
      want === 'n' ? t === 'num' : want === 'N' ? t === 'name' : want === 's' ? t === 'str' : want === 'a' ? t === 'arr' : t === 'dict' || t === 'name';
    if (!ok) return undefined;
  }
  if (operation.op === 'TJ') {
    const items = (kept[0] as { items: Operand[] }).items.filter((o) => o.t === 'num' || o.t === 'str');
    return { op: 'TJ', operands: [{ t: 'arr', items }] };
  }
  if (operation.op === 'd' && !(kept[0] as { items: Operand[] }).items.every((o) => o.t === 'num')) return undefined;
  return { op: operation.op, operands: kept };
}

function collectReplacement(operation: Operation, hooks: WalkHooks, into: string[]): void {
  const props = operation.operands[1];
  if (props?.t === 'name') into.push(...hooks.properties(props.v));
  if (props?.t !== 'dict') return;
  for (const key of REPLACEMENT_KEYS) {
    const value = props.entries.get(key);
    if (value?.t === 'str') into.push(replacementEntry(key, value.bytes));
  }
}

/** A replacement text as the report shows it: `ActualText "…"`. */
export function replacementEntry(key: string, bytes: Uint8Array): string {
  return `${key} "${textString(bytes)}"`;
}

/** A PDF text string: UTF-16BE with its byte-order mark, else PDFDocEncoding (close enough to Latin-1 for a report). */
function textString(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  return String.fromCharCode(...bytes);
}
