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
    for (const phone of validPhoneNumbers(text)) {
      // The matched span can run on past a comma ("…1414, 202"): keep the number itself.
      const span = text.slice(phone.startsAt, phone.endsAt).split(/[,;]/)[0];
      const written = span.trim();
      const start = phone.startsAt + span.indexOf(written);
      found.add(phone.number.number, start, start + written.length, { rule: 'pii-phone', page: pageNumber, evidence: written, value: written });
    }
    return found.findings;
  },
};

/** The valid telephone numbers libphonenumber finds in `text`, with their places in it. */
export function validPhoneNumbers(text: string) {
  const candidates = phoneCandidateText(text);
  if (candidates === undefined) return [];
  return findPhoneNumbersInText(candidates, { defaultCountry: 'US' }).filter((phone) => phone.number.isValid());
}

/**
 * Every character a number's digits can be written with, and more: digits,
 * spaces, dashes, slashes, dots, brackets, tildes and plus signs (a superset
 * of libphonenumber's candidate pattern, extensions aside).
 */
const RUN = /[\p{Nd}\s\p{Zs}\-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E.\u00AD\u200B\u2060()\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E+\uFF0B]+/gu;
/**
 * What the library can read between two runs as one number and its
 * extension ("1; 202", "555-0100 ext. 12", "0100,,12", "12:30" for its time
 * stamps check): separators and extension labels (a superset of its own).
 */
const BRIDGE = /^[\s,;:=.\uFF0E\-#\uFF03~\uFF5Exｘ]*(?:e?xt(?:ensi(?:o\u0301?|ó))?n?|ｅ?ｘｔｎ?|доб|anexo|int|ｉｎｔ)?[\s,;:=.\uFF0E\-#\uFF03~\uFF5Exｘ]*$/iu;
const DIGIT = /\p{Nd}/gu;
const PLUS = /[+\uFF0B]/u;

/**
 * libphonenumber parses every run of digits it meets, which on a table of
 * figures (ids, amounts, counts) costs about 0.3 ms a row, most of a big
 * table's processing. A number's digits all lie in one run of RUN's
 * characters, and a valid number has at least 7 digits, or 6 when written
 * with a plus (checked against the library over every string of up to 6
 * digits once; tests/unit/pii.test.ts checks every one of up to 5 and a
 * sample of 6-digit ones at each run). What the library reads as one
 * candidate (a number and its extension) lies in one chain of runs joined
 * by BRIDGEs. So a chain with no run long enough holds no number: its
 * digits are blanked, same length so every place in the text holds, and the
 * library then reads every other chain as before. Undefined when no chain can hold a number:
 * nothing to look for.
 */
export function phoneCandidateText(text: string): string | undefined {
  const runs = [...text.matchAll(RUN)].map((m) => {
    const digits = m[0].match(DIGIT)?.length ?? 0;
    return { start: m.index, end: m.index + m[0].length, digits, possible: digits >= (PLUS.test(m[0]) ? 6 : 7) };
  });
  let possible = false;
  let out = '';
  let copied = 0;
  for (let first = 0, i = 1; i <= runs.length; i++) {
    if (i < runs.length && BRIDGE.test(text.slice(runs[i - 1]!.end, runs[i]!.start))) continue;
    const chain = runs.slice(first, i);
    first = i;
    if (chain.some((r) => r.possible)) {
      possible = true;
      continue;
    }
    for (const r of chain) {
      if (r.digits === 0) continue;
      out += text.slice(copied, r.start) + text.slice(r.start, r.end).replace(DIGIT, (d) => ' '.repeat(d.length));
      copied = r.end;
    }
  }
  return possible ? out + text.slice(copied) : undefined;
}
