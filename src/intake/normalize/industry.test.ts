import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldIndustry, normalizeIndustry } from './industry.js';
import { splitCsvLine } from '../../test-support/onet-expected-functions.js';
import { INDUSTRY_IDS, INDUSTRY_TAXONOMY } from './industry-taxonomy.js';

const datasets = fileURLToPath(new URL('../../../../shared/datasets/', import.meta.url));
const fortune = `${datasets}fortune-1000-2021/Fortune_1000.csv`;
const maven = `${datasets}maven-crm-sales-opportunities/accounts.csv`;

/** Distinct values of a CSV column. */
const columnValues = (file: string, column: string): string[] => {
  const [header = '', ...rows] = readFileSync(file, 'utf8').split('\n');
  const index = header.split(',').indexOf(column);
  return [...new Set(rows.filter((row) => row !== '').map((row) => splitCsvLine(row)[index] ?? ''))];
};

describe('normalizeIndustry', () => {
  it.each([
    ['Computer Software', 'software'],
    ['SaaS', 'software'],
    ['Software & Services', 'software'],
    ['Information Technology and Services', 'it_services'],
    ['Fin Tech', 'financial_services'],
    ['Banks', 'banking'],
    ['Hospital & Health Care', 'healthcare'],
    ['technolgy', 'technology'],
    ['Telecomunications', 'telecommunications'],
    ['  RETAIL  ', 'retail'],
    ['Staffing and Recruiting', 'staffing'],
    ['Oil & Gas industry', 'oil_gas'],
    ['E-Commerce', 'ecommerce'],
    ['Pharmaceuticals', 'pharma_biotech'],
  ])('maps %j to %s', (raw, id) => {
    expect(normalizeIndustry(raw)?.id).toBe(id);
  });

  it.each(['', 'Large', 'xyz', 'Other', '???'])('leaves %j unmapped rather than guessing', (raw) => {
    expect(normalizeIndustry(raw)).toBeUndefined();
  });

  it.skipIf(!existsSync(fortune))('maps every Fortune 1000 (2021) sector', () => {
    const sectors = columnValues(fortune, 'sector');
    expect(sectors.length).toBe(21);
    expect(sectors.filter((sector) => normalizeIndustry(sector) === undefined)).toEqual([]);
  });

  it.skipIf(!existsSync(maven))('maps every sector of the Maven CRM accounts, typos included', () => {
    const sectors = columnValues(maven, 'sector');
    expect(sectors).toContain('technolgy');
    expect(sectors.filter((sector) => normalizeIndustry(sector) === undefined)).toEqual([]);
  });

  it('gives each folded synonym to one industry only', () => {
    const owners = new Map<string, string[]>();
    for (const { id, label, synonyms } of INDUSTRY_TAXONOMY) {
      for (const key of new Set([label, ...synonyms].map(foldIndustry)))
        owners.set(key, [...(owners.get(key) ?? []), id]);
    }
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('maps every label and id of the taxonomy back to its own industry', () => {
    for (const { id, label } of INDUSTRY_TAXONOMY) {
      expect(normalizeIndustry(label)).toEqual({ id, label });
      expect(normalizeIndustry(id)?.id).toBe(id);
    }
  });

  it('never throws and returns only taxonomy ids, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (raw) => {
        const industry = normalizeIndustry(raw);
        if (industry !== undefined) expect(INDUSTRY_IDS).toContain(industry.id);
      }),
    );
  });

  it('ignores case and extra whitespace, and is idempotent on its own label', () => {
    const synonym = fc.constantFrom(...INDUSTRY_TAXONOMY.flatMap(({ synonyms }) => synonyms));
    fc.assert(
      fc.property(synonym, fc.boolean(), fc.nat(3), (raw, upper, pad) => {
        const variant =
          ' '.repeat(pad) + (upper ? raw.toUpperCase() : raw.toLowerCase()).replaceAll(' ', '  ');
        const industry = normalizeIndustry(raw);
        expect(normalizeIndustry(variant)).toBe(industry);
        expect(industry && normalizeIndustry(industry.label)).toBe(industry);
      }),
    );
  });
});
