/** The personal-information rules on text: what they find, and what they must not. */
import { describe, expect, it } from 'vitest';
import { piiAddress } from '../../src/pipeline/audit/rules/pii-address.ts';
import { piiEmail } from '../../src/pipeline/audit/rules/pii-email.ts';
import { piiPhone } from '../../src/pipeline/audit/rules/pii-phone.ts';
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
});

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
});
