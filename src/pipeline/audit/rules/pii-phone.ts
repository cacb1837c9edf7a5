/**
 * `pii-phone`: telephone numbers in the text of a page, found by
 * libphonenumber (US numbering by default, international numbers when
 * written with a `+`). Numbers that are only valid as fragments (docket
 * numbers, dates) are ignored by the library's validity check.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import type { Finding, Rule } from '../types.ts';

export const piiPhone: Rule = {
  id: 'pii-phone',
  severity: 'blocking',
  title: 'a telephone number in the text',
  fix: 'redact it (declare a box under `redactions`), or accept it if the number is public (a court or agency switchboard)',
  input: 'text',
  check(pageNumber, text) {
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const found of findPhoneNumbersInText(text, { defaultCountry: 'US' })) {
      if (!found.number.isValid()) continue;
      // The matched span can run on past a comma ("…1414, 202"): keep the number itself.
      const written = text.slice(found.startsAt, found.endsAt).split(/[,;]/)[0].trim();
      if (seen.has(found.number.number)) continue;
      seen.add(found.number.number);
      findings.push({ rule: 'pii-phone', page: pageNumber, evidence: written });
    }
    return findings;
  },
};
