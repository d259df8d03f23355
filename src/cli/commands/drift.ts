import type { Command } from 'commander';
import { loadActionsConfig } from '../../actions/actions-config.js';
import { resolveActionsConfig } from '../../actions/resolve-actions-config.js';
import { loadHygieneConfig } from '../../hygiene/hygiene-config.js';
import { checkDrift, type DriftReport } from '../../learning/check-drift.js';
import { deliverAlerts } from '../../learning/deliver-alerts.js';
import { driftThresholds } from '../../learning/drift-thresholds.js';
import type { CliContext } from '../cli-context.js';
import { wholeNumber } from '../whole-number.js';
import { DB_HELP, withStore } from './learning-store-option.js';

interface DriftOptions {
  db?: string;
  recentDays?: number;
  baselineDays?: number;
  hygiene?: string;
  actions?: string;
  json?: boolean;
}

const day = (iso: string): string => iso.slice(0, 10);

/** A drift check in words: the periods, every comparison's sentence, and the alerts raised. */
export const formatDriftReport = (r: DriftReport): string => {
  const features = r.features.slice(0, 10).map((f) => `  ${f.alert ? '!' : ' '} ${f.text}`);
  return [
    `Training period ${day(r.baseline.from)} to ${day(r.baseline.to)} (${r.leads.baseline} leads${r.model === undefined ? '; no model is active' : `; ${r.model} trained then`}) against ${day(r.recent.from)} to ${day(r.recent.to)} (${r.leads.recent} leads).`,
    features.length === 0 ? '  Columns: too few leads on one side to compare (at least 50 each)' : 'Columns:',
    ...features,
    ...(r.calibration === undefined
      ? []
      : [`  ${r.calibration.level === undefined ? ' ' : '!'} ${r.calibration.text}`]),
    `  ${r.acceptance.level === undefined ? ' ' : '!'} ${r.acceptance.text}`,
    `  ${r.falseNegatives.level === undefined ? ' ' : '!'} ${r.falseNegatives.text}`,
    '',
    r.found.length === 0
      ? 'No drift to alert on.'
      : `${r.raised.length} alert${r.raised.length === 1 ? '' : 's'} raised${r.found.length > r.raised.length ? ` (${r.found.length - r.raised.length} already raised this week)` : ''}.`,
  ].join('\n');
};

/** `leadsift drift`: compare the training period with recent weeks now, raise and send alerts. */
export const registerDrift = (program: Command, ctx: CliContext): void => {
  program
    .command('drift')
    .description(
      'compare recent leads with the training period (columns, calibration, AE acceptance, false negatives) and raise alerts for what moved',
    )
    .option('--db <url>', DB_HELP)
    .option('--recent-days <n>', 'recent weeks: the last n days (default 28)', wholeNumber('recent-days'))
    .option(
      '--baseline-days <n>',
      'the training period: n days before the active model was trained (default 90)',
      wholeNumber('baseline-days'),
    )
    .option(
      '--hygiene <file>',
      'the drift settings of a hygiene file (periods, repeat, sample, alert thresholds; see examples/hygiene.yaml); options given here win',
    )
    .option('--actions <file>', 'send alert.raised to the webhooks of this actions file')
    .option('--json', 'print JSON')
    .action((o: DriftOptions) =>
      ctx.run(async () => {
        const actions =
          o.actions === undefined
            ? undefined
            : resolveActionsConfig(await loadActionsConfig(o.actions), process.env);
        const file = o.hygiene === undefined ? undefined : (await loadHygieneConfig(o.hygiene)).drift;
        const recentDays = o.recentDays ?? file?.recentDays;
        const baselineDays = o.baselineDays ?? file?.baselineDays;
        const now = ctx.container().clock.now();
        const { report, sent } = await withStore(ctx, o.db, async (store) => {
          const webhooks = actions?.webhooks ?? [];
          const found = await checkDrift({ learning: store.learning, models: store.models, webhooks }, now, {
            ...(recentDays === undefined ? {} : { recentDays }),
            ...(baselineDays === undefined ? {} : { baselineDays }),
            ...(file?.repeatDays === undefined ? {} : { repeatDays: file.repeatDays }),
            ...(file?.sample === undefined ? {} : { sample: file.sample }),
            ...(file?.thresholds === undefined ? {} : { thresholds: driftThresholds(file.thresholds) }),
          });
          return { report: found, sent: await deliverAlerts({ learning: store.learning, webhooks }, now) };
        });
        if (o.json === true) {
          ctx.output.out(JSON.stringify({ ...report, deliveries: sent }, null, 2));
          return;
        }
        ctx.output.out(formatDriftReport(report));
        if (sent.delivered + sent.retrying + sent.dead > 0)
          ctx.output.out(
            `Webhooks: ${sent.delivered} delivered, ${sent.retrying} to retry, ${sent.dead} dead.`,
          );
      }),
    );
};
