import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { OTHER, type FeaturePlan } from './feature-plan.js';
import { encodeTable } from './encode-features.js';
import { inferFeaturePlan } from './infer-feature-plan.js';

const ROWS = 60;

/** A column of `ROWS` cells from a function of the row index. */
const column = (cell: (row: number) => string): string[] => Array.from({ length: ROWS }, (_, i) => cell(i));

/** A column holding each value as many times as given, in a seeded shuffled order. */
const withCounts = (counts: Readonly<Record<string, number>>, seed = 1): string[] =>
  createSeededRandom(seed).shuffle(
    Object.entries(counts).flatMap(([value, n]) => Array<string>(n).fill(value)),
  );

const planOf = (columns: Readonly<Record<string, readonly string[]>>, options = {}): FeaturePlan =>
  inferFeaturePlan(Object.keys(columns), Object.values(columns), options);

const reasonFor = (plan: FeaturePlan, name: string): string | undefined =>
  plan.dropped.find((d) => d.column === name)?.reason;

describe('inferFeaturePlan', () => {
  it('detects booleans, numbers, dates and categories', () => {
    const plan = planOf({
      'Opt In': column((i) => (i % 3 === 0 ? 'Yes' : 'No')),
      Employees: column((i) => (i % 4 === 0 ? `${i},500` : String(i % 7))),
      Created: column((i) => `2024-03-${String((i % 28) + 1).padStart(2, '0')}`),
      Source: column((i) => ['Web', 'Event', 'Referral'][i % 3] as string),
    });
    expect(plan.columns).toEqual([
      { column: 'Opt In', kind: 'boolean' },
      { column: 'Employees', kind: 'numeric' },
      { column: 'Created', kind: 'date', reference: Date.UTC(2024, 2, 28) },
      { column: 'Source', kind: 'categorical', categories: ['Event', 'Referral', 'Web'] },
    ]);
    expect(plan.dropped).toEqual([]);
  });

  it('reads NN/NN/YYYY dates when the column settles which number is the month', () => {
    const plan = planOf({
      US: column((i) => `${(i % 12) + 1}/${(i % 28) + 1}/2024`),
      EU: column((i) => `${(i % 28) + 1}/${(i % 12) + 1}/2024 ${(i % 12) + 1}:05 PM`),
    });
    expect(plan.columns).toEqual([
      { column: 'US', kind: 'date', reference: expect.any(Number) as number, order: 'mdy' },
      { column: 'EU', kind: 'date', reference: expect.any(Number) as number, order: 'dmy' },
    ]);
    const us = plan.columns[0];
    const m = encodeTable(plan, ['US', 'EU'], [['12/25/2024'], ['25/12/2024 1:30 PM']]);
    expect(m.columns[1]?.[0]).toBe(11); // month (0-based) of 12/25
    expect(m.columns[4]?.[0]).toBe(11); // month of 25/12
    expect(us?.kind === 'date' && us.reference).toBe(Date.UTC(2024, 11, 24)); // the latest: 12/24, at i = 23
  });

  it('reads YYYY/MM/DD dates as dates but leaves day-month-year dates as categories', () => {
    const plan = planOf({
      Slashed: column((i) => `2023/12/${(i % 10) + 10}`),
      Ambiguous: column((i) => `0${(i % 3) + 1}/04/2024`),
    });
    expect(plan.columns).toEqual([
      { column: 'Slashed', kind: 'date', reference: Date.UTC(2023, 11, 19) },
      { column: 'Ambiguous', kind: 'categorical', categories: ['01/04/2024', '02/04/2024', '03/04/2024'] },
    ]);
  });

  it('treats placeholders as missing values, so "Select" does not make a number column categorical', () => {
    const plan = planOf({ Budget: column((i) => (i % 2 === 0 ? 'Select' : `$${i}`)) });
    expect(plan.columns).toEqual([{ column: 'Budget', kind: 'numeric' }]);
  });

  it('pools values rarer than minCategoryCount in (other)', () => {
    const plan = planOf({ Country: withCounts({ US: 30, DE: 20, FR: 5, IT: 4, ES: 1 }) });
    expect(plan.columns).toEqual([
      { column: 'Country', kind: 'categorical', categories: ['US', 'DE', 'FR', OTHER] },
    ]);
  });

  it('keeps at most maxCategories values, the most frequent first, and pools the rest', () => {
    const plan = planOf(
      { Industry: withCounts({ Retail: 6, Finance: 14, Health: 10, Energy: 10, Media: 8, Travel: 12 }) },
      { maxCategories: 3 },
    );
    expect(plan.columns).toEqual([
      { column: 'Industry', kind: 'categorical', categories: ['Finance', 'Travel', 'Energy', OTHER] },
    ]);
  });

  it('has no (other) category when every value is frequent enough', () => {
    const plan = planOf({ Tier: withCounts({ Gold: 20, Silver: 20, Bronze: 20 }) });
    expect(plan.columns).toEqual([
      { column: 'Tier', kind: 'categorical', categories: ['Bronze', 'Gold', 'Silver'] },
    ]);
  });

  it('drops excluded columns whatever their case', () => {
    const plan = planOf(
      { 'Lead Stage': column((i) => String(i % 5)), Employees: column((i) => String(i % 9)) },
      { exclude: [' lead stage '] },
    );
    expect(plan.columns).toEqual([{ column: 'Employees', kind: 'numeric' }]);
    expect(reasonFor(plan, 'Lead Stage')).toMatch(/^excluded/);
  });

  it('drops an identifier column of unique whole numbers but keeps unique amounts', () => {
    const unique = column((i) => String(660_000 + i * 37));
    const plan = planOf({
      'Lead Number': unique,
      leadId: unique,
      accountID: unique,
      'Prospect ID': unique,
      Revenue: unique,
      'Amount Paid': unique,
      'Amount Valid': unique,
    });
    expect(plan.columns).toEqual([
      { column: 'Revenue', kind: 'numeric' },
      { column: 'Amount Paid', kind: 'numeric' },
      { column: 'Amount Valid', kind: 'numeric' },
    ]);
    for (const id of ['Lead Number', 'leadId', 'accountID', 'Prospect ID'])
      expect(reasonFor(plan, id)).toMatch(/identifier/);
  });

  it('keeps a numeric id-named column whose values repeat', () => {
    const plan = planOf({ 'Campaign Number': column((i) => String(i % 6)) });
    expect(plan.columns).toEqual([{ column: 'Campaign Number', kind: 'numeric' }]);
  });

  it('drops free text, empty and constant columns with the reason', () => {
    const plan = planOf({
      Notes: column((i) => `Called on day ${i}, asked about pricing`),
      Fax: column((i) => (i % 2 === 0 ? '' : 'N/A')),
      Currency: column(() => 'EUR'),
      Score: column((i) => String(i % 10)),
    });
    expect(plan.columns).toEqual([{ column: 'Score', kind: 'numeric' }]);
    expect(plan.dropped).toEqual([
      { column: 'Notes', reason: 'nearly every value is different (an identifier or free text)' },
      { column: 'Fax', reason: 'always empty' },
      { column: 'Currency', reason: 'the same value in every row' },
    ]);
  });

  it('keeps a column with one value and blanks, since being blank is information', () => {
    const plan = planOf({ Webinar: column((i) => (i % 2 === 0 ? 'Attended' : '')) });
    expect(plan.columns).toEqual([{ column: 'Webinar', kind: 'categorical', categories: ['Attended'] }]);
  });

  it('returns the same plan, in header order, for the same data', () => {
    const columns = {
      Zeta: withCounts({ b: 20, a: 20, c: 20 }, 3),
      Alpha: column((i) => String(i % 8)),
      Mid: column((i) => (i % 2 === 0 ? 'yes' : 'no')),
    };
    const first = planOf(columns);
    expect(first.columns.map((c) => c.column)).toEqual(['Zeta', 'Alpha', 'Mid']);
    expect(planOf(columns)).toEqual(first);
    const reordered = { ...columns, Zeta: withCounts({ b: 20, a: 20, c: 20 }, 99) };
    expect(planOf(reordered)).toEqual(first);
  });
});
