/**
 * `pii-ssn`: US social security numbers, in the notations real files use:
 * `219-09-9999`, `219.09.9999`, `219 09 9999`, with en or em dashes,
 * full-width digits or a line break between the groups (the text is
 * normalized first, see normalized-text.ts), and, where a label says it is
 * one (`SSN`, `SS#`, `soc. sec. no.`, or a column named so), `219099999` or
 * any other grouping. A 9-digit number without a label is not one (ids,
 * reference numbers), nor a number the SSA never issues (area 000, 666 or
 * 900–999, group 00, serial 0000).
 */
import { normalizedText } from '../normalized-text.ts';
import type { Rule } from '../types.ts';
import { hasSsnLabel } from './context.ts';
import { located } from './located.ts';

/**
 * Between two groups: a dash or dot (spaces around it allowed), spaces or
 * one line break (the normalized text joins only groups of 3 digits or
 * more across lines), a slash, or nothing. Groups a blank line apart are
 * separate figures.
 */
const SEP = '([^\\S\\n]{0,3}[-.][^\\S\\n]{0,3}|[^\\S\\n]{0,3}\\n?[^\\S\\n]{0,3}(?<=\\s)|[^\\S\\n]?/[^\\S\\n]?|)';
const SSN = new RegExp(`(?<!\\d[-.]?)(\\d{3})${SEP}(\\d{2})${SEP}(\\d{4})(?![-.]?\\d)`, 'g');
const WRITTEN_AS_SSN = /^[^\S\n]*[-.][^\S\n]*$|^\s+$/;

export function isPlausibleSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export const piiSsn: Rule = {
  id: 'pii-ssn',
  severity: 'blocking',
  title: 'a US social security number in the text',
  fix: 'redact it (`redactText` in any format, or a box under `redactions` on a page); accept only if it is not a real number',
  input: 'text',
  check(pageNumber, source, locate) {
    const found = located(locate);
    const { text, sourceSpan } = normalizedText(source);
    for (const m of text.matchAll(SSN)) {
      const [, area, sep1, group, sep2, serial] = m as unknown as string[];
      if (!isPlausibleSsn(area, group, serial)) continue;
      const end = m.index + m[0].length;
      // Grouped 3-2-4 by dashes, dots or spaces, it is written as an SSN; any other way needs a label.
      if (!(WRITTEN_AS_SSN.test(sep1) && WRITTEN_AS_SSN.test(sep2)) && !hasSsnLabel(text, m.index, end)) continue;
      const [start, stop] = sourceSpan(m.index, end);
      found.add(`${area}-${group}-${serial}`, start, stop, { rule: 'pii-ssn', page: pageNumber, evidence: source.slice(start, stop).replace(/\s+/g, ' ') });
    }
    return found.findings;
  },
};
