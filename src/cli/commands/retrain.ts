import { Option, type Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { loadCriteria } from '../../criteria/load-criteria.js';
import { DEFAULT_MARGIN } from '../../learning/judge-candidate.js';
import { DEFAULT_LABEL_POLICY, type LabelPolicy } from '../../learning/outcome-label.js';
import { runLearningCycle, type LearningCycleResult } from '../../learning/run-learning-cycle.js';
import { outcomeTypes } from '../../scoring/model/training-from-store.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';
import { DB_HELP, withStore } from './learning-store-option.js';
import { listOption } from './train.js';

interface RetrainOptions {
  db?: string;
  holdoutDays: number;
  minHoldout: number;
  margin: number;
  positiveOutcomes?: string;
  churnDays: number;
  exclude?: string;
  criteria?: string;
  seed: number;
  model: 'auto' | 'gbdt' | 'logistic';
  json?: boolean;
}

/** A commander parser for a number in [0, 1]. */
const share = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('--margin takes an AUC difference between 0 and 1, such as 0.01.');
  return n;
};

const f3 = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(3));

/** The cycle in words: what was learned from, both models on the holdout, and what was done. */
export const formatLearningCycle = (r: LearningCycleResult): string => {
  const outcomes = Object.entries(r.outcomes)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const row = (name: string, f: LearningCycleResult['candidate']) =>
    `  ${name.padEnd(10)} ${f.version.padEnd(22)} AUC ${f3(f.auc)}  log loss ${f3(f.logloss)}  Brier ${f3(f.brier)}`;
  return [
    `Of ${r.trainedOn + r.holdout.rows} leads with an outcome (${outcomes}), learned from ${r.trainedOn} and held out the ${r.holdout.rows} labelled since ${r.holdout.from.slice(0, 10)}${r.holdout.rule === 'newest' ? ' (the newest 20 %: too few in the window)' : ''}.`,
    'On the recent holdout:',
    row('candidate', r.candidate),
    ...(r.current === undefined ? ['  (no model was active)'] : [row('active', r.current)]),
    '',
    `${r.action === 'promoted' ? `Promoted ${r.candidate.version}` : `Kept ${r.current?.version ?? 'no model'} active; ${r.candidate.version} is saved`}: ${r.reason}.`,
  ].join('\n');
};

const policyOf = (o: RetrainOptions): LabelPolicy => ({
  ...DEFAULT_LABEL_POLICY,
  ...(o.positiveOutcomes === undefined
    ? {}
    : { positive: outcomeTypes(listOption(o.positiveOutcomes), '--positive-outcomes') }),
  churnDays: o.churnDays,
});

const retrain = async (ctx: CliContext, o: RetrainOptions): Promise<void> => {
  const criteria = o.criteria === undefined ? undefined : await loadCriteria(o.criteria);
  const result = await withStore(ctx, o.db, (store) =>
    runLearningCycle(
      { leads: store.leads, models: store.models, learning: store.learning, clock: ctx.container().clock },
      ctx.container().clock.now(),
      {
        policy: policyOf(o),
        holdoutDays: o.holdoutDays,
        minHoldout: o.minHoldout,
        margin: { ...DEFAULT_MARGIN, auc: o.margin },
        by: 'retrain',
        train: {
          seed: o.seed,
          kind: o.model,
          exclude: [...listOption(o.exclude), ...(criteria?.postContact ?? [])],
          ...(criteria === undefined ? {} : { criteria: criteria.version }),
        },
      },
    ),
  );
  const { document: _document, ...summary } = result;
  ctx.output.out(o.json === true ? JSON.stringify(summary, null, 2) : formatLearningCycle(result));
};

/**
 * `leadsift retrain`: one turn of the learning loop on demand — learn from the stored outcomes,
 * judge the new model against the active one on the most recent outcomes, promote it only when
 * better, and log the decision with its figures (`leadsift models history`).
 */
export const registerRetrain = (program: Command, ctx: CliContext): void => {
  program
    .command('retrain')
    .description(
      'learn a new model from the stored outcomes and promote it only when it beats the active model on the most recent ones',
    )
    .option('--db <url>', DB_HELP)
    .option(
      '--holdout-days <n>',
      'judge both models on the outcomes of the last n days',
      wholeNumber('holdout-days'),
      30,
    )
    .option(
      '--min-holdout <n>',
      'with fewer recent outcomes, judge on the newest 20 % instead',
      wholeNumber('min-holdout'),
      40,
    )
    .option('--margin <auc>', 'how much better the new model’s AUC must be', share, DEFAULT_MARGIN.auc)
    .option(
      '--positive-outcomes <types>',
      'outcome types that mean converted (default won; e.g. won,opportunity)',
    )
    .option(
      '--churn-days <n>',
      'a win followed by churn within n days counts as not converted',
      wholeNumber('churn-days'),
      DEFAULT_LABEL_POLICY.churnDays,
    )
    .option('--exclude <columns>', 'comma-separated columns never to learn from')
    .option(
      '--criteria <file>',
      'record this criteria version with the model and exclude its model.postContact columns',
    )
    .option('--seed <n>', 'seed of the training split', wholeNumber('seed'), 42)
    .addOption(
      new Option('--model <kind>', 'which model to train')
        .choices(['auto', 'gbdt', 'logistic'])
        .default('auto'),
    )
    .option('--json', 'print JSON')
    .action((o: RetrainOptions) => ctx.run(() => retrain(ctx, o)));
};
