import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { formatEvaluation } from '../../scoring/model/evaluate/format-evaluation.js';
import { readTrainingTable } from '../../scoring/model/features/training-table.js';
import { formatTraining } from '../../scoring/model/format-training.js';
import { trainModel } from '../../scoring/model/train-model.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';

interface TrainOptions {
  label: string;
  positive?: string;
  exclude?: string;
  out: string;
  report?: string;
  seed: number;
  model: 'auto' | 'gbdt' | 'logistic';
  json?: boolean;
}

/** Splits a comma-separated option into trimmed names. */
export const listOption = (text: string | undefined): string[] =>
  text === undefined
    ? []
    : text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

/** `leadsift train <history> --label <column> --out <model.json>`: learn from won and lost leads. */
export const registerTrain = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('train')
    .description(
      'train a conversion model on a labelled history (CSV, JSON or JSONL) and evaluate it on a held-out split',
    )
    .argument('<history>', 'past leads with their outcome, one row each')
    .requiredOption(
      '--label <column>',
      'the outcome column (0/1, yes/no, true/false, won/lost, or a value named by --positive)',
    )
    .option('--positive <value>', 'the label value that means converted')
    .option(
      '--exclude <columns>',
      'comma-separated columns never to use (filled in after contact, identifiers)',
    )
    .requiredOption('--out <model.json>', 'where to write the model')
    .option('--report <file>', 'also write the evaluation report as JSON')
    .option('--seed <n>', 'seed of the split (same seed, same model)', wholeNumber('seed'), 42)
    .addOption(
      new Option('--model <kind>', 'auto trains both and keeps the better on validation')
        .choices(['auto', 'gbdt', 'logistic'])
        .default('auto'),
    )
    .option('--json', 'print the report as JSON')
    .action((history: string, o: TrainOptions) =>
      run(async () => {
        const table = await readTrainingTable(
          history,
          o.positive === undefined ? { column: o.label } : { column: o.label, positive: o.positive },
        );
        const { document } = trainModel({ clock: container().clock }, table, {
          exclude: listOption(o.exclude),
          seed: o.seed,
          kind: o.model,
        });
        await writeFile(o.out, JSON.stringify(document));
        const report = {
          version: document.version,
          kind: document.kind,
          training: document.training,
          evaluation: document.evaluation,
          importance: document.importance,
        };
        if (o.report !== undefined) await writeFile(o.report, `${JSON.stringify(report, null, 2)}\n`);
        if (o.json === true) {
          output.out(JSON.stringify(report, null, 2));
          return;
        }
        output.out(formatTraining(document));
        for (const r of table.rejected.slice(0, 10)) output.out(`  rejected line ${r.line}: ${r.reason}`);
        output.out('');
        output.out(
          formatEvaluation(document.evaluation, {
            title: `Evaluation on the held-out test split (${document.training.split.test} rows)`,
            importance: document.importance,
          }),
        );
        output.out(`\nModel written to ${o.out}${o.report === undefined ? '' : `; report to ${o.report}`}`);
      }),
    );
};
