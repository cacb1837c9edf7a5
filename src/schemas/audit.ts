/**
 * Sidecar and collection fields of the safety audit: acceptances of
 * findings, declared redactions, and the found-boxes option.
 */
import { z } from 'zod';
import { compileMatch } from '../lib/value-match.ts';
import { EMAIL_FIELDS, RULE_IDS, TEXT_RULE_IDS } from './audit-names.ts';
import { compileRedactionPattern } from '../lib/text-redaction-patterns.ts';
import { pageNumber } from './common.ts';

/** A reason code shown to readers next to each redaction, e.g. `b6`, `b7(C)`, `pii`. */
export const reasonCode = z
  .string({ error: 'expected a short reason code such as "b6" or "pii"' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9()._/-]{0,23}$/, 'expected a short reason code (letters, digits, ( ) . _ / -; at most 24 characters) such as "b6" or "pii"');

/** The id of an audit rule, as the audit report names it (e.g. `text-under-box`). */
const ruleId = z.enum(RULE_IDS, { error: `expected one of the audit rules: ${RULE_IDS.join(', ')}` });

/** Why an accepted finding may be published: a sentence, at least 3 characters. */
const acceptanceReason = z.string({ error: 'expected a sentence saying why the finding is acceptable' }).min(3, 'say why the finding is acceptable');

/** Who reviewed a finding: a name, at least 2 characters. */
const reviewer = z.string({ error: 'expected the name of who reviewed the finding' }).min(2, 'name who reviewed the finding');

const acceptanceShape = 'expected an acceptance with rule, reason and reviewer';

const matchEntry = z.string({ error: 'expected the value to accept as text, or a regular expression written /pattern/flags' }).superRefine((pattern, ctx) => {
  const compiled = compileMatch(pattern);
  if ('error' in compiled) ctx.addIssue({ code: 'custom', message: compiled.error });
});

/**
 * The values accepted: the finding's value (the address, the number, the
 * words under a box, as the audit report gives it) as text, compared
 * ignoring case, Unicode compatibility forms and whitespace; or
 * `/pattern/flags`, a regular expression that must match the whole value;
 * or a list of either. Only findings whose value matches are accepted.
 * Default: any value, and the summary then lists what the acceptance let
 * through when that is more than one value.
 */
const match = z
  .union([matchEntry, z.array(matchEntry, { error: 'expected a list of values or /regular expressions/' }).min(1, 'expected at least one value')], {
    error: 'expected the value to accept, /a regular expression/, or a list of them',
  })
  .transform((v) => (Array.isArray(v) ? v : [v]));

/**
 * E-mail only: the part of the message the accepted findings are in: one of
 * `from`, `to`, `cc`, `date`, `subject`, `body`, `attachment-names` (Bcc and
 * Reply-To are never published). Default: any part.
 */
const field = z.enum(EMAIL_FIELDS, { error: `expected the part of the e-mail: ${EMAIL_FIELDS.join(', ')} (Bcc and Reply-To are never published)` });

/**
 * E-mail only: the findings are in this attachment (its file name as the
 * message's page shows it), not in the message; for an attachment of an
 * attached message, the list of names from the outside in. An attachment is
 * a document of its own and takes none of its message's other acceptances.
 * Default: the message itself.
 */
const attachment = z.union(
  [
    z.string().min(1, 'expected the file name of the attachment'),
    z.array(z.string().min(1, 'expected the file name of the attachment')).min(1, 'expected at least one file name'),
  ],
  { error: 'expected the file name of the attachment, such as "list.xlsx", or a list of names from the outside in' },
);

/** One reviewed acceptance in a document sidecar. */
export const documentAcceptance = z.strictObject(
  {
    /** The rule whose findings are accepted. Required. */
    rule: ruleId,
    /** Why publishing them is right. Required. */
    reason: acceptanceReason,
    /** Who reviewed the finding. Required. */
    reviewer,
    /** Only this page's findings (1-based; for an e-mail, the message). Default: every page. */
    page: pageNumber.optional(),
    /** Only findings with this value (text, `/regex/flags`, or a list). Default: any value. */
    match: match.optional(),
    /** E-mail only: only findings in this part of the message (`from`, `body`…). Default: any part. */
    field: field.optional(),
    /** E-mail only: the findings of this attachment (file name, or names from the outside in), not the message's. */
    attachment: attachment.transform((v) => (Array.isArray(v) ? v : [v])).optional(),
  },
  { error: acceptanceShape },
);

/** An acceptance for every document of a collection. */
export const collectionAcceptance = z.strictObject(
  {
    /** The rule whose findings are accepted in every document of the collection. Required. */
    rule: ruleId,
    /** Why publishing them is right for the whole collection. Required. */
    reason: acceptanceReason,
    /** Who reviewed the decision. Optional for a collection. */
    reviewer: reviewer.optional(),
    /** Only findings with this value (text, `/regex/flags`, or a list), in any document. Default: any value. */
    match: match.optional(),
    /** E-mail only: only findings in this part of a message (`from`, `body`…). Default: any part. */
    field: field.optional(),
  },
  { error: 'expected an acceptance with rule and reason' },
);

