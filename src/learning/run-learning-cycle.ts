import type { Clock } from '../domain/clock.js';
import type { ModelRegistry } from '../domain/model-registry.js';
import { evaluateModel } from '../scoring/model/evaluate-model.js';
import { createModelRuntime } from '../scoring/model/model-runtime.js';
import type { ModelDocument } from '../scoring/model/model-document.js';
import type { StoredLeadReads } from '../scoring/model/stored-lead-pages.js';
import { trainModel, type TrainModelOptions } from '../scoring/model/train-model.js';
import {
  DEFAULT_MARGIN,
  holdoutFigures,
  judgeCandidate,
  type HoldoutFigures,
  type PromotionMargin,
} from './judge-candidate.js';
import type { LearningStore, ModelChange } from './learning-store.js';
import { DEFAULT_LABEL_POLICY, type LabelPolicy } from './outcome-label.js';
import { readOutcomeHistory, tableRows } from './outcome-history.js';
import { recentHoldout } from './recent-holdout.js';

/** What a learning cycle reads and writes. */
export interface LearningDeps {
  readonly leads: StoredLeadReads;
  readonly models: Pick<ModelRegistry, 'saveModel' | 'activeModel'>;
  readonly learning: Pick<LearningStore, 'recordChange'>;
  readonly clock: Clock;
}

/** How a cycle learns and judges; every field has a default. */
export interface LearningOptions {
  readonly policy?: LabelPolicy;
  /** The recent holdout: outcomes of the last `holdoutDays` (default 30)… */
  readonly holdoutDays?: number;
  /** …when at least this many (default 40) and of both classes; else the newest 20 %. */
  readonly minHoldout?: number;
  readonly margin?: PromotionMargin;
  /** Passed to `trainModel` (seed, kind, excluded columns, criteria version). */
  readonly train?: Pick<TrainModelOptions, 'seed' | 'kind' | 'exclude' | 'criteria'>;
  /** Who asked: `retrain` (a person at the CLI) or `schedule`. */
  readonly by?: string;
}

/** What a cycle did, with the figures it decided on (also in the promotion log). */
export interface LearningCycleResult {
  readonly action: 'promoted' | 'refused';
  readonly reason: string;
  readonly candidate: HoldoutFigures;
  readonly current?: HoldoutFigures;
  readonly holdout: {
    readonly from: string;
    readonly rule: 'window' | 'newest';
    readonly rows: number;
    /** Some held-out outcomes were known when the active model was trained (see `recentHoldout`). */
    readonly seenByActive: boolean;
  };
  readonly trainedOn: number;
  /** Labelled leads by the outcome that labelled them. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly change: ModelChange;
  readonly document: ModelDocument;
}

/**
 * One turn of the learning loop: stored outcomes become training rows; the most recent are held
 * out; a candidate learns from the rest; candidate and active model are scored on the same recent
 * holdout (AUC, log loss, Brier); the candidate is saved, and made active only when
 * `judgeCandidate` finds it better by the margin. The promotion or refusal is logged with its
 * figures either way. `now` is the clock's time (ms).
 */
export const runLearningCycle = async (
  deps: LearningDeps,
  now: number,
  options: LearningOptions = {},
): Promise<LearningCycleResult> => {
  const history = await readOutcomeHistory(deps.leads, options.policy ?? DEFAULT_LABEL_POLICY);
  const active = await deps.models.activeModel();
  const split = recentHoldout(history.labelledAt, history.table.labels, now, {
    days: options.holdoutDays ?? 30,
    minRows: options.minHoldout ?? 40,
    ...(active === undefined ? {} : { notBefore: Date.parse(active.createdAt) }),
  });
  const holdout = tableRows(history.table, split.holdout, `outcomes since ${split.from}`);
  const { document } = trainModel(
    { clock: { now: () => now } },
    tableRows(history.table, split.train, `stored outcomes before ${split.from}`),
    options.train ?? {},
  );
  const candidate = holdoutFigures(
    document.version,
    evaluateModel(createModelRuntime(document), holdout).report,
  );
  const current =
    active === undefined
      ? undefined
      : holdoutFigures(active.version, evaluateModel(createModelRuntime(active.document), holdout).report);
  const judged = judgeCandidate(candidate, current, options.margin ?? DEFAULT_MARGIN);
  const judgement = split.seenByActive
    ? {
        ...judged,
        reason: `${judged.reason} (too few outcomes arrived since ${active?.version ?? 'the active model'} was trained, so it may have learned from some of these and its figures may flatter it)`,
      }
    : judged;
  await deps.models.saveModel(document);
  const action = judgement.promote ? 'promoted' : 'refused';
  const facts = {
    holdout: {
      from: split.from,
      rule: split.rule,
      rows: split.holdout.length,
      seenByActive: split.seenByActive,
    },
    trainedOn: split.train.length,
    outcomes: history.byOutcome,
  };
  const change = await deps.learning.recordChange(
    {
      at: new Date(now).toISOString(),
      action,
      ...(active === undefined ? {} : { from: active.version }),
      to: document.version,
      by: options.by ?? 'retrain',
      reason: judgement.reason,
      figures: { candidate, ...(current === undefined ? {} : { current }), ...facts },
    },
    judgement.promote ? document.version : undefined,
  );
  return {
    action,
    reason: judgement.reason,
    candidate,
    ...(current === undefined ? {} : { current }),
    ...facts,
    change,
    document,
  };
};
