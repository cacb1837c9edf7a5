/**
 * `pii-phone`: telephone numbers in the text of a page, found by
 * libphonenumber over the regions of site.yml's `phoneRegions` (see
 * src/lib/phone-regions.ts for the default). Numbers written
 * internationally (`+44 20 7946 0958`, `0049 30 1234567`) are found
 * whatever the regions. North American numbers are read as the library
 * reads them (`202-456-1414`, `(202) 456-1414`, `2024561414`); numbers that
 * are only valid as fragments (docket numbers, dates) are ignored by its
 * validity check. A national number of another region needs more, since
 * nearly any run of digits is a valid number somewhere (every 9 digits a
 * French one, dates and ids German ones): it counts when it has 7 digits
 * or more and is labelled (`Tel.`, `Fax`, `Handy`, or a column named so),
 * or is written with the country's leading 0 where its numbers have one
 * and grouped exactly as the library formats them (`030 1234567`,
 * `06 12 34 56 78`, `612 34 56 78`), or as its area code with the 0 and
 * the rest in one block (`020-5551234`), or in one block of 9 digits or
 * more with its leading 0 (`07700900123`).
 */
import { getCountryCallingCode, isSupportedCountry, type CountryCode, type NumberFound } from 'libphonenumber-js';
import { DEFAULT_PHONE_REGIONS } from '../../../lib/phone-regions.ts';
import { normalizedText } from '../normalized-text.ts';
import type { Rule } from '../types.ts';
import { hasPhoneLabel } from './context.ts';
import { located } from './located.ts';
import { AMOUNT, DATES, phoneCandidates, type ChainWindow } from './phone-candidates.ts';
import { numbersInWindows } from './phone-library.ts';

export const piiPhone: Rule = {
  id: 'pii-phone',
  severity: 'blocking',
  title: 'a telephone number in the text',
  fix: 'redact it (`redactText` in any format, or a box under `redactions` on a page), or accept it if the number is public (a court or agency switchboard)',
  input: 'text',
  check(pageNumber, source, locate, options) {
    const found = located(locate);
    const { text, sourceSpan } = normalizedText(source);
    for (const phone of validPhoneNumbers(text, options?.phoneRegions)) {
      // The matched span can run on past a comma ("…1414, 202"): keep the number itself.
      const span = text.slice(phone.startsAt, phone.endsAt).split(/[,;]/)[0];
      const written = span.trim();
      const [start, end] = sourceSpan(phone.startsAt + span.indexOf(written), phone.startsAt + span.indexOf(written) + written.length);
      found.add(phone.number.number, start, end, { rule: 'pii-phone', page: pageNumber, evidence: source.slice(start, end).replace(/\s+/g, ' ') });
    }
    return found.findings;
  },
};

/**
 * The valid telephone numbers in `text` for these regions, with their
 * places in it, in text order. With `prefilter` false the library reads the
 * whole text, not only the chains of digits that can hold a number (the
 * tests compare the two).
 */
export function validPhoneNumbers(text: string, regions: readonly string[] = DEFAULT_PHONE_REGIONS, prefilter = true): NumberFound[] {
  const supported = regions.filter((r): r is CountryCode => isSupportedCountry(r));
  const northAmerican = supported.find((r) => getCountryCallingCode(r) === '1');
  const others = supported.filter((r) => getCountryCallingCode(r) !== '1');
  const whole = [{ from: 0, text }];
  const candidates = prefilter ? phoneCandidates(text) : { any: whole, national: whole };
  // With a default region, the library finds its national numbers and international ones; without, international ones only.
  const found = numbersInWindows(candidates.any, northAmerican);
  if (others.length > 0) found.push(...nationalNumbers(text, candidates.national, others, found));
  return found.sort((a, b) => a.startsAt - b.startsAt);
}

/** National numbers of `regions` written as their countries write them, where nothing else was found. */
function nationalNumbers(text: string, candidates: ChainWindow[], regions: CountryCode[], already: NumberFound[]): NumberFound[] {
  if (candidates.length === 0) return [];
  const out: NumberFound[] = [];
  const taken = (p: NumberFound) => [...already, ...out].some((q) => p.startsAt < q.endsAt && q.startsAt < p.endsAt);
  for (const region of regions) {
    for (const phone of numbersInWindows(candidates, region)) if (!taken(phone) && writtenAsNumber(text, phone)) out.push(phone);
  }
  return out;
}

/** A US ZIP+4 code (`07768-1646`), which is also how a German number with a five-digit area code can be written. */
const ZIP_PLUS_4 = /^\s*\d{5}-\d{4}\s*$/;

/** True when a national number found by the library is written the way its country writes telephone numbers, or labelled as one. */
function writtenAsNumber(text: string, phone: NumberFound): boolean {
  const written = text.slice(phone.startsAt, phone.endsAt);
  const digits = written.replace(/\D/g, '');
  // Written with a country code, after a + or an international call prefix (`0049 30 …`, `011 44 …`).
  const prefixed = /^(?:00|011)(\d+)/.exec(digits);
  if (/^\s*\+/.test(written) || prefixed?.[1]!.startsWith(phone.number.countryCallingCode)) return true;
  // Never a date or an amount, labelled or not (the pre-filter leaves those out too).
  if (new RegExp(DATES.source).test(written) || AMOUNT.test(written)) return false;
  const groups = digitGroups(written, phone.number.ext);
  if (sum(groups) < 7) return false;
  if (hasPhoneLabel(text, phone.startsAt)) return true;
  if (ZIP_PLUS_4.test(written)) return false;
  // Written with the leading 0 where the country's numbers have one, no more, no fewer digits.
  const national = digitGroups(phone.number.formatNational(), phone.number.ext);
  if (sum(groups) !== sum(national)) return false;
  if (groups.length === 1) return /^0[1-9]/.test(digits) && groups[0]! >= 9;
  if (groups.join() === national.join()) return true;
  // The area code with its 0, then the rest in one block: `020-5551234`, `0171 1234567`.
  return groups.length === 2 && /^0[1-9]/.test(digits) && groups[0] === national[0];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Lengths of the runs of digits in `written`, without those of the extension. */
function digitGroups(written: string, ext: string | undefined): number[] {
  const groups = (written.match(/\d+/g) ?? []).map((g) => g.length);
  for (let extDigits = ext?.length ?? 0; extDigits > 0 && groups.length > 0;) {
    const last = groups.pop()!;
    if (last > extDigits) groups.push(last - extDigits);
    extDigits -= last;
  }
  return groups;
}
