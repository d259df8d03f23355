import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import type { SaveModelResult } from '../../domain/model-registry.js';
import { formatEvaluation } from '../../scoring/model/evaluate/format-evaluation.js';
import { readTrainingTable, type TrainingTable } from '../../scoring/model/features/training-table.js';
import { formatTraining } from '../../scoring/model/format-training.js';
import type { ModelDocument } from '../../scoring/model/model-document.js';
import { trainModel } from '../../scoring/model/train-model.js';
import { trainingFromStore } from '../../scoring/model/training-from-store.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';

interface TrainOptions {
  label?: string;
  positive?: string;
  fromDb?: boolean;
  positiveOutcomes?: string;
  exclude?: string;
  criteria?: string;
  out?: string;
  save?: boolean;
  activate?: boolean;
  report?: string;
  seed: number;
  model: 'auto' | 'gbdt' | 'logistic';
  json?: boolean;
}

/** Where the history comes from, once the options are known to make sense together. */
type HistorySource =
  | { readonly kind: 'file'; readonly path: string; readonly label: TrainingTable['label'] }
  | { readonly kind: 'store'; readonly positive: readonly string[] };

/** Splits a comma-separated option into trimmed names. */
export const listOption = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

const usage = (message: string): AppError => new AppError('INPUT_INVALID', { message });

/** The history to read, or INPUT_INVALID saying which options go together. */
const historySource = (history: string | undefined, o: TrainOptions): HistorySource => {
  if (o.fromDb === true) {
    if (history !== undefined) throw usage(`give either a history file (${history}) or --from-db, not both`);
    if (o.label !== undefined || o.positive !== undefined)
      throw usage(
        '--label and --positive name a column of a history file; with --from-db the label comes from the stored outcomes (choose them with --positive-outcomes)',
      );
    return { kind: 'store', positive: listOption(o.positiveOutcomes ?? 'won') };
  }
  if (history === undefined)
    throw usage('give a history file to train on, or --from-db for the stored leads');
  if (o.positiveOutcomes !== undefined) throw usage('--positive-outcomes goes with --from-db');
  if (o.label === undefined)
    throw usage('--label <column> is required with a history file: name the outcome column');
  const label = o.positive === undefined ? { column: o.label } : { column: o.label, positive: o.positive };
  return { kind: 'file', path: history, label };
};

const readHistory = async (source: HistorySource, { container }: CliContext): Promise<TrainingTable> => {
  if (source.kind === 'file') return readTrainingTable(source.path, source.label);
  const store = await container().store();
  return trainingFromStore(
    { leads: store.leads },
    { positive: source.positive, source: `stored leads (${store.dialect})` },
  );
};

/** Saves the model in the registry, and activates it when asked. */
const saveModel = async (
  document: ModelDocument,
  o: TrainOptions,
  { container }: CliContext,
): Promise<SaveModelResult & { active: boolean }> => {
  const { models } = await container().store();
  const saved = await models.saveModel(document);
  const { active } =
    o.activate === true ? await models.activate(saved.version) : await models.getModel(saved.version);
  return { ...saved, active };
};

const printText = (
  { output }: CliContext,
  table: TrainingTable,
  document: ModelDocument,
  fromStore: boolean,
): void => {
  output.out(formatTraining(document));
  if (fromStore && table.rejected.length > 0)
    output.out(
      `  left out ${table.rejected.length} stored leads with no decisive outcome yet (none, accepted only, or an open opportunity)`,
    );
  else for (const r of table.rejected.slice(0, 10)) output.out(`  rejected line ${r.line}: ${r.reason}`);
  output.out('');
  output.out(
    formatEvaluation(document.evaluation, {
      title: `Evaluation on the held-out test split (${document.training.split.test} rows)`,
      importance: document.importance,
    }),
  );
};

