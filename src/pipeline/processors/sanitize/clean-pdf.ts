/**
 * The downloadable PDF, rebuilt rather than copied. A fresh document gets
 * only the pages: no Info dictionary, XMP, outline, attachments, scripts,
 * open action, form, layers or earlier revisions. Each page is rebuilt
 * object by object (object-cleaner.ts): only what draws it, drawn where it
 * can be seen, with metadata, comments, replacement text, private keys and
 * colour under transparency removed, and reported as `removed` findings.
 * Pages that need it (declared redactions, hidden layers, a file that
 * pdf-lib cannot rebuild, or a page the cleaner cannot rewrite safely) are
 * replaced by their rendered image with the remaining text as an
 * invisible, searchable text layer. Scanned pages get the words OCR read
 * as such a layer too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { degrees, PDFDocument, PDFName, StandardFonts, type PDFFont, type PDFPage } from '@cantoo/pdf-lib';
import type { LaidWord } from '../ocr/page-text.ts';
import type { Glyph } from '../../audit/geometry.ts';
import type { Finding } from '../../audit/types.ts';
import { PageCleaner, type CleanPage } from './object-cleaner.ts';
import { UnsafeContentError } from './stream-data.ts';

export interface RasterPage {
  /** Page size in points, as displayed. */
  width: number;
  height: number;
  /** JPEG of the page as published (redactions burned in). */
  jpegFile: string;
  /** The characters that remain, with their boxes in page space. */
  glyphs: Glyph[];
}

/** Renders a page as an image for the download, when its structure cannot be rebuilt safely. */
export type Rasterize = (pageNumber: number) => Promise<RasterPage>;

export interface CleanPdfResult {
  /** What the rebuild removed from the pages (`removed` findings). */
  findings: Finding[];
  /** Pages published as images because they could not be rebuilt safely, and why. */
  rasterized: { page: number; reason: string }[];
}

/** Opens the source for rebuilding, or says why it cannot be (then every page is rasterized). */
export async function openForRebuild(bytes: Uint8Array): Promise<{ doc?: PDFDocument; reason?: string }> {
  try {
    const doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false, throwOnInvalidObject: true });
    if (doc.getPageCount() === 0) return { reason: 'pdf-lib found no pages' };
    return { doc };
  } catch (e) {
    return { reason: String((e as Error)?.message ?? e).split('\n')[0] };
  }
}

/** What the pages get besides their source: rendered images for some, and the words OCR read on scanned ones. */
export interface PageAdditions {
  raster: ReadonlyMap<number, RasterPage>;
  /** Words with their boxes in points from the top-left, drawn as an invisible, searchable layer. */
  ocrWords?: ReadonlyMap<number, LaidWord[]>;
}

export async function writeCleanPdf(
  source: PDFDocument | undefined,
  pageCount: number,
  { raster, ocrWords }: PageAdditions,
  outFile: string,
  rasterize: Rasterize,
): Promise<CleanPdfResult> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const cleaner = source && new PageCleaner(source.context, out.context);
  const sourcePages = source?.getPages();
  const rasterized: CleanPdfResult['rasterized'] = [];
  let font: PDFFont | undefined;
  const cleanOrRaster = async (n: number): Promise<PDFPage> => {
    let image = raster.get(n);
    if (!image) {
      if (!cleaner || !sourcePages?.[n - 1]) throw new Error(`page ${n} has neither a source page nor a raster`);
      try {
        const page = addCleanPage(out, await cleaner.page(sourcePages[n - 1]!.node, n));
        cleaner.commit();
        return page;
      } catch (e) {
        cleaner.rollback();
        const message = String((e as Error)?.message ?? e).split('\n')[0]!;
        rasterized.push({ page: n, reason: e instanceof UnsafeContentError ? message : `its structure could not be read (${message})` });
        image = await rasterize(n);
      }
    }
    font ??= await out.embedFont(StandardFonts.Helvetica);
    return addRasterPage(out, image, font);
  };
  for (let n = 1; n <= pageCount; n++) {
    const page = await cleanOrRaster(n);
    const words = ocrWords?.get(n);
    if (words) addWordLayer(page, words, (font ??= await out.embedFont(StandardFonts.Helvetica)));
  }
  await writeFile(outFile, await out.save({ useObjectStreams: true }));
  return { findings: cleaner?.findings() ?? [], rasterized };
}

