import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { countryName, normalizeCountry } from './country.js';
import { datasetPath, hasDataset, needs } from '../../test-support/datasets.js';

const LEADS = 'x-education-lead-scoring/Leads.csv';

const ALPHA2 = Object.keys(countries.getAlpha2Codes());

describe('normalizeCountry', () => {
  it.each([
    ['India', 'IN'],
    ['United States', 'US'],
    ['USA', 'US'],
    ['U.S.', 'US'],
    ['u.s.a.', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['Great Britain', 'GB'],
    ['England', 'GB'],
    ['United Kingdom', 'GB'],
    ['Deutschland', 'DE'],
    ['Allemagne', 'DE'],
    ['Alemania', 'DE'],
    ['South Korea', 'KR'],
    ['Russia', 'RU'],
    ['Czech Republic', 'CZ'],
    ['Holland', 'NL'],
    ['The Netherlands', 'NL'],
    ['Nederland', 'NL'],
    ['UAE', 'AE'],
    ['United Arab Emirates', 'AE'],
    ['Hong Kong', 'HK'],
    ['Ivory Coast', 'CI'],
    ["Côte d'Ivoire", 'CI'],
    ['COTE D IVOIRE', 'CI'],
    ['España', 'ES'],
    ['espana', 'ES'],
    ['Brasil', 'BR'],
    ['Suisse', 'CH'],
    ['Italia', 'IT'],
    ['  france  ', 'FR'],
    ['deu', 'DE'],
    ['gb', 'GB'],
  ])('reads %j as %s', (raw, code) => {
    expect(normalizeCountry(raw)).toBe(code);
  });

  it.each(['unknown', 'Asia/Pacific Region', 'Europe', 'Other', '', 'Congo', 'Atlantis', 'N/A'])(
    'does not take %j for a country',
    (raw) => expect(normalizeCountry(raw)).toBeUndefined(),
  );

  it.skipIf(!hasDataset(LEADS))(
    `maps every country named in the X-Education dataset, and nothing else ${needs(LEADS)}`,
    () => {
      const csv = readFileSync(datasetPath(LEADS), 'utf8');
      const [header = '', ...rows] = csv.split(/\r?\n/);
      const column = header.split(',').indexOf('Country');
      const values = new Set(rows.map((row) => row.split(',')[column] ?? '').filter((v) => v !== ''));
      const notCountries = new Set(['unknown', 'Asia/Pacific Region']);
      expect(values.size).toBeGreaterThan(30);
      for (const value of values) {
        if (notCountries.has(value)) expect(normalizeCountry(value), value).toBeUndefined();
        else expect(normalizeCountry(value), value).toMatch(/^[A-Z]{2}$/);
      }
    },
  );

  it('maps every alpha-2 code to itself, in either case', () => {
    for (const code of ALPHA2) {
      expect(normalizeCountry(code)).toBe(code);
      expect(normalizeCountry(code.toLowerCase())).toBe(code);
    }
  });

  it('maps every English name back to its code', () => {
    for (const code of ALPHA2) expect(normalizeCountry(countryName(code) ?? ''), code).toBe(code);
  });

  it('ignores case', () => {
    const names = fc.constantFrom(...ALPHA2.map((code) => countryName(code) ?? code));
    fc.assert(
      fc.property(names, (name) => {
        expect(normalizeCountry(name.toUpperCase())).toBe(normalizeCountry(name.toLowerCase()));
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => void normalizeCountry(raw)));
  });
});

describe('countryName', () => {
  it('names a country in English', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('gb')).toBe('United Kingdom');
    expect(countryName('ZZ')).toBeUndefined();
  });
});
