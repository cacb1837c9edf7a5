import { describe, expect, it } from 'vitest';
import type { Box, Glyph } from '../../src/pipeline/audit/geometry.ts';
import { overlapShare, overlapsOfOtherText, similarSize } from '../../src/pipeline/audit/text-overlaps.ts';

/** Every pair compared: what the grid must find, no more and no less. */
function everyPair(glyphs: Glyph[]): Map<Glyph, Box[]> {
  const out = new Map<Glyph, Box[]>();
  for (const g of glyphs) {
    const boxes = glyphs.filter((o) => o.item !== g.item && o.char.trim() !== '' && similarSize(o, g) && overlapShare(o.box, g.box) > 0).map((o) => o.box);
    if (boxes.length > 0) out.set(g, boxes);
  }
  return out;
}

function sorted(m: Map<Glyph, Box[]>, glyphs: Glyph[]): string[] {
  return glyphs.map((g) => JSON.stringify((m.get(g) ?? []).map((b) => [b.x, b.y, b.width, b.height]).sort()));
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('overlapsOfOtherText', () => {
  it('finds the same overlaps as comparing every pair, for text of mixed sizes, stretched and odd boxes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = random(seed);
      const glyphs: Glyph[] = [];
      for (let i = 0; i < 400; i++) {
        const size = [0, 0.5, 1, 3, 7.9, 8, 10, 12, 16, 40, 300][Math.floor(rand() * 11)]!;
        const wide = rand() < 0.05 ? 500 : 1;
        glyphs.push({
          char: rand() < 0.1 ? ' ' : 'a',
          item: Math.floor(rand() * 30),
          size,
          box: { x: rand() * 600 - 50, y: rand() * 800 - 50, width: size * 0.6 * wide, height: size },
        });
      }
      glyphs.push({ char: 'x', item: 99, size: 10, box: { x: Number.NaN, y: 0, width: 5, height: 10 } });
      glyphs.push({ char: 'y', item: 98, size: 10, box: { x: -1e300, y: 0, width: 2e300, height: 1e6 } });
      const expected = everyPair(glyphs);
      expect(expected.size).toBeGreaterThan(20);
      expect(sorted(overlapsOfOtherText(glyphs), glyphs)).toEqual(sorted(expected, glyphs));
    }
  });

  it('says nothing of text alone in its place, and names the other text of a duplicate layer', () => {
    const line = (item: number, y: number): Glyph[] =>
      [...'Hello'].map((char, i) => ({ char, item, size: 10, box: { x: 100 + 6 * i, y, width: 6, height: 10 } }));
    const apart = [...line(0, 100), ...line(1, 120)];
    expect(overlapsOfOtherText(apart).size).toBe(0);
    const over = [...line(0, 100), ...line(1, 101)];
    const found = overlapsOfOtherText(over);
    expect(found.get(over[0]!)).toEqual([over[5]!.box, over[6]!.box].filter((b) => overlapShare(b, over[0]!.box) > 0));
    expect(found.size).toBe(10);
  });
});
