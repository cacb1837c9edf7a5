/**
 * The names an editor writes in an acceptance (`rule:` and `field:`), as
 * the audit report prints them. The audit's rules and the e-mail processor
 * take their names from here, so a name the schema accepts is one the audit
 * uses (tests/unit/rule-ids.test.ts checks that every id has its rule).
 */

/** Every audit rule's id, in the order of the audit report. A new rule adds its id here and its file in pipeline/audit/rules/. */
export const RULE_IDS = [
  'text-under-box',
  'invisible-text',
  'dark-annotation',
  'unapplied-redaction',
  'annotation-text',
  'office-revisions',
  'office-comments',
  'pii-email',
  'pii-phone',
  'pii-ssn',
  'pii-address',
  'pdf-metadata',
  'pdf-encryption',
  'earlier-revisions',
  'embedded-files',
  'javascript',
  'hidden-layers',
  'image-metadata',
  'image-gps',
  'page-metadata',
  'page-private-data',
  'replacement-text',
  'content-comments',
  'undrawn-content',
  'transparent-colour',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/** The rules that read text (personal information): `redactText` can remove every finding of one (tests/unit/rule-ids.test.ts checks they are the text rules). */
export const TEXT_RULE_IDS = ['pii-email', 'pii-phone', 'pii-ssn', 'pii-address'] as const satisfies readonly RuleId[];

/** The parts of an e-mail message that are published, and so audited one by one. */
export const EMAIL_FIELDS = ['from', 'to', 'cc', 'date', 'subject', 'body', 'attachment-names'] as const;

export type EmailField = (typeof EMAIL_FIELDS)[number];
