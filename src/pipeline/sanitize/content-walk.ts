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
import { IDENTITY, apply, multiply, type Matrix } from '../audit/geometry.ts';
import { boundsOf, intersect, isEmpty, overlaps, transformRect, type Rect } from './geometry.ts';
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
  w: 'n', J: 'n', j: 'n', M: 'n', d: 'an', ri: 'N', i: 'n', gs: 'N', q: '', Q: '', cm: 'nnnnnn',
  m: 'nn', l: 'nn', c: 'nnnnnn', v: 'nnnn', y: 'nnnn', h: '', re: 'nnnn',
  S: '', s: '', f: '', F: '', 'f*': '', B: '', 'B*': '', b: '', 'b*': '', n: '', W: '', 'W*': '',
  BT: '', ET: '', Tc: 'n', Tw: 'n', Tz: 'n', TL: 'n', Tr: 'n', Ts: 'n', Tf: 'Nn', Td: 'nn', TD: 'nn', Tm: 'nnnnnn', 'T*': '',
  Tj: 's', TJ: 'a', "'": 's', '"': 'nns', d0: 'nn', d1: 'nnnnnn',
  CS: 'N', cs: 'N', SC: '*', sc: '*', SCN: '*', scn: '*', G: 'n', g: 'n', RG: 'nnn', rg: 'nnn', K: 'nnnn', k: 'nnnn',
  sh: 'N', Do: 'N', BMC: 'N', BDC: 'Nd', EMC: '', MP: 'N', DP: 'Nd', BX: '', EX: '',
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
  const used: WalkResult['used'] = { XObject: new Set(), Font: new Set(), ExtGState: new Set(), ColorSpace: new Set(), Pattern: new Set(), Shading: new Set() };
  const result: WalkResult = { operations: [], used, replacementText: [], unknownOperators: [], undrawn: [] };
  const stack: GraphicsState[] = [];
  let gs: GraphicsState = { ctm: IDENTITY, clip: region, fillAlpha: 1 };
  const text = new TextWalk(hooks);
  let path: [number, number][] = [];
  let clipPending = false;
  const keep = (o: Operation) => result.operations.push(o);
  const visible = (box: Rect) => overlaps(box, gs.clip);

  const continues = continuations(operations);
  for (let index = 0; index < operations.length; index++) {
    const original = operations[index]!;
    if (original.op === 'BI' && original.image) {
      const box = transformRect(gs.ctm, { x0: 0, y0: 0, x1: 1, y1: 1 });
      if (!visible(box) || gs.fillAlpha === 0) {
        result.undrawn.push(`an inline image ${gs.fillAlpha === 0 ? 'drawn fully transparent' : 'outside the visible area'}`);
        continue;
      }
      const name = hooks.inlineImage(original.image.dict, original.image.data);
      used.XObject.add(name);
      keep({ op: 'Do', operands: [{ t: 'name', v: name }] });
      continue;
    }
    const operation = checked(original);
    if (!operation) {
      if (!(original.op in OPERATORS)) result.unknownOperators.push(original.op);
      continue;
    }
    const { op, operands } = operation;
    const num = (i: number) => (operands[i] as { v: number }).v;
    const nameAt = (i: number) => (operands[i] as { v: string }).v;
    if (MARKED_CONTENT.has(op)) {
      collectReplacement(operation, hooks, result.replacementText);
      continue;
    }
    switch (op) {
      case 'q':
        stack.push(gs);
        gs = { ...gs };
        text.save();
        break;
      case 'Q':
        if (stack.length === 0) continue;
        gs = stack.pop()!;
        text.restore();
        break;
      case 'cm':
        gs.ctm = multiply(gs.ctm, [num(0), num(1), num(2), num(3), num(4), num(5)]);
        break;
      case 'gs': {
        const state = hooks.extGState(nameAt(0));
        if (!state) continue;
        if (state.fillAlpha !== undefined) gs.fillAlpha = state.fillAlpha;
        if (state.fontName !== undefined) text.setFont(state.fontName, state.fontSize ?? 0);
        used.ExtGState.add(nameAt(0));
        break;
      }
      case 'm':
      case 'l':
        path.push(apply(gs.ctm, num(0), num(1)));
        break;
      case 'c':
      case 'v':
      case 'y':
        for (let i = 0; i + 1 < operands.length; i += 2) path.push(apply(gs.ctm, num(i), num(i + 1)));
        break;
      case 're': {
        const [x, y, w, h] = [num(0), num(1), num(2), num(3)];
        path.push(apply(gs.ctm, x, y), apply(gs.ctm, x + w, y), apply(gs.ctm, x, y + h), apply(gs.ctm, x + w, y + h));
        break;
      }
      case 'W':
      case 'W*':
        clipPending = true;
        break;
      case 'Do': {
        const info = hooks.xobject(nameAt(0));
        if (!info || info.kind === 'other') continue;
        const box = info.kind === 'image' ? transformRect(gs.ctm, { x0: 0, y0: 0, x1: 1, y1: 1 }) : transformRect(multiply(gs.ctm, info.matrix), info.bbox);
        if (!visible(box) || (info.kind === 'image' && gs.fillAlpha === 0)) {
          result.undrawn.push(`${info.kind} /${nameAt(0)} ${visible(box) ? 'drawn fully transparent' : 'outside the visible area'}`);
          continue;
        }
        used.XObject.add(nameAt(0));
        break;
      }
      case 'sh':
        if (isEmpty(gs.clip) || gs.fillAlpha === 0) {
          result.undrawn.push(`shading /${nameAt(0)} ${gs.fillAlpha === 0 ? 'drawn fully transparent' : 'outside the visible area'}`);
          continue;
        }
        used.Shading.add(nameAt(0));
        break;
      case 'CS':
      case 'cs':
        if (!DEVICE_SPACES.has(nameAt(0))) used.ColorSpace.add(nameAt(0));
        break;
      case 'SCN':
      case 'scn': {
        const last = operands[operands.length - 1];
        if (last?.t === 'name') used.Pattern.add(last.v);
        break;
      }
      default:
        if (op === 'BT' || op === 'ET' || op.startsWith('T') || op === "'" || op === '"') {
          const shown = text.handle(operation, gs.ctm, gs.clip, continues[index] === 1);
          if (shown.drop) {
            result.undrawn.push(shown.drop);
            for (const replacement of shown.replacement ?? []) keep(replacement);
            continue;
          }
          if (op === 'Tf') used.Font.add(nameAt(0));
        }
    }
    if (PAINT_PATH.has(op)) {
      // A clipping path with no points is ignored rather than taken to hide everything.
      if (clipPending && path.length > 0) gs.clip = intersect(gs.clip, boundsOf(path));
      clipPending = false;
      path = [];
    }
    keep(operation);
  }
  return result;
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
    const ok = want === 'n' ? t === 'num' : want === 'N' ? t === 'name' : want === 's' ? t === 'str' : want === 'a' ? t === 'arr' : t === 'dict' || t === 'name';
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