/** A length in points (1/72 inch); `positive` when it must not be 0. */
const points = (positive: boolean) => {
  const n = z.number({ error: 'expected a number of points, such as 72' });
  return positive ? n.positive('expected a width or height of more than 0 points') : n.nonnegative('expected 0 points or more from the top-left corner');
};

/** A redaction box: page, rectangle `[x, y, width, height]` in points from the page's top-left corner, reason code. */
export const redactionBox = z.strictObject(
  {
    /** The page the box is on (1-based). Required. */
    page: pageNumber,
    /** `[x, y, width, height]` in points, measured from the page's top-left corner. Required. */
    box: z.tuple([points(false), points(false), points(true), points(true)], {
      error: 'expected [x, y, width, height] in points from the top-left corner of the page',
    }),
    /** The reason code shown to readers over the box. Required. */
    reason: reasonCode,
  },
  { error: 'expected a box with page, box [x, y, width, height] and reason' },
);

export type DocumentAcceptance = z.infer<typeof documentAcceptance>;
export type CollectionAcceptance = z.infer<typeof collectionAcceptance>;

/**
 * One `redactText` entry (a sidecar, a collection's front matter or
 * site.yml): what to remove from the text of every format, and the reason
 * code shown in its place. Exactly one of `text` (literal, any case, any
 * whitespace between its words), `pattern` (a regular expression) or `rule`
 * (every finding of a text rule of the audit). `column`: tables only, just
 * the cells of this column.
 */
export const textRedaction = z
  .strictObject(
    {
      /** Literal text: any case, any whitespace or line break between its words, whole words only. */
      text: z
        .string({ error: 'expected the text to redact, such as "Perdita Hollowell"' })
        .trim()
        .min(2, 'expected at least 2 characters to redact')
        .optional(),
      /** A regular expression (JavaScript syntax, Unicode); every match is redacted. */
      pattern: z
        .string({ error: "expected a regular expression, such as '\\b[A-Z]{2}\\d{6}\\b'" })
        .min(1, 'expected a regular expression; it is empty')
        .superRefine((pattern, ctx) => {
          const compiled = compileRedactionPattern(pattern);
          if ('error' in compiled) ctx.addIssue({ code: 'custom', message: compiled.error });
        })
        .optional(),
      /** Every finding of this audit rule (one of the text rules). */
      rule: z.enum(TEXT_RULE_IDS, { error: `expected one of the text rules: ${TEXT_RULE_IDS.join(', ')}` }).optional(),
      /** The reason code shown in place of what is removed. Required. */
      reason: reasonCode,
      /** Tables only: the column (by its header) whose cells this applies to. Default: every column, and every other format. */
      column: z.string({ error: 'expected a column name, such as "Phone"' }).trim().min(1, 'expected a column name; it is empty').optional(),
    },
    { error: 'expected an entry with text, pattern or rule, and reason' },
  )
  .superRefine((entry, ctx) => {
    const given = (['text', 'pattern', 'rule'] as const).filter((k) => entry[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of text, pattern or rule in each entry${given.length > 1 ? `, not ${given.join(' and ')}` : ''}`,
      });
  });

export type TextRedaction = z.infer<typeof textRedaction>;

export const textRedactions = z.array(textRedaction, { error: 'expected a list of entries, each with text, pattern or rule, and reason' }).default([]);

/** A row number, or a range `"2400-2410"`, as the table pages number rows (from 1, the header not counted). */
const rowRef = z.union(
  [
    z.number().int('expected a whole row number').positive('rows are numbered from 1'),
    z
      .string()
      .regex(/^\s*\d+\s*-\s*\d+\s*$/, 'expected a row number such as 2412, or a range such as "2400-2410"')
      .refine((r) => {
        const [a, b] = r.split('-').map(Number);
        return a! >= 1 && a! <= b!;
      }, 'expected a range from a lower row to a higher one, from 1'),
  ],
  { error: 'expected a row number such as 2412, or a range such as "2400-2410"' },
);

/** Tables: rows withheld, with the reason code shown in their place. */
export const rowRedaction = z.strictObject(
  {
    /** Row numbers (or ranges) as the table pages show them. Required. */
    rows: z.array(rowRef, { error: 'expected a list of row numbers, such as [2412, 2413] or ["2400-2410"]' }).min(1, 'expected at least one row'),
    /** The reason code shown in the row's place. Required. */
    reason: reasonCode,
  },
  { error: 'expected an entry with rows and reason' },
);

/** The rows of `redactRows` entries as ranges. */
export function rowRanges(entries: { rows: (number | string)[]; reason: string }[]): { from: number; to: number; reason: string }[] {
  return entries.flatMap((e) =>
    e.rows.map((r) => {
      if (typeof r === 'number') return { from: r, to: r, reason: e.reason };
      const [from, to] = r.split('-').map(Number);
      return { from: from!, to: to!, reason: e.reason };
    }),
  );
}
