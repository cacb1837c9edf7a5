/**
 * Renders the audit does without: a page of plain text is published as its
 * text-only render laid over white (processors/pdf-text-on-white.ts), and a
 * page whose text paints nothing is its own render without text. Each must
 * be what pdf.js draws, and anything that could make them differ must send
 * the page to a render of its own.
 */
import { readFile } from 'node:fs/promises';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../src/pipeline/processors/pdfjs.ts';
import { renderedOperatorList, renderPixels, scaleFor, textLeavesNoMark } from '../../src/pipeline/processors/pdf-render.ts';
import { isTextOnWhite, overWhite } from '../../src/pipeline/processors/pdf-text-on-white.ts';
import { fontsOf } from '../../src/pipeline/processors/pdf-visibility.ts';
import { corpusFile } from '../helpers/corpus.ts';
import { plain } from '../helpers/defect-pdfs.ts';
import * as hidden from '../helpers/hidden-text-pdfs.ts';

/** For page `n`: whether it counts as plain text, and the largest difference of any channel between the two ways of drawing it. */
async function compare(bytes: Uint8Array, n = 1): Promise<{ plain: boolean; worst: number }> {
  const { pdf, close } = await openPdf(bytes, 100_000_000);
  try {
    const page = await pdf.getPage(n);
    const scale = scaleFor(page, 1000);
    const textOnly = await renderPixels(page, pdf, scale, 'text-only');
    const fonts = fontsOf(page);
    const plainText = isTextOnWhite(renderedOperatorList(page)!, (f) => fonts.type3(f));
    const derived = overWhite(textOnly);
    const drawn = await renderPixels(page, pdf, scale);
    let worst = 0;
    for (let i = 0; i < drawn.data.length; i++) worst = Math.max(worst, Math.abs(derived.data[i]! - drawn.data[i]!));
    return { plain: plainText, worst };
  } finally {
    await close();
  }
}

const text = (extra: [number, unknown][] = []) => {
  const ops: [number, unknown][] = [
    [OPS.beginText, null],
    [OPS.setFont, ['g_d0_f1', 12]],
    [OPS.setFillRGBColor, [0, 0, 0]],
    [OPS.showText, [[]]],
    [OPS.endText, null],
    ...extra,
  ];
  return { fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) };
};
const noType3 = () => false;

describe('a page of plain text drawn from its text-only render', () => {
  it('is the page pdf.js draws, to one level of rounding, for generated text and a court filing', async () => {
    const generated = await compare(await plain());
    expect(generated.plain).toBe(true);
    expect(generated.worst).toBeLessThanOrEqual(2);
    const filing = await compare(new Uint8Array(await readFile(corpusFile('govdocs/courts/gov.uscourts.njd.387907.32.0.pdf'))), 2);
    expect(filing.plain).toBe(true);
    expect(filing.worst).toBeLessThanOrEqual(2);
  });

  it('is not used where anything but text paints, clips or blends, so those pages are drawn as they are', async () => {
    expect((await compare(await hidden.blockFont())).plain).toBe(false);
    for (const make of [hidden.clippedBar, hidden.markerStroke, hidden.gradientBar, hidden.noisyBarImage]) {
      const { plain: plainText, worst } = await compare(await make());
      expect(plainText, make.name).toBe(false);
      // Each of them would come out wrong: the bar over the name is missing from the text-only render.
      expect(worst, make.name).toBeGreaterThan(100);
    }
    expect(isTextOnWhite(text(), noType3)).toBe(true);
    expect(isTextOnWhite(text([[OPS.setGState, [[['BM', 'multiply']]]]]), noType3)).toBe(false);
    expect(isTextOnWhite(text([[OPS.setGState, [[['SMask', {}]]]]]), noType3)).toBe(false);
    expect(isTextOnWhite(text([[OPS.setGState, [[['TR', [[0, 1]]]]]]]), noType3)).toBe(false);
    expect(
      isTextOnWhite(
        text([
          [
            OPS.setGState,
            [
              [
                ['CA', 0.5],
                ['BM', 'source-over'],
                ['SMask', false],
              ],
            ],
          ],
        ]),
        noType3,
      ),
    ).toBe(true);
    expect(isTextOnWhite(text([[OPS.clip, null]]), noType3)).toBe(false);
    expect(isTextOnWhite(text([[OPS.constructPath, [OPS.fill, [], null]]]), noType3)).toBe(false);
    expect(isTextOnWhite(text([[OPS.constructPath, [OPS.endPath, [], null]]]), noType3)).toBe(true);
    expect(isTextOnWhite(text([[OPS.beginGroup, [{}]]]), noType3)).toBe(false);
    expect(isTextOnWhite(text([[OPS.setFillColorN, ['Shading', 'p0']]]), noType3)).toBe(false);
    // A Type 3 font, or one the renderer does not know, draws glyphs of its own making.
    expect(isTextOnWhite(text(), () => true)).toBe(false);
    expect(isTextOnWhite(text([[OPS.setGState, [[['Font', ['g_d0_f2', 12]]]]]]), (f) => f === 'g_d0_f2')).toBe(false);
  });
});

describe('a page whose text leaves no mark (a scan with its OCR layer)', () => {
  async function check(bytes: Uint8Array): Promise<{ unmarked: boolean; worst: number }> {
    const { pdf, close } = await openPdf(bytes, 100_000_000);
    try {
      const page = await pdf.getPage(1);
      const textOnly = await renderPixels(page, pdf, 1, 'text-only');
      const unmarked = textLeavesNoMark(textOnly, renderedOperatorList(page)!);
      const published = await renderPixels(page, pdf, 1);
      const noText = await renderPixels(page, pdf, 1, 'no-text');
      let worst = 0;
      for (let i = 0; i < published.data.length; i++) worst = Math.max(worst, Math.abs(published.data[i]! - noText.data[i]!));
      return { unmarked, worst };
    } finally {
      await close();
    }
  }

  it('is its own render without text, and only then', async () => {
    const picture = await sharp({ create: { width: 612, height: 792, channels: 3, background: '#e0e0d0' } })
      .png()
      .toBuffer();
    expect(await check(await hidden.scanWithTextLayer(picture))).toEqual({ unmarked: true, worst: 0 });
    expect(await check(await hidden.invisibleMode())).toMatchObject({ unmarked: false });
    expect((await check(await hidden.whiteOnWhite())).unmarked).toBe(false);
    // Text in a clipping mode paints nothing, but what comes after it is clipped to it.
    const clipping = { fnArray: [OPS.setTextRenderingMode, OPS.showText], argsArray: [[7], [[]]] };
    expect(textLeavesNoMark({ data: new Uint8Array(16), width: 2, height: 2, scale: 1 }, clipping)).toBe(false);
    expect(textLeavesNoMark({ data: new Uint8Array(16), width: 2, height: 2, scale: 1 }, { ...clipping, argsArray: [[3], [[]]] })).toBe(true);
  });
});
