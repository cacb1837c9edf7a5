/**
 * Geometry shared by the PDF rules and redaction: boxes, matrices, and the
 * per-character boxes of pdf.js text items.
 */
/**
 * A rectangle in page space: PDF points (1/72 inch) from the top-left corner
 * of the page as displayed (rotation applied), the system editors declare
 * redactions in.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` then `n` (pdf.js / canvas order: the result maps through `n` first, then `m`). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** Bounding box of points. */
export function boundsOf(points: [number, number][]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function area(b: Box): number {
  return Math.max(0, b.width) * Math.max(0, b.height);
}

export function intersection(a: Box, b: Box): Box | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

/** The smallest box holding all of `boxes` (at least one). */
export function unionBox(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}

/** Share of `inner`'s area that lies inside `outer` (0–1). */
export function coverage(inner: Box, outer: Box): number {
  const i = intersection(inner, outer);
  const a = area(inner);
  return i && a > 0 ? area(i) / a : 0;
}

export function roundBox(b: Box): Box {
  const r = (n: number) => Math.round(n * 10) / 10;
  return { x: r(b.x), y: r(b.y), width: r(b.width), height: r(b.height) };
}

/** Maps PDF user space to the displayed page (points, origin top-left): pdf.js's viewport at scale 1. */
export interface PageSpace {
  width: number;
  height: number;
  /** The viewport transform at scale 1. */
  transform: Matrix;
}

export function toPageBox(space: PageSpace, m: Matrix, corners: [number, number][]): Box {
  const t = multiply(space.transform, m);
  return boundsOf(corners.map(([x, y]) => apply(t, x, y)));
}

/** One character of the page's text with its box on the page. */
export interface Glyph {
  char: string;
  /** Index of the text item it came from. */
  item: number;
  box: Box;
  /** Font size in points (the item's height). */
  size: number;
}

export interface TextItemLike {
  str: string;
  width: number;
  height: number;
  transform: number[];
  hasEOL?: boolean;
}

/**
 * Splits text items into per-character boxes. pdf.js gives one box per item
 * (a run of text); characters share its width in proportion to `widthOf`
 * (relative widths; evenly when not given). The box spans from the descent
 * (about a quarter of the size below the baseline) to the ascent.
 */
export function glyphsOf(items: TextItemLike[], space: PageSpace, widthOf: (char: string) => number = () => 1): Glyph[] {
  const glyphs: Glyph[] = [];
  items.forEach((item, index) => {
    const chars = [...item.str];
    if (chars.length === 0) return;
    const [a, b, c, d, e, f] = item.transform as Matrix;
    const size = Math.hypot(c, d) || item.height || Math.hypot(a, b);
    if (!(size > 0)) return;
    const scaleX = Math.hypot(a, b) || 1;
    const dirX = a / scaleX;
    const dirY = b / scaleX;
    const upLength = Math.hypot(c, d);
    const upX = upLength ? c / upLength : -dirY;
    const upY = upLength ? d / upLength : dirX;
    const widths = chars.map(widthOf);
    const total = widths.reduce((a, b) => a + b, 0) || chars.length;
    let offset = 0;
    chars.forEach((char, i) => {
      const step = (item.width * widths[i]) / total;
      const x0 = e + dirX * offset;
      const y0 = f + dirY * offset;
      offset += step;
      const corner = (along: number, up: number): [number, number] => [x0 + dirX * along + upX * up, y0 + dirY * along + upY * up];
      const box = toPageBox(space, IDENTITY, [corner(0, -0.25 * size), corner(step, -0.25 * size), corner(0, 0.85 * size), corner(step, 0.85 * size)]);
      glyphs.push({ char, item: index, box, size });
    });
  });
  return glyphs;
}

/** The text of glyphs in order, with a space where items change and a newline at line ends. */
export function textOf(glyphs: Glyph[]): string {
  let out = '';
  let last = -1;
  for (const g of glyphs) {
    if (last !== -1 && g.item !== last && !/\s$/.test(out)) out += ' ';
    out += g.char;
    last = g.item;
  }
  return out.replace(/\s+/g, ' ').trim();
}
