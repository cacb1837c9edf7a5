/**
 * Sidecar and collection fields of the safety audit: acceptances of
 * findings, declared redactions, and the found-boxes option.
 */
import { z } from 'zod';
import { RULE_IDS } from '../pipeline/audit/rules/index.ts';

/** A reason code shown to readers next to each redaction, e.g. `b6`, `b7(C)`, `pii`. */
export const reasonCode = z
  .string({ error: 'expected a short reason code such as "b6" or "pii"' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9()._/-]{0,23}$/, 'expected a short reason code (letters, digits, ( ) . _ / -; at most 24 characters) such as "b6" or "pii"');

const ruleId = z.enum(RULE_IDS as [string, ...string[]], { error: `expected one of the audit rules: ${RULE_IDS.join(', ')}` });

/** One reviewed acceptance in a document sidecar. */
export const documentAcceptance = z.strictObject({
  /** The rule whose findings are accepted. */
  rule: ruleId,
  /** Why publishing them is right. */
  reason: z.string().min(3, 'say why the finding is acceptable'),
  /** Who reviewed the finding. */
  reviewer: z.string().min(2, 'name who reviewed the finding'),
  /** Only this page's findings (default: every page). */
  page: z.number().int().positive().optional(),
});

/** An acceptance for every document of a collection. */
export const collectionAcceptance = z.strictObject({
  rule: ruleId,
  reason: z.string().min(3, 'say why the finding is acceptable'),
  reviewer: z.string().min(2).optional(),
});

/** A redaction box: page, rectangle `[x, y, width, height]` in points from the page's top-left corner, reason code. */
export const redactionBox = z.strictObject({
  page: z.number().int().positive(),
  box: z
    .tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().positive(), z.number().positive()], {
      error: 'expected [x, y, width, height] in points from the top-left corner of the page',
    }),
  reason: reasonCode,
});

export type DocumentAcceptance = z.infer<typeof documentAcceptance>;
export type CollectionAcceptance = z.infer<typeof collectionAcceptance>;
