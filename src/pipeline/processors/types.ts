/**
 * The interface every document processor implements. A processor reads one
 * source file and writes its derivatives into `outDir` (a fresh temporary
 * folder that becomes a cache entry only when processing succeeds):
 *
 *   pages/<pageNumber>.webp   one image per page, about `pageWidthPx` wide
 *   pages/<pageNumber>-full.webp  the page sharper than its page image, for zooming: pictures larger than it,
 *                             PDF pages with small print or sharp scans (pdf-zoom.ts)
 *   pages/<pageNumber>-thumb.webp  a small image of each page (`pageThumbWidthPx` wide), for the page grid
 *   thumb.webp                thumbnail of the first page
 *   download.<ext>            the file readers download, when it is not the source itself
 *
 * and returns what pages need to know. Processors throw DocumentError with a
 * reason meant for the editor; anything else is reported as a crash.
 */
import type { Box, Finding, TextRuleOptions } from '../audit/types.ts';
import type { DocumentType } from '../../schemas/document.ts';
import type { EmailAttachment, EmailMessage, TableInfo } from '../../lib/model.ts';
import type { TextRedactionRequest } from '../redact/text-redactor.ts';

/** What processors produce and pages show is defined with the site data (lib/model.ts). */
export type { EmailAttachment, EmailMessage, TableInfo };

/**
 * Revision of the processors' output. Part of every cache key: bump it
 * whenever a processor's derivatives or result change, so entries made by
 * older code are never reused.
 */
export const PROCESSOR_REVISION = 5;

