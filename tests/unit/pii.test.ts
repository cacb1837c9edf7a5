/** The personal-information rules on text: what they find, and what they must not. */
import { findPhoneNumbersInText } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { piiAddress } from '../../src/pipeline/audit/rules/pii-address.ts';
import { piiEmail } from '../../src/pipeline/audit/rules/pii-email.ts';
import { prng } from '../../src/bench/vocabulary.ts';
import { anyCandidates } from '../../src/pipeline/audit/rules/phone-candidates.ts';
import { piiPhone, validPhoneNumbers } from '../../src/pipeline/audit/rules/pii-phone.ts';
import { piiSsn } from '../../src/pipeline/audit/rules/pii-ssn.ts';
import type { Rule } from '../../src/pipeline/audit/types.ts';

const found = (rule: Rule, text: string) => (rule.input === 'text' ? rule.check(3, text).map((f) => f.evidence) : []);

describe('pii-email', () => {
  it('finds addresses, once each, with their page', () => {
    expect(found(piiEmail, 'Mail a.b-c@mail.example.co.uk and a.b-c@mail.example.co.uk.')).toEqual(['a.b-c@mail.example.co.uk']);
    expect(piiEmail.input === 'text' && piiEmail.check(3, 'x@example.org')[0].page).toBe(3);
  });
  it('ignores things that only look like one', () => {
    expect(found(piiEmail, 'see @handle and name@localhost')).toEqual([]);
  });
});

describe('pii-phone', () => {
  it('finds US numbers in the usual formats and international ones with +', () => {
    expect(found(piiPhone, 'Call (202) 456-1414, 202.456.1414 or +44 20 7946 0958.')).toEqual(['(202) 456-1414', '+44 20 7946 0958']);
  });
  it('ignores docket numbers, dates and citations', () => {
    expect(found(piiPhone, 'No. 19-1234, filed 2020-06-30, 140 S. Ct. 1234 (2020), ECF 512-3')).toEqual([]);
  });

  // The pre-filter (anyCandidates) rests on this: no valid number has fewer than 7 digits, or 6 with a plus.
  it('finds no valid number in any string of up to 5 digits, with or without a plus, nor in 6-digit ones without', () => {
    for (const plus of ['+', '']) {
      for (let length = 1; length <= 5; length++) {
        const numbers = Array.from({ length: 10 ** length }, (_, n) => plus + String(n).padStart(length, '0'));
        for (let i = 0; i < numbers.length; i += 500) expect(rawValid(numbers.slice(i, i + 500).join(' · '))).toEqual([]);
      }
    }
    const rand = prng(6);
    const sixDigits = Array.from({ length: 20_000 }, () => String(Math.floor(rand() * 1e6)).padStart(6, '0'));
    for (let i = 0; i < sixDigits.length; i += 500) expect(rawValid(sixDigits.slice(i, i + 500).join(' · '))).toEqual([]);
    expect(rawValid('310-1234 · +683 4002')).toHaveLength(2); // the shortest there are: 7 digits, and 7 with a plus
  });

  it('finds exactly what the library finds in the whole text, without parsing runs too short to be a number', () => {
    const rand = prng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const pieces = [
      '(202) 456-1414',
      '202-456-1414',
      '202.456.1414',
      '+44 20 7946 0958',
      '+1 202 456 1414',
      '310-1234',
      '+683 4002',
      '011 44 20 7946 0958',
      '202-456-1414 ext. 12',
      '202 456 1414 x3',
      '(202) 456-1414;ext=7',
      '555-0100,,12',
      '202-456-1414 - 12#',
      '1-800-555-0199',
      '２０２-４５６-１４１４',
      '٢٠٢-٤٥٦-١٤١٤',
      '12345',
      '4551.23',
      '100001',
      'No. 19-1234',
      '2019-03-04',
      '2019-03-04 12:30',
      '12:30',
      '140 S. Ct. 1234 (2020)',
      'ECF 512-3',
      '3/4/2019',
      '$1,234.56',
      '55%',
      'Officer 997',
      'page 12 of 40',
      'Note 123456, with a comma',
      '(a)',
      'call',
      'Tel.',
      'fax:',
      '#12',
      '+',
      '-',
      '2 020',
      '1',
      '45',
    ];
    const separators = [' · ', ', ', '\n', ' ', ': ', '; ', '', '(', ')', ' / ', ',,', ' ext ', ' x ', '#', ' extensión: '];
    let withNumbers = 0;
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let k = 1 + Math.floor(rand() * 10); k > 0; k--) text += pick(pieces) + pick(separators);
      const expected = rawValid(text);
      expect(
        validPhoneNumbers(text, ['US']).map((p) => [p.number.number, p.startsAt, p.endsAt]),
        JSON.stringify(text),
      ).toEqual(expected);
      if (expected.length > 0) withNumbers++;
    }
    expect(withNumbers).toBeGreaterThan(1500);
  });

  it('does not call the library on a page of figures that holds no possible number', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${100001 + i} · 4551.${i} · Officer ${i % 997} · Note ${i}, with a comma`);
    expect(anyCandidates(rows.join('\n'))).toEqual([]);
    const text = `${rows.join('\n')}\nCall 202-456-1414.`;
    expect(anyCandidates(text)).toEqual([{ from: text.indexOf(' 202') - 1, text: 'l 202-456-1414.' }]);
  });
});

/** What libphonenumber finds in the whole text with US numbering, unfiltered: [number, start, end] of each valid one. */
function rawValid(text: string) {
  return findPhoneNumbersInText(text, { defaultCountry: 'US' })
    .filter((p) => p.number.isValid())
    .map((p) => [p.number.number, p.startsAt, p.endsAt]);
}

describe('pii-ssn', () => {
  it('finds social security numbers', () => {
    expect(found(piiSsn, 'SSN 219-09-9999 and 219 09 9998')).toEqual(['219-09-9999', '219 09 9998']);
  });
  it('ignores numbers never issued and longer number runs', () => {
    expect(found(piiSsn, '000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000 1-123-45-6789-0')).toEqual([]);
  });
});

describe('pii-address', () => {
  it('finds street addresses and PO boxes', () => {
    expect(found(piiAddress, 'She lives at 1428 Elm Street, Springfield; write to P.O. Box 1031 or 175 E. Main St.')).toEqual([
      '1428 Elm Street',
      'P.O. Box 1031',
      '175 E. Main St.',
    ]);
  });
  it('ignores reporter citations and prose', () => {
    expect(found(piiAddress, '140 S. Ct. 1234; 1 Opinion of the Court; 2017 By the Court; 8 The Bankruptcy Court; 12 months at the court')).toEqual([]);
  });
  it('ignores a court after a pleading line number, but not a street named Court', () => {
    expect(found(piiAddress, '13 UNITED STATES DISTRICT COURT\n9 Superior Court of California\n12 Oak Court')).toEqual(['12 Oak Court']);
  });
});
