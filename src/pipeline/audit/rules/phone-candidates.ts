/**
 * The pre-filters of `pii-phone`. libphonenumber parses every run of digits
 * it meets, which on a table of figures (ids, amounts, counts) would be
 * most of a big table's processing (docs/scaling.md has the figures), and
 * the rule asks it once per region. A number's digits all lie in one run of RUN's characters;
 * what the library reads as one candidate (a number and its extension)
 * lies in one chain of runs joined by BRIDGEs. So the library reads only
 * the chains that can hold a number, each in its window (see
 * phone-library.ts), and finds there what it finds in the whole text.
 */
import { hasPhoneLabel } from './context.ts';

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

interface Run {
  start: number;
  end: number;
  digits: number;
  /** Holds enough digits for a number written the way the library reads it. */
  possible: boolean;
}

/** The chains of runs of `text`, in order. */
function chains(text: string): Run[][] {
  const runs = [...text.matchAll(RUN)].map((m): Run => {
    const digits = m[0].match(DIGIT)?.length ?? 0;
    return { start: m.index, end: m.index + m[0].length, digits, possible: digits >= (PLUS.test(m[0]) ? 6 : 7) };
  });
  const out: Run[][] = [];
  for (let first = 0, i = 1; i <= runs.length; i++) {
    if (i < runs.length && BRIDGE.test(text.slice(runs[i - 1]!.end, runs[i]!.start))) continue;
    out.push(runs.slice(first, i));
    first = i;
  }
  return out;
}

/**
 * A chain as the library reads it: the chain with the character before it,
 * and up to AFTER characters after it that belong to no other chain.
 * libphonenumber looks no further around a candidate than the character
 * before it and, after it, the next character or a time's `:30`; and a
 * candidate can end one character past its chain, on the `#` that may
 * close an extension ("x12#").
 */
export interface ChainWindow {
  /** Where the window starts in the text. */
  from: number;
  text: string;
}

const AFTER = 4;

/** The windows of the chains that `keep` accepts, in text order. */
function windows(text: string, all: Run[][], keep: (chain: Run[]) => boolean): ChainWindow[] {
  const out: ChainWindow[] = [];
  all.forEach((chain, i) => {
    if (!keep(chain)) return;
    const from = Math.max(0, chain[0]!.start - 1);
    const to = Math.min(chain.at(-1)!.end + AFTER, all[i + 1]?.[0]!.start ?? text.length);
    out.push({ from, text: text.slice(from, to) });
  });
  return out;
}

/**
 * The chains the library must read to find what it finds in the whole
 * text, North American numbers and international ones: a valid number has
 * at least 7 digits, or 6 when written with a plus (checked against the
 * library over every string of up to 6 digits once; tests/unit/pii.test.ts
 * checks every one of up to 5 and a sample of 6-digit ones at each run), so
 * a chain with no run that long is left out.
 */
export function anyCandidates(text: string, all = chains(text)): ChainWindow[] {
  return windows(text, all, (chain) => chain.some((r) => r.possible));
}

/** Both kinds of candidates of `text` (see anyCandidates and nationalCandidates), from one reading of it. */
export function phoneCandidates(text: string): { any: ChainWindow[]; national: ChainWindow[] } {
  const all = chains(text);
  return { any: anyCandidates(text, all), national: nationalCandidates(text, all) };
}

/** Dates written with separators, standing alone (not the start of `01.42.68.53.00`). */
export const DATES = /(?<![\d.\-/])(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?![-./]?\d)/g;
/** Amounts with thousands separators or cents: `1.234.567`, `12,345.67`. */
export const AMOUNT = /^\s*[-+]?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?\s*$|^\s*[-+]?\d+[.,]\d{1,2}\s*$/;

/**
 * The chains for the search of other regions' national numbers: only those
 * that can be one as pii-phone counts them (see writtenAsNumber there):
 * 7 digits or more outside dates, and a leading 0, or more than one group
 * of digits, or a telephone label before them.
 */
export function nationalCandidates(text: string, all = chains(text)): ChainWindow[] {
  return windows(text, all, (chain) => {
    if (chain.reduce((n, r) => n + r.digits, 0) < 7) return false;
    const written = text.slice(chain[0]!.start, chain.at(-1)!.end);
    const digits = written.replace(DATES, ' ').match(DIGIT)?.length ?? 0;
    if (digits < 7 || AMOUNT.test(written)) return false;
    const firstDigit = chain[0]!.start + written.search(/\d/);
    return /^\D*0/.test(written) || /\d\D+\d/.test(written.trim()) || hasPhoneLabel(text, firstDigit);
  });
}
