/**
 * Image samples as PDF stores them once the filters are undone: rows of
 * `width × components` samples of 1, 2, 4, 8 or 16 bits, each row starting
 * on a byte. Here: undoing PNG and TIFF predictors, cutting the data to
 * exactly the image (bytes after it are not part of the picture, and can
 * hide anything), reading a mask as "fully transparent or not" per pixel,
 * and clearing the colour of the pixels a mask hides.
 */

export interface SampleLayout {
  width: number;
  height: number;
  components: number;
  bitsPerComponent: number;
}

export function rowBytes({ width, components, bitsPerComponent }: SampleLayout): number {
  return Math.ceil((width * components * bitsPerComponent) / 8);
}

export interface Predictor {
  predictor: number;
  colors: number;
  bitsPerComponent: number;
  columns: number;
}

/** The data with its predictor undone, as pdf.js does (PNG predictors 10–15 per row, TIFF predictor 2). */
export function undoPredictor(data: Uint8Array, p: Predictor): Uint8Array {
  if (p.predictor <= 1) return data;
  const bytesPerPixel = Math.max(1, Math.ceil((p.colors * p.bitsPerComponent) / 8));
  const stride = Math.ceil((p.columns * p.colors * p.bitsPerComponent) / 8);
  if (p.predictor === 2) return undoTiff(data, p, stride);
  if (p.predictor < 10) throw new Error(`unknown predictor ${p.predictor}`);
  const rows = Math.floor(data.length / (stride + 1));
  const out = new Uint8Array(rows * stride);
  let previous = new Uint8Array(stride);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (stride + 1)]!;
    const src = data.subarray(r * (stride + 1) + 1, (r + 1) * (stride + 1));
    const row = out.subarray(r * stride, (r + 1) * stride);
    for (let i = 0; i < stride; i++) {
      const left = i >= bytesPerPixel ? row[i - bytesPerPixel]! : 0;
      const up = previous[i]!;
      const upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel]! : 0;
      let v = src[i]!;
      if (type === 1) v += left;
      else if (type === 2) v += up;
      else if (type === 3) v += (left + up) >> 1;
      else if (type === 4) v += paeth(left, up, upLeft);
      row[i] = v & 0xff;
    }
    previous = row;
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function undoTiff(data: Uint8Array, p: Predictor, stride: number): Uint8Array {
  const out = data.slice(0, Math.floor(data.length / stride) * stride);
  const layout = { width: p.columns, height: out.length / stride, components: p.colors, bitsPerComponent: p.bitsPerComponent };
  const max = 2 ** p.bitsPerComponent;
  for (let y = 0; y < layout.height; y++) {
    for (let x = 1; x < p.columns; x++) {
      for (let c = 0; c < p.colors; c++) {
        const v = (sample(out, layout, stride, x, y, c) + sample(out, layout, stride, x - 1, y, c)) % max;
        setSample(out, layout, stride, x, y, c, v);
      }
    }
  }
  return out;
}

/**
 * Exactly `height` rows: bytes past the image are dropped, a short image is
 * padded with zeros (as readers show it), and the unused bits that end a
 * row of fewer than 8 bits a sample are zeroed (they are not drawn).
 */
export function fitToImage(data: Uint8Array, layout: SampleLayout): Uint8Array {
  const stride = rowBytes(layout);
  const size = stride * layout.height;
  let out = data;
  if (data.length !== size) {
    out = new Uint8Array(size);
    out.set(data.subarray(0, size));
  }
  const spare = stride * 8 - layout.width * layout.components * layout.bitsPerComponent;
  if (spare > 0) {
    const keep = (0xff << spare) & 0xff;
    for (let y = 0; y < layout.height; y++) out[y * stride + stride - 1]! &= keep;
  }
  return out;
}

/**
 * The stored data (before its predictor is undone) is exactly the image:
 * the predictor's rows match the image's, each PNG row names a known
 * filter, the size is exact and no row ends in unused bits. Such data holds
 * nothing but the picture and can be kept as it is.
 */
export function isExactlyTheImage(stored: Uint8Array, layout: SampleLayout, p: Predictor): boolean {
  const stride = rowBytes(layout);
  if (stride * 8 !== layout.width * layout.components * layout.bitsPerComponent) return false;
  if (p.predictor <= 1) return stored.length === stride * layout.height;
  if (p.columns !== layout.width || p.colors !== layout.components || p.bitsPerComponent !== layout.bitsPerComponent) return false;
  if (p.predictor === 2) return stored.length === stride * layout.height;
  if (p.predictor < 10 || stored.length !== (stride + 1) * layout.height) return false;
  for (let y = 0; y < layout.height; y++) if (stored[y * (stride + 1)]! > 4) return false;
  return true;
}

function sample(data: Uint8Array, layout: SampleLayout, stride: number, x: number, y: number, c: number): number {
  const bpc = layout.bitsPerComponent;
  const index = x * layout.components + c;
  const base = y * stride;
  if (bpc === 8) return data[base + index]!;
  if (bpc === 16) return (data[base + 2 * index]! << 8) | data[base + 2 * index + 1]!;
  const bit = index * bpc;
  const byte = data[base + (bit >> 3)]!;
  return (byte >> (8 - bpc - (bit & 7))) & ((1 << bpc) - 1);
}

