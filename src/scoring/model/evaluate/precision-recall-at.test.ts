import { describe, expect, it } from 'vitest';
import { precisionRecallAt } from './precision-recall-at.js';

describe('precisionRecallAt', () => {
  const probs = [0.9, 0.7, 0.5, 0.3, 0.1];
  const labels = Uint8Array.from([1, 0, 1, 1, 0]);

  it('flags the rows at or above the threshold and reports precision and recall', () => {
    expect(precisionRecallAt(probs, labels, 0.5)).toEqual({
      threshold: 0.5,
      flagged: 3,
      precision: 2 / 3,
      recall: 2 / 3,
    });
    expect(precisionRecallAt(probs, labels, 0)).toEqual({
      threshold: 0,
      flagged: 5,
      precision: 0.6,
      recall: 1,
    });
  });

  it('reports precision 0 when nothing is flagged and recall 0 when nothing converted', () => {
    expect(precisionRecallAt(probs, labels, 0.95)).toEqual({
      threshold: 0.95,
      flagged: 0,
      precision: 0,
      recall: 0,
    });
    expect(precisionRecallAt([0.8], Uint8Array.from([0]), 0.5)).toEqual({
      threshold: 0.5,
      flagged: 1,
      precision: 0,
      recall: 0,
    });
  });
});
