/**
 * The download carries only what its pages show. Each PDF hides something
 * inside a page (tests/helpers/hidden-page-data-pdfs.ts); the real PDF
 * processor rebuilds it, and the download is read back with qpdf (every
 * stream decompressed), poppler's pdfimages and pdftoppm, exiftool and
 * pdf.js: the hidden words and metadata must be gone, what the page shows
 * must still be there, and a `removed` finding must say what was removed.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/pipeline/audit/types.ts';
import { pdfProcessor } from '../../src/pipeline/processors/pdf.ts';
import { DEFAULT_RENDER_OPTIONS, type ProcessResult } from '../../src/pipeline/processors/types.ts';
import { tempDir } from '../helpers/build.ts';
import * as make from '../helpers/hidden-page-data-pdfs.ts';
import { HIDDEN, SHOWN } from '../helpers/hidden-page-data-pdfs.ts';
import { readPdf } from '../helpers/pdf.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('hidden-page-data');
});

interface Rebuilt {
  result: ProcessResult;
  source: string;
  download: string;
  /** The download with every stream decompressed (qpdf --qdf), as text. */
  qdf: string;
  text: string;
}

async function rebuild(name: string, bytes: Uint8Array): Promise<Rebuilt> {
  const source = path.join(dir, `${name}.pdf`);
  await writeFile(source, bytes);
  const outDir = path.join(dir, name);
  const result = await pdfProcessor.process({ type: 'pdf', absPath: source, outDir, options: DEFAULT_RENDER_OPTIONS }, () => {});
  const download = path.join(outDir, 'download.pdf');
  const qdfFile = path.join(dir, `${name}.qdf.pdf`);
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', download, qdfFile]);
  const qdf = (await readFile(qdfFile)).toString('latin1');
  return { result, source, download, qdf, text: (await readPdf(download)).pages.join('\n') };
}

const removed = (findings: Finding[], rule: string) =>
  findings
    .filter((f) => f.rule === rule)
    .map((f) => f.evidence)
    .join(' | ');

/** pdfimages' list of the images a PDF draws: [type, width, height, encoding] per image. */
function imagesOf(file: string): string[][] {
  const rows = execFileSync('pdfimages', ['-list', file]).toString().trim().split('\n').slice(2);
  return rows.map((r) => r.trim().split(/\s+/)).map((c) => [c[2]!, c[3]!, c[4]!, c[8]!]);
}

/** The images of a PDF extracted as files (JPEGs as stored, others as PNG). */
async function extractImages(file: string, name: string): Promise<string[]> {
  const into = path.join(dir, `${name}-images`);
  await mkdir(into, { recursive: true });
  execFileSync('pdfimages', ['-all', file, path.join(into, 'img')]);
  return (await readdir(into)).sort().map((f) => path.join(into, f));
}

/** Every tag exiftool finds in a file, by group and name. */
function exifTags(file: string): Record<string, unknown> {
  const [tags] = JSON.parse(execFileSync('exiftool', ['-json', '-a', '-G1', file]).toString()) as Record<string, unknown>[];
  return Object.fromEntries(Object.entries(tags!).filter(([k]) => !/^(System|ExifTool|File|SourceFile|Composite)/.test(k)));
}

