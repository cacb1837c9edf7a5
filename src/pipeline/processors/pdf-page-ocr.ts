/**
 * Which PDF pages are read by OCR, and what text they publish. A page is
 * read when what a reader sees holds print that its text layer does not:
 *
 * - no text layer at all (a scan): read, and the reading is the page's text;
 * - a junk text layer (more than JUNK_LIMIT of its characters in tokens
 *   that are not word-like: publisher OCR full of garbage, a font mapped to
 *   the wrong letters): read, and the better of the two kept (the one with
 *   less junk);
 * - print outside the text layer's visible ink (print-outside-text.ts):
 *   when the layer paints nothing the reader sees (an invisible OCR layer,
 *   text under a picture), read and the better kept, as for junk (or the
 *   reading, when the layer holds less than half its letters); when it
 *   does (a scan under a stamped header, a pasted signature block, words
 *   drawn as outlines), the page without its text is read and the words
 *   that lie outside the layer's glyphs are added after the layer's text.
 *
 * A sidecar's `reOcr: always` reads every page and keeps the reading;
 * `reOcr: never` keeps every text layer (pages with none still publish
 * their reading). Whatever is kept, everything read is audited: the text
 * rules run on the reading, so a layer that lies about its picture does
 * not hide it, and `never` does not make the audit blind.
 *
 * Pages are read at OCR_DPI (the page image, about 120 dpi, is too coarse
 * for small print) with the page's burned redaction boxes burned in too, so
 * nothing under a box is read; words' and findings' boxes are in points.
 */
import sharp from 'sharp';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Box, Finding } from '../audit/types.ts';
import { coverage, intersection, type Glyph } from '../audit/geometry.ts';
import type { RgbaPixels } from '../audit/pixels.ts';
import { timed } from '../documents/stage-clock.ts';
import { burn } from '../redact/apply.ts';
import { pictureText, type LaidWord, type PictureText } from './ocr/page-text.ts';
import { printOutsideText } from './ocr/print-outside-text.ts';
import { JUNK_LIMIT, junkShare, wordLike } from './ocr/text-quality.ts';
import { DEFAULT_OCR_LANGUAGES } from '../../lib/ocr-languages.ts';
import { renderPixels } from './pdf-render.ts';
import type { TextRedactor } from '../redact/text-redactor.ts';
import type { PageResult, ProcessJob } from './types.ts';

/**
 * Resolution pages are read at. Tesseract reads best with capital letters
 * 20 to 30 pixels tall (10-point type at 200 dpi); a scanned disclosure read
 * at 300 dpi took 2.3 times as long as at 200, with a lower confidence (61
 * against 73), since the scan itself was about 200 dpi.
 */
const OCR_DPI = 200;

/**
 * Renders for reading hold at most this many pixels: a poster-sized page
 * (up to 200 inches a side) at 200 dpi would be 1.6 billion pixels, 6 GB
 * of memory. Such a page is read at a lower resolution instead
 * (ocr/page-text.ts reads at most 5,000 pixels a side anyway).
 */
const MAX_OCR_PIXELS = 25_000_000;

/** Pixels a point for reading `page`: OCR_DPI, less for a page too large for that. */
export function ocrScale(page: Pick<PDFPageProxy, 'getViewport'>): number {
  const { width, height } = page.getViewport({ scale: 1 });
  return Math.min(OCR_DPI / 72, Math.sqrt(MAX_OCR_PIXELS / (width * height)));
}

export interface PdfPageText {
  text: string;
  ocr?: PageResult['ocr'];
  /** What OCR found (none when the page was not read); duplicates of the layer's findings left out. */
  findings: Finding[];
  /** Words published from the reading, in points, for the download's text layer. */
  words: LaidWord[];
  /** Boxes (points) over words of the reading that `redactText` matched: to burn into the page, whatever text is published. */
  redacted: { box: Box; reason: string }[];
}

export interface PdfPageInput {
  /** The text layer's text, after redaction. */
  layer: string;
  /** The layer's glyphs (page points), redacted ones included. */
  glyphs: Glyph[];
  /** The layer's findings (page points): what OCR finds again at the same place is not reported twice. */
  layerFindings: Finding[];
  /** The published render (boxes burned) and the text-only render at the same scale; undefined when the page is text on white. */
  renders?: { published: RgbaPixels; textOnly: RgbaPixels };
  /** Burned redaction boxes, in points. */
  boxes: Box[];
  /** `redactText` of the document, applied to what OCR reads. */
  redactor?: TextRedactor;
}

type Reading = 'none' | 'whole' | 'better' | 'pictures';

/** A reading of a page's pictures is added to its text layer only with this mean confidence (a whole page's is published from MIN_CONFIDENCE). */
const PICTURES_MIN_CONFIDENCE = 60;

/** Print found outside the text layer is read with this margin around it (points): the edges found are those of letters' middles. */
const REGION_MARGIN_PT = 18;

