import type { Command } from 'commander';
import { loadActionsConfig } from '../../actions/actions-config.js';
import { resolveActionsConfig } from '../../actions/resolve-actions-config.js';
import { openStore } from '../../adapters/storage/open-store.js';
import { loadChannelsConfig } from '../../channels/channels-config.js';
import { AppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import { formatCount } from '../../domain/format-count.js';
import { loadHygieneConfig } from '../../hygiene/hygiene-config.js';
import { DEFAULT_REEVALUATE_OPTIONS } from '../../hygiene/reevaluate-stored-leads.js';
import type { ReevaluationSummary } from '../../hygiene/reevaluate-stored-leads.js';
import { reevaluateStore } from '../../scheduler/reevaluate-task.js';
import type { CliContext } from '../cli-context.js';
import { parseNow } from '../parse-now.js';
import { wholeNumber } from '../whole-number.js';

/** The run's counts as lines that add up. */
export const formatReevaluation = (s: ReevaluationSummary): string =>
  [
    `Re-evaluated ${formatCount(s.reevaluated)} of ${formatCount(s.stored)} stored leads at ${s.at}${s.complete ? '' : ' (stopped before the end)'}` +
      `${s.undecided === 0 ? '' : `; ${formatCount(s.undecided)} never decided are left to the qualify pipeline`}.`,
    `  ${formatCount(s.movedUp)} moved up, ${formatCount(s.movedDown)} moved down, ${formatCount(s.rescored)} re-scored (same verdict), ${formatCount(s.unchanged)} unchanged, ${formatCount(s.failed)} failed.`,
    `  Requalified: ${formatCount(s.routed)} routed again (${formatCount(s.rerouted)} re-scored to another destination, ${formatCount(s.reviews)} to review), ${formatCount(s.actions)} actions queued${s.superseded === 0 ? '' : `; ${formatCount(s.superseded)} decided again meanwhile and left alone`}.`,
    `  Stale: ${formatCount(s.stale)} (${formatCount(s.raised)} newly flagged, ${formatCount(s.kept)} still flagged); ${formatCount(s.cleared)} flags cleared; ${formatCount(s.webhooks)} lead.stale webhooks queued.`,
    ...s.failures.map((f) => `  lead ${f.leadId}: ${f.error}`),
  ].join('\n');

/** `leadsift reevaluate`: decide every stored lead again now, flag the silent ones, and say what moved. */
export const registerReevaluate = (program: Command, { container, output, run }: CliContext): void => {
  program
    .command('reevaluate')
    .description(
      'decide every decided lead again with the active criteria and model (intent decays; verdicts move down as well as up, each move stored with its reason) and flag qualified leads silent too long',
    )
    .option('--db <url>', 'the database (default: DATABASE_URL, else leadsift.db)')
    .option('--now <iso>', 'decide as of this time instead of the clock (a replay, or a look ahead)')
    .option(
      '--hygiene <file>',
      'the reevaluate settings of a hygiene file (see examples/hygiene.yaml); options given here win',
    )
    .option(
      '--silent-days <n>',
      'silence allowed before a qualified lead is flagged (default 60)',
      wholeNumber('silent-days'),
    )
    .option(
      '--min-score-change <n>',
      'store a new decision when the score moves by this much even if the verdict does not (default 5)',
      wholeNumber('min-score-change'),
    )
    .option('--batch <n>', 'leads per transaction (default 1000)', wholeNumber('batch'))
    .option(
      '--actions <file>',
      'webhooks and CRM write-back: moved verdicts send lead.requalified, newly flagged leads lead.stale (a running worker delivers them)',
    )
    .option(
      '--conversations <file>',
      "the conversations file of serve/worker: a lead moved onto a verdict its openOn lists (needs_info) gets the agent's first message, sent by a worker running that file (without it, such leads wait for their next pipeline decision)",
    )
    .option('--no-model', 'the rules only, even when a model is active')
    .option('--json', 'print the summary as JSON')
    .action(
      (o: {
        db?: string;
        now?: string;
        hygiene?: string;
        silentDays?: number;
        minScoreChange?: number;
        batch?: number;
        actions?: string;
        conversations?: string;
        model: boolean;
        json?: boolean;
      }) =>
        run(async () => {
          if (o.batch === 0 || o.silentDays === 0)
            throw new AppError('INPUT_INVALID', { message: '--batch and --silent-days must be at least 1' });
          const file = o.hygiene === undefined ? undefined : (await loadHygieneConfig(o.hygiene)).reevaluate;
          const c = container();
          const clock = o.now === undefined ? c.clock : fixedClock(parseNow(o.now));
          const actions =
            o.actions === undefined
              ? undefined
              : resolveActionsConfig(await loadActionsConfig(o.actions), process.env);
          const openOn =
            o.conversations === undefined ? undefined : (await loadChannelsConfig(o.conversations)).openOn;
          // The store keeps the real clock: ids stay in insertion order even for a past --now.
          const store =
            o.db === undefined ? await c.store() : await openStore({ databaseUrl: o.db }, { clock: c.clock });
          try {
            const summary = await reevaluateStore(store, {
              clock,
              useModel: o.model,
              options: {
                silentDays: o.silentDays ?? file?.silentDays ?? DEFAULT_REEVALUATE_OPTIONS.silentDays,
                minScoreChange:
                  o.minScoreChange ?? file?.minScoreChange ?? DEFAULT_REEVALUATE_OPTIONS.minScoreChange,
                batch: o.batch ?? file?.batch ?? DEFAULT_REEVALUATE_OPTIONS.batch,
              },
              ...(actions === undefined ? {} : { actions }),
              ...(openOn === undefined ? {} : { openConversationsOn: openOn }),
              onBatch: (s) => {
                if (s.reevaluated % 100_000 === 0)
                  output.err(`re-evaluated ${formatCount(s.reevaluated)} leads…`);
              },
            });
            output.out(o.json === true ? JSON.stringify(summary, null, 2) : formatReevaluation(summary));
          } finally {
            if (o.db !== undefined) await store.close();
          }
        }),
    );
};
