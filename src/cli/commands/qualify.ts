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
  decideLeads,
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
import { parseNow } from '../parse-now.js';
import { wholeNumber } from '../whole-number.js';
import { formatCount } from '../../domain/format-count.js';
import { loadModelFile } from '../../scoring/model/load-model.js';
import { createModelRuntime, type ModelRuntime } from '../../scoring/model/model-runtime.js';
import type { LlmScorer } from '../../scoring/decide-with-llm.js';
import { LlmTally } from '../../scoring/llm-tally.js';
import { addLlmOptions, llmScorerFor, type LlmOptions } from '../llm-options.js';

interface QualifyOptions extends LlmOptions {
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
  sample?: number;
  seed: number;
  now?: string;
}

/** What scores beside the rules in this run. */
interface Scorers {
  readonly model: ModelRuntime | undefined;
  readonly llm: LlmScorer | undefined;
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
  { model, llm }: Scorers,
): Promise<void> => {
  const store = await c.store();
  const format = formatOf(options);
  const outputs = options.out === undefined ? undefined : await openOutputs(options, format, STORED_COLUMNS);
  const summary = new DecisionSummary();
  const tally = new LlmTally();
  const tick = progressLine(Date.now(), await store.leads.countLeads());
  try {
    for await (const page of qualifyStoredLeads(
      { clock: c.clock, leads: store.leads },
      criteria,
      model,
      llm,
    )) {
      for (const { decision } of page) {
        summary.add(decision);
        tally.add(decision);
      }
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
    `${criteria.name} (${criteria.version})${modelNote(model)}: ${formatCount(summary.decided)} stored leads decided, decisions saved\n${summary.format()}${llmNote(llm, tally)}`,
  );
};

const llmNote = (llm: LlmScorer | undefined, tally: LlmTally): string =>
  llm === undefined ? '' : `\n\n${tally.format(llm.client.model, llm.policy, llm.client.totals())}`;

/** Writes one batch of decided rows (and its rejected rows) and counts it in the summary. */
const writeBatch = async (
  outputs: { readonly out: TextSink; readonly rejects: TextSink | undefined },
  counts: { readonly summary: DecisionSummary; readonly tally: LlmTally },
  header: readonly string[],
  format: Format,
  batch: QualifiedBatch,
): Promise<void> => {
  const { summary, tally } = counts;
  for (const row of batch.rows) {
    summary.add(row.decision);
    tally.add(row.decision);
  }
  summary.rejected += batch.rejected.length;
  summary.notSampled += batch.notSampled ?? 0;
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
  { model, llm }: Scorers,
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
    ...(llm === undefined ? {} : { llm }),
    ...(options.sample === undefined ? {} : { sample: { size: options.sample, seed: options.seed } }),
  });
  const format = formatOf(options);
  const { out, rejects } = await openOutputs(options, format, qualifying.header);
  const summary = new DecisionSummary();
  const tally = new LlmTally();
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
        await writeBatch({ out, rejects }, { summary, tally }, qualifying.header, format, batch);
        tick(summary.decided + summary.rejected + summary.notSampled);
      }
    }
  } finally {
    await out.close();
    await rejects?.close();
  }
  tick(summary.decided + summary.rejected + summary.notSampled, true);
  output.err(
    `${criteria.name} (${criteria.version})${modelNote(model)}\n${summary.format()}${llmNote(llm, tally)}`,
  );
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
  { model, llm }: Scorers,
): Promise<void> => {
  const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
  const clock = fixedClock(c.clock.now());
  const store = await c.store();
  const enriched = await enrichFile({ clock, cache: store.enrichmentCache, env: process.env }, file, {
    config: await loadProvidersConfig(options.providers),
    configPath: options.providers,
    ...(mapping === undefined ? {} : { mapping }),
  });
  const decisions = await decideLeads(
    { clock },
    criteria,
    enriched.rows.map((r) => ({ lead: r.draft, activities: activitiesOf(events, r.draft) })),
    scorerFor({ clock }, model),
    llm,
  );
  const rows = enriched.rows.map((r, i) => ({ line: r.line, raw: r.raw, decision: decisions[i]! }));
  const format = formatOf(options);
  const { out, rejects } = await openOutputs(options, format, enriched.header);
  const summary = new DecisionSummary();
  const tally = new LlmTally();
  try {
    await writeBatch({ out, rejects }, { summary, tally }, enriched.header, format, {
      rows,
      rejected: enriched.rejected,
    });
  } finally {
    await out.close();
    await rejects?.close();
  }
  output.err(
    `${enriched.summary.format()}\n\n${criteria.name} (${criteria.version})${modelNote(model)}\n${summary.format()}${llmNote(llm, tally)}`,
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

/** Leads in a row without an LLM opinion, for a reason not theirs, that stop a file's run. */
const LLM_STOP_AFTER = 10;

/** The LLM of `--llm`, its answers cached in the store; a run stops when it proves unusable. */
const llmFor = async (c: Container, options: QualifyOptions): Promise<LlmScorer | undefined> =>
  options.llm === undefined
    ? undefined
    : llmScorerFor(
        options,
        { cache: (await c.store()).llmCache, clock: c.clock, env: process.env },
        { stopAfter: LLM_STOP_AFTER },
      );

const modelNote = (model: ModelRuntime | undefined): string =>
  model === undefined
    ? ''
    : ` with ${model.document.version} (AUC ${model.document.evaluation.auc?.toFixed(3) ?? 'n/a'} when trained)`;

/** `leadsift qualify <file> --criteria <yaml>`: file in, file out, no database; or `--db`. */
export const registerQualify = (program: Command, { container, output, run }: CliContext): void => {
  const command = program.command('qualify');
  addLlmOptions(command);
  command
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
      '--sample <n>',
      'decide only a random sample of n accepted rows (a trial of --llm before trusting it; compare the output with leadsift compare)',
      wholeNumber('sample'),
    )
    .option('--seed <n>', 'the seed of --sample', wholeNumber('seed'), 1)
    .option(
      '--workers <n>',
      'worker threads for a file (default 0: this thread only); each holds its own copy of --events',
      wholeNumber('workers'),
      0,
    )
    .option(
      '--now <iso>',
      'decide as of this time instead of the clock (event ages and intent decay count from it; two runs then agree exactly)',
    )
    .action((file: string | undefined, options: QualifyOptions) =>
      run(async () => {
        const started = container();
        const c: Container =
          options.now === undefined ? started : { ...started, clock: fixedClock(parseNow(options.now)) };
        const criteria = await loadCriteria(options.criteria);
        const model = await modelFor(c, options.model);
        if (options.workers > 0 && (options.llm !== undefined || options.sample !== undefined))
          throw new AppError('INPUT_INVALID', {
            message:
              '--llm and --sample run in this thread (the LLM waits on the network): leave out --workers',
          });
        if (options.sample !== undefined && options.sample < 1)
          throw new AppError('INPUT_INVALID', { message: '--sample must be at least 1' });
        const scorers: Scorers = { model, llm: await llmFor(c, options) };
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
          if (options.sample !== undefined)
            throw new AppError('INPUT_INVALID', {
              message: '--sample samples a lead file; it does not work with --db',
            });
          await qualifyStored(c, criteria, options, output, scorers);
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
          if (options.sample !== undefined)
            throw new AppError('INPUT_INVALID', {
              message:
                '--sample does not work with --providers yet: qualify a sample first, or enrich a smaller file',
            });
          await qualifyEnrichedFile(
            c,
            file,
            criteria,
            events,
            { ...options, providers: options.providers },
            output,
            scorers,
          );
          return;
        }
        await qualifyAFile(c, file, criteria, events, options, output, scorers);
      }),
    );
};
