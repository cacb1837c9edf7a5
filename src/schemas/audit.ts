/**
 * Sidecar and collection fields of the safety audit: acceptances of
 * findings, declared redactions, and the found-boxes option.
 */
import { z } from 'zod';
import { RULE_IDS } from '../pipeline/audit/rules/index.ts';
import { pageNumber } from './common.ts';

/** A reason code shown to readers next to each redaction, e.g. `b6`, `b7(C)`, `pii`. */
export const reasonCode = z
  .string({ error: 'expected a short reason code such as "b6" or "pii"' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9()._/-]{0,23}$/, 'expected a short reason code (letters, digits, ( ) . _ / -; at most 24 characters) such as "b6" or "pii"');

/** The id of an audit rule, as the audit report names it (e.g. `text-under-box`). */
const ruleId = z.enum(RULE_IDS as [string, ...string[]], { error: `expected one of the audit rules: ${RULE_IDS.join(', ')}` });

/** Why an accepted finding may be published: a sentence, at least 3 characters. */
const acceptanceReason = z.string({ error: 'expected a sentence saying why the finding is acceptable' }).min(3, 'say why the finding is acceptable');

/** Who reviewed a finding: a name, at least 2 characters. */
const reviewer = z.string({ error: 'expected the name of who reviewed the finding' }).min(2, 'name who reviewed the finding');

const acceptanceShape = 'expected an acceptance with rule, reason and reviewer';

/** One reviewed acceptance in a document sidecar. */
export const documentAcceptance = z.strictObject(
  {
    /** The rule whose findings are accepted. Required. */
    rule: ruleId,
    /** Why publishing them is right. Required. */
    reason: acceptanceReason,
    /** Who reviewed the finding. Required. */
    reviewer,
    /** Only this page's findings (1-based). Default: every page. */
    page: pageNumber.optional(),
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
