import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { installDemo } from '../../demo/install-demo.js';
import { formatAudit } from '../../intake/audit/format-audit.js';
import { auditLeadFile } from '../../intake/audit-lead-file.js';
import { loadCriteria } from '../../criteria/load-criteria.js';
import type { StoredDecision } from '../../scoring/qualify-stored-leads.js';
import { qualifyDemoAsArrived } from '../../demo/qualify-demo-as-arrived.js';
import { DecisionSummary } from '../../scoring/summarize-decisions.js';
import type { CliContext } from '../cli-context.js';
import type { Output } from '../run-action.js';
import { learnFromDemoOutcomes, qualifyWithModel } from './demo-model.js';
import { serveDemo } from './demo-serve.js';

/** The criteria the demo qualifies its leads with: a template shipped with the package. */
const TEMPLATE = fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url));
import { wholeNumber } from '../whole-number.js';
import { formatLead } from './leads.js';
import { formatCount } from '../../domain/format-count.js';

const fmt = formatCount;

/** `leadsift demo`: generate a seeded demo set, write it as CSV, audit it, load it into the database and qualify it. */
export const registerDemo = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('demo')
    .description(
      'generate realistic, seeded B2B demo leads with events and outcomes; write CSV files and load them into the database',
    )
    .option('--seed <n>', 'random seed: the same seed gives the same data', wholeNumber('seed'), 42)
    .option('--leads <n>', 'how many lead rows', wholeNumber('leads'), 500)
    .option('--out <dir>', 'where to write the CSV files', 'demo-data')
    .option('--serve', 'then start the service on the demo data and print its URL and an API key')
    .option('--host <host>', 'with --serve: address to listen on', '127.0.0.1')
    .option('--port <port>', 'with --serve: port to listen on', wholeNumber('port'), 8080)
    .action(
      (options: { seed: number; leads: number; out: string; serve?: boolean; host: string; port: number }) =>
        run(async () => {
          const c = container();
          const dir = resolve(options.out);
          const store = await c.store();
          output.out(
            `Generating ${fmt(options.leads)} demo leads (seed ${options.seed}) into ${dir} and the ${store.dialect} database…\n`,
          );
          const demo = await installDemo(
            { clock: c.clock, leads: store.leads, imports: store.imports },
            { ...options, dir },
          );
          output.out(formatAudit(await auditLeadFile({ clock: c.clock }, `${dir}/leads.csv`)));
          const r = demo.import.run;
          output.out('');
          output.out(`Loaded into the database (import run ${r.id}):`);
          output.out(
            `  rows ${fmt(r.rowsIn)} = stored ${fmt(r.accepted)} (new ${fmt(r.created)}, merged ${fmt(r.updated)}) + rejected ${fmt(r.rejected)}`,
          );
          for (const [name, n] of [
            ['events', demo.events],
            ['outcomes', demo.outcomes],
          ] as const) {
            const again = n.already === 0 ? '' : `, ${fmt(n.already)} already there from an earlier demo run`;
            output.out(
              `  ${name} ${fmt(n.stored)} stored (${fmt(n.skipped)} belonged to rejected rows${again})`,
            );
          }
          output.out(`  files: ${demo.files.join(', ')}`);
          const criteria = await loadCriteria(TEMPLATE);
          const summary = new DecisionSummary();
          let example: StoredDecision | undefined;
          for await (const page of qualifyDemoAsArrived({ leads: store.leads }, criteria)) {
            for (const result of page) {
              summary.add(result.decision);
              if (
                result.decision.verdict === 'qualified' &&
                (example === undefined || result.decision.score > example.decision.score)
              )
                example = result;
            }
          }
          output.out(
            `\nQualified with ${criteria.name} (examples/criteria/bant.yaml, ${criteria.version}), each lead as the service decided it when it arrived, on the events known by then:`,
          );
          output.out(summary.format());
          const model = await learnFromDemoOutcomes(c, output);
          const moved = model === undefined ? undefined : await qualifyWithModel(c, criteria, model, output);
          if (moved !== undefined) explain(output, 'A lead the model moved, with its reasons:', moved);
          else if (example !== undefined)
            explain(
              output,
              'The best-scoring qualified lead, with where each fact came from and why:',
              example,
            );
          if (options.serve === true) {
            await serveDemo(c, output, { criteriaPath: TEMPLATE, host: options.host, port: options.port });
            return;
          }
          output.out(
            `\nNext, with npm run leadsift -- <command> (or leadsift <command> once installed):\n  leads list · leads show <id> · rejections ${r.id} · audit <your file> · qualify <your file> --criteria examples/criteria/bant.yaml · models list · train <history> --label <column> --out model.json`,
          );
        }),
    );
};

/** Prints a lead with its facts and a decision with its reasons. */
const explain = (output: Output, title: string, example: StoredDecision): void => {
  output.out(`\n${title}`);
  output.out(formatLead(example.lead));
  const d = example.decision;
  output.out(
    `Decision: ${d.verdict}, score ${d.score}, grade ${d.grade}, playbook ${d.playbook ?? 'default'}`,
  );
  for (const r of d.reasons)
    output.out(
      `  ${r.effect > 0 ? '+' : r.effect < 0 ? '−' : ' '} ${r.text}${r.effect === 0 ? '' : ` (${r.effect > 0 ? '+' : ''}${r.effect})`}`,
    );
};
