import { resolve } from 'node:path';
import type { Command } from 'commander';
import { installDemo } from '../../demo/install-demo.js';
import { formatAudit } from '../../intake/audit/format-audit.js';
import { auditLeadFile } from '../../intake/audit-lead-file.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';
import { formatLead } from './leads.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** `leadsift demo`: generate a seeded demo set, write it as CSV, audit it and load it into the database. */
export const registerDemo = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('demo')
    .description(
      'generate realistic, seeded B2B demo leads with events and outcomes; write CSV files and load them into the database',
    )
    .option('--seed <n>', 'random seed: the same seed gives the same data', wholeNumber('seed'), 42)
    .option('--leads <n>', 'how many lead rows', wholeNumber('leads'), 500)
    .option('--out <dir>', 'where to write the CSV files', 'demo-data')
    .action((options: { seed: number; leads: number; out: string }) =>
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
        output.out(
          `  events ${fmt(demo.events.stored)} stored (${fmt(demo.events.skipped)} belonged to rejected rows)`,
        );
        output.out(
          `  outcomes ${fmt(demo.outcomes.stored)} stored (${fmt(demo.outcomes.skipped)} belonged to rejected rows)`,
        );
        output.out(`  files: ${demo.files.join(', ')}`);
        const first = (await store.leads.listLeads({ limit: 1 })).leads[0];
        if (first !== undefined) {
          output.out('\nOne stored lead, with where each fact came from:');
          output.out(formatLead(first));
        }
        output.out(
          `\nNext, with npm run leadsift -- <command> (or leadsift <command> once installed):\n  leads list · leads show <id> · rejections ${r.id} · audit <your file>`,
        );
      }),
    );
};
