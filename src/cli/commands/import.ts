import type { Command } from 'commander';
import { importLeadFile } from '../../intake/import-lead-file.js';
import { loadColumnMapping } from '../../intake/map/load-column-mapping.js';
import type { CliContext } from '../cli-context.js';
import { formatCount } from '../../domain/format-count.js';

const fmt = formatCount;

/** `leadsift import <file>`: validate, normalize, merge duplicates and store leads. */
export const registerImport = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('import')
    .description(
      'import leads into the database: duplicates merge, rejected rows are kept with their reasons',
    )
    .argument('<file>', 'a CSV, TSV, JSON or JSONL file of leads')
    .option('--json', 'print the summary as JSON')
    .option('--mapping <file>', 'a YAML or JSON column mapping for columns leadsift does not recognise')
    .action((file: string, options: { json?: boolean; mapping?: string }) =>
      run(async () => {
        const c = container();
        const mapping = options.mapping === undefined ? undefined : await loadColumnMapping(options.mapping);
        const store = await c.store();
        const summary = await importLeadFile(
          { clock: c.clock, leads: store.leads, imports: store.imports },
          file,
          {
            ...(mapping === undefined ? {} : { mapping }),
            ...(c.config.defaultCountry === undefined ? {} : { defaultCountry: c.config.defaultCountry }),
          },
        );
        if (options.json === true) {
          output.out(JSON.stringify(summary, null, 2));
          return;
        }
        const { run: r } = summary;
        output.out(`Imported ${file} (run ${r.id})`);
        output.out(
          `  rows ${fmt(r.rowsIn)} = stored ${fmt(r.accepted)} (new ${fmt(r.created)}, merged ${fmt(r.updated)}) + rejected ${fmt(r.rejected)}`,
        );
        output.out(`  companies ${fmt(summary.companies)} created or updated from the leads' company facts`);
        for (const rejection of summary.rejections) {
          output.out(
            `  line ${rejection.line}${rejection.field === undefined ? '' : ` [${rejection.field}]`}: ${rejection.problem}`,
          );
        }
        if (r.rejected > summary.rejections.length) {
          output.out(`  … every rejected row is kept with its reason: leadsift rejections ${r.id}`);
        }
      }),
    );
};
