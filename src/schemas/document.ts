/**
 * A document's sidecar, `content/documents/<collection>/<name>.md`: front
 * matter metadata; the body is an optional markdown description.
 */
import { z } from 'zod';
import { documentAcceptance, reasonCode, redactionBox, rowRedaction, textRedactions } from './audit.ts';
import { draft, isoDate, isoMoment, ocrSetting, tags, text } from './common.ts';

export const documentSchema = z.strictObject({
  /** Title shown on the document page and in search results. Required. */
  title: text('the title').min(1, 'expected a title; it is empty'),
  /** Date of the document itself (not of publication), `YYYY-MM-DD`. */
  date: isoDate.optional(),
  /** Agency or origin of the document. Used as a search filter. */
  source: text('the agency or origin of the document').optional(),
  /** One-sentence description for listings; the body can say more. */
  description: text('a one-sentence description').optional(),
  /** Tags for browsing and filtering. Default: none. */
  tags: tags.default([]),
  /** Licence or rights statement of the file (required in practice for images). */
  license: text('a licence or rights statement').optional(),
  /** Where the file was obtained (path in a release, URL, FOIA request number). */
  origin: text('where the file was obtained (path, URL or request number)').optional(),
  /** `true` keeps the document out of the output entirely. Default `false`. */
  draft: draft.default(false),
  /** Embargo: the document is left out of any build before this moment. */
  publishAt: isoMoment.optional(),
  /** `true` until an editor has reviewed a document added with `npm run add`: it is left out of the site like a draft. */
  needsReview: z.boolean({ error: 'expected true or false' }).default(false),
  /** Page count noted when the document was added; the build fails if the file no longer has that many pages. */
  pages: z
    .number({ error: 'expected the number of pages, such as 12' })
    .int('expected a whole number of pages, such as 12')
    .positive('expected a number of pages of 1 or more')
    .optional(),
  /** Boxes to burn into the page images and remove from the text, search and download. */
  redactions: z.array(redactionBox, { error: 'expected a list of boxes, each with page, box [x, y, width, height] and reason' }).default([]),
  /** Tables: columns removed everywhere (pages, search, downloads), by header name. */
  redactColumns: z
    .array(text('a column name').min(1, 'expected a column name; it is empty'), { error: 'expected a list of column names, such as [ssn, "home address"]' })
    .default([]),
  /** Tables: rows withheld, by their numbers on the table pages: `- rows: [2412, 2413]`, `reason: b6`. The rows keep their numbers, showing only the reason. */
  redactRows: z.array(rowRedaction, { error: 'expected a list of entries, each with rows and reason' }).default([]),
  /**
   * Text removed in every format: PDF pages (the words' boxes burned into
   * the page image, the text gone from page text, search and download),
   * scans and images through their OCR words, table cells, e-mail headers,
   * bodies and attachment names, text documents. Each entry: `text`
   * (literal; any case, any whitespace between words), `pattern` (a regular
   * expression) or `rule` (every finding of a text rule), with `reason`;
   * `column` limits it to one column of a table. What is removed shows as
   * `[redacted <reason>]`. The collection's and site.yml's apply too.
   */
  redactText: textRedactions,
  /** Turn the boxes the audit finds over live text into redactions, with this reason code. */
  redactFoundBoxes: reasonCode.optional(),
  /** Audit findings the editor reviewed and accepts: rule, reason, reviewer (and optionally page). */
  audit: z.array(documentAcceptance, { error: 'expected a list of acceptances, each with rule, reason and reviewer' }).default([]),
  /** OCR languages for this document's pictures, or false: overrides the collection's and site.yml's `ocr`. */
  ocr: ocrSetting.optional(),
  /**
   * PDFs: whether pages that have a text layer are read by OCR as well:
   * `always` (the layer is junk: publish the reading), `never` (trust the
   * layer). Absent: when the layer fails the quality test (docs/editing.md).
   */
  reOcr: z.enum(['always', 'never'], { error: 'expected always or never (leave it out to let the build decide page by page)' }).optional(),
});

export type DocumentMeta = z.infer<typeof documentSchema>;

/** The kinds of document the pipeline can process (one processor each). */
export type DocumentType = 'pdf' | 'image' | 'text' | 'table' | 'email' | 'office';
