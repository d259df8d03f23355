import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import { formatCount } from '../../domain/format-count.js';
import type { ModelRegistry, ModelSummary, StoredModel } from '../../domain/model-registry.js';
import { formatEvaluation } from '../../scoring/model/evaluate/format-evaluation.js';
import { formatTable } from '../../scoring/model/evaluate/format-table.js';
import { formatTraining } from '../../scoring/model/format-training.js';
import { promoteModel, rollbackModel } from '../../learning/change-active-model.js';
import type { ModelChange } from '../../learning/learning-store.js';
import type { CliContext } from '../cli-context.js';

const VERSION_HELP = 'a saved version (model@…, or just its hash), or "active"';

/** `2026-03-01T10:00:00.000Z` → `2026-03-01 10:00`. */
const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** The model a user named: `active`, `model@<hash>`, or the bare hash. */
const findModel = async (models: ModelRegistry, name: string): Promise<StoredModel> => {
  if (name !== 'active') return models.getModel(name.startsWith('model@') ? name : `model@${name}`);
  const active = await models.activeModel();
  if (active === undefined)
    throw new AppError('NOT_FOUND', {
      message: 'no model is active yet; make one active with `leadsift models activate <version>`',
    });
  return active;
};

/** The saved models as an aligned table, newest first, with a line on the active one. */
export const formatModelList = (list: readonly ModelSummary[]): string => {
  if (list.length === 0)
    return 'No saved models yet; train one with `leadsift train --from-db --save` or `leadsift train <history> --label <column> --save`.';
  const rows = list.map((m) => [
    m.version,
    m.kind,
    minute(m.createdAt),
    formatCount(m.rows),
    m.auc === null ? 'n/a' : m.auc.toFixed(3),
    m.active ? 'yes' : '',
  ]);
  const table = formatTable(['version', 'kind', 'created (UTC)', 'rows', 'AUC', 'active'], rows, 3);
  const active = list.find((m) => m.active);
  const footer =
    active === undefined
      ? 'none is active; make one active with `leadsift models activate <version>`'
      : `active: ${active.version}${active.activatedAt === undefined ? '' : ` since ${minute(active.activatedAt)}`}`;
  return [...table, `${formatCount(list.length)} saved; ${footer}`].join('\n');
};

/** One saved model in words: where it stands, how it was trained, how it did on held-out leads. */
export const formatStoredModel = (model: StoredModel): string => {
  const { document } = model;
  return [
    `${model.version}: ${model.active ? `the active model${model.activatedAt === undefined ? '' : ` since ${minute(model.activatedAt)}`}` : 'not active'}; trained ${minute(model.createdAt)} UTC${model.criteria === undefined ? '' : ` under ${model.criteria}`}`,
    formatTraining(document),
    '',
    formatEvaluation(document.evaluation, {
      title: `Evaluation on the held-out test split (${document.training.split.test} rows)`,
      importance: document.importance,
    }),
  ].join('\n');
};

/** The promotion log in words, newest first: when, what, who, and the reason with its figures. */
export const formatModelChanges = (changes: readonly ModelChange[]): string =>
  changes.length === 0
    ? 'No model changes recorded yet; `leadsift retrain` records its promotions and refusals.'
    : changes
        .map((c) => {
          const what =
            c.action === 'refused'
              ? `refused ${c.to ?? '?'} (kept ${c.from ?? 'none'})`
              : `${c.action.replace(/_/g, ' ')} ${c.to ?? '?'}${c.from === undefined ? '' : ` over ${c.from}`}`;
          return `${minute(c.at)}  ${what}, by ${c.by}: ${c.reason}`;
        })
        .join('\n');

