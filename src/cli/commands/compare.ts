import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import { VERDICTS } from '../../domain/decision.js';
import type { Rejection } from '../../intake/intake-record.js';
import { compareVerdicts, type VerdictComparison } from '../../scoring/compare-verdicts.js';
import { readVerdictTable, verdictPairs, type VerdictTable } from '../../scoring/read-verdict-pairs.js';
import type { CliContext } from '../cli-context.js';
import type { Output } from '../run-action.js';

const SHOWN = 20;
/** The columns `leadsift qualify --llm` writes. */
const LLM = 'llm_verdict';
const MODEL = 'model_verdict';

type Report = VerdictComparison & { readonly skipped: readonly Rejection[] };

const pct = (x: number): string => (Number.isNaN(x) ? '—' : `${(100 * x).toFixed(1)} %`);

const printReport = (output: Output, title: string, names: readonly [string, string], r: Report): void => {
  output.out(
    `${title}: ${r.compared} rows compared (${r.skipped.length} skipped): agreement ${pct(r.agreement)}, Cohen's kappa ${Number.isNaN(r.kappa) ? '—' : r.kappa.toFixed(3)}`,
  );
  const corner = `${names[0]} ↓ / ${names[1]} →`;
  output.out(`\n${corner.padEnd(21)}${VERDICTS.map((v) => v.padStart(14)).join('')}`);
  for (const ours of VERDICTS)
    output.out(
      `${ours.padEnd(Math.max(21, corner.length))}${VERDICTS.map((h) => String(r.matrix[ours][h]).padStart(14)).join('')}`,
    );
  if (r.disagreements.length > 0)
    output.out(
      `\nDisagreements (${r.disagreements.length}${r.disagreements.length > SHOWN ? `, first ${SHOWN}` : ''}):`,
    );
  for (const d of r.disagreements.slice(0, SHOWN))
    output.out(`  line ${d.line}: ${names[0]} ${d.leadsift}, ${names[1]} ${d.human} — ${d.reasons}`);
  for (const s of r.skipped.slice(0, 5)) output.out(`  skipped line ${s.line}: ${s.problem}`);
  output.out('');
};

/** The LLM's verdicts against leadsift's, the model's and people's: a trial before trusting it. */
const llmReports = (table: VerdictTable, human: string | undefined): Record<string, Report> => {
  const against = [
    ['verdict', 'leadsift'] as const,
    ...(table.header.includes(MODEL) ? [[MODEL, 'leadsift'] as const] : []),
    ...(human === undefined ? [] : [[human, 'human'] as const]),
  ];
  return Object.fromEntries(
    against.map(([column, kind]) => {
      const { pairs, skipped } = verdictPairs(table, LLM, column, kind, 'llm_reasons');
      return [column, { ...compareVerdicts(pairs), skipped }];
    }),
  );
};

/** `leadsift compare <qualified> --human <column>`: shadow-mode agreement with people, and the LLM's trial. */
export const registerCompare = (program: Command, { output, run }: CliContext): void => {
  program
    .command('compare')
    .description(
      "agreement between leadsift's verdicts and a human verdict column, and of an LLM's verdicts (qualify --llm) with leadsift's, the model's and people's: confusion matrix, Cohen's kappa, disagreements",
    )
    .argument('<qualified>', 'the output of leadsift qualify (CSV or JSONL with a verdict column)')
    .option(
      '--human <column>',
      'the column holding the human verdict (qualified/yes/accepted, not_qualified/no/rejected, needs_info)',
    )
    .option('--json', 'print JSON')
    .action((file: string, options: { human?: string; json?: boolean }) =>
      run(async () => {
        const table = await readVerdictTable(
          file,
          ['verdict', ...(options.human === undefined ? [] : [options.human])],
          ['reasons', LLM, 'llm_reasons', MODEL],
        );
        const hasLlm = table.rows.some((row) => (row.values[LLM] ?? '') !== '');
        if (options.human === undefined && !hasLlm)
          throw new AppError('INPUT_INVALID', {
            message: `${file}: nothing to compare — give --human <column>, or qualify with --llm <spec> (--sample n) to compare the LLM's verdicts`,
          });
        const main =
          options.human === undefined
            ? undefined
            : (() => {
                const { pairs, skipped } = verdictPairs(table, 'verdict', options.human, 'human');
                return { ...compareVerdicts(pairs), skipped };
              })();
        const llm = hasLlm ? llmReports(table, options.human) : undefined;
        if (options.json === true) {
          output.out(JSON.stringify({ ...main, ...(llm === undefined ? {} : { llm }) }, null, 2));
          return;
        }
        if (main !== undefined && options.human !== undefined)
          printReport(output, `leadsift vs ${options.human}`, ['leadsift', 'human'], main);
        for (const [column, report] of Object.entries(llm ?? {}))
          printReport(
            output,
            `LLM vs ${column}`,
            ['LLM', column === 'verdict' ? 'leadsift' : column],
            report,
          );
      }),
    );
};
