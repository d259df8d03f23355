import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { FEATURE_STRIDE, SLOTS, buildHistogram, subtractHistogram } from './histogram.js';

describe('buildHistogram', () => {
  it('sums gradients, hessians and rows per feature and bin over the given rows', () => {
    // Three rows, two features, row-major bins.
    const bins = Uint8Array.from([1, 0, 2, 3, 1, 3]);
    const grad = Float64Array.from([0.5, -1, 0.25]);
    const hess = Float64Array.from([0.1, 0.2, 0.3]);
    const hist = new Float64Array(2 * FEATURE_STRIDE).fill(9);
    buildHistogram(hist, bins, 2, Int32Array.from([2, 0, 1]), 0, 2, grad, hess);
    const cell = (f: number, b: number): number[] => [
      ...hist.subarray(f * FEATURE_STRIDE + b * SLOTS, f * FEATURE_STRIDE + b * SLOTS + 3),
    ];
    expect(cell(0, 1)).toEqual([0.75, 0.4, 2]);
    expect(cell(0, 2)).toEqual([0, 0, 0]);
    expect(cell(1, 0)).toEqual([0.5, 0.1, 1]);
    expect(cell(1, 3)).toEqual([0.25, 0.3, 1]);
  });
});

describe('subtractHistogram', () => {
  it('leaves the sibling histogram when a child is subtracted from its parent', () => {
    const random = createSeededRandom(3);
    const rows = 200;
    const features = 3;
    const bins = Uint8Array.from({ length: rows * features }, () => random.int(0, 9));
    const grad = Float64Array.from({ length: rows }, () => random.normal());
    const hess = Float64Array.from({ length: rows }, () => random.next());
    const idx = Int32Array.from(random.shuffle(Array.from({ length: rows }, (_, i) => i)));
    const parent = new Float64Array(features * FEATURE_STRIDE);
    const left = new Float64Array(features * FEATURE_STRIDE);
    const right = new Float64Array(features * FEATURE_STRIDE);
    buildHistogram(parent, bins, features, idx, 0, rows, grad, hess);
    buildHistogram(left, bins, features, idx, 0, 70, grad, hess);
    buildHistogram(right, bins, features, idx, 70, rows, grad, hess);
    subtractHistogram(parent, left, features);
    for (let i = 0; i < parent.length; i++) expect(parent[i]).toBeCloseTo(right[i] as number, 10);
  });
});
