/**
 * The shapes a page paints, from pdf.js's operator list: filled paths and
 * images, each as its bounding box on the page. Only the geometry is taken
 * from here (where the pictures are, for telling a scan's text layer from
 * hidden text); what hides text is judged on the rendered page (see
 * visibility.ts), never from how the file says it drew it.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { IDENTITY, multiply, toPageBox, type Box, type Matrix, type PageSpace } from './geometry.ts';

export interface OperatorListLike {
  fnArray: number[];
  argsArray: unknown[][];
}

export interface FilledShape {
  box: Box;
  kind: 'path' | 'image';
  /** Images: their own size in pixels, when pdf.js says (how sharp a scan or photograph is on the page). */
  sourcePx?: { width: number; height: number };
}

const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintSolidColorImageMask]);

const UNIT_SQUARE: [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
];

export function filledShapes(ops: OperatorListLike, space: PageSpace): FilledShape[] {
  const shapes: FilledShape[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] ?? [];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.transform:
        ctm = multiply(ctm, args as unknown as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const matrix = args[0] as Matrix | null;
        if (Array.isArray(matrix) && matrix.length === 6) ctm = multiply(ctm, matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? IDENTITY;
        break;
      case OPS.constructPath: {
        const [paintOp, data, minMax] = args as [number, [ArrayLike<number>?], ArrayLike<number> | null];
        if (!FILL_OPS.has(paintOp)) break;
        const bounds = minMax && minMax.length === 4 ? minMax : pathBounds(data?.[0]);
        if (!bounds || !(bounds[2] > bounds[0]) || !(bounds[3] > bounds[1])) break;
        const box = toPageBox(space, ctm, [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[1]],
          [bounds[0], bounds[3]],
          [bounds[2], bounds[3]],
        ]);
        shapes.push({ box, kind: 'path' });
        break;
      }
      default:
        if (IMAGE_OPS.has(fn)) {
          const sourcePx = imageSize(fn, args);
          shapes.push({ box: toPageBox(space, ctm, UNIT_SQUARE), kind: 'image', ...(sourcePx ? { sourcePx } : {}) });
        }
    }
  }
  return shapes;
}

/** An image operation's own size in pixels: `[objId, width, height]` for XObjects, the image data's for inline images and masks. */
function imageSize(fn: number | undefined, args: unknown[]): { width: number; height: number } | undefined {
  const [first, w, h] = args;
  const [width, height] =
    fn === OPS.paintImageXObject ? [w, h] : [(first as { width?: unknown } | null)?.width, (first as { height?: unknown } | null)?.height];
  return typeof width === 'number' && typeof height === 'number' && width > 0 && height > 0 ? { width, height } : undefined;
}

/** Bounds of pdf.js path data (DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers, 3 quadratic 4 numbers, 4 close). */
function pathBounds(data: ArrayLike<number> | undefined): [number, number, number, number] | undefined {
  if (!data || data.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const take = (x: number, y: number) => {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  };
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    const n = op === 0 || op === 1 ? 2 : op === 2 ? 6 : op === 3 ? 4 : 0;
    for (let k = 0; k < n; k += 2) take(data[i + k], data[i + k + 1]);
    i += n;
  }
  return Number.isFinite(minX) ? [minX, minY, maxX, maxY] : undefined;
}
