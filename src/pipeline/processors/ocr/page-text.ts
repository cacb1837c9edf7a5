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
import { boxOfOcrSpan, OcrTimeout, recognize, textOfWords, type OcrPage, type OcrWord } from './engine.ts';
import { unionBox } from '../../audit/geometry.ts';
import { redactionMark, type TextRedactor } from '../../redact/text-redactor.ts';
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
  /** Boxes (caller's units) of the words `redactText` matched, with the reason: the caller burns them into what it publishes. */
  redacted: { box: Box; reason: string }[];
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
  /** `redactText` of the document: the words it matches are replaced by `[redacted <reason>]` before the text rules read the page, and their boxes returned. */
  redact?: TextRedactor;
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
  if (!mayHoldText(grey, info.width, info.height)) return { text: '', ocr: { confidence: 0 }, findings: [], words: [], redacted: [] };
  const png = await sharp(grey, { raw: { width: info.width, height: info.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  const scale = info.width / uprightWidth;
  const recognized = await timed('ocr', () => recognize(png, languages)).catch((e: unknown) => {
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
  const { page: read, redacted } = redactedReading(recognized, options.redact);
  const locate = (start: number, end: number) => unscaled(boxOfOcrSpan(read, start, end), scale);
  const findings = await timed('audit', () => rulesFor('text').flatMap((rule) => rule.check(pageNumber, read.text, locate, audit)));
  const legible = read.confidence >= MIN_CONFIDENCE;
  const kept = legible ? read.words.filter((w) => publishable(w) && !options.skip?.(unscaled(w.box, scale)!)) : [];
  const words = kept.map((w) => ({ text: w.text, box: unscaled(w.box, scale)! }));
  return {
    text: textOfWords(kept),
    ocr: { confidence: read.confidence },
    findings,
    words,
    redacted: redacted.map((r) => ({ box: unscaled(r.box, scale)!, reason: r.reason })),
  };
}

/**
 * The reading with what `redactText` matches in it replaced: each run of
 * matched words on a line becomes one word `[redacted <reason>]` over their
 * boxes (sure, so it is published), and those boxes are returned to burn.
 * A match in part of a word takes the whole word.
 */
export function redactedReading(page: OcrPage, redactor?: TextRedactor): { page: OcrPage; redacted: { box: Box; reason: string }[] } {
  const spans = redactor?.spans(page.text) ?? [];
  if (spans.length === 0) return { page, redacted: [] };
  const words: OcrWord[] = [];
  const redacted: { box: Box; reason: string }[] = [];
  let last: { word: OcrWord; reason: string } | undefined;
  page.words.forEach((word, i) => {
    const start = page.starts[i]!;
    const span = spans.find((s) => start < s.end && start + word.text.length > s.start);
    if (!span) {
      words.push(word);
      last = undefined;
      return;
    }
    if (last && last.reason === span.reason && last.word.line === word.line) {
      last.word.box = unionBox([last.word.box, word.box]);
      redacted.at(-1)!.box = last.word.box;
      return;
    }
    const mark: OcrWord = { text: redactionMark(span.reason), confidence: 100, box: word.box, line: word.line };
    words.push(mark);
    redacted.push({ box: mark.box, reason: span.reason });
    last = { word: mark, reason: span.reason };
  });
  return { page: pageOfWords(words, page.confidence), redacted };
}

/** An OCR page made of `words` (text and starts as the engine lays them out: words by a space, lines by a line break). */
function pageOfWords(words: OcrWord[], confidence: number): OcrPage {
  const starts: number[] = [];
  let text = '';
  words.forEach((w, i) => {
    if (i > 0) text += w.line === words[i - 1]!.line ? ' ' : '\n';
    starts.push(text.length);
    text += w.text;
  });
  return { text, confidence, words, starts };
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
