/**
 * Text a reader cannot see is found whatever hides it, judged on the
 * rendered page: each file hides the same name a different way, and goes
 * through the real PDF processor (pdf.js, sharp, pdf-lib). Twins that hide
 * nothing must stay quiet, and `redactFoundBoxes` must remove the name from
 * the page text and the download for every kind.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { openPdf } from '../../src/pipeline/processors/pdfjs.ts';
import { renderPixels } from '../../src/pipeline/processors/pdf-render.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type ProcessJob, type RedactionRequest } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import * as make from '../helpers/hidden-text-pdfs.ts';
import { readPdf } from '../helpers/pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('hidden-text');
});

async function audit(name: string, bytes: Uint8Array, redaction?: RedactionRequest, more: Partial<ProcessJob> = {}) {
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, bytes);
  const outDir = path.join(dir, name);
  const result = await pdfProcessor.process({ type: 'pdf', absPath: file, outDir, options: DEFAULT_RENDER_OPTIONS, redaction, ...more }, () => {});
  return { result, download: path.join(outDir, 'download.pdf') };
}

const about = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);

/** The name's box in page space (points from the top-left), as the generator placed it. */
const NAME_TOP_LEFT = { x: 72 + 100.7, y: 792 - 700 - 0.85 * 12 };

const covers: [string, () => Promise<Uint8Array>][] = [
  ['a black bar filled through a clipping path', make.clippedBar],
  ['thin stripes with hairline gaps', make.stripes],
  ['a thick stroke (a marker pen)', make.markerStroke],
  ['a dark gradient', make.gradientBar],
  ['a black box with a white "(b)(6)" label on it', make.labelledBox],
  ['a noisy image of a bar', make.noisyBarImage],
  ['a font whose glyphs are solid blocks', make.blockFont],
];

const invisible: [string, () => Promise<Uint8Array>, RegExp][] = [
  ['render mode 3', make.invisibleMode, /text that draws nothing: "Jane Roe"/],
  ['white on white', make.whiteOnWhite, /text in the colour of its background: "Jane Roe"/],
  ['text under 1 pt', make.tinyText, /text smaller than 1\.5 pt: "Jane Roe"/],
  [
    'invisible words over visible words that say something else',
    make.invisibleOverOtherText,
    /text drawn over other text that says something else.*: "(the )?Jane Roe"/,
  ],
  ['letters squeezed to no width', make.squeezedText, /letters drawn on top of each other: "Jane Roe"/],
  ['letters pulled onto one spot', make.stackedLetters, /letters drawn on top of each other: "Jane Roe"/],
];

describe('text-under-box: covered text, whatever drew the cover', () => {
  for (const [what, file] of covers) {
    it(what, async () => {
      const { result } = await audit(`cover-${what}`, await file());
      const found = about(result.findings, 'text-under-box');
      expect(found.map((f) => f.value)).toEqual([make.NAME]);
      expect(found[0]!.page).toBe(1);
      expect(Math.abs(found[0]!.box!.x - NAME_TOP_LEFT.x)).toBeLessThan(2);
      expect(Math.abs(found[0]!.box!.y - NAME_TOP_LEFT.y)).toBeLessThan(2);
      expect(result.findings.filter((f) => f.rule !== 'text-under-box')).toEqual([]);
    });
  }
});

describe('invisible-text: text a reader cannot see', () => {
  for (const [what, file, evidence] of invisible) {
    it(what, async () => {
      const { result } = await audit(`invisible-${what}`, await file());
      const found = about(result.findings, 'invisible-text');
      expect(found).toHaveLength(1);
      expect(found[0]!.evidence).toMatch(evidence);
      expect(found[0]!.page).toBe(1);
      expect(found[0]!.box).toBeDefined();
    });
  }

  it('text outside the CropBox and outside the MediaBox: one finding per side of the page', async () => {
    const { result } = await audit('outside', await make.outsideCropBox());
    const found = about(result.findings, 'invisible-text');
    expect(found.map((f) => f.value).sort()).toEqual(['Operation Nightjar', 'The informant was Jane Roe of Springfield.']);
    expect(found.every((f) => /outside the visible page/.test(f.evidence))).toBe(true);
    expect(result.pages[0]!.text).toContain('A routine memo');
  });
});