/** Which reading a page gets (see the module comment), and the part of the page to read (points; the whole page when absent). */
export function readingFor(job: Pick<ProcessJob, 'ocr' | 'reOcr'>, input: Pick<PdfPageInput, 'layer' | 'renders'>): { reading: Reading; region?: Box } {
  if (job.ocr === false) return { reading: 'none' };
  if (input.layer === '' || job.reOcr === 'always') return { reading: 'whole' };
  if (junkShare(input.layer) > JUNK_LIMIT) return { reading: 'better' };
  if (!input.renders) return { reading: 'none' };
  const print = printOutsideText(input.renders.published, input.renders.textOnly);
  if (!print.hasPrint) return { reading: 'none' };
  return { reading: print.textSeen ? 'pictures' : 'better', region: print.region };
}

function lettersOf(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

/** A region grown by REGION_MARGIN_PT and kept inside the page, in pixels of a render at `scale` pixels a point. */
function pixelRegion(region: Box, scale: number, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const left = Math.max(0, Math.floor((region.x - REGION_MARGIN_PT) * scale));
  const top = Math.max(0, Math.floor((region.y - REGION_MARGIN_PT) * scale));
  const right = Math.min(width, Math.ceil((region.x + region.width + REGION_MARGIN_PT) * scale));
  const bottom = Math.min(height, Math.ceil((region.y + region.height + REGION_MARGIN_PT) * scale));
  return { left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

/** An item with its box moved by (dx, dy), outward to whole points like every box OCR reports. */
function shifted<T extends { box?: Box }>(item: T, dx: number, dy: number): T {
  if (!item.box || (dx === 0 && dy === 0)) return item;
  const { x, y, width, height } = item.box;
  const left = Math.floor(x + dx);
  const top = Math.floor(y + dy);
  return { ...item, box: { x: left, y: top, width: Math.ceil(x + dx + width) - left, height: Math.ceil(y + dy + height) - top } };
}

export async function pdfPageText(page: PDFPageProxy, pdf: PDFDocumentProxy, job: ProcessJob, input: PdfPageInput): Promise<PdfPageText> {
  const { layer } = input;
  const { reading, region } = await timed('ocr', () => readingFor(job, input));
  if (reading === 'none') return { text: layer, findings: [], words: [], redacted: [] };
  const scale = ocrScale(page);
  const pixels = await timed('ocr', () => renderPixels(page, pdf, scale, reading === 'pictures' ? 'no-text' : undefined));
  burn(pixels, input.boxes);
  const raw = Buffer.from(pixels.data.buffer, pixels.data.byteOffset, pixels.data.byteLength);
  const whole = sharp(raw, { raw: { width: pixels.width, height: pixels.height, channels: 4 } });
  // Only the print outside the layer is read: a signature block alone reads in a fraction of a page's time.
  const crop = region ? pixelRegion(region, scale, pixels.width, pixels.height) : { left: 0, top: 0, width: pixels.width, height: pixels.height };
  const image = region ? whole.extract(crop) : whole;
  const [dx, dy] = [crop.left / scale, crop.top / scale];
  const languages = job.ocr || [...DEFAULT_OCR_LANGUAGES];
  const glyphBoxes = input.glyphs.filter((g) => g.char.trim() !== '').map((g) => g.box);
  // A word the layer holds: one of the layer's glyphs lies mostly inside it.
  const skip = reading === 'pictures' ? (box: Box) => glyphBoxes.some((g) => coverage(g, shifted({ box }, dx, dy).box!) >= 0.5) : undefined;
  // Read in pixels of a picture as wide as the part read is in points: the boxes come back in points.
  const read = await pictureText(image, crop.width / scale, page.pageNumber, languages, job.audit, { skip, redact: input.redactor });
  const placed = { ...read, findings: read.findings.map((f) => shifted(f, dx, dy)), words: read.words.map((w) => shifted(w, dx, dy)) };
  const findings = placed.findings.filter((f) => !input.layerFindings.some((l) => l.rule === f.rule && l.box && f.box && intersection(l.box, f.box)));
  const redacted = read.redacted.map((r) => shifted(r, dx, dy));
  // `reOcr: never` publishes the layer; what the reader sees is audited all the same.
  if (job.reOcr === 'never' && reading !== 'whole') return { text: layer, findings, words: [], redacted };
  return { ...chosen(reading, layer, placed), findings, redacted };
}

function chosen(reading: Reading, layer: string, read: PictureText): Omit<PdfPageText, 'findings' | 'redacted'> {
  if (reading === 'whole') return { text: read.text, ocr: read.ocr, words: read.words };
  if (reading === 'pictures') {
    // What is added to a text layer must be print, not a signature or a seal read as "Alpi 0 Conor" or "Q".
    if (read.ocr.confidence < PICTURES_MIN_CONFIDENCE || !read.words.some((w) => /[\p{L}\p{N}]{2}/u.test(w.text) && wordLike(w.text)))
      return { text: layer, words: [] };
    return { text: `${layer}\n\n${read.text}`, ocr: { ...read.ocr, partial: true }, words: read.words };
  }
  // 'better': the reading replaces the layer if it reads more like words, or holds far more of what the page shows.
  if (read.text !== '' && (junkShare(read.text) < junkShare(layer) || lettersOf(layer) < lettersOf(read.text) / 2))
    return { text: read.text, ocr: read.ocr, words: read.words };
  return { text: layer, words: [] };
}
