/**
 * The stored size and orientation of every page of a multi-page TIFF, read
 * from its directories (IFDs) alone. sharp (libvips) walks all of a TIFF's
 * directories each time it opens one page, so reading every page's size
 * through it takes time that grows with the square of the page count: on a
 * fax batch of thousands of pages, long enough before the first page is
 * drawn for the document to be stopped as stuck (docs/scaling.md has the
 * figures). Reading the directories here reads only their bytes, once.
 *
 * Written here rather than taken from a library: utif and tiff read the
 * whole file into memory, and geotiff loads `web-worker`, which cannot be
 * imported inside a worker thread. Only four tags are read (width, height,
 * orientation, and whether there are extra samples: alpha), in classic
 * TIFF and BigTIFF; anything unexpected falls back to sharp, page by page.
 */
import { open, type FileHandle } from 'node:fs/promises';
import sharp from 'sharp';

export interface StoredPage {
  /** As stored, before the orientation tag is applied. */
  width: number;
  height: number;
  /** The TIFF orientation tag (1–8; 1 when the page has none). */
  orientation?: number;
  /** The page has extra samples (an alpha channel). */
  alpha?: boolean;
}

/**
 * Pages 0 to `pageCount - 1`, as sharp counted them (libtiff stops at a
 * directory chain that loops, so the count bounds the walk here too). A
 * file whose directories cannot be read here, or whose first page reads
 * differently from sharp's, is read page by page through sharp instead:
 * slow for long files, but it reads what sharp will later draw.
 */
export async function storedPages(file: string, pageCount: number, limitInputPixels: number): Promise<StoredPage[]> {
  const page = async (n: number): Promise<StoredPage> => {
    const m = await sharp(file, { limitInputPixels, failOn: 'error', page: n }).metadata();
    return {
      width: m.width ?? 0,
      height: m.height ?? 0,
      ...(m.orientation !== undefined ? { orientation: m.orientation } : {}),
      ...(m.hasAlpha ? { alpha: true } : {}),
    };
  };
  const first = await page(0);
  if (pageCount > 1) {
    const fast = await readDirectories(file, pageCount).catch(() => undefined);
    if (fast && sameSize(fast[0], first) && fast[0].orientation === first.orientation) return fast;
  }
  const pages = [first];
  for (let n = 1; n < pageCount; n++) pages.push(await page(n));
  return pages;
}

function sameSize(a: StoredPage, b: StoredPage): boolean {
  return a.width === b.width && a.height === b.height;
}

/** The page's size as displayed: orientations 5–8 turn it a quarter. */
export function uprightSize(page: StoredPage): { width: number; height: number } {
  return (page.orientation ?? 1) >= 5 ? { width: page.height, height: page.width } : { width: page.width, height: page.height };
}

const TAG = { width: 256, height: 257, orientation: 274 } as const;
/** ExtraSamples: present on pages with an alpha channel. */
const EXTRA_SAMPLES = 338;
const TYPE = { short: 3, long: 4, long8: 16 } as const;
/** More entries than this in one directory means the file is not what it claims. */
const MAX_ENTRIES = 4096;

/** Walks the first `pageCount` directories of the chain; throws on anything it does not expect. */
export async function readDirectories(file: string, pageCount: number): Promise<StoredPage[]> {
  const handle = await open(file, 'r');
  try {
    const reader = await Reader.open(handle);
    const big = reader.u16(await reader.read(2, 2), 0) === 43;
    const layout = big ? { count: 8, entry: 20, next: 8, value: 12 } : { count: 2, entry: 12, next: 4, value: 8 };
    let offset = big ? reader.u64(await reader.read(8, 8), 0) : reader.u32(await reader.read(4, 4), 0);
    const pages: StoredPage[] = [];
    for (let i = 0; i < pageCount; i++) {
      if (offset === 0) throw new Error(`the chain ends after ${i} directories`);
      const head = await reader.read(offset, layout.count);
      const entries = big ? reader.u64(head, 0) : reader.u16(head, 0);
      if (entries > MAX_ENTRIES) throw new Error(`directory ${i} claims ${entries} entries`);
      const body = await reader.read(offset + layout.count, entries * layout.entry + layout.next);
      const found: Partial<Record<keyof typeof TAG, number>> = {};
      let alpha = false;
      for (let e = 0; e < entries; e++) {
        const at = e * layout.entry;
        if (reader.u16(body, at) === EXTRA_SAMPLES) alpha = true;
        const name = (Object.keys(TAG) as (keyof typeof TAG)[]).find((k) => TAG[k] === reader.u16(body, at));
        if (!name) continue;
        const type = reader.u16(body, at + 2);
        const count = big ? reader.u64(body, at + 4) : reader.u32(body, at + 4);
        if (count !== 1) continue;
        // A single value sits in the entry itself, left-justified.
        const v = at + layout.value;
        found[name] =
          type === TYPE.short ? reader.u16(body, v) : type === TYPE.long ? reader.u32(body, v) : type === TYPE.long8 && big ? reader.u64(body, v) : undefined;
      }
      if (!found.width || !found.height) throw new Error(`directory ${i} has no size`);
      // As libvips reads it: 1 (upright) when absent or not one of 1–8.
      const orientation = found.orientation !== undefined && found.orientation >= 1 && found.orientation <= 8 ? found.orientation : 1;
      pages.push({ width: found.width, height: found.height, orientation, ...(alpha ? { alpha } : {}) });
      const at = entries * layout.entry;
      offset = big ? reader.u64(body, at) : reader.u32(body, at);
    }
    return pages;
  } finally {
    await handle.close();
  }
}

/** Reads of a TIFF file in its byte order, each checked against the file's size. */
class Reader {
  private readonly handle: FileHandle;
  private readonly size: number;
  private readonly littleEndian: boolean;

  private constructor(handle: FileHandle, size: number, littleEndian: boolean) {
    this.handle = handle;
    this.size = size;
    this.littleEndian = littleEndian;
  }

  static async open(handle: FileHandle): Promise<Reader> {
    const size = (await handle.stat()).size;
    const probe = new Reader(handle, size, true);
    const order = (await probe.read(0, 2)).toString('latin1');
    if (order !== 'II' && order !== 'MM') throw new Error('not a TIFF');
    const reader = new Reader(handle, size, order === 'II');
    const magic = reader.u16(await reader.read(2, 2), 0);
    if (magic !== 42 && magic !== 43) throw new Error('not a TIFF');
    return reader;
  }

  async read(position: number, length: number): Promise<Buffer> {
    if (!Number.isSafeInteger(position) || position < 0 || position + length > this.size) throw new Error(`a read at ${position} lies outside the file`);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, position);
    if (bytesRead !== length) throw new Error(`a short read at ${position}`);
    return buffer;
  }

  u16(b: Buffer, at: number): number {
    return this.littleEndian ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  u32(b: Buffer, at: number): number {
    return this.littleEndian ? b.readUInt32LE(at) : b.readUInt32BE(at);
  }

  u64(b: Buffer, at: number): number {
    return Number(this.littleEndian ? b.readBigUInt64LE(at) : b.readBigUInt64BE(at));
  }
}
