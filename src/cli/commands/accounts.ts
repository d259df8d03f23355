import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { AccountDecision } from '../../accounts/account-decision.js';
import { findAccount, listAccounts } from '../../accounts/list-accounts.js';
import type { StoreHandle } from '../../adapters/storage/open-store.js';
import { loadCriteria, parseCriteria, type LoadedCriteria } from '../../criteria/load-criteria.js';
import { AppError } from '../../domain/app-error.js';
import { formatCount } from '../../domain/format-count.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';

const TEMPLATE = fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url));

/** `--criteria`, else the criteria the service has active, else the BANT template. */
const criteriaFor = async (store: StoreHandle, file: string | undefined): Promise<LoadedCriteria> => {
  if (file !== undefined) return loadCriteria(file);
  const active = await store.service.activeCriteria();
  if (active !== undefined) return parseCriteria(active.text, `criteria ${active.version}`);
  return loadCriteria(TEMPLATE);
};

const signed = (n: number): string => (n > 0 ? `+${n}` : n < 0 ? `${n}` : '');

/** One account as text: its line of figures, then its reasons (`reasons` of them; all when undefined). */
export const formatAccount = (a: AccountDecision, rank: number, reasons?: number): string => {
  const name = a.name === undefined || a.keyedBy === 'name' ? '' : `  ${a.name}`;
  const subs = a.subsidiaries.length === 0 ? '' : `  (+${a.subsidiaries.length} subsidiaries)`;
  const head =
    `${String(rank).padStart(3)}. ${a.keyedBy === 'name' ? (a.name ?? a.key) : a.key}${name}${subs}\n` +
    `     ${a.verdict}  score ${a.score}  grade ${a.grade}  fit ${a.fit.scored ? a.fit.score : '-'}  intent ${a.intent.score}` +
    `  engaged ${a.engagement.engaged}/${a.engagement.contacts}  committee ${a.committee.filled}/${a.committee.seats.length}`;
  const shown = reasons === undefined ? a.reasons : a.reasons.slice(0, reasons);
  const lines = shown.map((r) => `     · ${r.text}${r.effect === 0 ? '' : ` (${signed(r.effect)})`}`);
  if (reasons !== undefined && a.reasons.length > reasons)
    lines.push(`     · … ${a.reasons.length - reasons} more`);
  if (reasons === undefined) {
    for (const s of a.subsidiaries)
      lines.push(
        `     subsidiary ${s.key}: ${s.contacts} contact${s.contacts === 1 ? '' : 's'} (its leads name "${s.parent.value}" as parent)`,
      );
    if (a.domains.length > 1) lines.push(`     domains ${a.domains.join(', ')}`);
  }
  return [head, ...lines].join('\n');
};

/** `leadsift accounts [key]`: the stored leads grouped into accounts, each scored with reasons. */
export const registerAccounts = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('accounts')
    .description(
      'group the stored leads into accounts (company domain; subsidiaries under their parent) and score each: fit, engaged contacts, buying-committee coverage, account intent',
    )
    .argument('[key]', 'show one account in full: a domain, a subsidiary domain, or name:<company>')
    .option('--criteria <file>', 'criteria YAML (default: the active criteria, else the BANT template)')
    .option('--limit <n>', 'how many accounts to print, best first', wholeNumber('limit'), 20)
    .option('--json', 'print JSON: every account decision with its reasons, contacts and committee')
    .action((key: string | undefined, options: { criteria?: string; limit: number; json?: boolean }) =>
      run(async () => {
        const c = container();
        const store = await c.store();
        const criteria = await criteriaFor(store, options.criteria);
        const report = await listAccounts({ leads: store.leads, clock: c.clock }, criteria);
        if (key !== undefined) {
          const account = findAccount(report.accounts, key);
          if (account === undefined)
            throw new AppError('NOT_FOUND', { message: `no account ${key} among the stored leads` });
          output.out(options.json === true ? JSON.stringify(account, null, 2) : formatAccount(account, 1));
          return;
        }
        const shown = report.accounts.slice(0, options.limit);
        if (options.json === true) {
          const { accounts, ...rest } = report;
          output.out(JSON.stringify({ ...rest, total: accounts.length, accounts: shown }, null, 2));
          return;
        }
        const counts = { qualified: 0, needs_info: 0, not_qualified: 0 };
        for (const a of report.accounts) counts[a.verdict] += 1;
        output.out(
          `${criteria.name} (${criteria.version}): ${formatCount(report.accounts.length)} accounts from ${formatCount(report.leads)} leads` +
            ` — ${counts.qualified} qualified, ${counts.needs_info} need info, ${counts.not_qualified} not qualified` +
            (report.unassigned.length === 0
              ? ''
              : `; ${formatCount(report.unassigned.length)} leads without a company`),
        );
        shown.forEach((a, i) => output.out(formatAccount(a, i + 1, 4)));
        if (report.accounts.length > shown.length)
          output.out(`… ${formatCount(report.accounts.length - shown.length)} more (--limit)`);
      }),
    );
};
