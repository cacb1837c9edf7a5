/**
 * Words that say what a number is. A bare 9-digit number is an SSN only
 * where a label says so ("SSN: 219099999"), and a national phone number
 * written without its country's usual grouping only where a label says it
 * is one ("Tel. 0301234567"): the label is the context that tells them
 * from ids, amounts and reference numbers. In tables the label is the
 * column's name, which the table processor puts before each cell of such a
 * column in the text the rules read.
 */

const SSN_LABEL =
  /\b(?:s\.?\s?s\.?\s?n\.?|ssan|ss\s?(?:#|no\b\.?|nos?\b|num(?:ber)?\b)|soc(?:ial)?\.?\s?sec(?:urity)?\b\.?(?:\s?(?:no\b\.?|num(?:ber)?|#|card|acct|account))?)/i;
const PHONE_LABEL =
  /\b(?:tel(?:ephone|efon|efono|éfono|efoon)?|t[ée]l[ée]phone|phone|fon|fax|telefax|mob(?:ile?|il|iel)?|m[óo]vil|cell(?:ular|ulare|phone)?|handy|portable|gsm|natel|contact\s+(?:no|number))\b\.?/i;
const SSN_LABEL_AFTER = new RegExp(`^\\s{0,3}[(\\[]?\\s?(?:${SSN_LABEL.source})`, 'i');

/** The last `window` characters before a number, cut at a table cell's edge (`·`): a label must be in them. */
function before(text: string, start: number, window: number): string {
  const head = text.slice(Math.max(0, start - window), start);
  return head.slice(head.lastIndexOf('·') + 1);
}

/** What may stand between an SSN label and its number: punctuation and a few small words ("SSN is", "SSN (on file):"). */
const AFTER_SSN_LABEL = /^[\s.:#=/()-]*(?:(?:no|nr|num(?:ber)?|is|was|on file)\b\.?[\s.:#=/()-]*){0,2}$/i;

/** True when an SSN label ends shortly before `text[start]` with only punctuation or a small word after it, or follows the number. */
export function hasSsnLabel(text: string, start: number, end: number): boolean {
  const head = before(text, start, 40);
  const label = lastMatch(head, SSN_LABEL);
  if (label !== undefined && AFTER_SSN_LABEL.test(head.slice(label))) return true;
  // Or right after it: "219099999 (SSN)".
  return SSN_LABEL_AFTER.test(text.slice(end, end + 24));
}

/**
 * What may stand between a telephone label and its number: punctuation, a
 * word for "number", a short remark in brackets ("Tel. (privat): …"). No
 * other word: in "Mobile Circuit Court: CV-18-900691" Mobile is a city.
 */
const AFTER_PHONE_LABEL = /^[\s.:#=/-]*(?:\([^()\d]{0,20}\)[\s.:#=/-]*)?(?:(?:no|nr|num(?:ber|ero|éro)?|nummer|n[º°o])\b\.?[\s.:#=/-]*)?$/i;

/** True when a telephone label ends in the 30 characters before `text[start]`, with nothing but punctuation after it. */
export function hasPhoneLabel(text: string, start: number): boolean {
  const head = before(text, start, 30);
  const label = lastMatch(head, PHONE_LABEL);
  return label !== undefined && AFTER_PHONE_LABEL.test(head.slice(label));
}

/**
 * A table column's name, when it labels its cells for a rule: `SSN`,
 * `soc_sec_no`, `HomePhone` (underscores, dashes and camel case read as
 * spaces), as the label to put before each cell; undefined for any other.
 */
export function columnLabel(name: string): string | undefined {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-./]+/g, ' ')
    .trim();
  return SSN_LABEL.test(words) || PHONE_LABEL.test(words) ? words : undefined;
}

/** The end of the last match of `pattern` in `text`, or undefined. */
function lastMatch(text: string, pattern: RegExp): number | undefined {
  let end: number | undefined;
  for (const m of text.matchAll(new RegExp(pattern.source, 'gi'))) end = m.index + m[0].length;
  return end;
}
