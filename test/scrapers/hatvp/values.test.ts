import { describe, expect, it } from 'vitest';
import {
  cleanText,
  isRedacted,
  parseAmount,
  parseBoolean,
  parseFrenchDate,
  parseMonth,
} from '../../../scrapers/hatvp/values.ts';

describe('parseAmount', () => {
  it('reads thousands separated by a space, U+00A0 or U+202F', () => {
    expect(parseAmount('40 910')).toBe(40910);
    expect(parseAmount('40\u00a0910')).toBe(40910);
    expect(parseAmount('1\u202f234\u202f567')).toBe(1234567);
    expect(parseAmount(' 73 698 ')).toBe(73698);
  });

  it('reads negative amounts, decimals and a currency', () => {
    expect(parseAmount('-9316')).toBe(-9316);
    expect(parseAmount('- 1 250')).toBe(-1250);
    expect(parseAmount('\u22121 250')).toBe(-1250);
    expect(parseAmount('0,13')).toBe(0.13);
    expect(parseAmount('1 200,50 €')).toBe(1200.5);
    expect(parseAmount('0 EUR')).toBe(0);
    expect(parseAmount('0€')).toBe(0);
    expect(parseAmount('1.000.000')).toBe(1000000);
  });

  it('gives null for text that is not an amount', () => {
    for (const text of ['Inconnue', 'NS', '/', 'néant', '', '12 ans', '1,2,3', null, undefined]) {
      expect(parseAmount(text), String(text)).toBeNull();
    }
  });
});

describe('redacted text', () => {
  it('drops the marker wrapped in whitespace and flags it', () => {
    expect(cleanText('\n            [Données non publiées]\n        ')).toEqual({
      value: null,
      redacted: true,
    });
    expect(cleanText('Gestionnaire matérielle \n        [Données non publiées]\n    ')).toEqual({
      value: 'Gestionnaire matérielle',
      redacted: true,
    });
    expect(cleanText('  Ville   de Paris ')).toEqual({ value: 'Ville de Paris', redacted: false });
    expect(cleanText(null)).toEqual({ value: null, redacted: false });
  });

  it('tells redacted text from ordinary text, whatever the call order', () => {
    expect(isRedacted('[Données non publiées]')).toBe(true);
    expect(isRedacted('[Données non publiées]')).toBe(true);
    expect(isRedacted('Données publiées')).toBe(false);
    expect(isRedacted(null)).toBe(false);
  });
});

describe('dates', () => {
  it('turns MM/YYYY periods into ISO months', () => {
    expect(parseMonth('04/2016')).toBe('2016-04');
    expect(parseMonth('4/2016')).toBe('2016-04');
    expect(parseMonth('13/2016')).toBeNull();
    expect(parseMonth('2016')).toBeNull();
    expect(parseMonth(null)).toBeNull();
  });

  it('turns deposit dates and birth dates into ISO', () => {
    expect(parseFrenchDate('25/07/2024 18:59:29')).toBe('2024-07-25T18:59:29');
    expect(parseFrenchDate('28/09/1949')).toBe('1949-09-28');
    expect(parseFrenchDate('2024-07-25')).toBeNull();
    expect(parseFrenchDate('31/13/2024')).toBeNull();
  });

  it('reads booleans written true/false or Oui/Non', () => {
    expect([
      parseBoolean('true'),
      parseBoolean('Oui'),
      parseBoolean('Non'),
      parseBoolean('false'),
    ]).toEqual([true, true, false, false]);
    expect(parseBoolean('')).toBeNull();
    expect(parseBoolean('peut-être')).toBeNull();
  });
});
