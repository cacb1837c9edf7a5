/**
 * `pii-phone`: telephone numbers in the text of a page, found by
 * libphonenumber (US numbering by default, international numbers when
 * written with a `+`). Numbers that are only valid as fragments (docket
 * numbers, dates) are ignored by the library's validity check.
 */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import type { Rule } from '../types.ts';
import { located } from './located.ts';

export const piiPhone: Rule = {
  id: 'pii-phone',
  severity: 'blocking',
  title: 'a telephone number in the text',
  fix: 'redact it (declare a box under `redactions`), or accept it if the number is public (a court or agency switchboard)',
  input: 'text',
  check(pageNumber, text, locate) {
    const found = located(locate);
    for (const phone of findPhoneNumbersInText(text, { defaultCountry: 'US' })) {
      if (!phone.number.isValid()) continue;
      // The matched span can run on past a comma ("…1414, 202"): keep the number itself.
      const span = text.slice(phone.startsAt, phone.endsAt).split(/[,;]/)[0];
      const written = span.trim();
      const start = phone.startsAt + span.indexOf(written);
      found.add(phone.number.number, start, start + written.length, { rule: 'pii-phone', page: pageNumber, evidence: written });
    }
    return found.findings;
  },
};
