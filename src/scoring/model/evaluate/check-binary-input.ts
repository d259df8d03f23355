import { AppError } from '../../../domain/app-error.js';

/** Model scores or probabilities, one per row: a Float64Array or any array-like of numbers. */
export type Scores = ArrayLike<number>;

/** Outcomes, one per row: 1 when the lead converted, 0 when it did not (usually a Uint8Array). */
export type Labels = ArrayLike<number>;

/**
 * What a function accepts as scores: any number that can be ordered (not NaN), finite numbers
 * only, or probabilities in [0, 1].
 */
export type ScoreRange = 'ordered' | 'finite' | 'probability';

const ACCEPTS: Readonly<Record<ScoreRange, (v: number) => boolean>> = {
  ordered: (v) => v === v,
  finite: (v) => Number.isFinite(v),
  probability: (v) => v >= 0 && v <= 1,
};

const EXPECTED: Readonly<Record<ScoreRange, string>> = {
  ordered: 'a number (not NaN)',
  finite: 'a finite number',
  probability: 'a probability in [0, 1]',
};

const invalid = (caller: string, message: string, details: Record<string, unknown>): AppError =>
  new AppError('INPUT_INVALID', { message: `${caller}: ${message}`, details: { caller, ...details } });

/**
 * Throw an `INPUT_INVALID` AppError unless there is one label per score, every label is 0 or 1,
 * and every score is in `range`. `caller` names the function in the message, which points at
 * the first offending row.
 */
export const checkBinaryInput = (caller: string, scores: Scores, labels: Labels, range: ScoreRange): void => {
  if (scores.length !== labels.length) {
    throw invalid(caller, `${scores.length} scores but ${labels.length} labels; pass one label per score`, {
      scores: scores.length,
      labels: labels.length,
    });
  }
  const accepts = ACCEPTS[range];
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw invalid(caller, `labels[${i}] is ${label}; a label is 1 (converted) or 0 (did not)`, { row: i });
    }
    const score = scores[i]!;
    if (!accepts(score)) {
      throw invalid(caller, `scores[${i}] is ${score}; each score must be ${EXPECTED[range]}`, { row: i });
    }
  }
};
