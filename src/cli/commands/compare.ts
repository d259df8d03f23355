import type { Command } from 'commander';
import { VERDICTS } from '../../domain/decision.js';
import { compareVerdicts } from '../../scoring/compare-verdicts.js';
import { readVerdictPairs } from '../../scoring/read-verdict-pairs.js';
import type { CliContext } from '../cli-context.js';

const SHOWN = 20;

/** `leadsift compare <qualified> --human <column>`: shadow-mode agreement with people. */
export const registerCompare = (program: Command, { output, run }: CliContext): void => {
  program
    .command('compare')
    .description(
      "agreement between leadsift's verdicts and a human verdict column: confusion matrix, Cohen's kappa, disagreements",
    )
    .argument('<qualified>', 'the output of leadsift qualify (CSV or JSONL with a verdict column)')
    .requiredOption(
      '--human <column>',
      'the column holding the human verdict (qualified/yes/accepted, not_qualified/no/rejected, needs_info)',
    )
    .option('--json', 'print JSON')
    .action((file: string, options: { human: string; json?: boolean }) =>
      run(async () => {
        const { pairs, skipped } = await readVerdictPairs(file, options.human);
        const report = compareVerdicts(pairs);
        if (options.json === true) {
          output.out(JSON.stringify({ ...report, skipped }, null, 2));
          return;
        }
        const pct = (x: number): string => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)} %`);
        output.out(
          `${report.compared} rows compared (${skipped.length} skipped): agreement ${pct(report.agreement)}, Cohen's kappa ${Number.isNaN(report.kappa) ? '—' : report.kappa.toFixed(3)}`,
        );
        output.out(`\nleadsift ↓ / human →  ${VERDICTS.map((v) => v.padStart(14)).join('')}`);
        for (const ours of VERDICTS)
          output.out(
            `${ours.padEnd(21)}${VERDICTS.map((h) => String(report.matrix[ours][h]).padStart(14)).join('')}`,
          );
        if (report.disagreements.length > 0)
          output.out(
            `\nDisagreements (${report.disagreements.length}${report.disagreements.length > SHOWN ? `, first ${SHOWN}` : ''}):`,
          );
        for (const d of report.disagreements.slice(0, SHOWN))
          output.out(`  line ${d.line}: leadsift ${d.leadsift}, human ${d.human} — ${d.reasons}`);
        for (const s of skipped.slice(0, 5)) output.out(`  skipped line ${s.line}: ${s.problem}`);
      }),
    );
};
