/**
 * `pii-address`: street addresses in the text of a page: a house number,
 * a street name and a street type (`1600 Pennsylvania Avenue`, `12 N. Main
 * St.`), or a PO box. Addresses of courts and agencies are common in public
 * records: accept those for the collection with a reason.
 */
import type { Rule } from '../types.ts';
import { located } from './located.ts';

const STREET_TYPES = [
  'Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Boulevard', 'Blvd', 'Drive', 'Dr', 'Lane', 'Ln', 'Way',
  'Court', 'Ct', 'Place', 'Pl', 'Terrace', 'Ter', 'Circle', 'Cir', 'Highway', 'Hwy', 'Parkway', 'Pkwy',
  'Square', 'Sq', 'Trail', 'Trl', 'Plaza', 'Alley',
];
const TYPES = STREET_TYPES.flatMap((t) => [t, t.toUpperCase()]).join('|');
const DIRECTION = '(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|NORTH|SOUTH|EAST|WEST)\\.?\\s+';
/** A street-name word: capitalised, at least two characters, not "The", "By" and the like (as in "8 The Bankruptcy Court", "2017 By the Court"). */
const NAME_WORD = "(?!(?:The|THE|By|BY|Of|OF|In|IN|On|ON|At|AT|For|FOR|To|TO)\\b)[A-Z0-9][A-Za-z0-9'’-]+\\.?\\s+";

const ADDRESS = new RegExp(
  `\\b[1-9]\\d{0,5}(?:-\\d{1,4})?\\s+(?:${DIRECTION})?(?:${NAME_WORD}){1,3}(?:${TYPES})\\b\\.?` +
    '|\\bP\\.?\\s?O\\.?\\s+(?:Box|BOX)\\s+\\d+',
  'g',
);

export const piiAddress: Rule = {
  id: 'pii-address',
  severity: 'blocking',
  title: 'a street address in the text',
  fix: 'redact it (declare a box under `redactions`), or accept it if the address is public (a court or agency)',
  input: 'text',
  check(pageNumber, text, locate) {
    const found = located(locate);
    for (const m of text.matchAll(ADDRESS)) {
      const address = m[0].replace(/\s+/g, ' ').trim();
      found.add(address.toLowerCase(), m.index, m.index + m[0].length, { rule: 'pii-address', page: pageNumber, evidence: address, value: address });
    }
    return found.findings;
  },
};
