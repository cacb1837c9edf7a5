/**
 * Boxes in PDF space for the content walker: y up, as [x0, y0, x1, y1],
 * and unbounded where nothing clips (the audit's boxes are on the displayed
 * page, top-left, and always finite). Matrices are the audit's.
 */
import { apply, type Matrix } from '../../audit/geometry.ts';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const EVERYWHERE: Rect = { x0: -Infinity, y0: -Infinity, x1: Infinity, y1: Infinity };

/** The box that holds `r` once transformed by `m`. */
export function transformRect(m: Matrix, r: Rect): Rect {
  if (!Number.isFinite(r.x0) || !Number.isFinite(r.x1) || !Number.isFinite(r.y0) || !Number.isFinite(r.y1)) return EVERYWHERE;
  const points = [apply(m, r.x0, r.y0), apply(m, r.x1, r.y0), apply(m, r.x0, r.y1), apply(m, r.x1, r.y1)];
  return boundsOf(points);
}

export function boundsOf(points: [number, number][]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return { x0, y0, x1, y1 };
}

export function intersect(a: Rect, b: Rect): Rect {
  return { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
}

/** Two boxes share some area (touching edges do not count: nothing drawn there shows). */
export function overlaps(a: Rect, b: Rect): boolean {
  const i = intersect(a, b);
  return i.x1 > i.x0 && i.y1 > i.y0;
}

export function isEmpty(r: Rect): boolean {
  return !(r.x1 > r.x0 && r.y1 > r.y0);
}

/** A PDF rectangle `[llx lly urx ury]` in either corner order. */
export function rectOf(values: number[] | undefined): Rect | undefined {
  if (!values || values.length !== 4 || values.some((v) => !Number.isFinite(v))) return undefined;
  const [a, b, c, d] = values as [number, number, number, number];
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}