export interface RenderOptions {
  /** Target width of page images, in pixels. */
  pageWidthPx: number;
  /** Width of thumbnails, in pixels. */
  thumbWidthPx: number;
  /** Width of each page's small image in a document's page grid, in pixels. */
  pageThumbWidthPx: number;
  /** WebP quality, 1–100. */
  webpQuality: number;
  /**
   * WebP encoder effort, 0–6. 2 rather than libwebp's default 4: encoding is
   * the costliest step of a page after rendering, and 2 is several times
   * faster for files barely larger (docs/scaling.md has the figures).
   */
  webpEffort: number;
  /** Largest image the pipeline accepts, in pixels (width × height): guards against decompression bombs. */
  maxInputPixels: number;
  /** Most pixels of all pages of one image file together (multi-page TIFF), where each page alone may be under `maxInputPixels`. */
  maxTotalPixels: number;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = {
  pageWidthPx: 1000,
  thumbWidthPx: 240,
  pageThumbWidthPx: 150,
  webpQuality: 78,
  webpEffort: 2,
  maxInputPixels: 100_000_000,
  // About 1,200 letter pages scanned at 300 dpi, or a 2,000-page fax at fine resolution.
  maxTotalPixels: 10_000_000_000,
};

/**
 * The render options of this build: the defaults, with `TROVE_WEBP_EFFORT`
 * (0–6) for a publisher who prefers faster builds to smaller page images
 * (docs/scaling.md says what each costs). Options are part of every cache key.
 */
export function renderOptions(env: NodeJS.ProcessEnv = process.env): RenderOptions {
  const effort = env.TROVE_WEBP_EFFORT;
  if (effort === undefined || effort === '') return DEFAULT_RENDER_OPTIONS;
  const n = Number(effort);
  if (!Number.isInteger(n) || n < 0 || n > 6) throw new Error(`TROVE_WEBP_EFFORT must be a whole number from 0 to 6, not "${effort}"`);
  return { ...DEFAULT_RENDER_OPTIONS, webpEffort: n };
}

export interface ProcessJob {
  type: DocumentType;
  /** Absolute path of the source file. */
  absPath: string;
  /** Absolute path of the folder to write derivatives into. */
  outDir: string;
  options: RenderOptions;
  /** What the sidecar asks to redact. Part of the cache key. */
  redaction?: RedactionRequest;
  /** The site's settings for the text rules (site.yml); their defaults when absent. Part of the cache key. */
  audit?: TextRuleOptions;
  /** The languages pictures are read in by OCR, or false to read none (images only; English when absent). */
  ocr?: false | string[];
  /** PDFs: whether pages that have a text layer are read by OCR too: always, never, or (absent) when the layer fails the quality test (pdf-page-ocr.ts). Part of the cache key. */
  reOcr?: 'always' | 'never';
  /** PDFs, Office files (as the PDFs they convert to) and TIFFs only: how much of the document this job does (the whole of it when absent). See documents/split-document.ts. */
  part?: PartRequest;
}

/**
 * A long PDF or multi-page TIFF is processed in parts by several workers: a
 * first job that stops at the page count (`whole` with `splitAbove`), a job
 * per range of pages, and one that finishes the document from their results.
 * What the first job decided for every page goes to the others with them
 * (`rasterizedBecause` for a PDF, `image` for a TIFF).
 */
export type PartRequest =
  | { kind: 'whole'; splitAbove?: number }
  | { kind: 'pages'; from: number; to: number; rasterizedBecause?: string; image?: ImagePlan }
  | { kind: 'finish'; parts: PartPages[]; rasterizedBecause?: string; image?: ImagePlan };

/** How the pages of an image file are made, decided before the first is drawn. */
export interface ImagePlan {
  /** The file has an alpha channel (kept through redaction). */
  hasAlpha: boolean;
  /** The multi-page download is joined from upright page files, as a page is turned or redacted. */
  rebuild: boolean;
  /** Each page's width as displayed, in pixels: wider than the page image means a full-resolution image too. */
  widths: number[];
}

/** What a job answers: the document's result, or (for a split) its page count, or one part's pages. */
export type JobAnswer =
  | { kind: 'result'; result: ProcessResult }
  | {
      kind: 'split';
      pageCount: number;
      /** Set when pdf-lib cannot rebuild the file, so every page is rasterized for the download. */
      rasterizedBecause?: string;
      /** The PDF the parts read, when not the job's own file: an Office file's conversion, in the job's folder. */
      source?: string;
      /** A TIFF's plan for its pages. */
      image?: ImagePlan;
      /** Findings on the file as a whole made before the split (an Office file's tracked changes): the finished result gets them too. */
      findings?: Finding[];
    }
  | ({ kind: 'pages' } & PartPages);

/** One part of a split document, as processed: pages `from` to `to`, their findings and the pages the download needs as images. */
export interface PartPages {
  from: number;
  to: number;
  pages: PageResult[];
  findings: Finding[];
  raster: [number, import('./sanitize/clean-pdf.ts').RasterPage][];
  /** PDFs: the words OCR read on scanned pages (boxes in points), for the download's invisible text layer. */
  ocrWords?: [number, import('./ocr/page-text.ts').LaidWord[]][];
  /** Set by the part with page 1. */
  thumbnail?: { widthPx: number; heightPx: number };
  /** How many times each `redactText` entry matched in these pages. */
  textRedactions?: number[];
}

export interface DeclaredRedaction {
  page: number;
  box: Box;
  reason: string;
}

export interface RedactionRequest {
  boxes: DeclaredRedaction[];
  /** Table columns removed everywhere (tables only). */
  columns?: string[];
  /** Table rows withheld (tables only): ranges of row numbers as the table pages show them, from 1, with the reason. */
  rows?: { from: number; to: number; reason: string }[];
  /** When set, boxes the audit finds over live text become redactions with this reason code. */
  foundBoxesReason?: string;
  /** E-mail: attachments the sidecar withholds, by file name (as written, or as `redactText` leaves it), with the reason and the index of their sidecar entry. */
  attachments?: { name: string; withhold: string; setting: number }[];
  /** `redactText` entries that reach the document (site.yml's, the collection's, the sidecar's, in that order): see redact/text-redactor.ts. */
  texts?: TextRedactionRequest[];
}

export interface PageResult {
  /** 1-based. */
  pageNumber: number;
  widthPx: number;
  heightPx: number;
  /** The page's text, as extracted (may be empty for scans), after redaction. */
  text: string;
  /**
   * Set when `text` was read by OCR from the page's picture: the reading's
   * mean word confidence (0–100); `partial` when only the page's pictures
   * were read and their words follow the text layer's.
   */
  ocr?: { confidence: number; partial?: boolean };
  /** Reason codes of the redactions applied to this page, one per box. */
  redactions?: string[];
  /** Set when the page has text only (sections of text documents): no `pages/<n>.webp`. */
  noImage?: boolean;
  /** The size of `pages/<n>-full.webp`, the page sharper than its page image (for zooming): pictures larger than it, PDF pages with small print or sharp scans. */
  fullImage?: { widthPx: number; heightPx: number };
  /** E-mail: the message this page shows. */
  email?: EmailMessage;
  /** Pixels of the page image per unit of the page's boxes (points for a PDF page, pixels of the upright image for a picture): where a finding's box lies in `pages/<n>.webp`. */
  boxScale?: number;
}

export interface ProcessResult {
  type: DocumentType;
  pageCount: number;
  pages: PageResult[];
  thumbnail: { widthPx: number; heightPx: number };
  /** Extension of `download.<ext>` in the entry: the rebuilt file readers download. */
  downloadExtension: string;
  /** More download formats in the entry, as `download.<ext>` (tables: `json`). */
  extraDownloads?: string[];
  /** E-mail: files attached to the messages, to publish as documents of their own. */
  attachments?: EmailAttachment[];
  /** Tables: columns with their statistics, row count and how the file was read. */
  table?: TableInfo;
  /** Size and SHA-256 of the download (set by the worker after the processor). */
  download?: { bytes: number; sha256: string };
  /** What the audit found in the source file (before acceptances). */
  findings: Finding[];
  /** How the download was made, when it is not the plain rebuild (e.g. every page rasterized, and why). */
  downloadNote?: string;
  /** How many times each of the job's `redaction.texts` entries matched, in their order (absent when there were none). */
  textRedactions?: number[];
}

/** Reports progress: `pagesDone` of `pageCount` pages; `ocrPages` of them were read by OCR (the worker counts them). */
export type ProgressFn = (pagesDone: number, pageCount: number, ocrPages?: number) => void;

export interface Processor {
  type: DocumentType;
  process(job: ProcessJob, progress: ProgressFn): Promise<ProcessResult>;
}
