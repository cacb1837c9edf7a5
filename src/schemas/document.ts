/**
 * A document's sidecar, `content/documents/<collection>/<name>.md`: front
 * matter metadata; the body is an optional markdown description.
 */
import { z } from 'zod';
import { documentAcceptance, reasonCode, redactionBox, rowRedaction, textRedactions } from './audit.ts';
import { draft, isoDate, isoMoment, ocrSetting, tags, text } from './common.ts';

const columnNames = z
  .array(text('a column name').min(1, 'expected a column name; it is empty'), { error: 'expected a list of column names, such as [ssn, "home address"]' })
  .default([]);

const rowRedactions = z.array(rowRedaction, { error: 'expected a list of entries, each with rows and reason' }).default([]);

/** The file name of an e-mail's attachment as its message gives it; for an attachment of an attached message, the names from the outside in. */
const attachmentName = z
  .union(
    [
      z.string().min(1, 'expected the file name of the attachment'),
      z.array(z.string().min(1, 'expected the file name of the attachment')).min(1, 'expected at least one file name'),
    ],
    { error: 'expected the file name of the attachment, such as "digest.pdf", or a list of names from the outside in' },
  )
  .transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * E-mail only: what to do with one attachment, in its message's sidecar.
 * `withhold` leaves it out of the site (the message says an attachment was
 * withheld, and why, never its name); otherwise the attachment takes these
 * redactions and acceptances as a sidecar would.
 */
export const attachmentSettings = z
  .strictObject(
    {
      /** The attachment's file name in the message (or names from the outside in). Required. */
      name: attachmentName,
      /** A reason code: the attachment is not published. */
      withhold: reasonCode.optional(),
      redactions: z.array(redactionBox, { error: 'expected a list of boxes, each with page, box [x, y, width, height] and reason' }).default([]),
      redactText: textRedactions,
      redactColumns: columnNames,
      redactRows: rowRedactions,
      redactFoundBoxes: reasonCode.optional(),
      /** Acceptances of the attachment's findings (as in a sidecar; no `attachment` field). */
      audit: z.array(documentAcceptance, { error: 'expected a list of acceptances, each with rule, reason and reviewer' }).default([]),
    },
    { error: 'expected an entry with name, and withhold or what to redact or accept in the attachment' },
  )
  .superRefine((a, ctx) => {
    if (a.audit.some((x) => x.attachment))
      ctx.addIssue({ code: 'custom', message: 'an acceptance under attachments: needs no `attachment:` (the entry names it)' });
    const more = a.redactions.length + a.redactText.length + a.redactColumns.length + a.redactRows.length + a.audit.length + (a.redactFoundBoxes ? 1 : 0);
    if (a.withhold && more > 0)
      ctx.addIssue({ code: 'custom', message: 'a withheld attachment is not published: give it withhold, or redactions and acceptances, not both' });
  });

export type AttachmentSettings = z.infer<typeof attachmentSettings>;

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
  redactColumns: columnNames,
  /** Tables: rows withheld, by their numbers on the table pages: `- rows: [2412, 2413]`, `reason: b6`. The rows keep their numbers, showing only the reason. */
  redactRows: rowRedactions,
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
  /** E-mail only: attachments withheld, or redacted and accepted, by name: `- name: digest.pdf`, `withhold: b7(E)`, or `redactions`, `redactText`, `audit`… */
  attachments: z
    .array(attachmentSettings, { error: 'expected a list of attachments, each with name and withhold, or what to redact or accept in it' })
    .default([]),
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
