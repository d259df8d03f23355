import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import type { CliContext } from '../cli-context.js';

/** `leadsift rejections <run>`: every row an import rejected, with its line and reason. */
export const registerRejections = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('rejections')
    .description('list the rows an import rejected, with their line, field and problem')
    .argument('<run-id>', 'the import run id that `leadsift import` printed')
    .option('--json', 'print JSON, with each raw row')
    .action((runId: string, options: { json?: boolean }) =>
      run(async () => {
        const store = await container().store();
        const importRun = await store.imports.getImportRun(runId);
        if (importRun === undefined) throw new AppError('NOT_FOUND', { message: `no import run ${runId}` });
        const rejections = await store.imports.listRejections(runId);
        if (options.json === true) {
          output.out(JSON.stringify({ run: importRun, rejections }, null, 2));
          return;
        }
        output.out(`${importRun.file}: ${importRun.rejected} of ${importRun.rowsIn} rows rejected`);
        for (const r of rejections)
          output.out(`  line ${r.line}${r.field === undefined ? '' : ` [${r.field}]`}: ${r.problem}`);
      }),
    );
};