/** The page rendered by poppler as published (crop box, no annotations), grey, small. */
async function rendered(file: string): Promise<{ data: Buffer; width: number; height: number }> {
  execFileSync('pdftoppm', ['-cropbox', '-hide-annotations', '-r', '36', '-gray', '-png', '-singlefile', file, file]);
  const { data, info } = await sharp(`${file}.png`).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function expectSameLook(a: string, b: string): Promise<void> {
  const [x, y] = [await rendered(a), await rendered(b)];
  expect([y.width, y.height]).toEqual([x.width, x.height]);
  let diff = 0;
  for (let i = 0; i < x.data.length; i++) diff += Math.abs(x.data[i]! - y.data[i]!);
  expect(diff / x.data.length).toBeLessThan(0.5);
}

describe('photos inside pages', () => {
  for (const [name, makePdf] of [
    ['photo drawn as an image XObject', make.photoOnPage],
    ['photo drawn as an inline image', make.inlinePhotoOnPage],
  ] as const) {
    it(`a ${name} keeps its picture and loses its EXIF, GPS, XMP and comment`, async () => {
      const r = await rebuild(name.replace(/ /g, '-'), await makePdf());
      expect(removed(r.result.findings, 'page-metadata')).toMatch(/JPEG\): .*EXIF with GPS/);
      expect(removed(r.result.findings, 'page-metadata')).toMatch(/XMP/);
      expect(removed(r.result.findings, 'page-metadata')).toMatch(/comment/);
      for (const word of [HIDDEN.exifArtist, HIDDEN.xmp, HIDDEN.jpegComment, 'Exif', 'TroveTestCam']) expect(r.qdf).not.toContain(word);
      expect(imagesOf(r.download)).toEqual([['image', '64', '48', 'jpeg']]);
      const [jpeg] = await extractImages(r.download, name.replace(/ /g, '-'));
      const tags = exifTags(jpeg!);
      expect(Object.keys(tags).filter((k) => /GPS|Artist|Make|XMP|Comment|ICC|IFD0|ExifIFD/.test(k))).toEqual([]);
      // The picture itself is the source's, bit for bit once decoded.
      const picture = await sharp(jpeg!).raw().toBuffer();
      expect(
        picture.equals(
          await sharp(await make.photoWithMetadata())
            .raw()
            .toBuffer(),
        ),
      ).toBe(true);
      expect(r.text).toContain(SHOWN);
    });
  }
});

describe('what pages carry besides their drawing', () => {
  it('XMP on an image, its soft mask, a tiling pattern and a form is removed; all of them still draw', async () => {
    const r = await rebuild('metadata-on-objects', await make.metadataOnPageObjects());
    const evidence = removed(r.result.findings, 'page-metadata');
    for (const on of ['on image /Im1', 'on the soft mask of image /Im1', 'on form /Fm1', 'on a tiling pattern'])
      expect(evidence).toContain(`XMP metadata (/Metadata) ${on}`);
    for (const word of [HIDDEN.imageMetadata, HIDDEN.maskMetadata, HIDDEN.patternMetadata, HIDDEN.formMetadata, '/Metadata']) expect(r.qdf).not.toContain(word);
    expect(r.qdf).toMatch(/\/PatternType 1/);
    expect(r.qdf).toMatch(/\/Subtype \/Form/);
    await expectSameLook(r.source, r.download);
  });

  it('private page keys (PieceInfo) and associated files (AF) are removed', async () => {
    const r = await rebuild('private-keys', await make.privatePageKeys());
    expect(removed(r.result.findings, 'page-private-data')).toMatch(/\/PieceInfo\) on the page.*\/AF\) on the page/);
    for (const word of [HIDDEN.pieceInfo, HIDDEN.attachment, 'dossier.txt', '/PieceInfo', '/AF', '/EmbeddedFile']) expect(r.qdf).not.toContain(word);
    expect((await readPdf(r.download)).attachments).toEqual([]);
  });

  it('replacement text that differs from what is shown (ActualText, Alt) is removed; the shown text stays', async () => {
    const r = await rebuild('actual-text', await make.actualTextThatDiffers());
    expect(removed(r.result.findings, 'replacement-text')).toMatch(/ActualText "Jane Roe" on the page.*Alt "Jane Roe in the alt text"/);
    for (const word of [HIDDEN.actualText, '/ActualText', '/Alt', 'BDC', 'EMC']) expect(r.qdf).not.toContain(word);
    expect(r.text).toContain('A routine line.');
    expect(r.text).not.toContain(HIDDEN.actualText);
  });

  it('comments in the drawing are removed; what they sat between still draws', async () => {
    const r = await rebuild('content-comment', await make.commentInContent());
    expect(removed(r.result.findings, 'content-comments')).toContain(`comment on the page: "% ${HIDDEN.contentComment}"`);
    expect(r.qdf).not.toContain('Informant');
    await expectSameLook(r.source, r.download);
  });

  it('a photo the page lists but never draws is not in the download', async () => {
    const r = await rebuild('unused-photo', await make.unusedPhoto());
    expect(removed(r.result.findings, 'undrawn-content')).toMatch(/image \/Unused \(40 × 30 pixels\) is never drawn/);
    // The source holds the photo's JPEG bytes; the download holds no image at all.
    expect((await readFile(r.source)).includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(r.qdf).not.toMatch(/\/Subtype \/Image/);
    expect(r.qdf).not.toContain('\xff\xd8\xff');
  });
});

