import { describe, expect, it } from 'vitest';
import { compileRowEncoder, encodeTable } from './encode-features.js';
import { MONTHS, OTHER, WEEKDAYS, planFeatures, type FeaturePlan } from './feature-plan.js';

const DAY = 86_400_000;
const REFERENCE = Date.UTC(2024, 2, 11); // Monday 11 March 2024

const plan: FeaturePlan = {
  columns: [
    { column: 'Source', kind: 'categorical', categories: ['Web', 'Event', OTHER] },
    { column: 'Tier', kind: 'categorical', categories: ['Gold', 'Silver'] },
    { column: 'Employees', kind: 'numeric' },
    { column: 'Opt In', kind: 'boolean' },
    { column: 'Created', kind: 'date', reference: REFERENCE },
  ],
  dropped: [],
};

const HEADER = ['Created', 'Opt In', 'Employees', 'Tier', 'Source'];

/** Encodes one row given as column → cell. */
const encodeRow = (cells: Readonly<Record<string, string>>, header = HEADER, now?: number): number[] => {
  const encoder = compileRowEncoder(plan, header);
  const out = new Float64Array(encoder.width);
  encoder.encode(
    header.map((h) => cells[h] ?? ''),
    out,
    now,
  );
  return [...out];
};

describe('compileRowEncoder', () => {
  it('writes one value per feature of the plan, in plan order', () => {
    const encoder = compileRowEncoder(plan, HEADER);
    expect(encoder.width).toBe(planFeatures(plan).length);
    expect(encoder.width).toBe(7);
    expect(encoder.missingColumns).toEqual([]);
    const row = encodeRow({
      Source: 'Event',
      Tier: 'Silver',
      Employees: '1,200',
      'Opt In': 'yes',
      Created: '2024-03-01',
    });
    expect(row).toEqual([1, 1, 1200, 1, 10, MONTHS.indexOf('Mar'), WEEKDAYS.indexOf('Fri')]);
  });

  it('encodes a category unseen in training as the (other) code when the plan has one', () => {
    const [source] = encodeRow({ Source: 'Podcast' });
    expect(source).toBe(2);
  });

  it('encodes an unseen category past the last code when the plan has no (other)', () => {
    const [, tier] = encodeRow({ Tier: 'Platinum' });
    expect(tier).toBe(2);
  });

  it('encodes blank cells and placeholders as missing (NaN)', () => {
    const row = encodeRow({ Source: 'N/A', Tier: ' ', Employees: 'Select', 'Opt In': '', Created: '-' });
    expect(row.every((v) => Number.isNaN(v))).toBe(true);
  });

  it('encodes unparseable numbers, booleans and dates as missing', () => {
    const row = encodeRow({ Source: 'Web', Employees: 'lots', 'Opt In': 'maybe', Created: '03/04/2024' });
    expect(row[0]).toBe(0);
    expect(row.slice(2).every((v) => Number.isNaN(v))).toBe(true);
  });

  it('reports a column absent from the header and encodes it as missing', () => {
    const header = ['source', 'EMPLOYEES', 'Created', 'Tier'];
    const encoder = compileRowEncoder(plan, header);
    expect(encoder.missingColumns).toEqual(['Opt In']);
    const row = encodeRow({ source: 'Web', EMPLOYEES: '40', 'Opt In': 'yes', Created: '2024-03-11' }, header);
    expect(row.slice(0, 3)).toEqual([0, NaN, 40]);
    expect(row[3]).toBeNaN();
    expect(row[4]).toBe(0);
  });

  it('gives a date its age in days from the training reference, its month and its weekday', () => {
    const row = encodeRow({ Created: '2023-12-25T12:00:00Z' });
    expect(row.slice(4)).toEqual([(REFERENCE - Date.UTC(2023, 11, 25, 12)) / DAY, 11, 1]);
  });

  it('measures date ages from the scoring time when one is given', () => {
    const now = REFERENCE + 30 * DAY;
    const row = encodeRow({ Created: '2024/03/01' }, HEADER, now);
    expect(row.slice(4)).toEqual([40, 2, 5]);
  });
});

describe('encodeTable', () => {
  it('encodes column-major text into a feature matrix of the plan features', () => {
    const columns = [
      ['2024-03-10', ''],
      ['no', 'TRUE'],
      ['12', ''],
      ['Gold', 'Bronze'],
      ['Web', 'Conference'],
    ];
    const m = encodeTable(plan, HEADER, columns);
    expect(m.rows).toBe(2);
    expect(m.features).toEqual(planFeatures(plan));
    expect(m.features.map((f) => f.name)).toEqual([
      'Source',
      'Tier',
      'Employees',
      'Opt In',
      'Created (age in days)',
      'Created (month)',
      'Created (weekday)',
    ]);
    expect(m.columns.map((c) => [...c])).toEqual([
      [0, 2],
      [0, 2],
      [12, NaN],
      [0, 1],
      [1, NaN],
      [2, NaN],
      [0, NaN],
    ]);
  });
});
