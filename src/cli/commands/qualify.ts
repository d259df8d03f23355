import { extname } from 'node:path';
import type { Command } from 'commander';
import { startQualifyWorker } from '../../adapters/workers/start-qualify-worker.js';
import type { Container } from '../../container.js';
import { loadCriteria, type LoadedCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import { DECISION_COLUMNS, csvHeader, formatRejects, formatRows } from '../../scoring/format-qualified.js';
import { loadEvents, type EventIndex } from '../../scoring/load-events.js';
import {
  activitiesOf,
  decideLead,
  qualifyFile,
  scorerFor,
  type QualifiedBatch,
} from '../../scoring/qualify-file.js';
import { enrichFile } from '../../enrichment/enrich-file.js';
import { loadProvidersConfig } from '../../enrichment/providers-config.js';
import { qualifyInParallel } from '../../scoring/qualify-in-parallel.js';
import { qualifyStoredLeads } from '../../scoring/qualify-stored-leads.js';
import { DecisionSummary } from '../../scoring/summarize-decisions.js';
import type { CliContext } from '../cli-context.js';
import { estimateRows, progressLine } from '../progress-line.js';
import { textSink, type TextSink } from '../qualify-output.js';
import type { Output } from '../run-action.js';
import { wholeNumber } from '../whole-number.js';
import { formatCount } from '../../domain/format-count.js';
import { loadModelFile } from '../../scoring/model/load-model.js';
import { createModelRuntime, type ModelRuntime } from '../../scoring/model/model-runtime.js';

interface QualifyOptions {
  criteria: string;
  db?: boolean;
  out?: string;
  format?: 'csv' | 'jsonl';
  rejects?: string;
  events?: string;
  mapping?: string;
  workers: number;
  model?: string;
  providers?: string;
}

type Format = 'csv' | 'jsonl';

const formatOf = (options: QualifyOptions): Format =>
  options.format ??
  (options.out !== undefined && ['.jsonl', '.ndjson'].includes(extname(options.out)) ? 'jsonl' : 'csv');

/** The input columns of a stored lead's output row. */
const STORED_COLUMNS = ['lead_id', 'email'];

/** Output files, with their header lines written. */
const openOutputs = async (options: QualifyOptions, format: Format, columns: readonly string[]) => {
  const out = textSink(options.out);
  if (format === 'csv') await out.write(csvHeader([...columns, ...DECISION_COLUMNS]));
  const rejects: TextSink | undefined = options.rejects === undefined ? undefined : textSink(options.rejects);
  await rejects?.write(csvHeader(['line', 'field', 'problem', ...columns]));
  return { out, rejects };
};

/** Qualify the stored leads, save the decisions, and write them to --out when given. */
const qualifyStored = async (
  c: Container,
  criteria: LoadedCriteria,
  options: QualifyOptions,
  output: Output,
  model: ModelRuntime | undefined,
): Promise<void> => {
  const store = await c.store();
  const format = formatOf(options);
  const outputs = options.out === undefined ? undefined : await openOutputs(options, format, STORED_COLUMNS);
  const summary = new DecisionSummary();
  const tick = progressLine(Date.now(), await store.leads.countLeads());
  try {
    for await (const page of qualifyStoredLeads({ clock: c.clock, leads: store.leads }, criteria, model)) {
      for (const { decision } of page) summary.add(decision);
      const rows = page.map(({ lead, decision }) => ({
        line: 0,
        raw: { lead_id: lead.id, email: lead.person.email?.value ?? '' },
        decision,
      }));
      await outputs?.out.write(formatRows(rows, STORED_COLUMNS, format));
      tick(summary.decided);
    }
  } finally {
    await outputs?.out.close();
    await outputs?.rejects?.close();
  }
  tick(summary.decided, true);
  output.err(
    `${criteria.name} (${criteria.version})${modelNote(model)}: ${formatCount(summary.decided)} stored leads decided, decisions saved\n${summary.format()}`,
  );
};

/** Writes one batch of decided rows (and its rejected rows) and counts it in the summary. */
const writeBatch = async (
  outputs: { readonly out: TextSink; readonly rejects: TextSink | undefined },
  summary: DecisionSummary,
  header: readonly string[],
  format: Format,
  batch: QualifiedBatch,
): Promise<void> => {
  for (const row of batch.rows) summary.add(row.decision);
  summary.rejected += batch.rejected.length;
  await outputs.out.write(formatRows(batch.rows, header, format));
  await outputs.rejects?.write(formatRejects(batch.rejected, header));
};

/** Qualify a file, in this thread or in worker threads; the output is the same. */
const qualifyAFile = async (
  c: Container,
  file: string,
  criteria: LoadedCriteria,
  events: EventIndex | undefined,
  options: QualifyOptions,
  output: Output,
  model: ModelRuntime | undefined,
): Promise<void> => {
  const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
  // One "now" for the whole run, in every thread: decay and decidedAt agree across rows.
  const clock = fixedClock(c.clock.now());
  const qualifying = await qualifyFile({ clock }, file, {
    criteria,
    ...(events === undefined ? {} : { events }),
    ...(mapping === undefined ? {} : { mapping }),
    ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
    ...(model === undefined ? {} : { model }),
  });
  const format = formatOf(options);
  const { out, rejects } = await openOutputs(options, format, qualifying.header);
  const summary = new DecisionSummary();
  const tick = progressLine(Date.now(), estimateRows(file));
  try {
    if (options.workers > 0) {
      // Workers format their batches; writes are queued in file order (a few batches in flight).
      const init = {
        criteria,
        nowMs: clock.now(),
        format,
        ...(events === undefined ? {} : { events }),
        ...(model === undefined ? {} : { model: model.document }),
      };
      await qualifyInParallel(qualifying.file, init, startQualifyWorker, options.workers, (result) => {
        summary.merge(result.summary);
        void out.write(result.text);
        void rejects?.write(result.rejectsText);
        tick(summary.decided + summary.rejected);
      });
    } else {
      for await (const batch of qualifying.batches) {
        await writeBatch({ out, rejects }, summary, qualifying.header, format, batch);
        tick(summary.decided + summary.rejected);
      }
    }
  } finally {
    await out.close();
    await rejects?.close();
  }
  tick(summary.decided + summary.rejected, true);
  output.err(`${criteria.name} (${criteria.version})${modelNote(model)}\n${summary.format()}`);
};

/**
 * Enrich first, qualify second: the whole file through the providers' waterfall (the cache in the
 * database), then every enriched lead decided. Not streamed: the email-pattern provider learns
 * from the file's own addresses before the first lead is enriched.
 */
const qualifyEnrichedFile = async (
  c: Container,
  file: string,
  criteria: LoadedCriteria,
  events: EventIndex | undefined,
  options: QualifyOptions & { providers: string },
  output: Output,
  model: ModelRuntime | undefined,
): Promise<void> => {
  const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
  const clock = fixedClock(c.clock.now());
  const store = await c.store();
  const enriched = await enrichFile({ clock, cache: store.enrichmentCache, env: process.env }, file, {
    config: await loadProvidersConfig(options.providers),
    configPath: options.providers,
    ...(mapping === undefined ? {} : { mapping }),
  });
  const scorer = scorerFor({ clock }, model);
  const rows = enriched.rows.map((r) => ({
    line: r.line,
    raw: r.raw,
    decision: decideLead({ clock }, criteria, r.draft, activitiesOf(events, r.draft), scorer),
  }));
  const format = formatOf(options);
  const { out, rejects } = await openOutputs(options, format, enriched.header);
  const summary = new DecisionSummary();
  try {
    await writeBatch({ out, rejects }, summary, enriched.header, format, {
      rows,
      rejected: enriched.rejected,
    });
  } finally {
    await out.close();
    await rejects?.close();
  }
  output.err(
    `${enriched.summary.format()}\n\n${criteria.name} (${criteria.version})${modelNote(model)}\n${summary.format()}`,
  );
};

/** The model of `--model`: a file, `active` (the store's active model) or a stored version. */
const modelFor = async (c: Container, spec: string | undefined): Promise<ModelRuntime | undefined> => {
  if (spec === undefined) return undefined;
  if (spec !== 'active' && !spec.startsWith('model@')) return createModelRuntime(await loadModelFile(spec));
  const models = (await c.store()).models;
  const stored = spec === 'active' ? await models.activeModel() : await models.getModel(spec);
  if (stored === undefined)
    throw new AppError('NOT_FOUND', {
      message:
        'there is no active model; train one with `leadsift train … --save --activate` or activate one with `leadsift models activate <version>`',
    });
  return createModelRuntime(stored.document);
};

const modelNote = (model: ModelRuntime | undefined): string =>
  model === undefined
    ? ''
    : ` with ${model.document.version} (AUC ${model.document.evaluation.auc?.toFixed(3) ?? 'n/a'} when trained)`;

/** `leadsift qualify <file> --criteria <yaml>`: file in, file out, no database; or `--db`. */
export const registerQualify = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('qualify')
    .description(
      'qualify a lead file with a criteria file: every row gets a verdict, score, grade, reasons and what is missing',
    )
    .argument('[file]', 'a CSV, TSV, JSON or JSONL file of leads (or --db)')
    .requiredOption('--criteria <file>', 'the criteria YAML (see examples/criteria)')
    .option(
      '--db',
      'qualify the stored leads instead of a file, with their stored events, and save the decisions',
    )
    .option('--out <file>', 'where to write the qualified rows (default: standard output)')
    .option('--format <format>', 'csv or jsonl (default: from --out, else csv)')
    .option('--rejects <file>', 'where to write rejected rows with their line and reason (CSV)')
    .option(
      '--events <file>',
      'behaviour events (CSV or JSONL: lead_ref or email, type, occurred_at, properties)',
    )
    .option('--mapping <file>', 'a YAML or JSON column mapping')
    .option('--providers <file>', 'enrich each lead first with this providers YAML (see leadsift enrich)')
    .option(
      '--model <model>',
      'a model scoring beside the rules (it may move edge cases): a file from leadsift train, a stored model@version, or active',
    )
    .option(
      '--workers <n>',
      'worker threads for a file (default 0: this thread only); each holds its own copy of --events',
      wholeNumber('workers'),
      0,
    )
    .action((file: string | undefined, options: QualifyOptions) =>
      run(async () => {
        const c = container();
        const criteria = await loadCriteria(options.criteria);
        const model = await modelFor(c, options.model);
        if (options.db === true || file === undefined) {
          if (file !== undefined || options.db !== true) {
            throw new AppError('INPUT_INVALID', {
              message: 'give either a lead file or --db, not both or neither',
            });
          }
          if (options.providers !== undefined)
            throw new AppError('INPUT_INVALID', {
              message: '--providers enriches a lead file; it does not work with --db yet',
            });
          await qualifyStored(c, criteria, options, output, model);
          return;
        }
        const events = options.events === undefined ? undefined : await loadEvents(options.events);
        if (events !== undefined && events.rejected.length > 0) {
          const first = events.rejected[0]!;
          output.err(
            `${options.events}: ${events.rejected.length} event rows rejected, e.g. line ${first.line}: ${first.problem}`,
          );
        }
        if (options.providers !== undefined) {
          if (options.workers > 0)
            throw new AppError('INPUT_INVALID', {
              message: '--providers enriches in this thread: leave out --workers',
            });
          await qualifyEnrichedFile(
            c,
            file,
            criteria,
            events,
            { ...options, providers: options.providers },
            output,
            model,
          );
          return;
        }
        await qualifyAFile(c, file, criteria, events, options, output, model);
      }),
    );
};
