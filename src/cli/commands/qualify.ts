import { extname } from 'node:path';
import type { Command } from 'commander';
import { loadCriteria, type LoadedCriteria } from '../../criteria/load-criteria.js';
import type { Container } from '../../container.js';
import { AppError } from '../../domain/app-error.js';
import { qualifyStoredLeads } from '../../scoring/qualify-stored-leads.js';
import type { Output } from '../run-action.js';
import { estimateRows, progressLine } from '../progress-line.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import { loadEvents } from '../../scoring/load-events.js';
import { qualifyFile } from '../../scoring/qualify-file.js';
import { DecisionSummary } from '../../scoring/summarize-decisions.js';
import type { CliContext } from '../cli-context.js';
import {
  DECISION_COLUMNS,
  csvRow,
  csvSink,
  jsonRow,
  jsonlSink,
  rejectRow,
  type RowSink,
} from '../qualify-output.js';

interface QualifyOptions {
  criteria: string;
  db?: boolean;
  out?: string;
  format?: 'csv' | 'jsonl';
  rejects?: string;
  events?: string;
  mapping?: string;
}

const formatOf = (options: QualifyOptions): 'csv' | 'jsonl' =>
  options.format ??
  (options.out !== undefined && ['.jsonl', '.ndjson'].includes(extname(options.out)) ? 'jsonl' : 'csv');

/** The input columns of a stored lead's output row. */
const STORED_COLUMNS = ['lead_id', 'email'];

/** Qualify the stored leads, save the decisions, and write them to --out when given. */
const qualifyStored = async (
  c: Container,
  criteria: LoadedCriteria,
  options: QualifyOptions,
  output: Output,
): Promise<void> => {
  const store = await c.store();
  const format = formatOf(options);
  const out =
    options.out === undefined
      ? undefined
      : format === 'jsonl'
        ? jsonlSink(options.out)
        : csvSink(options.out, [...STORED_COLUMNS, ...DECISION_COLUMNS]);
  const summary = new DecisionSummary();
  const tick = progressLine(Date.now(), await store.leads.countLeads());
  try {
    for await (const page of qualifyStoredLeads({ clock: c.clock, leads: store.leads }, criteria)) {
      for (const { lead, decision } of page) {
        summary.add(decision);
        const row = { line: 0, raw: { lead_id: lead.id, email: lead.person.email?.value ?? '' }, decision };
        await out?.write(format === 'jsonl' ? { leadId: lead.id, ...decision } : csvRow(STORED_COLUMNS, row));
      }
      tick(summary.decided);
    }
  } finally {
    await out?.close();
  }
  tick(summary.decided, true);
  output.err(
    `${criteria.name} (${criteria.version}): ${summary.decided.toLocaleString('en-US')} stored leads decided, decisions saved\n${summary.format()}`,
  );
};

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
    .action((file: string | undefined, options: QualifyOptions) =>
      run(async () => {
        const c = container();
        const criteria = await loadCriteria(options.criteria);
        if (options.db === true || file === undefined) {
          if (file !== undefined || options.db !== true) {
            throw new AppError('INPUT_INVALID', {
              message: 'give either a lead file or --db, not both or neither',
            });
          }
          await qualifyStored(c, criteria, options, output);
          return;
        }
        const events = options.events === undefined ? undefined : await loadEvents(options.events);
        if (events !== undefined && events.rejected.length > 0) {
          output.err(
            `${options.events}: ${events.rejected.length} event rows rejected, e.g. line ${events.rejected[0]!.line}: ${events.rejected[0]!.problem}`,
          );
        }
        const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
        const qualifying = await qualifyFile({ clock: c.clock }, file, {
          criteria,
          ...(events === undefined ? {} : { events }),
          ...(mapping === undefined ? {} : { mapping }),
          ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
        });
        const format = formatOf(options);
        const out: RowSink =
          format === 'jsonl'
            ? jsonlSink(options.out)
            : csvSink(options.out, [...qualifying.header, ...DECISION_COLUMNS]);
        const rejects =
          options.rejects === undefined
            ? undefined
            : csvSink(options.rejects, ['line', 'field', 'problem', ...qualifying.header]);
        const summary = new DecisionSummary();
        const tick = progressLine(Date.now(), estimateRows(file));
        try {
          for await (const batch of qualifying.batches) {
            for (const row of batch.rows) {
              summary.add(row.decision);
              await out.write(format === 'jsonl' ? jsonRow(row) : csvRow(qualifying.header, row));
            }
            for (const rejection of batch.rejected) {
              summary.rejected++;
              await rejects?.write(rejectRow(qualifying.header, rejection));
            }
            tick(summary.decided + summary.rejected);
          }
        } finally {
          await out.close();
          await rejects?.close();
        }
        tick(summary.decided + summary.rejected, true);
        output.err(`${criteria.name} (${criteria.version})\n${summary.format()}`);
      }),
    );
};
