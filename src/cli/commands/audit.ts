import type { Command } from 'commander';
import { formatAudit } from '../../intake/audit/format-audit.js';
import { auditLeadFile } from '../../intake/audit-lead-file.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import { availableParallelism } from 'node:os';
import { startAuditWorker } from '../../adapters/workers/start-audit-worker.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';

/** One worker per core when there are several; on one core, threads would only add overhead. */
const defaultWorkers = (): number => (availableParallelism() > 1 ? availableParallelism() : 0);

/** `leadsift audit <file>`: a data-quality report of a lead file; nothing is stored. */
export const registerAudit = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('audit')
    .description(
      'report the completeness and quality of a lead file before anything is scored (stores nothing)',
    )
    .argument('<file>', 'a CSV, TSV, JSON or JSONL file of leads')
    .option('--json', 'print the report as JSON')
    .option('--mapping <file>', 'a YAML or JSON column mapping for columns leadsift does not recognise')
    .option(
      '--workers <n>',
      'worker threads that normalize records (0: this thread only); default: one per core when there are several',
      wholeNumber('workers'),
      defaultWorkers(),
    )
    .action((file: string, options: { json?: boolean; mapping?: string; workers: number }) =>
      run(async () => {
        const c = container();
        const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
        const report = await auditLeadFile({ clock: c.clock, startWorker: startAuditWorker }, file, {
          workers: options.workers,
          ...(mapping === undefined ? {} : { mapping }),
          ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
        });
        output.out(options.json === true ? JSON.stringify(report, null, 2) : formatAudit(report));
      }),
    );
};
