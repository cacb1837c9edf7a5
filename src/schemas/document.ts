/**
 * A document's sidecar, `content/documents/<collection>/<name>.md`: front
 * matter metadata; the body is an optional markdown description.
 */
import { z } from 'zod';
import { documentAcceptance, reasonCode, redactionBox } from './audit.ts';
import { draft, isoDate, isoMoment, tags } from './common.ts';

export const documentSchema = z.strictObject({
  /** Title shown on the document page and in search results. Required. */
  title: z.string().min(1),
  /** Date of the document itself (not of publication), `YYYY-MM-DD`. */
  date: isoDate.optional(),
  /** Agency or origin of the document. Used as a search filter. */
  source: z.string().optional(),
  /** One-sentence description for listings; the body can say more. */
  description: z.string().optional(),
  /** Tags for browsing and filtering. Default: none. */
  tags: tags.default([]),
  /** Licence or rights statement of the file (required in practice for images). */
  license: z.string().optional(),
  /** Where the file was obtained (path in a release, URL, FOIA request number). */
  origin: z.string().optional(),
  /** `true` keeps the document out of the output entirely. Default `false`. */
  draft: draft.default(false),
  /** Embargo: the document is left out of any build before this moment. */
  publishAt: isoMoment.optional(),
  /** `true` until an editor has reviewed a document added with `npm run add`: it is left out of the site like a draft. */
  needsReview: z.boolean({ error: 'expected true or false' }).default(false),
  /** Page count noted when the document was added; the build fails if the file no longer has that many pages. */
  pages: z.number().int().positive().optional(),
  /** Boxes to burn into the page images and remove from the text, search and download. */
  redactions: z.array(redactionBox).default([]),
  /** Tables: columns removed everywhere (pages, search, downloads), by header name. */
  redactColumns: z.array(z.string().min(1)).default([]),
  /** Turn the boxes the audit finds over live text into redactions, with this reason code. */
  redactFoundBoxes: reasonCode.optional(),
  /** Audit findings the editor reviewed and accepts: rule, reason, reviewer (and optionally page). */
  audit: z.array(documentAcceptance).default([]),
});

export type DocumentMeta = z.infer<typeof documentSchema>;

/** The kinds of document the pipeline can process (one processor each). */
export type DocumentType = 'pdf' | 'image' | 'text' | 'table' | 'email' | 'office';
