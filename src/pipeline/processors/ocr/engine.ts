/**
 * Optical character recognition of a page image: tesseract.js (Tesseract
 * compiled to WebAssembly, from npm) with its language data from the npm
 * packages `@tesseract.js-data/<code>`, read from node_modules; nothing is
 * downloaded and nothing is cached outside the project (tesseract.js's own
 * cache, a `.traineddata` file in the working folder, is turned off).
 *
 * One Tesseract worker per set of languages is kept for the life of the
 * thread that asked (a worker of the build's pool processes many pages),
 * and closed by `closeOcr`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { DocumentError } from '../../errors.ts';
import type { Box } from '../../audit/types.ts';
import { unionBox } from '../../audit/geometry.ts';
import { OCR_LANGUAGE_CODE } from '../../../lib/ocr-languages.ts';
import { SETTINGS, wholeNumber } from '../../settings.ts';

/** A word as read, with its box in pixels of the image given. */
export interface OcrWord {
  text: string;
  /** 0–100, Tesseract's confidence in the word. */
  confidence: number;
  box: Box;
  /** The line it was read on (0, 1, ... in reading order). */
  line: number;
}

export interface OcrPage {
  /** The words in reading order, lines separated by a line break, words by a space. */
  text: string;
  /** Mean word confidence, 0–100 (0 when nothing was read). */
  confidence: number;
  words: OcrWord[];
  /** For each word, where it starts in `text`. */
  starts: number[];
}

const require = createRequire(import.meta.url);
const workers = new Map<string, Promise<Worker>>();
let pagesRead = 0;

/** Pictures this thread has read so far (for progress). */
export function picturesRead(): number {
  return pagesRead;
}

/** The npm package that holds a language's data. */
export function languagePackage(code: string): string {
  return `@tesseract.js-data/${code}`;
}

/** The folder of a language's `.traineddata.gz`, or a DocumentError naming the package to add. */
export function languageDataFolder(code: string): string {
  if (!OCR_LANGUAGE_CODE.test(code)) {
    throw new DocumentError(`"${code}" is not an OCR language code`, 'use Tesseract\u2019s codes, such as eng, deu, fra or chi_sim');
  }
  const pkg = languagePackage(code);
  let langPath: string;
  try {
    langPath = (require(pkg) as { langPath: string }).langPath;
  } catch {
    throw new DocumentError(`the OCR language "${code}" is not installed`, `add its data package: npm install ${pkg}`);
  }
  // The package's default data holds the legacy engine too, which is never used here (LSTM only): its
  // LSTM-only "best_int" data, beside it, reads the same and starts a worker in half the time (0.8 s, not 1.5).
  const lstmOnly = `${langPath}_best_int`;
  return existsSync(path.join(lstmOnly, `${code}.traineddata.gz`)) ? lstmOnly : langPath;
}

function workerFor(languages: string[]): Promise<Worker> {
  const key = languages.join('+');
  let worker = workers.get(key);
  if (!worker) {
    const folders = new Set(languages.map(languageDataFolder));
    if (folders.size !== 1) throw new Error(`OCR languages from different data releases: ${[...folders].join(', ')}`);
    const [langPath] = folders;
    worker = createWorker(languages, OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' }).then(async (w) => {
      // Page renders carry no resolution; without one Tesseract guesses and prints a warning for every page.
      // Sparse text: the automatic layout takes a ruled table for a picture and reads its first row only
      // (11 of 12 rows of a generated table were lost), and the audit must see every cell of a scanned
      // form. Lines are read whole either way; the price is that columns side by side are read line by
      // line in no set order, rather than one column after the other.
      // Tesseract's own notes ("Detected 13 diacritics") go nowhere: the build's output is its own.
      await w.setParameters({ user_defined_dpi: '200', tessedit_pageseg_mode: PSM.SPARSE_TEXT, debug_file: '/dev/null' });
      return w;
    });
    workers.set(key, worker);
    // A worker that failed to start is not kept: the next page tries again, and fails with its own error.
    worker.catch(() => workers.delete(key));
  }
  return worker;
}

