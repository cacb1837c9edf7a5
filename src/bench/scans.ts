/**
 * Generated scans with known text, for the OCR figures: pages of typed
 * prose (the bench's vocabulary, with numbers and capitals) drawn at 200
 * dpi on slightly grey paper with grain, softened as a scanner's optics
 * do, saved as PNG. The same seed
 * always gives the same pages.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { prng, word } from './vocabulary.ts';

export interface KnownScan {
  file: string;
  /** The text printed, lines separated by a line break. */
  text: string;
}

/** US Letter at 200 dpi. */
const WIDTH = 1700;
const HEIGHT = 2200;
const LINES = 40;
const LINE_HEIGHT = 46;
/** 11-point type at 200 dpi. */
const FONT_PX = 31;

function line(rand: () => number): string {
  const words: string[] = [];
  let length = 0;
  while (length < 62) {
    const r = rand();
    let w = word(rand);
    if (r < 0.08) w = String(Math.floor(rand() * 90_000) + 100);
    else if (r < 0.2) w = w[0]!.toUpperCase() + w.slice(1);
    words.push(w);
    length += w.length + 1;
  }
  return words.join(' ');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Writes `count` scans into `dir` and returns them with their text. */
export async function knownScans(dir: string, count: number): Promise<KnownScan[]> {
  await mkdir(dir, { recursive: true });
  const out: KnownScan[] = [];
  for (let i = 0; i < count; i++) {
    const rand = prng(7000 + i);
    const lines = Array.from({ length: LINES }, () => line(rand));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#f4f2ee"/>${lines
      .map((l, n) => `<text x="150" y="${200 + n * LINE_HEIGHT}" font-family="DejaVu Serif" font-size="${FONT_PX}" fill="#1a1a1a">${escape(l)}</text>`)
      .join('')}</svg>`;
    // Paper grain: a little noise, as a flatbed scan of clean paper has.
    const grain = Buffer.alloc(WIDTH * HEIGHT);
    for (let p = 0; p < grain.length; p++) grain[p] = 118 + Math.floor(rand() * 20);
    const file = path.join(dir, `scan-${String(i + 1).padStart(3, '0')}.png`);
    const page = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer();
    for (let p = 0; p < page.length; p++) page[p] = Math.max(0, Math.min(255, page[p]! + grain[p]! - 128));
    // A scanner's optics soften edges a little.
    await writeFile(
      file,
      await sharp(page, { raw: { width: WIDTH, height: HEIGHT, channels: 1 } })
        .blur(0.7)
        .png()
        .toBuffer(),
    );
    out.push({ file, text: lines.join('\n') });
  }
  return out;
}