describe('dark-annotation: an annotation whose appearance hides text in a viewer', () => {
  for (const [what, file] of [
    ['a Square with an interior colour', make.squareAnnotation],
    ['a Stamp', make.stampAnnotation],
  ] as const) {
    it(what, async () => {
      const { result } = await audit(`annotation-${what}`, await file());
      const found = about(result.findings, 'dark-annotation');
      expect(found.map((f) => f.value)).toEqual([make.NAME]);
      expect(found[0]!.evidence).toBe(`an annotation hides "${make.NAME}" in a PDF viewer`);
    });
  }
});

describe('what a reader does see raises nothing', () => {
  it('a labelled box over nothing, faint but readable text, small print, an annotation away from text', async () => {
    for (const [name, file] of [
      ['label-alone', make.labelAlone],
      ['faint', make.faintButReadable],
      ['stamp-away', make.stampAwayFromText],
      ['plain', make.plainLine],
    ] as const) {
      const { result } = await audit(`twin-${name}`, await file());
      expect(result.findings, name).toEqual([]);
    }
  });

  it("a scan's invisible text layer over a picture of the same words", async () => {
    const picture = await pictureOf(await make.plainLine());
    const { result } = await audit('scan', await make.scanWithTextLayer(picture));
    expect(result.findings).toEqual([]);
    expect(result.pages[0]!.text).toContain(make.NAME);
  });
});

describe('redactFoundBoxes removes the hidden name from the text and the download, for every kind', () => {
  const all: [string, () => Promise<Uint8Array>][] = [
    ...covers,
    ...invisible.map(([w, f]) => [w, f] as [string, () => Promise<Uint8Array>]),
    ['a Stamp', make.stampAnnotation],
    ['outside the crop box', make.outsideCropBox],
  ];
  it.each(all)('%s', async (what, file) => {
    const { result, download } = await audit(`redacted-${what}`, await file(), { boxes: [], foundBoxesReason: 'b6' });
    const hidden = result.findings.filter((f) => ['text-under-box', 'invisible-text', 'dark-annotation'].includes(f.rule));
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((f) => f.resolvedBy === 'redaction')).toBe(true);
    expect(result.pages[0]!.text).not.toContain('Jane');
    expect(result.pages[0]!.redactions).toContain('b6');
    const back = await readPdf(download);
    expect(back.pages.join(' ')).not.toContain('Jane');
  });
});

it('a redaction removes the letters drawn under it, not the ones average widths would put there', async () => {
  // The layer's text is the point here; as it reads as junk, OCR would replace it (see text-layer-ocr.test.ts).
  const { result } = await audit('spaced-monospace', await make.monospaceBar(), { boxes: [], foundBoxesReason: 'b6' }, { reOcr: 'never' });
  expect(about(result.findings, 'text-under-box').map((f) => [f.value, f.resolvedBy])).toEqual([[make.NAME, 'redaction']]);
  expect(result.pages[0]!.text).toBe('Ref. i.l/1|l.i|ll:i!l|i.l informant: [redacted b6] || of Springfield');
});

/** A PNG of the page as pdf.js renders it: what a scanner would have captured. */
async function pictureOf(bytes: Uint8Array): Promise<Buffer> {
  const { pdf, close } = await openPdf(bytes, 100_000_000);
  try {
    const page = await pdf.getPage(1);
    const pixels = await renderPixels(page, pdf, 2);
    return sharp(Buffer.from(pixels.data), { raw: { width: pixels.width, height: pixels.height, channels: 4 } })
      .removeAlpha()
      .png()
      .toBuffer();
  } finally {
    await close();
  }
}
