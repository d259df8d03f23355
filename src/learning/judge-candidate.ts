import type { EvaluationReport } from '../scoring/model/evaluate/evaluate-scores.js';

/** A model's figures on the recent holdout. */
export interface HoldoutFigures {
  readonly version: string;
  readonly auc: number | null;
  readonly logloss: number | null;
  readonly brier: number | null;
  readonly rows: number;
  readonly positives: number;
}

/** What the learning loop does with a candidate, and why in a sentence. */
export interface Judgement {
  readonly promote: boolean;
  readonly reason: string;
}

/** How much better a candidate must be: AUC gain, and how much worse its log loss may be. */
export interface PromotionMargin {
  readonly auc: number;
  readonly logloss: number;
}

export const DEFAULT_MARGIN: PromotionMargin = Object.freeze({ auc: 0.01, logloss: 0.01 });

/** The figures of an evaluation on the holdout. */
export const holdoutFigures = (version: string, report: EvaluationReport): HoldoutFigures => ({
  version,
  auc: report.auc,
  logloss: report.logloss,
  brier: report.brier,
  rows: report.rows,
  positives: report.positives,
});

const f3 = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

/**
 * Promote only a better model: its AUC on the recent holdout beats the active model's by at
 * least `margin.auc` and its log loss is no more than `margin.logloss` worse. With no active
 * model, a candidate that ranks better than chance (AUC > 0.5) is promoted.
 */
export const judgeCandidate = (
  candidate: HoldoutFigures,
  current: HoldoutFigures | undefined,
  margin: PromotionMargin = DEFAULT_MARGIN,
): Judgement => {
  if (candidate.auc === null || candidate.logloss === null)
    return { promote: false, reason: 'the recent holdout has one class only: nothing to compare on' };
  if (current === undefined)
    return candidate.auc > 0.5
      ? {
          promote: true,
          reason: `no model was active; ${candidate.version} ranks recent leads at AUC ${f3(candidate.auc)}`,
        }
      : {
          promote: false,
          reason: `no model is active, but ${candidate.version} ranks recent leads no better than chance (AUC ${f3(candidate.auc)})`,
        };
  if (candidate.version === current.version)
    return { promote: false, reason: `retraining gave the active model ${current.version} again` };
  const gain = candidate.auc - (current.auc ?? 0.5);
  const loss = candidate.logloss - (current.logloss ?? Number.POSITIVE_INFINITY);
  const figures = `AUC ${f3(candidate.auc)} against ${f3(current.auc)} (${signed(gain)}), log loss ${f3(candidate.logloss)} against ${f3(current.logloss)}, Brier ${f3(candidate.brier)} against ${f3(current.brier)} on ${candidate.rows} recent leads`;
  if (gain < margin.auc)
    return {
      promote: false,
      reason: `${figures}: the AUC gain is below the ${margin.auc} margin; ${current.version} stays active`,
    };
  if (loss > margin.logloss)
    return {
      promote: false,
      reason: `${figures}: it ranks better but its log loss is worse by more than ${margin.logloss}; ${current.version} stays active`,
    };
  return { promote: true, reason: `${figures}: better by at least the ${margin.auc} AUC margin` };
};