const whereKept = (o: TrainOptions, saved: (SaveModelResult & { active: boolean }) | undefined): string[] => {
  const lines: string[] = [];
  if (o.out !== undefined)
    lines.push(`Model written to ${o.out}${o.report === undefined ? '' : `; report to ${o.report}`}`);
  else if (o.report !== undefined) lines.push(`Report written to ${o.report}`);
  if (saved !== undefined)
    lines.push(
      `Saved ${saved.version} in the database${saved.created ? '' : ' (it was already there)'}${saved.active ? '; it is now the active model' : `; make it the active model with \`leadsift models activate ${saved.version}\``}`,
    );
  return lines;
};

const train = async (ctx: CliContext, history: string | undefined, o: TrainOptions): Promise<void> => {
  const source = historySource(history, o);
  if (o.out === undefined && o.save !== true && o.activate !== true)
    throw usage('nowhere to keep the model: pass --out <model.json>, --save (the database), or both');
  const loaded = o.criteria === undefined ? undefined : await loadCriteria(o.criteria);
  const criteria = loaded?.version;
  const table = await readHistory(source, ctx);
  const { document } = trainModel({ clock: ctx.container().clock }, table, {
    // The criteria's post-contact columns are excluded as if named with --exclude.
    exclude: [...listOption(o.exclude), ...(loaded?.postContact ?? [])],
    seed: o.seed,
    kind: o.model,
    ...(criteria === undefined ? {} : { criteria }),
  });
  if (o.out !== undefined) await writeFile(o.out, JSON.stringify(document));
  const saved = o.save === true || o.activate === true ? await saveModel(document, o, ctx) : undefined;
  const { version, kind, training, evaluation, importance } = document;
  const report = { version, kind, training, evaluation, importance };
  if (o.report !== undefined) await writeFile(o.report, `${JSON.stringify(report, null, 2)}\n`);
  if (o.json === true) {
    ctx.output.out(JSON.stringify(saved === undefined ? report : { ...report, saved }, null, 2));
    return;
  }
  printText(ctx, table, document, source.kind === 'store');
  ctx.output.out(`\n${whereKept(o, saved).join('\n')}`);
};

/**
 * `leadsift train <history> --label <column> --out <model.json>` or `leadsift train --from-db
 * --save`: learn from won and lost leads, in a file or in the database, and keep the model in a
 * file, the model registry, or both.
 */
export const registerTrain = (program: Command, ctx: CliContext): void => {
  program
    .command('train')
    .description(
      'train a conversion model on a labelled history (CSV, JSON or JSONL) or on the stored leads and their outcomes, and evaluate it on a held-out split',
    )
    .argument('[history]', 'past leads with their outcome, one row each')
    .option(
      '--label <column>',
      'with a history file, the outcome column (0/1, yes/no, true/false, won/lost, or a value named by --positive)',
    )
    .option('--positive <value>', 'the label value that means converted')
    .option('--from-db', 'train on the stored leads: won is converted, lost or rejected is not')
    .option(
      '--positive-outcomes <types>',
      'with --from-db, comma-separated outcome types that mean converted (default won; e.g. won,opportunity)',
    )
    .option(
      '--exclude <columns>',
      'comma-separated columns never to use (filled in after contact, identifiers)',
    )
    .option(
      '--criteria <file>',
      'record the version of this criteria file with the model, and exclude its model.postContact columns',
    )
    .option('--out <model.json>', 'write the model to a file')
    .option('--save', 'save the model in the database and print its version (see leadsift models)')
    .option('--activate', 'save the model and make it the active model')
    .option('--report <file>', 'also write the evaluation report as JSON')
    .option('--seed <n>', 'seed of the split (same seed, same model)', wholeNumber('seed'), 42)
    .addOption(
      new Option('--model <kind>', 'auto trains both and keeps the better on validation')
        .choices(['auto', 'gbdt', 'logistic'])
        .default('auto'),
    )
    .option('--json', 'print the report as JSON')
    .action((history: string | undefined, o: TrainOptions) => ctx.run(() => train(ctx, history, o)));
};
