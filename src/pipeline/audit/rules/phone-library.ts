/**
 * libphonenumber over the windows of chains that can hold a number
 * (phone-candidates.ts), each distinct window read once per region. Tables
 * repeat dates, amounts and numbers row after row, and each candidate is
 * costly to the library (a date read as a North American number is tried
 * against each of the 25 countries that share +1). A window holds all the
 * library looks at, so what it finds there is what it finds at that place
 * in the whole text.
 *
 * Windows not read yet are read together, one call per page and region,
 * joined by line breaks: no number runs across one, and beside a number a
 * line break counts as no character at all (it is not a letter, `%` or a
 * currency sign, nor the `:` of a time).
 */
import { findPhoneNumbersInText, type CountryCode, type NumberFound } from 'libphonenumber-js';
import type { ChainWindow } from './phone-candidates.ts';

/** Valid numbers found in each window read so far, by region ('' for none), places counted from the window's start. */
const read = new Map<string, Map<string, NumberFound[]>>();
/** Characters of the windows kept; past MAX_KEPT_CHARS all are forgotten (a table of unique ids would keep adding). */
let keptChars = 0;
const MAX_KEPT_CHARS = 2_000_000;
/** Longer windows are read each time, not kept: they rarely recur (the whole text, when tests read it unfiltered). */
const MAX_KEPT_LENGTH = 400;

/** The valid numbers the library finds in these windows with this default region, in order, placed in the text the windows were cut from. */
export function numbersInWindows(windows: ChainWindow[], region: CountryCode | undefined): NumberFound[] {
  if (keptChars > MAX_KEPT_CHARS) {
    read.clear();
    keptChars = 0;
  }
  let kept = read.get(region ?? '');
  if (!kept) read.set(region ?? '', (kept = new Map()));
  const unread = [...new Set(windows.map((w) => w.text).filter((w) => !kept.has(w)))];
  const now = new Map(unread.length > 0 ? readTogether(unread, region) : []);
  for (const [w, found] of now) {
    if (w.length > MAX_KEPT_LENGTH) continue;
    kept.set(w, found);
    keptChars += w.length;
  }
  return windows.flatMap((w) =>
    (now.get(w.text) ?? kept.get(w.text)!).map((phone) => ({ ...phone, startsAt: phone.startsAt + w.from, endsAt: phone.endsAt + w.from })),
  );
}

function readTogether(windows: string[], region: CountryCode | undefined): [string, NumberFound[]][] {
  const starts: number[] = [];
  let joined = '';
  for (const w of windows) {
    starts.push(joined.length);
    joined += `${w}\n`;
  }
  const found = windows.map((): NumberFound[] => []);
  let i = 0;
  for (const phone of findPhoneNumbersInText(joined, region ? { defaultCountry: region } : {})) {
    if (!phone.number.isValid()) continue;
    while (i + 1 < starts.length && starts[i + 1]! <= phone.startsAt) i++;
    found[i]!.push({ ...phone, startsAt: phone.startsAt - starts[i]!, endsAt: phone.endsAt - starts[i]! });
  }
  return windows.map((w, k) => [w, found[k]!]);
}
