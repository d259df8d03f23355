import { extname } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { enrichFile, type EnrichedRow } from '../../enrichment/enrich-file.js';
import { loadProvidersConfig } from '../../enrichment/providers-config.js';
import { ENRICHABLE_FIELDS, type EnrichableField, type ProvidedValue } from '../../enrichment/provider.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import type { CliContext } from '../cli-context.js';
import { progressLine } from '../progress-line.js';
import { textSink } from '../qualify-output.js';
import { wholeNumber } from '../whole-number.js';

interface EnrichOptions {
  providers: string;
  out?: string;
  format?: 'csv' | 'jsonl';
  budget?: number;
  mapping?: string;
  json?: boolean;
}

const text = (v: ProvidedValue): string =>
  typeof v === 'string'
    ? v
    : Array.isArray(v)
      ? v.join('; ')
      : `${(v as { min: number }).min}${(v as { max?: number }).max === undefined ? '+' : `-${(v as { max: number }).max}`}`;

/** A row as CSV: the input columns, one column per wanted field (found values only), and where each came from. */
const csvRow = (
  header: readonly string[],
  fields: readonly EnrichableField[],
  row: EnrichedRow,
): string[] => {
  const found = new Map(row.enrichment.fields.map((f) => [f.field, f]));
  return [
    ...header.map((h) => row.raw[h] ?? ''),
    ...fields.map((f) => {
      const v = found.get(f);
      return v === undefined ? '' : text(v.value);
    }),
    row.enrichment.fields.map((f) => `${f.field} ← ${f.provider} (${f.confidence})`).join('; '),
  ];
};

/** `leadsift enrich <leads> --providers <yaml>`: fill the gaps of a lead file from a waterfall of providers. */
export const registerEnrich = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('enrich')
    .description(
      'fill missing lead and company fields from providers tried in order (file, email-pattern, http), with a cache, budgets and provenance',
    )
    .argument('<leads>', 'a CSV, TSV, JSON or JSONL file of leads')
    .requiredOption(
      '--providers <file>',
      'the providers YAML (order, minimum confidence, budgets; see examples/providers)',
    )
    .option('--out <file>', 'where to write the enriched rows (default: standard output)')
    .option('--format <format>', 'csv or jsonl (default: from --out, else csv)')
    .option(
      '--budget <cents>',
      'the most this run may spend, in cents (overrides the providers file)',
      wholeNumber('budget'),
    )
    .option('--mapping <file>', 'a YAML or JSON column mapping')
    .option('--json', 'print the summary as JSON')
    .action((file: string, o: EnrichOptions) =>
      run(async () => {
        const c = container();
        const config = await loadProvidersConfig(o.providers);
        const store = await c.store();
        const mapping = o.mapping === undefined ? undefined : await loadColumnMapping(o.mapping);
        const tick = progressLine(Date.now(), 0);
        const result = await enrichFile(
          { clock: c.clock, cache: store.enrichmentCache, env: process.env },
          file,
          {
            config,
            configPath: o.providers,
            ...(mapping === undefined ? {} : { mapping }),
            ...(o.budget === undefined ? {} : { budgetCents: o.budget }),
          },
          (done) => tick(done),
        );
        const format =
          o.format ??
          (o.out !== undefined && ['.jsonl', '.ndjson'].includes(extname(o.out)) ? 'jsonl' : 'csv');
        const fields = config.fields ?? ENRICHABLE_FIELDS;
        const out = textSink(o.out);
        try {
          if (format === 'jsonl')
            for (const r of result.rows)
              await out.write(
                `${JSON.stringify({ line: r.line, input: r.raw, enriched: r.enrichment.fields, conflicts: r.enrichment.conflicts, calls: r.enrichment.calls, person: r.draft.person, company: r.draft.company })}\n`,
              );
          else {
            await out.write(
              stringify([[...result.header, ...fields.map((f) => `enriched ${f}`), 'enrichment sources']]),
            );
            await out.write(stringify(result.rows.map((r) => csvRow(result.header, fields, r))));
          }
        } finally {
          await out.close();
        }
        tick(result.rows.length, true);
        if (o.json === true) output.err(JSON.stringify(result.summary.toJSON(), null, 2));
        else output.err(result.summary.format());
        for (const r of result.rejected.slice(0, 5)) output.err(`  rejected line ${r.line}: ${r.problem}`);
      }),
    );
};
