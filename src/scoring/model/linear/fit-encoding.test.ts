import { describe, expect, it } from 'vitest';
import { categoricalColumn, encodeMatrix, standardizeNumeric } from './encode-features.js';
import { fitEncoding } from './fit-encoding.js';
import type { CategoricalEncoding, NumericEncoding } from './logistic-model.js';
import { categorical, gaussian, matrixOf, numeric, seededRandom } from './test-support/synthetic-leads.js';

const random = seededRandom(21);
const features = [
  numeric('score'),
  numeric('revenue'),
  numeric('demo_requested'),
  numeric('constant'),
  numeric('sometimes_missing'),
  categorical('industry', ['saas', 'retail']),
];
const values = [
  () => gaussian(random),
  () => Math.exp(10 + 2 * gaussian(random)),
  () => (random() < 0.005 ? 1 : 0),
  () => 4,
  () => (random() < 0.2 ? NaN : 10 + gaussian(random)),
  () => Math.floor(random() * 2),
];
const matrix = matrixOf(features, 2000, (f) => (values[f] as () => number)());
const { encoding, columnFeature } = fitEncoding(matrix);
const num = (f: number): NumericEncoding => encoding[f] as NumericEncoding;

describe('fitEncoding', () => {
  it('clips numeric features at their training 1st and 99th percentiles', () => {
    const sorted = (matrix.columns[0] as Float64Array).slice().sort();
    expect(num(0).low).toBeCloseTo(
      (sorted[19] as number) + 0.99 * ((sorted[20] as number) - (sorted[19] as number)),
      12,
    );
    expect(num(0).high).toBeGreaterThan(2);
    expect(num(0).high).toBeLessThan(2.7);
  });

  it('log-transforms a heavily skewed non-negative amount and leaves a bell curve alone', () => {
    expect(num(1).log).toBe(true);
    expect(num(0).log).toBe(false);
  });

  it('keeps a rare flag that percentile clipping would have erased', () => {
    expect(num(2).valueColumn).toBeGreaterThanOrEqual(0);
    expect([num(2).low, num(2).high]).toEqual([0, 1]);
  });

  it('drops a constant column and adds a missing indicator only where training had missing values', () => {
    expect(num(3)).toMatchObject({ valueColumn: -1, missingColumn: -1 });
    expect(num(0).missingColumn).toBe(-1);
    expect(num(4).missingColumn).toBeGreaterThanOrEqual(0);
    expect(standardizeNumeric(num(4), NaN)).toBe(standardizeNumeric(num(4), num(4).impute));
  });

  it('gives each category a column and missing or unseen codes one more', () => {
    const industry = encoding[5] as CategoricalEncoding;
    expect(columnFeature.filter((f) => f === 5)).toHaveLength(3);
    expect([0, 1, NaN, 2, -1, 0.5].map((v) => categoricalColumn(industry, v) - industry.firstColumn)).toEqual(
      [0, 1, 2, 2, 2, 2],
    );
  });

  it('encodes numeric columns to mean 0 and standard deviation 1 over the training rows', () => {
    const width = columnFeature.length;
    const design = encodeMatrix(matrix, encoding, width);
    for (const f of [0, 1, 2, 4]) {
      const j = num(f).valueColumn;
      let sum = 0;
      let squares = 0;
      for (let i = 0; i < matrix.rows; i++) {
        const z = design[i * width + j] as number;
        sum += z;
        squares += z * z;
      }
      expect(sum / matrix.rows).toBeCloseTo(0, 12);
      expect(squares / matrix.rows).toBeCloseTo(1, 12);
    }
  });
});
