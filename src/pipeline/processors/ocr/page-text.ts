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
import type { Sharp } from 'sharp';
import { rulesFor } from '../../audit/rules/index.ts';
import type { Box, Finding, TextRuleOptions } from '../../audit/types.ts';
import { timed } from '../../documents/stage-clock.ts';
import { boxOfOcrSpan, recognize } from './engine.ts';

/** Languages read when a site says nothing else. */
export const DEFAULT_OCR_LANGUAGES = ['eng'];

/** Below this mean word confidence (0–100) a page's reading is not published. Noise reads at about 10, clean print at 90 or more. */
export const MIN_CONFIDENCE = 40;

/** Pictures are read at most this many pixels on their longer side (a larger scan is scaled down for reading only). */
const MAX_SIDE_PX = 5000;

export interface PictureText {
  text: string;
  /** Set when the text was read by OCR: its mean confidence. */
  ocr: { confidence: number };
  findings: Finding[];
}

/** Reads `image` (upright, boxes burned in, `uprightWidth` pixels wide) and runs the text rules on what it read. */
export async function pictureText(image: Sharp, uprightWidth: number, pageNumber: number, audit?: TextRuleOptions): Promise<PictureText> {
  const { data: png, info } = await image
    .clone()
    .resize({ width: MAX_SIDE_PX, height: MAX_SIDE_PX, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .png({ compressionLevel: 1 })
    .toBuffer({ resolveWithObject: true });
  const scale = info.width / uprightWidth;
  const read = await timed('ocr', () => recognize(png, DEFAULT_OCR_LANGUAGES));
  const locate = (start: number, end: number) => unscaled(boxOfOcrSpan(read, start, end), scale);
  const findings = await timed('audit', () => rulesFor('text').flatMap((rule) => rule.check(pageNumber, read.text, locate, audit)));
  return { text: read.confidence >= MIN_CONFIDENCE ? read.text : '', ocr: { confidence: read.confidence }, findings };
}

/** A box in pixels of the image read, in pixels of the upright image (outward, so it covers what it covered). */
function unscaled(box: Box | undefined, scale: number): Box | undefined {
  if (!box) return undefined;
  const x = Math.floor(box.x / scale);
  const y = Math.floor(box.y / scale);
  return { x, y, width: Math.ceil((box.x + box.width) / scale) - x, height: Math.ceil((box.y + box.height) / scale) - y };
}
