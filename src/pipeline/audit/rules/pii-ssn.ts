/**
 * `pii-ssn`: US social security numbers (`123-45-6789`, or with spaces),
 * excluding numbers the SSA never issues (area 000, 666 or 900–999, group
 * 00, serial 0000).
 */
import type { Rule } from '../types.ts';
import { located } from './located.ts';

const SSN = /(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])/g;

export function isPlausibleSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  return a !== 0 && a !== 666 && a < 900 && group !== '00' && serial !== '0000';
}

export const piiSsn: Rule = {
  id: 'pii-ssn',
  severity: 'blocking',
  title: 'a US social security number in the text',
  fix: 'redact it (declare a box under `redactions`); accept only if it is not a real number',
  input: 'text',
  check(pageNumber, text, locate) {
    const found = located(locate);
    for (const m of text.matchAll(SSN)) {
      if (isPlausibleSsn(m[1], m[2], m[3])) found.add(m[0], m.index, m.index + m[0].length, { rule: 'pii-ssn', page: pageNumber, evidence: m[0], value: m[0] });
    }
    return found.findings;
  },
};
