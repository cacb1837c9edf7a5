import { describe, expect, it } from 'vitest';
import { alignGlyphs } from '../../src/pipeline/audit/align-glyphs.ts';
import type { Glyph } from '../../src/pipeline/audit/geometry.ts';

const glyph = (char: string, x: number, item = 0): Glyph => ({ char, item, size: 10, box: { x, y: 0, width: 5, height: 11 } });
const text = (s: string, x0: number, step: number) => [...s].map((c, i) => glyph(c, x0 + i * step));

describe('alignGlyphs', () => {
  it('gives each character the box of the character drawn for it', () => {
    const estimated = text('ab cd', 0, 4);
    const drawn = text('ab cd', 100, 6);
    expect(alignGlyphs(estimated, drawn).map((g) => g.box.x)).toEqual([100, 106, 8, 118, 124]);
  });

  it('skips what only the text content has (added spaces, a dropped character) and finds its place again', () => {
    const estimated = text('Jane  Roe', 0, 4);
    const drawn = text('JaneRoe', 100, 6);
    expect(alignGlyphs(estimated, drawn).map((g) => g.box.x)).toEqual([100, 106, 112, 118, 16, 20, 124, 130, 136]);
    const extra = [...text('xy', 0, 4), ...text('Roe', 8, 4)];
    expect(alignGlyphs(extra, text('Roe', 50, 6)).map((g) => g.box.x)).toEqual([0, 4, 50, 56, 62]);
  });

  it('splits a ligature drawn as one glyph between its letters', () => {
    const estimated = text('fit', 0, 4);
    const drawn = [{ ...glyph('ﬁ', 100), box: { x: 100, y: 0, width: 10, height: 11 } }, glyph('t', 110)];
    expect(alignGlyphs(estimated, drawn).map((g) => [g.box.x, g.box.width])).toEqual([
      [100, 5],
      [105, 5],
      [110, 5],
    ]);
  });

  it('keeps the estimate where nothing drawn matches', () => {
    const estimated = text('abc', 0, 4);
    expect(alignGlyphs(estimated, text('xyz', 100, 6))).toEqual(estimated);
  });
});