/** `leadsift models list|show|activate|export`: the model registry, and the one active model. */
export const registerModels = (program: Command, { container, output, run }: CliContext): void => {
  const registry = async (): Promise<ModelRegistry> => (await container().store()).models;
  const changeDeps = async () => {
    const store = await container().store();
    return { models: store.models, learning: store.learning };
  };
  const models = program
    .command('models')
    .description('the models saved by `leadsift train --save`, and which one is active');
  models
    .command('list')
    .description('list the saved models, newest first')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async () => {
        const list = await (await registry()).listModels();
        output.out(o.json === true ? JSON.stringify(list, null, 2) : formatModelList(list));
      }),
    );
  models
    .command('show')
    .description('show how a saved model was trained and how it did on its held-out test split')
    .argument('<version>', VERSION_HELP)
    .option('--json', 'print JSON')
    .action((version: string, o: { json?: boolean }) =>
      run(async () => {
        const { document, ...summary } = await findModel(await registry(), version);
        const { training, evaluation, importance } = document;
        output.out(
          o.json === true
            ? JSON.stringify({ ...summary, training, evaluation, importance }, null, 2)
            : formatStoredModel({ ...summary, document }),
        );
      }),
    );
  models
    .command('activate')
    .description(
      'make a saved model the active one (the one before it stops being active); logged as a person’s promotion, so that `models rollback` can undo it',
    )
    .argument('<version>', 'a saved version (model@…, or just its hash)')
    .action((version: string) =>
      run(async () => {
        const full = version.startsWith('model@') ? version : `model@${version}`;
        const active = await (await registry()).activeModel();
        if (active?.version === full) {
          output.out(`${full} is the active model`);
          return;
        }
        const name = process.env['USER'] ?? 'cli';
        const change = await promoteModel(await changeDeps(), full, { name }, container().clock.now());
        output.out(
          `${full} is the active model${change.from === undefined ? '' : ` (instead of ${change.from})`}`,
        );
      }),
    );
  models
    .command('promote')
    .description('make a saved model the active one by a person’s decision, logged with both models’ figures')
    .argument('<version>', 'a saved version (model@…, or just its hash)')
    .option('--by <name>', 'who decided (default: the USER)')
    .option('--reason <text>', 'why, for the log')
    .action((version: string, o: { by?: string; reason?: string }) =>
      run(async () => {
        const change = await promoteModel(
          await changeDeps(),
          version.startsWith('model@') ? version : `model@${version}`,
          {
            name: o.by ?? process.env['USER'] ?? 'cli',
            ...(o.reason === undefined ? {} : { reason: o.reason }),
          },
          container().clock.now(),
        );
        output.out(
          `${change.to ?? version} is the active model${change.from === undefined ? '' : ` (instead of ${change.from})`}; logged`,
        );
      }),
    );
  models
    .command('rollback')
    .description('return to the model that was active before the active one was promoted')
    .option('--by <name>', 'who decided (default: the USER)')
    .option('--reason <text>', 'why, for the log')
    .action((o: { by?: string; reason?: string }) =>
      run(async () => {
        const change = await rollbackModel(
          await changeDeps(),
          {
            name: o.by ?? process.env['USER'] ?? 'cli',
            ...(o.reason === undefined ? {} : { reason: o.reason }),
          },
          container().clock.now(),
        );
        output.out(`Rolled back ${change.from ?? '?'}: ${change.to ?? '?'} is the active model again`);
      }),
    );
  models
    .command('history')
    .description('the promotion log: every promotion, refusal and rollback with its figures')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      run(async () => {
        const changes = await (await container().store()).learning.listChanges();
        output.out(o.json === true ? JSON.stringify(changes, null, 2) : formatModelChanges(changes));
      }),
    );
  models
    .command('export')
    .description('write a saved model to a file that `leadsift qualify --model` and `evaluate` read')
    .argument('<version>', VERSION_HELP)
    .requiredOption('--out <model.json>', 'where to write it')
    .action((version: string, o: { out: string }) =>
      run(async () => {
        const { document } = await findModel(await registry(), version);
        await writeFile(o.out, JSON.stringify(document));
        output.out(`Wrote ${document.version} to ${o.out}`);
      }),
    );
};
