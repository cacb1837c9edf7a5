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
import type { Box, Glyph, PageSpace } from './geometry.ts';
import type { HiddenWord } from './visibility.ts';
import type { EmailField, RuleId } from '../../schemas/audit-names.ts';

/** Defined where they are computed (geometry) or named (the schema); part of the audit's vocabulary for the rules and processors. */
export type { Box, EmailField };

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
  /**
   * The text the finding is about, in full and on its own (the e-mail
   * address, the number, the words under a box), when there is one: what an
   * acceptance's `match` is compared with, and what the audit report lists.
   * Every rule that finds a piece of text sets it; a finding without one can
   * only be accepted by an acceptance without `match`.
   */
  value?: string;
  /**
   * Where in the document the text is, for documents made of parts: the
   * header field or body of an e-mail message (see `EmailField`). Absent
   * when the text spans parts; an acceptance with `field` never accepts it.
   */
  field?: EmailField;
  /** Tables: the row the finding is in, numbered as the table pages show it (from 1). */
  row?: number;
  /** Tables: the column the finding is in, by its published name. */
  column?: string;
  /** Set when a declared or found-box redaction removed what the finding is about. */
  resolvedBy?: 'redaction';
}

export interface RuleInfo {
  /** Stable: editors name it in acceptances, so it is one of the schema's `RULE_IDS`. */
  id: RuleId;
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
  space: PageSpace;
  glyphs: Glyph[];
  annotations: AnnotationLike[];
  /** Words of the page's text that a reader cannot see on the rendered page. */
  hidden: HiddenWord[];
  /** Words a reader sees only once the page's annotations are drawn over it: hidden by an annotation. */
  hiddenByAnnotations: HiddenWord[];
}

/** The whole PDF as the document rules see it. */
export interface PdfDocumentInput {
  bytes: Uint8Array;
  pdf: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
  /** Opens another PDF (an earlier revision) with the same settings. */
  open(bytes: Uint8Array): Promise<{ pdf: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy; close(): Promise<void> }>;
}

/** What an image file carries (only the parts the rules use): presence from sharp, details from exifr. */
export interface ImageMetadataInput {
  /** EXIF tags exifr could read (IFD0 and the EXIF IFD). */
  exif?: Record<string, unknown>;
  /** Size of the EXIF block, whether or not its tags could be read. */
  exifBytes?: number;
  gps?: Record<string, unknown>;
  xmp?: boolean;
  /** IPTC fields exifr could read. */
  iptc?: Record<string, unknown>;
  /** Size of the IPTC block, whether or not its fields could be read. */
  iptcBytes?: number;
  makerNote?: boolean;
  /** An embedded ICC colour profile (it can name the device or the person who calibrated it). */
  icc?: boolean;
  /** Keywords of PNG text chunks (tEXt, zTXt, iTXt): `Author`, `Comment`, `Software`… */
  textChunks?: string[];
}

/** How many of each kind of element one part of an Office package holds, e.g. `word/document.xml`: `{ deletion: 2 }`. */
export interface MarkupCount {
  /** The part's name in the package; `a.docx › word/document.xml` for a package inside another. */
  part: string;
  counts: Record<string, number>;
}

/** What an Office file still carries of its editing (processors/office/markup.ts). */
export interface OfficeMarkupInput {
  /** Tracked changes never accepted or rejected. */
  revisions: MarkupCount[];
  /** Comments and notes. */
  comments: MarkupCount[];
}

/**
 * Where `text[start, end)` lies on the page, for text rules over a page that
 * has one (PDF pages: the union of the glyph boxes the span came from).
 * Absent for text without a page (tables, e-mail, plain text): findings
 * then have no box.
 */
export type TextLocator = (start: number, end: number) => Box | undefined;

/** What the site sets for the text rules (site.yml). Part of every cache key, since it changes findings. */
export interface TextRuleOptions {
  /** ISO 3166 regions whose national telephone numbers `pii-phone` looks for. */
  phoneRegions: readonly string[];
}

export type Rule = RuleInfo &
  (
    | { input: 'pdf-page'; check(page: PdfPageInput): Finding[] }
    | { input: 'pdf-document'; check(doc: PdfDocumentInput): Promise<Finding[]> }
    | { input: 'text'; check(pageNumber: number, text: string, locate?: TextLocator, options?: TextRuleOptions): Finding[] }
    | { input: 'image'; check(meta: ImageMetadataInput): Finding[] }
    | { input: 'office'; check(markup: OfficeMarkupInput): Finding[] }
    /** Found by rebuilding the download itself (sanitize/, the image processor), as it removes what the file carries. */
    | { input: 'rebuild' }
  );