describe('what lies outside the visible page', () => {
  it('text and a photo below the crop box are removed, and the page is only its visible box', async () => {
    const r = await rebuild('outside-crop', await make.contentOutsideCropBox());
    expect(removed(r.result.findings, 'undrawn-content')).toMatch(/text outside the visible area on the page/);
    expect(removed(r.result.findings, 'undrawn-content')).toMatch(/image \/\S+ outside the visible area/);
    expect(r.text).toContain('Seen at the top.');
    expect(r.text).not.toContain('Goshawk');
    expect(r.qdf).not.toContain('Goshawk');
    expect(imagesOf(r.download)).toEqual([]);
    expect(r.qdf).toMatch(/\/MediaBox \[\s*0\s+396\s+612\s+792\s*\]/);
    expect(r.qdf).not.toContain('/CropBox');
    await expectSameLook(r.source, r.download);
  });

  it('a string outside the crop box is removed without moving the rest of its line', async () => {
    const r = await rebuild('outside-same-line', await make.outsideTextOnTheSameLine());
    expect(r.result.downloadNote).toBeUndefined();
    expect(r.text).not.toContain('Goshawk');
    expect(r.qdf).not.toContain('Goshawk');
    expect(r.text).toContain('the rest of the line is seen.');
    await expectSameLook(r.source, r.download);
  });
});

describe('colour under full transparency', () => {
  it('an image "erased" by its soft mask keeps its visible half; the erased half carries no colour', async () => {
    const r = await rebuild('erased-picture', await make.erasedPictureOnPage());
    expect(removed(r.result.findings, 'transparent-colour')).toBe('image /Erased: 512 fully transparent pixels had colour');
    const [image, mask] = await extractImages(r.download, 'erased-picture');
    const { data, info } = await sharp(image!).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    for (let y = 0; y < 32; y += 5) {
      expect(pixel(3, y)).toEqual([40, 120, 40]);
      expect(pixel(20, y)).toEqual([0, 0, 0]);
    }
    const alpha = await sharp(mask!).greyscale().raw().toBuffer();
    expect(alpha[0]).toBe(255);
    expect(alpha[20]).toBe(0);
    await expectSameLook(r.source, r.download);
  });
});

describe('pages that cannot be rebuilt safely', () => {
  it('a page with a JPEG 2000 image that has its own transparency is published as its image, with its text, and the note says why', async () => {
    const r = await rebuild('jpeg-2000', await make.jpeg2000WithItsOwnTransparency());
    expect(r.result.downloadNote).toMatch(/^page 1 published as images in the download: image \/Jpx is JPEG 2000 with its own transparency/);
    expect(r.qdf).not.toContain(HIDDEN.xmp);
    expect(r.qdf).not.toContain('JPXDecode');
    expect(imagesOf(r.download).map((i) => [i[0], i[3]])).toEqual([['image', 'jpeg']]);
    expect(r.text).toContain(SHOWN);
  });

  it('a poster-sized page published as its image is rendered sharper than the page image, within a pixel budget', async () => {
    const r = await rebuild('poster', await make.jpeg2000WithItsOwnTransparency([4000, 4000]));
    expect(r.result.downloadNote).toMatch(/^page 1 published as images in the download/);
    const [[, width, height]] = imagesOf(r.download) as [string[]];
    // At 150 dpi the page would take 8,333 × 8,333 pixels; the budget is 40 million (give or take rounding).
    expect(Number(width) * Number(height)).toBeLessThan(40_100_000);
    expect(Number(width)).toBeGreaterThan(DEFAULT_RENDER_OPTIONS.pageWidthPx * 5);
  });
});

describe('a page with nothing hidden', () => {
  it('is rebuilt without a finding or a note, and looks the same', async () => {
    const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([612, 792]).drawText(SHOWN, { x: 72, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
    const r = await rebuild('nothing-hidden', await doc.save());
    expect(r.result.findings).toEqual([]);
    expect(r.result.downloadNote).toBeUndefined();
    expect(r.text).toContain(SHOWN);
    await expectSameLook(r.source, r.download);
  });
});
