import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Decision } from '../domain/decision.js';
import { describeStores } from '../test-support/describe-stores.js';
import { runCli } from '../test-support/run-cli.js';
import { drawAuditSample } from './draw-audit-sample.js';
import type { NewAlert } from './learning-store.js';
import { renderReviewHtml } from './render-review-html.js';
import { buildReviewReport } from './review-report.js';
import { handClock, storeLeadsAt } from './test-support/dated-leads.js';

const Q1 = { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };
const IN_Q1 = '2026-02-10T10:00:00.000Z';

const decision = (
  leadId: string,
  verdict: Decision['verdict'],
  probability: number,
): Omit<Decision, 'id'> => ({
  leadId,
  verdict,
  score: verdict === 'qualified' ? 80 : 20,
  grade: verdict === 'qualified' ? 'A1' : 'D4',
  fit: { score: 50, grade: 'B' },
  intent: { score: 50, grade: 2 },
  reasons: [],
  missing: [],
  versions: { engine: 'rules@1', criteria: 'criteria@abc' },
  model: { version: 'model@x', probability, verdict: 'undecided', effect: 'none', agrees: true },
  decidedAt: IN_Q1,
});

const alertAt = (text: string): NewAlert => ({
  kind: 'feature_drift',
  subject: 'source',
  level: 'major',
  text,
  figures: { psi: 0.4 },
  baseline: { from: '2025-09-01T00:00:00.000Z', to: '2025-12-01T00:00:00.000Z' },
  recent: { from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' },
});

/** 100 leads decided in Q1: 40 qualified (20 became opportunities, 30 accepted and 10 rejected), 60 not (3 did anyway). */
const storeQuarter = async (store: StoreHandle, clock: ReturnType<typeof handClock>) => {
  const ids = await storeLeadsAt(store, clock, IN_Q1, 'q', 100, 0.2);
  for (const [i, id] of ids.entries())
    await store.leads.saveDecision(decision(id, i < 40 ? 'qualified' : 'not_qualified', i < 40 ? 0.6 : 0.1));
  const outcome = (i: number, type: 'opportunity_created' | 'accepted' | 'rejected') => ({
    leadId: ids[i] ?? '',
    type,
    occurredAt: '2026-02-20T10:00:00.000Z',
    source: 'test',
    ...(type === 'rejected' && i < 37 ? { reason: 'no budget this year' } : {}),
  });
  await store.leads.addOutcomes([
    ...Array.from({ length: 20 }, (_, i) => outcome(i, 'opportunity_created')),
    ...Array.from({ length: 3 }, (_, i) => outcome(40 + i, 'opportunity_created')),
    ...Array.from({ length: 40 }, (_, i) => outcome(i, i < 30 ? 'accepted' : 'rejected')),
  ]);
  await store.learning.saveAlerts(
    [alertAt("Share of leads with source 'paid_search' <script> rose")],
    [],
    '2026-03-01T00:00:00.000Z',
  );
  await store.learning.saveAlerts([alertAt('an old alert')], [], '2025-11-01T00:00:00.000Z');
  const change = {
    action: 'refused' as const,
    by: 'schedule',
    reason: 'the AUC gain is below the 0.01 margin',
    figures: {},
  };
  await store.learning.recordChange({ ...change, at: '2026-02-02T04:00:00.000Z', to: 'model@new' });
  await store.learning.recordChange({ ...change, at: '2025-12-01T04:00:00.000Z', to: 'model@older' });
};

describeStores('the review report', (t) => {
  it('holds the period’s metrics against the period before, its alerts and model changes, in JSON and HTML', async () => {
    const clock = handClock(IN_Q1);
    const store = await t.open({ clock });
    await storeQuarter(store, clock);
    const report = await buildReviewReport(store, Q1, Date.parse('2026-04-02T00:00:00Z'));
    expect(report.previous).toEqual({ from: '2025-10-03T00:00:00.000Z', to: Q1.from });
    expect(report.metrics.conversion).toEqual({
      qualified: { leads: 40, opportunities: 20, rate: 0.5 },
      rest: { leads: 60, opportunities: 3, rate: 0.05 },
    });
    expect(report.metrics.falseNegatives).toEqual({ leads: 60, opportunities: 3, rate: 0.05 });
    expect(report.metrics.aeAcceptance).toEqual({ accepted: 30, rejected: 10, rate: 0.75 });
    expect(report.previousMetrics.aeAcceptance.rate).toBeNull();
    expect(report.alerts.map((a) => a.text)).toEqual([
      "Share of leads with source 'paid_search' <script> rose",
    ]);
    expect(report.modelChanges.map((c) => c.to)).toEqual(['model@new']);
    expect(report.rejectionReasons).toEqual([
      { reason: 'no budget this year', count: 7 },
      { reason: '(no reason given)', count: 3 },
    ]);
    expect(report.findings.slice(0, 4)).toEqual([
      'Qualified leads became opportunities at 50 % (20 of 40), the rest at 5 % (3 of 60): 10.0× the baseline.',
      'AEs accepted 75 % of the leads they reviewed (30 of 40; the period before: n/a).',
      'The most frequent reason AEs rejected a lead: "no budget this year" (7 times).',
      '3 of 60 disqualified leads became an opportunity anyway (5 %): read them before tightening the criteria.',
    ]);
    expect(report.falseNegativeAudit.period).toMatchObject({ source: 'outcomes', rate: 0.05 });
    expect(report.findings[4]).toMatch(
      /^The false-negative audit sample cannot give a rate yet: only 0 of \d+ drawn audit leads followed up \(at least 20 needed\)/,
    );
    // A snapshot only: building the report raised no alert.
    expect(await store.learning.listAlerts({ limit: 10 })).toHaveLength(2);

    const html = renderReviewHtml(report);
    expect(html).toContain('<h1>Qualification review: 2026-01-01 to 2026-04-01</h1>');
    expect(html).toContain('<td>Qualified → opportunity</td><td>50.0 % (20 of 40)</td>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<td>no budget this year</td><td>7</td>');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)="http/);
  });

  it('takes the false-negative rate from the followed-up audit sample of the period once there are enough', async () => {
    const clock = handClock(IN_Q1);
    const store = await t.open({ clock });
    await storeQuarter(store, clock);
    await store.learning.setAuditShare(1, IN_Q1);
    await drawAuditSample(store, Date.parse(IN_Q1));
    const drawn = await store.learning.listAudit({ limit: 100 });
    expect(drawn).toHaveLength(60);
    for (const [i, entry] of drawn.slice(0, 25).entries())
      await store.learning.recordAuditResult(entry.leadId, {
        result: i < 5 ? 'good' : 'bad',
        by: 'dana',
        at: '2026-03-10T00:00:00.000Z',
      });
    const report = await buildReviewReport(store, Q1, Date.parse('2026-04-02T00:00:00Z'));
    expect(report.falseNegativeAudit.period).toMatchObject({
      source: 'audit',
      rate: 0.2,
      audit: { drawn: 60, followedUp: 25, foundGood: 5 },
    });
    expect(report.falseNegativeAudit.previous).toMatchObject({ source: 'outcomes', audit: { drawn: 0 } });
    expect(report.findings[3]).toBe(
      'False negatives: 5 of 25 followed-up leads of the audit sample were good after all (20 %; the period before: n/a): read their notes before tightening the criteria.',
    );
    expect(renderReviewHtml(report)).toContain(
      '<td>False negatives (audit sample, followed up)</td><td>20.0 % (5 good of 25 followed up; 60 drawn)</td>',
    );
  });

  it('is written by leadsift report --since as report.json and report.html', async () => {
    const clock = handClock(IN_Q1);
    await storeQuarter(await t.open({ clock }), clock);
    const dir = mkdtempSync(join(tmpdir(), 'h10b-report-'));
    try {
      const run = await runCli(
        t.databaseUrl,
        'report',
        '--since',
        '2026-01-01',
        '--until',
        '2026-04-01',
        '--out',
        dir,
      );
      expect(run.code).toBe(0);
      expect(run.out).toContain('Qualified leads became opportunities at 50 %');
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { period: unknown };
      expect(json.period).toEqual(Q1);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('model@new');
      const bad = await runCli(t.databaseUrl, 'report', '--since', 'last tuesday', '--out', dir);
      expect(bad.code).not.toBe(0);
      expect(bad.err).toContain('--since "last tuesday" is not a date; give one such as 2026-01-01');
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
