import type { Command } from 'commander';
import { formatEvaluation } from '../../scoring/model/evaluate/format-evaluation.js';
import { evaluateModel } from '../../scoring/model/evaluate-model.js';
import { readTrainingTable } from '../../scoring/model/features/training-table.js';
import { loadModelFile } from '../../scoring/model/load-model.js';
import { createModelRuntime } from '../../scoring/model/model-runtime.js';
import type { CliContext } from '../cli-context.js';

/** `leadsift evaluate <model.json> <labeled>`: how a model does on other labelled leads. */
export const registerEvaluate = (program: Command, { output, run }: CliContext): void => {
  program
    .command('evaluate')
    .description(
      'evaluate a model on a labelled file: AUC, PR-AUC, log-loss, Brier, calibration, lift (JSON unless --text)',
    )
    .argument('<model>', 'a model written by leadsift train')
    .argument('<labeled>', 'leads with their outcome (CSV, JSON or JSONL)')
    .requiredOption('--label <column>', 'the outcome column')
    .option('--positive <value>', 'the label value that means converted')
    .option('--text', 'print a human summary instead of JSON')
    .action((modelFile: string, labeled: string, o: { label: string; positive?: string; text?: boolean }) =>
      run(async () => {
        const runtime = createModelRuntime(await loadModelFile(modelFile));
        const table = await readTrainingTable(
          labeled,
          o.positive === undefined ? { column: o.label } : { column: o.label, positive: o.positive },
        );
        const e = evaluateModel(runtime, table);
        if (o.text === true) {
          output.out(
            formatEvaluation(e.report, {
              title: `${runtime.document.version} on ${labeled}`,
              importance: runtime.document.importance,
            }),
          );
          if (e.missingColumns.length > 0)
            output.out(
              `\nwarning: the file lacks ${e.missingColumns.map((c) => `"${c}"`).join(', ')}; scored as missing`,
            );
          return;
        }
        output.out(
          JSON.stringify(
            {
              model: runtime.document.version,
              file: labeled,
              ...e.report,
              rowsRead: e.rowsRead,
              rejected: e.rejected.length,
              rejections: e.rejected.slice(0, 100),
              missingColumns: e.missingColumns,
            },
            null,
            2,
          ),
        );
      }),
    );
};
