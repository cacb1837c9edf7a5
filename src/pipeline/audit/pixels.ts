/** A rendered page as raw RGBA pixels, as the audit and redaction read and write it. */
export interface RgbaPixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** Pixels per point. */
  scale: number;
}
