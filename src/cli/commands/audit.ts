import type { Command } from 'commander';
import { formatAudit } from '../../intake/audit/format-audit.js';
import { auditLeadFile } from '../../intake/audit-lead-file.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import type { CliContext } from '../cli-context.js';

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
    .action((file: string, options: { json?: boolean; mapping?: string }) =>
      run(async () => {
        const c = container();
        const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
        const report = await auditLeadFile({ clock: c.clock }, file, {
          ...(mapping === undefined ? {} : { mapping }),
          ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
        });
        output.out(options.json === true ? JSON.stringify(report, null, 2) : formatAudit(report));
      }),
    );
};
