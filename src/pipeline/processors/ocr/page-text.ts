/**
 * The text of a page that is a picture (a photo, a scan, a page of a TIFF),
 * read by OCR from the pixels as published: redaction boxes are burned in
 * before it reads, so nothing under a box can reach the text. The text
 * rules (personal information) run on what was read, with each finding's
 * box from the words behind it, in pixels of the upright image like a
 * declared box. A page whose words are mostly guesses (mean confidence
 * under MIN_CONFIDENCE: blank paper, noise, a photograph) publishes no
 * text, but its findings are still reported: an unsure read of a number is
 * still worth a look.
 */
import sharp, { type Sharp } from 'sharp';
import { rulesFor } from '../../audit/rules/index.ts';
import type { Box, Finding, TextRuleOptions } from '../../audit/types.ts';
import { timed } from '../../documents/stage-clock.ts';
import { DocumentError } from '../../errors.ts';
import { boxOfOcrSpan, OcrTimeout, recognize, textOfWords, type OcrWord } from './engine.ts';
import { edgeOf, LETTER_EDGES } from './print-outside-text.ts';
import { wordLike } from './text-quality.ts';

/** Below this mean word confidence (0–100) a page's reading is not published. Noise reads at about 10, clean print at 90 or more. */
export const MIN_CONFIDENCE = 40;

/**
 * Below this confidence a word must look like a word or a number to be
 * published: "{ £858 ' IS]" read off a map is not. Word-shaped words are
 * kept however unsure: Tesseract gives a word beside a ruled line (a
 * pleading's margin) the line's low confidence, and they are still audited.
 */
const SURE_WORD_CONFIDENCE = 70;

/** Pictures are read at most this many pixels on their longer side (a larger scan is scaled down for reading only). */
const MAX_SIDE_PX = 5000;

export interface PictureText {
  text: string;
  /** Set when the text was read by OCR: its mean confidence. */
  ocr: { confidence: number };
  findings: Finding[];
  /** The words of `text` with their boxes (in the caller's units: see pictureText), for a searchable layer. */
  words: LaidWord[];
}

/** A word read, where it lies: its box from the top-left corner. */
export interface LaidWord {
  text: string;
  box: Box;
}

export interface PictureTextOptions {
  /** Words whose box (in the caller's units) this returns true for are not published: words a text layer already holds. */
  skip?: (box: Box) => boolean;
  /**
   * Pictures narrower than this are enlarged (at most MAX_ENLARGEMENT
   * times) before they are read: Tesseract reads best with capitals 20 to
   * 30 pixels tall, and a page scanned or saved small has them at 10. The
   * example's 793-pixel TIFF page read at 59% confidence, at 88% enlarged
   * twice. PDF pages are rendered at the resolution OCR wants, and need
   * none.
   */
  readWidthPx?: number;
}

/** The most a small picture is enlarged for reading. */
const MAX_ENLARGEMENT = 2.5;

/**
 * Reads `image` (upright, boxes burned in, `uprightWidth` pixels wide) in
 * `languages` and runs the text rules on everything it read. What is
 * published (`text`, `words`) leaves out unsure words that do not look like
 * words, and the words `options.skip` names.
 */
export async function pictureText(
  image: Sharp,
  uprightWidth: number,
  pageNumber: number,
  languages: string[],
  audit?: TextRuleOptions,
  options: PictureTextOptions = {},
): Promise<PictureText> {
  const enlarge = options.readWidthPx && uprightWidth < options.readWidthPx ? Math.min(MAX_ENLARGEMENT, options.readWidthPx / uprightWidth) : 1;
  const { data: grey, info } = await image
    .clone()
    .resize(
      enlarge > 1
        ? { width: Math.round(Math.min(MAX_SIDE_PX, uprightWidth * enlarge)), height: MAX_SIDE_PX, fit: 'inside', kernel: 'lanczos3' }
        : { width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true },
    )
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (!mayHoldText(grey, info.width, info.height)) return { text: '', ocr: { confidence: 0 }, findings: [], words: [] };
  const png = await sharp(grey, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const scale = info.width / uprightWidth;
  const read = await timed('ocr', () => recognize(png, languages)).catch((e: unknown) => {
    if (e instanceof DocumentError) throw e;
    if (e instanceof OcrTimeout) {
      throw new DocumentError(
        `OCR of page ${pageNumber} took too long (${e.message}) and was stopped`,
        'add `ocr: false` to the sidecar to publish it without machine-read text, or raise TROVE_PAGE_TIMEOUT_MS (OCR may take three quarters of it)',
      );
    }
    throw new DocumentError(
      `OCR could not read page ${pageNumber}: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
      'add `ocr: false` to the sidecar to publish it without machine-read text, and report the file',
    );
  });
  const locate = (start: number, end: number) => unscaled(boxOfOcrSpan(read, start, end), scale);
  const findings = await timed('audit', () => rulesFor('text').flatMap((rule) => rule.check(pageNumber, read.text, locate, audit)));
  const legible = read.confidence >= MIN_CONFIDENCE;
  const kept = legible ? read.words.filter((w) => publishable(w) && !options.skip?.(unscaled(w.box, scale)!)) : [];
  const words = kept.map((w) => ({ text: w.text, box: unscaled(w.box, scale)! }));
  return { text: textOfWords(kept), ocr: { confidence: read.confidence }, findings, words };
}

function publishable(word: OcrWord): boolean {
  return word.confidence >= SURE_WORD_CONFIDENCE || wordLike(word.text);
}

/**
 * Whether a greyscale picture can hold print at all, at full resolution:
 * some row of it crosses at least LETTER_EDGES edges that alternate between
 * darker and lighter. Blank paper, flat colours and pictures of a few large
 * shapes never do, and are not read (Tesseract takes about a second to
 * start and a moment a page); a line of letters, however small, does.
 */
export function mayHoldText(grey: Uint8Array, width: number, height: number): boolean {
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = 0;
    let edges = 0;
    for (let x = 2; x < width; x++) {
      const direction = edgeOf(grey[row + x]! - grey[row + x - 2]!);
      if (direction === 0 || direction === last) continue;
      last = direction;
      if (++edges >= LETTER_EDGES) return true;
    }
  }
  return false;
}

/** A box in pixels of the image read, in pixels of the upright image (outward, so it covers what it covered). */
function unscaled(box: Box | undefined, scale: number): Box | undefined {
  if (!box) return undefined;
  const x = Math.floor(box.x / scale);
  const y = Math.floor(box.y / scale);
  return { x, y, width: Math.ceil((box.x + box.width) / scale) - x, height: Math.ceil((box.y + box.height) / scale) - y };
}
