/**
 * Whether an area of a rendered page is one solid colour: the confirmation
 * step of the text-under-a-box check. Edges are skipped (anti-aliasing); a
 * tiny share of stray pixels is tolerated (dust on scans, rounding).
 */
import type { Box } from './types.ts';

export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** Pixels per point. */
  scale: number;
}

const TOLERANCE = 24;
const STRAY_SHARE = 0.005;

/**
 * True when `box` is one solid colour and, if `areas` are given (the boxes
 * of the characters it covers), those areas are too, each on its own: a
 * page-sized background with a line of visible text is mostly one colour,
 * but the text's own area is not.
 */
export function isSolidColour(pixels: RgbaPixels, box: Box, areas: Box[] = []): boolean {
  if (!isSolidArea(pixels, box)) return false;
  const reference = colourAt(pixels, box);
  return areas.every((a) => {
    const clipped = clip(a, box);
    return !clipped || isSolidArea(pixels, clipped, reference);
  });
}

function clip(a: Box, b: Box): Box | undefined {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const right = Math.min(a.x + a.width, b.x + b.width);
  const bottom = Math.min(a.y + a.height, b.y + b.height);
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : undefined;
}

function colourAt(pixels: RgbaPixels, box: Box): [number, number, number] | undefined {
  const x = Math.min(pixels.width - 1, Math.max(0, Math.ceil(box.x * pixels.scale) + 1));
  const y = Math.min(pixels.height - 1, Math.max(0, Math.ceil(box.y * pixels.scale) + 1));
  const i = (y * pixels.width + x) * 4;
  return [pixels.data[i], pixels.data[i + 1], pixels.data[i + 2]];
}

function isSolidArea(pixels: RgbaPixels, box: Box, reference?: [number, number, number]): boolean {
  const { data, width, height, scale } = pixels;
  const inset = 1;
  const x0 = Math.max(0, Math.ceil(box.x * scale) + inset);
  const y0 = Math.max(0, Math.ceil(box.y * scale) + inset);
  const x1 = Math.min(width, Math.floor((box.x + box.width) * scale) - inset);
  const y1 = Math.min(height, Math.floor((box.y + box.height) * scale) - inset);
  if (x1 - x0 < 2 || y1 - y0 < 2) return reference !== undefined;
  const at = (y0 * width + x0) * 4;
  const [r, g, b] = reference ?? [data[at], data[at + 1], data[at + 2]];
  const allowed = Math.floor((x1 - x0) * (y1 - y0) * STRAY_SHARE);
  let stray = 0;
  for (let y = y0; y < y1; y++) {
    let i = (y * width + x0) * 4;
    for (let x = x0; x < x1; x++, i += 4) {
      if (Math.abs(data[i] - r) > TOLERANCE || Math.abs(data[i + 1] - g) > TOLERANCE || Math.abs(data[i + 2] - b) > TOLERANCE) {
        if (++stray > allowed) return false;
      }
    }
  }
  return true;
}
