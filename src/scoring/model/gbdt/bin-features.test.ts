import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { categorical, matrixOf, numeric } from '../test-support/matrix-of.js';
import { MAX_BINS, applyBinMappers, fitBinMappers, numericBin, numericUpperBounds } from './bin-features.js';
import { nextNode, type Tree } from './tree.js';

/** A one-split tree on feature 0: left when `v <= threshold`, missing as told. */
const stump = (threshold: number, missingLeft: boolean): Tree => ({
  feature: Int32Array.from([0, -1, -1]),
  threshold: Float64Array.from([threshold, 0, 0]),
  leftCategories: [null, null, null],
  missingLeft: Uint8Array.from([missingLeft ? 1 : 0, 0, 0]),
  left: Int32Array.from([1, -1, -1]),
  right: Int32Array.from([2, -1, -1]),
  value: Float64Array.from([0, -1, 1]),
  cover: Float64Array.from([0, 0, 0]),
});

describe('numericUpperBounds', () => {
  it('puts a bin edge midway between each pair of neighbouring values when there are few', () => {
    const upper = numericUpperBounds(Float64Array.from([3, 1, 3, NaN, 2, 1, 3, 10]));
    expect([...upper]).toEqual([1.5, 2.5, 6.5, Infinity]);
  });

  it('gives an all-missing column one bin for its values', () => {
    expect([...numericUpperBounds(Float64Array.from([NaN, NaN]))]).toEqual([Infinity]);
  });

  it('cuts many distinct values into bins holding about as many rows each', () => {
    const random = createSeededRandom(7);
    const col = Float64Array.from({ length: 5000 }, () => random.normal() * 100);
    const upper = numericUpperBounds(col, 21);
    expect(upper.length).toBe(20);
    const counts = new Array<number>(upper.length + 1).fill(0);
    for (const v of col) counts[numericBin(upper, v)]! += 1;
    expect(counts[0]).toBe(0);
    for (const n of counts.slice(1)) {
      expect(n).toBeGreaterThanOrEqual(200);
      expect(n).toBeLessThanOrEqual(300);
    }
  });

  it('never makes more than MAX_BINS bins, the missing bin included', () => {
    const col = Float64Array.from({ length: 10_000 }, (_, i) => i * 1.5);
    const upper = numericUpperBounds(col);
    expect(upper.length + 1).toBe(MAX_BINS);
    expect(upper[upper.length - 1]).toBe(Infinity);
  });
});

describe('numericBin', () => {
  it('puts NaN in bin 0 and every number in a bin from 1 on', () => {
    const upper = Float64Array.from([1.5, 2.5, Infinity]);
    expect(numericBin(upper, NaN)).toBe(0);
    expect(numericBin(upper, -1e9)).toBe(1);
    expect(numericBin(upper, 1.5)).toBe(1);
    expect(numericBin(upper, 1.6)).toBe(2);
    expect(numericBin(upper, 2.5)).toBe(2);
    expect(numericBin(upper, 1e9)).toBe(3);
  });

  it('agrees with the `<= threshold` routing of a tree split at any bin edge', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(finite, fc.integer({ min: -5, max: 5 })), { minLength: 2, maxLength: 60 }),
        fc.array(fc.oneof(finite, fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), { maxLength: 20 }),
        fc.integer({ min: 3, max: 12 }),
        fc.boolean(),
        (training, probes, maxBins, missingLeft) => {
          const upper = numericUpperBounds(Float64Array.from(training), maxBins);
          expect(upper.length).toBeLessThanOrEqual(maxBins - 1);
          // A split "left takes bins 1..t" becomes the raw threshold upper[t - 1] (as toRawTree does).
          for (let t = 1; t < upper.length; t++) {
            const tree = stump(upper[t - 1] as number, missingLeft);
            for (const v of [...training, ...probes]) {
              const bin = numericBin(upper, v);
              const binLeft = bin === 0 ? missingLeft : bin <= t;
              expect(nextNode(tree, 0, Float64Array.of(v)) === 1).toBe(binLeft);
            }
          }
        },
      ),
    );
  });
});

describe('applyBinMappers', () => {
  it('bins categories as code + 1, and missing or unseen codes as 0', () => {
    const train = matrixOf(
      categorical('Tier', ['Gold', 'Silver', 'Bronze'], ['Gold', 'Bronze', '', 'Silver']),
    );
    const mappers = fitBinMappers(train);
    expect(mappers[0]).toMatchObject({ kind: 'categorical', bins: 4 });
    expect([...(applyBinMappers(train, mappers).columns[0] as Uint8Array)]).toEqual([1, 3, 0, 2]);
    const scoring = matrixOf({
      name: 'Tier',
      categories: ['Gold', 'Silver', 'Bronze'],
      values: [2, 3, 7, NaN],
    });
    expect([...(applyBinMappers(scoring, mappers).columns[0] as Uint8Array)]).toEqual([3, 0, 0, 0]);
  });

  it('bins validation data with the training edges', () => {
    const mappers = fitBinMappers(matrixOf(numeric('x', [0, 10, 20])));
    const valid = matrixOf(numeric('x', [-3, 5, 5.01, 15, 99, NaN]));
    expect([...(applyBinMappers(valid, mappers).columns[0] as Uint8Array)]).toEqual([1, 1, 2, 2, 3, 0]);
  });
});