function setSample(data: Uint8Array, layout: SampleLayout, stride: number, x: number, y: number, c: number, v: number): void {
  const bpc = layout.bitsPerComponent;
  const index = x * layout.components + c;
  const base = y * stride;
  if (bpc === 8) data[base + index] = v;
  else if (bpc === 16) {
    data[base + 2 * index] = v >> 8;
    data[base + 2 * index + 1] = v & 0xff;
  } else {
    const bit = index * bpc;
    const shift = 8 - bpc - (bit & 7);
    const mask = ((1 << bpc) - 1) << shift;
    const at = base + (bit >> 3);
    data[at] = (data[at]! & ~mask) | ((v << shift) & mask);
  }
}

/**
 * Which pixels of a one-component mask are fully transparent: a soft mask
 * where its value (after its Decode array) is 0, a stencil mask used as
 * `/Mask` where it is 1 (those pixels are not painted). Undefined when none
 * is: the common case, told by one pass over the bytes.
 */
export function transparentPixels(data: Uint8Array, layout: SampleLayout, decode: [number, number], stencil: boolean): Uint8Array | undefined {
  const max = 2 ** layout.bitsPerComponent - 1;
  const hides = (sampleValue: number) => {
    const value = decode[0] + (sampleValue * (decode[1] - decode[0])) / max;
    return stencil ? value >= 1 : value <= 0;
  };
  if (!anySample(data, layout, hides)) return undefined;
  const stride = rowBytes(layout);
  const out = new Uint8Array(layout.width * layout.height);
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) out[y * layout.width + x] = hides(sample(data, layout, stride, x, y, 0)) ? 1 : 0;
  }
  return out;
}

/** Some sample of a one-component image passes `test`; one table lookup a byte. */
function anySample(data: Uint8Array, layout: SampleLayout, test: (sampleValue: number) => boolean): boolean {
  const bpc = layout.bitsPerComponent;
  if (bpc === 16) {
    for (let i = 0; i + 1 < data.length; i += 2) if (test((data[i]! << 8) | data[i + 1]!)) return true;
    return false;
  }
  const stride = rowBytes(layout);
  const perByte = 8 / bpc;
  // For each byte value: does any of its samples pass?
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    for (let k = 0; k < perByte && !table[b]; k++) table[b] = test((b >> (8 - bpc * (k + 1))) & ((1 << bpc) - 1)) ? 1 : 0;
  }
  const passing = [...table.keys()].filter((b) => table[b]);
  // A soft mask as usually stored (8 bits, Decode [0 1]) hides only where a byte is 0: a native search.
  if (bpc === 8 && passing.length === 1) return data.indexOf(passing[0]!) !== -1;
  const full = Math.floor((layout.width * bpc) / 8);
  for (let y = 0; y < layout.height; y++) {
    const row = y * stride;
    for (let i = 0; i < full; i++) if (table[data[row + i]!]) return true;
    // The last byte of a row may be partly padding: read its samples one by one.
    for (let x = (full * 8) / bpc; x < layout.width; x++) if (test(sample(data, layout, stride, x, y, 0))) return true;
  }
  return false;
}

/** Pixels whose samples all lie in a colour-key mask's ranges (`/Mask [min max …]`): not painted. */
export function keyedPixels(data: Uint8Array, layout: SampleLayout, ranges: number[]): Uint8Array {
  const stride = rowBytes(layout);
  const out = new Uint8Array(layout.width * layout.height);
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) {
      let inside = true;
      for (let c = 0; c < layout.components && inside; c++) {
        const v = sample(data, layout, stride, x, y, c);
        inside = v >= ranges[2 * c]! && v <= ranges[2 * c + 1]!;
      }
      out[y * layout.width + x] = inside ? 1 : 0;
    }
  }
  return out;
}

/**
 * Sets every sample of the image's hidden pixels to `fill(c)`. The mask may
 * have another size than the image: an image pixel is hidden only when
 * every mask pixel it overlaps is transparent. Returns how many were hidden.
 */
export function clearHidden(
  data: Uint8Array,
  layout: SampleLayout,
  mask: { hidden: Uint8Array; width: number; height: number },
  fill: (c: number) => number,
): number {
  const stride = rowBytes(layout);
  const { width: w, height: h } = layout;
  let cleared = 0;
  for (let y = 0; y < h; y++) {
    const my0 = Math.floor((y * mask.height) / h);
    const my1 = Math.max(my0, Math.ceil(((y + 1) * mask.height) / h) - 1);
    for (let x = 0; x < w; x++) {
      const mx0 = Math.floor((x * mask.width) / w);
      const mx1 = Math.max(mx0, Math.ceil(((x + 1) * mask.width) / w) - 1);
      let hidden = true;
      for (let my = my0; my <= my1 && hidden; my++) for (let mx = mx0; mx <= mx1 && hidden; mx++) hidden = mask.hidden[my * mask.width + mx] === 1;
      if (!hidden) continue;
      cleared++;
      for (let c = 0; c < layout.components; c++) setSample(data, layout, stride, x, y, c, fill(c));
    }
  }
  return cleared;
}
