/**
 * The shape of the site data the pipeline writes and pages read
 * (`<workDir>/site/`). Plain JSON; no functions. Page numbers are 1-based.
 */
import type { DocumentType } from '../schemas/document.ts';

export interface SiteData {
  site: {
    title: string;
    description: string;
    language: string;
    publisher: string;
    url?: string;
    mirrors: string[];
    /** What reason codes of redactions mean, as site.yml gives them (added to the FOIA meanings the interface ships). */
    redactionReasons: Record<string, string>;
    /** The publisher's Ed25519 public key (`ed25519:<base64>`) and its fingerprint, when configured. */
    publicKey?: string;
    fingerprint?: string;
  };
  /** ISO time of the build. */
  builtAt: string;
  troveVersion: string;
  collections: CollectionSummary[];
  documents: DocumentSummary[];
  /** Newest first. */
  stories: StorySummary[];
}

export interface CollectionSummary {
  slug: string;
  title: string;
  source: string;
  description: string;
  introHtml: string;
  documentIds: string[];
}

export interface DocumentSummary {
  id: string;
  collection: string;
  title: string;
  date?: string;
  year?: string;
  source?: string;
  description?: string;
  tags: string[];
  license?: string;
  type: DocumentType;
  pageCount: number;
  /** Tables: how many rows (pages of a table are pages of rows, not what readers count). */
  rowCount?: number;
  thumbnail: { widthPx: number; heightPx: number };
  /** Extension of the download file (`pdf`, `jpg`...). */
  downloadExtension: string;
  /** More formats of the same download (tables: `json`). */
  extraDownloads: string[];
  /** Set when this document is an e-mail attachment: the e-mail (and message) it came with. */
  attachmentOf?: { id: string; page: number; file: string };
  /** Size of the download (the file as Trove rebuilt it) in bytes. */
  bytes: number;
  /** SHA-256 of the download (the file as Trove rebuilt it). */
  sha256: string;
  /** SHA-256 of the source file, when site.yml's publishOriginalHashes asks for it. */
  originalSha256?: string;
}

export interface MessageRef {
  id: string;
  page: number;
  subject: string;
}

export interface DocumentDetail {
  id: string;
  descriptionHtml: string;
  pages: {
    pageNumber: number;
    widthPx: number;
    heightPx: number;
    text: string;
    /** Set when the text was read by OCR from the page's picture: its mean word confidence (0–100); `partial` when only its pictures were, after the page's own text. */
    ocr?: { confidence: number; partial?: boolean };
    redactions?: string[];
    noImage?: boolean;
    /** Set when the page also has a full-resolution image (`pages/<n>-full.webp`): its size. */
    fullImage?: { widthPx: number; heightPx: number };
    /** E-mail: the message, and the messages it answers and that answer it. */
    email?: EmailMessage;
    thread?: { inReplyTo?: MessageRef; replies: MessageRef[] };
  }[];
  /** E-mail: every attachment, with the id of its own document when it was published. */
  attachments?: { page: number; filename: string; bytes: number; id?: string; withheld?: string }[];
  /** Stories that cite this document. */
  citedBy: { slug: string; title: string; pageNumbers: number[] }[];
  /** Tables: columns and statistics, and where the pipeline wrote the pages of rows (`<rowsDir>/<n>.json`). */
  table?: TableInfo & { rowsDir: string };
}

export interface StorySummary {
  slug: string;
  title: string;
  date: string;
  authors: string[];
  summary: string;
  tags: string[];
  html: string;
  citedDocumentIds: string[];
}

/** A file attached to an e-mail message, published as a document of its own (processors/email.ts writes it). */
export interface EmailAttachment {
  /** The message (page) it came with. */
  page: number;
  /** Where the processor wrote it, relative to the cache entry (empty for a withheld one: it is not written). */
  file: string;
  /** Its file name (empty for a withheld one: the name can be what is withheld). */
  filename: string;
  mimeType: string;
  bytes: number;
  /** Set when the sidecar withholds it: the reason code; nothing else of it is kept. */
  withheld?: string;
  /** For a withheld one: the index of the sidecar's `attachments` entry that withheld it. */
  setting?: number;
}

/** An e-mail message as its page shows it. */
export interface EmailMessage {
  from: string[];
  to: string[];
  cc: string[];
  /** ISO time. */
  date?: string;
  subject: string;
  messageId?: string;
  inReplyTo?: string;
  /** The HTML body, sanitized; absent for plain-text messages. */
  html?: string;
  attachments: EmailAttachment[];
}

/** A table's columns and how it was read (processors/table.ts); its rows are pages of their own. */
export interface TableInfo {
  columns: ColumnSummary[];
  rowCount: number;
  rowsPerPage: number;
  encoding: string;
  delimiter: string;
  /** False when the first row held values and was read as data: the columns are then `column 1`, `column 2`… */
  header: boolean;
  /** Every column withheld, by its name as read: a name in `redactColumns` withholds its repeats ("Address (2)") too. */
  redactedColumns: string[];
}

/** The most specific type every non-empty cell of a column fits. */
export type ColumnType = 'empty' | 'integer' | 'number' | 'date' | 'boolean' | 'text';

/** One column's statistics (processors/table/columns.ts). */
export interface ColumnSummary {
  name: string;
  type: ColumnType;
  filled: number;
  /** Distinct non-empty values; `distinctCapped` means "at least this many". */
  distinct: number;
  distinctCapped: boolean;
  /** Most common values with counts, for columns with few distinct values. */
  top?: { value: string; count: number }[];
  min?: string;
  max?: string;
}
