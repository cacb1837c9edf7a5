/**
 * Personal information in the notations real files use: SSNs without
 * dashes where a label says so, with dots, en or em dashes, spaces or
 * full-width digits; national telephone numbers of the site's regions;
 * street addresses with the number after the street, with a letter, or in
 * lower case. Each with the look-alikes that must stay unflagged.
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../src/bench/vocabulary.ts';
import { piiAddress } from '../../src/pipeline/audit/rules/pii-address.ts';
import { piiPhone, validPhoneNumbers } from '../../src/pipeline/audit/rules/pii-phone.ts';
import { piiSsn } from '../../src/pipeline/audit/rules/pii-ssn.ts';
import type { Rule, TextRuleOptions } from '../../src/pipeline/audit/types.ts';

const found = (rule: Rule, text: string, options?: TextRuleOptions) =>
  rule.input === 'text' ? rule.check(1, text, undefined, options).map((f) => f.evidence) : [];

describe('pii-ssn in other notations', () => {
  it.each([
    ['dots', 'SSN 219.09.9999', '219.09.9999'],
    ['en dashes', 'no. 219–09–9999', '219–09–9999'],
    ['em dashes', 'no. 219—09—9999', '219—09—9999'],
    ['a minus sign and spaces', '219 − 09 − 9999', '219 − 09 − 9999'],
    ['full-width digits and dashes', '番号 ２１９－０９－９９９９', '２１９－０９－９９９９'],
    ['Arabic-Indic digits', '٢١٩-٠٩-٩٩٩٩', '٢١٩-٠٩-٩٩٩٩'],
    ['zero-width spaces inside', '219\u200B-09-\u200B9999', '219\u200B-09-\u200B9999'],
    ['a line break after a dash', 'SSN 219-09-\n9999', '219-09- 9999'],
    ['a line break between two groups', 'her number 219 09\n9999 on file', '219 09 9999'],
  ])('with %s', (_, text, evidence) => {
    expect(found(piiSsn, text)).toEqual([evidence]);
  });

  it.each([
    ['SSN: 219099999'],
    ['SSN#219099999'],
    ['S.S.N. 219099999'],
    ['SS# 219099999'],
    ['Soc. Sec. No. 219099999'],
    ['Social Security Number: 219 099999'],
    ['social security\n219099999'],
    ['219099999 (SSN)'],
  ])('without dashes where a label says so: %j', (text) => {
    expect(found(piiSsn, text)).toEqual([text.match(/219[\d ]*9/)![0]]);
  });

  it('ignores 9-digit numbers without a label, and labels that name another figure', () => {
    expect(found(piiSsn, 'Invoice 219099999, routing 021000021, ref. 219-099999')).toEqual([]);
    expect(found(piiSsn, 'SSN 219-09-9999, account 123456789')).toEqual(['219-09-9999']);
    expect(found(piiSsn, 'SSN on file · 219099999')).toEqual([]);
    expect(found(piiSsn, 'The SSN field was left blank. Case 219099999')).toEqual([]);
  });

  it('ignores numbers the SSA never issues, whatever the notation', () => {
    expect(found(piiSsn, 'SSN 000099999 SSN 666099999 SSN 919099999 SSN 219009999 SSN 219090000 ９１９－０９－９９９９ 219.00.9999')).toEqual([]);
  });

  it('ignores groups a blank line apart and longer runs of figures', () => {
    expect(found(piiSsn, '219 09\n\n9999')).toEqual([]);
    expect(found(piiSsn, 'SSN 2190999991 · 1-219-09-9999 · 219-09-9999-1 · 0.219099999')).toEqual([]);
  });
});

describe('pii-phone in national notations', () => {
  it.each([
    ['DE', 'Tel. 030 1234567', '030 1234567'],
    ['DE', 'erreichbar unter 0171 1234567', '0171 1234567'],
    ['DE', 'Büro 030/1234567', '030/1234567'],
    ['GB', 'ring 020 7946 0958 today', '020 7946 0958'],
    ['GB', 'mobile 07911 123456', '07911 123456'],
    ['GB', 'sent from 07911123456', '07911123456'],
    ['FR', 'appeler le 06 12 34 56 78', '06 12 34 56 78'],
    ['FR', 'ou le 01.42.68.53.00', '01.42.68.53.00'],
    ['ES', 'llame al 612 34 56 78', '612 34 56 78'],
    ['IT', 'cellulare 347 123 4567', '347 123 4567'],
    ['NL', 'bel 06-12345678', '06-12345678'],
    ['NL', 'kantoor 020-5551234', '020-5551234'],
    ['AU', 'call (02) 9876 5432', '(02) 9876 5432'],
    ['AU', 'mobile 0412 345 678', '0412 345 678'],
    ['CA', 'Toronto office 416-555-0199', '416-555-0199'],
  ])('%s: %j', (region, text, evidence) => {
    expect(found(piiPhone, text)).toEqual([evidence]);
    expect(found(piiPhone, text, { phoneRegions: [region] })).toEqual([evidence]);
  });

  it('finds numbers written internationally whatever the regions', () => {
    expect(found(piiPhone, 'Ruf +49 30 1234567 oder 0049 30 7654321 an', { phoneRegions: ['US'] })).toEqual(['+49 30 1234567']);
    expect(found(piiPhone, 'Ruf +49 30 1234567 oder 0049 30 7654321 an', { phoneRegions: ['DE'] })).toEqual(['+49 30 1234567', '0049 30 7654321']);
  });

  it('finds national numbers only for the regions listed', () => {
    expect(found(piiPhone, 'Tel. 030 1234567', { phoneRegions: ['US', 'GB'] })).toEqual([]);
    expect(found(piiPhone, 'appeler le 06 12 34 56 78', { phoneRegions: ['DE'] })).toEqual([]);
  });

  it('finds a bare block of digits only with a label', () => {
    expect(found(piiPhone, 'Handy: 01711234567')).toEqual(['01711234567']);
    expect(found(piiPhone, 'Tel 612345678')).toEqual(['612345678']);
    expect(found(piiPhone, 'Expediente 612345678')).toEqual([]);
    // A label is followed by its number, not by other words: Mobile is also a city.
    expect(found(piiPhone, '(Mobile Circuit Court: CV-18-900691)')).toEqual([]);
    expect(found(piiPhone, 'Telefon (privat): 0301234567')).toEqual(['0301234567']);
  });

  it('ignores dates, amounts, ZIP+4 codes, ids and numbers grouped unlike any telephone number', () => {
    const text = [
      '2019-03-04',
      '04.03.2019',
      '3/4/2019',
      '12.345.678,00',
      '1,234,567.89',
      '3700.12',
      'ZIP 07768-1646',
      'id 250001',
      'ref. 70642-8081',
      'Az. 19-1234',
      'case 4871 8302',
      '0000123456',
      '612345678',
      '30 1234567',
      'Rechnung 202-456',
    ].join(' · ');
    expect(found(piiPhone, text)).toEqual([]);
  });

  it('finds a number broken by a line break or written in full-width digits', () => {
    expect(found(piiPhone, 'Call 202-456-\n1414 today')).toEqual(['202-456- 1414']);
    expect(found(piiPhone, 'Tel. 030\n1234567')).toEqual(['030 1234567']);
    expect(found(piiPhone, '電話 ０３０ １２３４５６７', { phoneRegions: ['DE'] })).toEqual(['０３０ １２３４５６７']);
  });

  it('finds the same national numbers as reading the whole text, without asking the library about chains that cannot be one', () => {
    const rand = prng(23);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const pieces = [
      '030 1234567',
      '0171 1234567',
      '030/1234567',
      '020 7946 0958',
      '07700900123',
      '06 12 34 56 78',
      '612 34 56 78',
      '347 123 4567',
      '06-12345678',
      '(02) 9876 5432',
      '0049 30 1234567',
      '+33 6 12 34 56 78',
      '202-456-1414',
      'Tel.',
      'Handy:',
      'fax',
      '2019-03-04',
      '04.03.2019',
      '12.345.678,00',
      '3700.12',
      '07768-1646',
      '250001',
      '70642-8081',
      '4871 8302',
      '0000123456',
      '612345678',
      '30 1234567',
      '202-456',
      '12',
      '0',
      'ext. 12',
      'No.',
    ];
    const separators = [' · ', ', ', '\n', ' ', ': ', '; ', '', ' / ', '-', '.'];
    let withNumbers = 0;
    for (let n = 0; n < 1500; n++) {
      let text = '';
      for (let k = 1 + Math.floor(rand() * 8); k > 0; k--) text += pick(pieces) + pick(separators);
      const whole = validPhoneNumbers(text, ['US', 'DE', 'GB', 'FR', 'ES', 'IT', 'NL', 'AU'], false).map((p) => [p.number.number, p.startsAt, p.endsAt]);
      expect(
        validPhoneNumbers(text, ['US', 'DE', 'GB', 'FR', 'ES', 'IT', 'NL', 'AU']).map((p) => [p.number.number, p.startsAt, p.endsAt]),
        JSON.stringify(text),
      ).toEqual(whole);
      if (whole.length > 0) withNumbers++;
    }
    expect(withNumbers).toBeGreaterThan(500);
  });
});

describe('pii-address in other forms', () => {
  it.each([
    ['Wohnhaft in der Goethestraße 9, 10115 Berlin', 'Goethestraße 9'],
    ['goethestrasse 9a', 'goethestrasse 9a'],
    ['Hauptstr. 12', 'Hauptstr. 12'],
    ['Berliner Straße 12-14', 'Berliner Straße 12-14'],
    ['Potsdamer Platz 1', 'Potsdamer Platz 1'],
    ['woont op Prinsengracht 263', 'Prinsengracht 263'],
    ['Kalverstraat 92', 'Kalverstraat 92'],
    ['Drottninggatan 5', 'Drottninggatan 5'],
    ['Via Roma 12', 'Via Roma 12'],
    ['via Giuseppe Garibaldi, 7', 'via Giuseppe Garibaldi, 7'],
    ['Calle Mayor, 5', 'Calle Mayor, 5'],
    ['Calle de los Reyes 7', 'Calle de los Reyes 7'],
    ['Rue de Rivoli 12', 'Rue de Rivoli 12'],
    ['habite au 12 rue de Rivoli', '12 rue de Rivoli'],
    ['5 bis avenue Foch', '5 bis avenue Foch'],
    ['12A Station Road', '12A Station Road'],
    ['Flat 3, 221b Baker Street', '221b Baker Street'],
    ['she lives at 12 station road', '12 station road'],
    ['1428 elm street', '1428 elm street'],
    ['write to po box 1031', 'po box 1031'],
    ['Postfach 12 34', 'Postfach 12 34'],
  ])('%j', (text, evidence) => {
    expect(found(piiAddress, text)).toEqual([evidence]);
  });

  it('ignores numbers beside street words that are something else', () => {
    const prose = [
      'auf Platz 3 der Liste',
      'Auf Platz 3',
      'during 5 years',
      'a 4 lane highway',
      'a 4 hour drive',
      'took 2 wrong way',
      'second place 3 times',
      'sent via email 2 times',
      'the delegate 5',
      'Brigade 5',
      'Boarding gate 22',
      '10 Square Miles',
      '12 months at the court',
      '140 S. Ct. 1234',
      'Strasse 5',
      'string 3',
      'Route 66',
    ];
    for (const text of prose) expect(found(piiAddress, text), text).toEqual([]);
  });
});
