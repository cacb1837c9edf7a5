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

export function isSolidColour(pixels: RgbaPixels, box: Box): boolean {
  const { data, width, height, scale } = pixels;
  const inset = 1;
  const x0 = Math.max(0, Math.ceil(box.x * scale) + inset);
  const y0 = Math.max(0, Math.ceil(box.y * scale) + inset);
  const x1 = Math.min(width, Math.floor((box.x + box.width) * scale) - inset);
  const y1 = Math.min(height, Math.floor((box.y + box.height) * scale) - inset);
  if (x1 - x0 < 2 || y1 - y0 < 2) return false;
  const at = (y0 * width + x0) * 4;
  const r = data[at];
  const g = data[at + 1];
  const b = data[at + 2];
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
