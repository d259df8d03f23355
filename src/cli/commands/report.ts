import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../domain/app-error.js';
import { renderReviewHtml } from '../../learning/render-review-html.js';
import { buildReviewReport } from '../../learning/review-report.js';
import type { CliContext } from '../cli-context.js';
import { DB_HELP, withStore } from './learning-store-option.js';

interface ReportOptions {
  since: string;
  until?: string;
  db?: string;
  out: string;
}

/** A `--since`/`--until` date (2026-01-01 or a full ISO time) as ISO 8601 UTC, or INPUT_INVALID. */
export const reportDate = (option: string, text: string): string => {
  const ms = /^\d{4}-\d\d-\d\d$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (Number.isNaN(ms))
    throw new AppError('INPUT_INVALID', {
      message: `${option} ${JSON.stringify(text)} is not a date; give one such as 2026-01-01 or 2026-01-01T09:00:00Z`,
      details: { option, value: text },
    });
  return new Date(ms).toISOString();
};

/**
 * `leadsift report --since <date>`: the periodic review of the qualification criteria — SPEC
 * capability 11's metrics against the period before, drift and model changes — written as
 * report.json and a self-contained report.html in `--out`.
 */
export const registerReport = (program: Command, ctx: CliContext): void => {
  program
    .command('report')
    .description(
      'write a periodic review (report.json and report.html): conversion, speed to first touch, AE acceptance, false negatives, sales cycle, agreement, drift and model changes',
    )
    .requiredOption('--since <date>', 'start of the period (2026-01-01, UTC)')
    .option('--until <date>', 'end of the period, excluded (default: now)')
    .option('--db <url>', DB_HELP)
    .option('--out <dir>', 'the directory to write report.json and report.html into', '.')
    .action((o: ReportOptions) =>
      ctx.run(async () => {
        const now = ctx.container().clock.now();
        const from = reportDate('--since', o.since);
        const to = o.until === undefined ? new Date(now).toISOString() : reportDate('--until', o.until);
        if (from >= to)
          throw new AppError('INPUT_INVALID', {
            message: `--since ${o.since} is not before the end of the period (${to}); give an earlier --since or a later --until`,
            details: { option: '--since' },
          });
        const report = await withStore(ctx, o.db, (store) =>
          buildReviewReport({ learning: store.learning, models: store.models }, { from, to }, now),
        );
        await mkdir(o.out, { recursive: true });
        await writeFile(join(o.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
        await writeFile(join(o.out, 'report.html'), renderReviewHtml(report));
        ctx.output.out(
          [
            ...report.findings,
            '',
            `Wrote ${join(o.out, 'report.json')} and ${join(o.out, 'report.html')}`,
          ].join('\n'),
        );
      }),
    );
};
