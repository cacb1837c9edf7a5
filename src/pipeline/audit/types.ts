/**
 * The audit's vocabulary. A rule has a stable id (used in sidecars to accept
 * its findings), says whether its findings block the build, and checks one
 * kind of input. Findings are plain data: they are computed in the worker
 * with the derivatives, cached with them, and judged by the gate.
 *
 * Coordinates: boxes are in PDF points (1/72 inch) with the origin at the
 * top-left corner of the page as displayed (rotation applied), the same
 * system editors use to declare redactions.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Severity =
  /** The content would reach the site: the build stops until it is fixed, redacted or accepted. */
  | 'blocking'
  /** The content is removed when Trove rebuilds the file: reported so the editor knows. */
  | 'removed';

export interface Finding {
  /** Stable rule id, e.g. `text-under-box`. */
  rule: string;
  /** 1-based page, when the finding is on one page. */
  page?: number;
  /** Where on the page, when there is a place. */
  box?: Box;
  /** What was found, short enough for a terminal line. */
  evidence: string;
  /** Set when a declared or found-box redaction removed what the finding is about. */
  resolvedBy?: 'redaction';
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line: what the rule looks for. */
  title: string;
  /** What the editor can do about a finding. */
  fix: string;
}

/** What pdf.js tells about an annotation (the fields the rules use). */
export interface AnnotationLike {
  subtype?: string;
  /** [x1, y1, x2, y2] in PDF user space. */
  rect?: number[];
  /** Eight numbers per quadrilateral, in PDF user space. */
  quadPoints?: ArrayLike<number> | null;
  color?: ArrayLike<number> | null;
  contentsObj?: { str?: string };
  titleObj?: { str?: string };
  fieldType?: string;
  fieldName?: string;
  fieldValue?: unknown;
  file?: { filename?: string };
}

/** One page of a PDF as the page rules see it. */
export interface PdfPageInput {
  pageNumber: number;
  /** Page size and the map from PDF user space to page space. */
  space: import('./geometry.ts').PageSpace;
  glyphs: import('./geometry.ts').Glyph[];
  shapes: import('./filled-shapes.ts').FilledShape[];
  annotations: AnnotationLike[];
  pixels: import('./solid-colour.ts').RgbaPixels;
}

/** The whole PDF as the document rules see it. */
export interface PdfDocumentInput {
  bytes: Uint8Array;
  pdf: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
  /** Opens another PDF (an earlier revision) with the same settings. */
  open(bytes: Uint8Array): Promise<{ pdf: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy; close(): Promise<void> }>;
}

/** What exifr read from an image file (only the parts the rules use). */
export interface ImageMetadataInput {
  exif?: Record<string, unknown>;
  gps?: Record<string, unknown>;
  xmp?: boolean;
  iptc?: Record<string, unknown>;
  makerNote?: boolean;
  icc?: boolean;
}

export type Rule = RuleInfo &
  (
    | { input: 'pdf-page'; check(page: PdfPageInput): Finding[] }
    | { input: 'pdf-document'; check(doc: PdfDocumentInput): Promise<Finding[]> }
    | { input: 'text'; check(pageNumber: number, text: string): Finding[] }
    | { input: 'image'; check(meta: ImageMetadataInput): Finding[] }
  );