/** Thrown when a reading takes longer than its limit (the engine is stopped; the next page starts a new one). */
export class OcrTimeout extends Error {
  readonly ms: number;
  constructor(ms: number) {
    super(`it did not finish within ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}`);
    this.ms = ms;
  }
}

/**
 * How long one reading may take: three quarters of the page time limit
 * (TROVE_PAGE_TIMEOUT_MS), so a page whose reading hangs or crashes
 * Tesseract's thread (a crashed engine never answers) fails with its own
 * message before the pool stops the whole worker.
 */
export function ocrTimeLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  return Math.max(1, Math.floor(wholeNumber(SETTINGS.pageTimeoutMs, env) * 0.75));
}

/** Reads the text of an image (PNG, JPEG, ...) in `languages`, with each word's box. */
export async function recognize(image: Buffer, languages: string[], limitMs = ocrTimeLimitMs()): Promise<OcrPage> {
  const worker = await workerFor(languages);
  pagesRead++;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OcrTimeout(limitMs)), limitMs);
  });
  let data: Awaited<ReturnType<Worker['recognize']>>['data'];
  try {
    ({ data } = await Promise.race([worker.recognize(image, {}, { text: false, blocks: true }), timedOut]));
  } catch (e) {
    // A reading that failed or hung may have left the engine in any state: stop it, and start afresh next time.
    const key = languages.join('+');
    const current = workers.get(key);
    if (current && (await current.catch(() => undefined)) === worker) workers.delete(key);
    void worker.terminate().catch(() => {});
    throw e;
  } finally {
    clearTimeout(timer);
  }
  const words: OcrWord[] = [];
  const starts: number[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const kept = line.words.filter((w) => w.text.trim() !== '');
        if (kept.length === 0) continue;
        if (lines.length > 0) offset += 1;
        const parts: string[] = [];
        for (const w of kept) {
          const text = w.text.trim();
          if (parts.length > 0) offset += 1;
          starts.push(offset);
          const box = { x: w.bbox.x0, y: w.bbox.y0, width: w.bbox.x1 - w.bbox.x0, height: w.bbox.y1 - w.bbox.y0 };
          words.push({ text, confidence: w.confidence, box, line: lines.length });
          parts.push(text);
          offset += text.length;
        }
        lines.push(parts.join(' '));
      }
    }
  }
  const confidence = words.length > 0 ? Math.round(words.reduce((sum, w) => sum + w.confidence, 0) / words.length) : 0;
  return { text: lines.join('\n'), confidence, words, starts };
}

/** The text of some of a page's words: the words of a line joined by a space, lines by a line break. */
export function textOfWords(words: OcrWord[]): string {
  const lines: string[] = [];
  let line = -1;
  for (const w of words) {
    if (w.line !== line) lines.push(w.text);
    else lines[lines.length - 1] += ` ${w.text}`;
    line = w.line;
  }
  return lines.join('\n');
}

/** The union of the boxes of the words that `text[start, end)` touches, or undefined. */
export function boxOfOcrSpan(page: OcrPage, start: number, end: number): Box | undefined {
  const touched = page.words.filter((word, i) => page.starts[i]! < end && page.starts[i]! + word.text.length > start);
  return touched.length > 0 ? unionBox(touched.map((w) => w.box)) : undefined;
}

/** The engine and language data a text was read with, for the cache key. */
export function ocrEngineVersion(languages: string[]): Record<string, string> {
  const version = (pkg: string) => (require(path.join(pkg, 'package.json')) as { version: string }).version;
  return {
    'tesseract.js': version('tesseract.js'),
    'tesseract.js-core': version('tesseract.js-core'),
    ...Object.fromEntries(languages.map((code) => [languagePackage(code), `${version(languagePackage(code))} ${path.basename(languageDataFolder(code))}`])),
  };
}

/** Ends this thread's Tesseract workers. */
export async function closeOcr(): Promise<void> {
  const started = [...workers.values()];
  workers.clear();
  await Promise.all(started.map((w) => w.then((worker) => worker.terminate()).catch(() => {})));
}
