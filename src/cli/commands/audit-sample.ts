import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import { AUDIT_RESULTS, type AuditResult } from '../../learning/audit-sample.js';
import { readAuditSample, type AuditSampleView } from '../../learning/read-audit-sample.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';
import { DB_HELP, withStore } from './learning-store-option.js';

const day = (iso: string): string => iso.slice(0, 10);

/** The audit sample in words: the rate and its counts, then one line per lead. */
export const formatAuditSample = (view: AuditSampleView): string => {
  const { counts } = view;
  const head = `False-negative audit: ${counts.drawn} drawn (${Math.round(view.share * 1000) / 10} % of not-qualified leads), ${counts.followedUp} followed up, ${counts.foundGood} found good. ${view.falseNegativeRate.text}.`;
  const lines = view.leads.map((e) => {
    const found =
      e.result === undefined
        ? 'pending'
        : `${e.result} (${e.followedUpBy ?? '?'}${e.note === undefined ? '' : `: ${e.note}`})`;
    const outcomes = e.outcomes.length === 0 ? 'no outcome yet' : e.outcomes.join(', ');
    return `  ${e.leadId}  ${e.name}  disqualified ${day(e.decidedAt)}  ${found}  [${outcomes}]`;
  });
  return [head, ...(lines.length === 0 ? ['  No lead drawn yet.'] : lines)].join('\n');
};

const result = (value: string): AuditResult => {
  const found = AUDIT_RESULTS.find((r) => r === value.trim().toLowerCase());
  if (found === undefined)
    throw new AppError('INPUT_INVALID', { message: `"${value}" is not a result; use good or bad` });
  return found;
};

const share = (value: string): number => {
  const n = Number(value.replace(/%$/, '')) / (value.endsWith('%') ? 100 : 1);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new AppError('INPUT_INVALID', {
      message: `"${value}" is not a share; give a fraction from 0 to 1 (0.02) or a percentage (2%)`,
    });
  return n;
};

/** `leadsift audit-sample [list|record|share]`: the false-negative audit from the command line. */
export const registerAuditSample = (program: Command, ctx: CliContext): void => {
  const audit = program
    .command('audit-sample')
    .description('the false-negative audit: not-qualified leads drawn at random for a person to follow up');
  audit
    .command('list', { isDefault: true })
    .description('draw the decisions made since the last draw, then list the sample, newest decision first')
    .option('--db <url>', DB_HELP)
    .option('--pending', 'only the leads not followed up yet')
    .option('--limit <n>', 'at most n leads', wholeNumber('limit'), 50)
    .option('--json', 'print JSON')
    .action((o: { db?: string; pending?: boolean; limit: number; json?: boolean }) =>
      ctx.run(async () => {
        const now = ctx.container().clock.now();
        const view = await withStore(ctx, o.db, (store) =>
          readAuditSample(store, now, {
            limit: o.limit,
            ...(o.pending === true ? { status: 'pending' } : {}),
          }),
        );
        ctx.output.out(o.json === true ? JSON.stringify(view, null, 2) : formatAuditSample(view));
      }),
    );
  audit
    .command('record')
    .description('record what following up an audited lead found: good (a false negative) or bad')
    .argument('<leadId>', 'a lead in the sample')
    .argument('<result>', 'good or bad')
    .option('--note <text>', 'what was found')
    .option('--by <name>', 'who followed it up', 'cli')
    .option('--db <url>', DB_HELP)
    .action((leadId: string, given: string, o: { note?: string; by: string; db?: string }) =>
      ctx.run(async () => {
        const found = result(given);
        const at = new Date(ctx.container().clock.now()).toISOString();
        const entry = await withStore(ctx, o.db, (store) =>
          store.learning.recordAuditResult(leadId, {
            result: found,
            by: o.by,
            at,
            ...(o.note === undefined ? {} : { note: o.note }),
          }),
        );
        ctx.output.out(`Recorded ${entry.leadId} as ${entry.result ?? found} by ${o.by}.`);
      }),
    );
  audit
    .command('share')
    .description('set the share of not-qualified leads drawn from now on')
    .argument('<share>', 'a fraction (0.02) or a percentage (2%)')
    .option('--db <url>', DB_HELP)
    .action((given: string, o: { db?: string }) =>
      ctx.run(async () => {
        const value = share(given);
        const at = new Date(ctx.container().clock.now()).toISOString();
        const settings = await withStore(ctx, o.db, (store) => store.learning.setAuditShare(value, at));
        ctx.output.out(
          `The audit sample draws ${Math.round(settings.share * 1000) / 10} % of not-qualified leads from now on.`,
        );
      }),
    );
};