function addCleanPage(out: PDFDocument, clean: CleanPage): PDFPage {
  const page = out.addPage([clean.box.x1 - clean.box.x0, clean.box.y1 - clean.box.y0]);
  const node = page.node;
  const { x0, y0, x1, y1 } = clean.box;
  node.set(PDFName.of('MediaBox'), out.context.obj([x0, y0, x1, y1]));
  node.set(PDFName.of('Resources'), clean.resources);
  node.set(PDFName.of('Contents'), clean.contents);
  if (clean.rotate % 360 !== 0) node.set(PDFName.of('Rotate'), out.context.obj(clean.rotate));
  for (const [key, value] of clean.extra.entries()) node.set(key, value);
  return page;
}

/**
 * The words OCR read, drawn invisibly over the picture they were read from
 * (as OCRmyPDF does), so the download can be searched and copied: each word
 * at its box, its size set so that it is as wide as the box. Boxes are in
 * points from the page's visible top-left corner; on a page turned by
 * /Rotate the words are turned with it, so they run along the print.
 */
function addWordLayer(page: PDFPage, words: LaidWord[], font: PDFFont): void {
  const encodable = new Set(font.getCharacterSet());
  const turn = (((page.getRotation().angle % 360) + 360) % 360) as 0 | 90 | 180 | 270;
  if (![0, 90, 180, 270].includes(turn)) return;
  const crop = page.getCropBox();
  for (const word of words) {
    const text = [...word.text.normalize('NFKD').replace(/\p{M}/gu, '')].filter((c) => encodable.has(c.codePointAt(0)!)).join('');
    const width = text ? font.widthOfTextAtSize(text, 1) : 0;
    if (!(width > 0) || !(word.box.width > 0)) continue;
    const size = word.box.width / width;
    // Where the word starts on its baseline, as displayed, turned back into the page's own space.
    const at = unturned(turn, crop, word.box.x, word.box.y + word.box.height * 0.8);
    page.drawText(text, { ...at, rotate: degrees(turn), size, font, opacity: 0 });
  }
}

/**
 * A point given from the top-left corner of a page as displayed (turned
 * by /Rotate, clockwise), in the page's own space (from its crop box's
 * bottom-left corner, unturned).
 */
export function unturned(
  turn: 0 | 90 | 180 | 270,
  crop: { x: number; y: number; width: number; height: number },
  x: number,
  y: number,
): { x: number; y: number } {
  const { x: left, y: bottom, width, height } = crop;
  if (turn === 90) return { x: left + y, y: bottom + x };
  if (turn === 180) return { x: left + width - x, y: bottom + y };
  if (turn === 270) return { x: left + width - y, y: bottom + height - x };
  return { x: left + x, y: bottom + height - y };
}

async function addRasterPage(out: PDFDocument, r: RasterPage, font: PDFFont): Promise<PDFPage> {
  const page = out.addPage([r.width, r.height]);
  const image = await out.embedJpg(await readFile(r.jpegFile));
  page.drawImage(image, { x: 0, y: 0, width: r.width, height: r.height });
  const encodable = new Set(font.getCharacterSet());
  // One invisible run per stretch of consecutive characters of the same text item.
  let run: Glyph[] = [];
  const flush = () => {
    const text = run
      .map((g) => {
        const c = g.char.codePointAt(0)!;
        if (encodable.has(c)) return g.char;
        const plain = g.char.normalize('NFKD').replace(/\p{M}/gu, '');
        return plain && [...plain].every((ch) => encodable.has(ch.codePointAt(0)!)) ? plain : ' ';
      })
      .join('');
    const first = run[0];
    if (first && text.trim()) {
      const size = Math.max(1, first.size);
      const baseline = first.box.y + first.box.height * (0.85 / 1.1);
      page.drawText(text, { x: first.box.x, y: r.height - baseline, size, font, opacity: 0 });
    }
    run = [];
  };
  let previous: Glyph | undefined;
  for (const g of r.glyphs) {
    if (previous && (g.item !== previous.item || g.box.x < previous.box.x)) flush();
    run.push(g);
    previous = g;
  }
  flush();
  return page;
}
