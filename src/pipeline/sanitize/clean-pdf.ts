/**
 * The downloadable PDF, rebuilt rather than copied. A fresh document gets
 * only the pages: no Info dictionary, XMP, outline, attachments, scripts,
 * open action, form, layers or earlier revisions (nothing that is not
 * reachable from a page is written, and what a page carries besides its
 * content is removed first: annotations, actions, metadata, piece info).
 * Pages that need it (declared redactions, hidden layers, or a file that
 * pdf-lib cannot rebuild) are replaced by their rendered image with the
 * remaining text as an invisible, searchable text layer.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  StandardFonts,
  type PDFFont,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { Glyph } from '../audit/geometry.ts';

export interface RasterPage {
  /** Page size in points, as displayed. */
  width: number;
  height: number;
  /** JPEG of the page as published (redactions burned in). */
  jpegFile: string;
  /** The characters that remain, with their boxes in page space. */
  glyphs: Glyph[];
}

/** Keys of a page dictionary that are not needed to draw it and may carry hidden data. */
const PAGE_KEYS_DROPPED = ['Annots', 'AA', 'Metadata', 'PieceInfo', 'B', 'Thumb', 'StructParents', 'ID', 'PZ', 'SeparationInfo', 'Trans'];
const XOBJECT_KEYS_DROPPED = ['Metadata', 'PieceInfo', 'OPI', 'OC'];

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

export async function writeCleanPdf(
  source: PDFDocument | undefined,
  pageCount: number,
  raster: ReadonlyMap<number, RasterPage>,
  outFile: string,
): Promise<void> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const vectorPages: number[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (raster.has(n)) continue;
    if (!source) throw new Error(`page ${n} has neither a source page nor a raster`);
    vectorPages.push(n);
  }
  const copied = new Map<number, PDFPage>();
  if (source && vectorPages.length > 0) {
    const pages = source.getPages();
    for (const n of vectorPages) stripPage(pages[n - 1].node);
    const copies = await out.copyPages(source, vectorPages.map((n) => n - 1));
    vectorPages.forEach((n, i) => copied.set(n, copies[i]));
  }
  let font: PDFFont | undefined;
  for (let n = 1; n <= pageCount; n++) {
    const vector = copied.get(n);
    if (vector) {
      out.addPage(vector);
      continue;
    }
    const r = raster.get(n)!;
    font ??= await out.embedFont(StandardFonts.Helvetica);
    await addRasterPage(out, r, font);
  }
  await writeFile(outFile, await out.save({ useObjectStreams: true }));
}

async function addRasterPage(out: PDFDocument, r: RasterPage, font: PDFFont): Promise<void> {
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
}

function stripPage(node: PDFDict): void {
  for (const key of PAGE_KEYS_DROPPED) node.delete(PDFName.of(key));
  const resources = node.lookupMaybe(PDFName.of('Resources'), PDFDict);
  if (resources) stripResources(resources, new Set());
}

function stripResources(resources: PDFDict, seen: Set<PDFDict>): void {
  if (seen.has(resources)) return;
  seen.add(resources);
  const xobjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
  if (!xobjects) return;
  for (const [, value] of xobjects.entries()) {
    const stream = value instanceof PDFRef ? xobjects.context.lookup(value) : value;
    if (!(stream instanceof PDFStream || stream instanceof PDFRawStream)) continue;
    const dict = stream.dict;
    for (const key of XOBJECT_KEYS_DROPPED) dict.delete(PDFName.of(key));
    const inner = dict.lookupMaybe(PDFName.of('Resources'), PDFDict);
    if (inner) stripResources(inner, seen);
  }
}
