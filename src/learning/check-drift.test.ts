import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { answerJson, startLocalServer } from '../actions/test-support/local-server.js';
import { describeStores } from '../test-support/describe-stores.js';
import { checkDrift } from './check-drift.js';
import { deliverAlerts } from './deliver-alerts.js';
import { DEFAULT_DRIFT_THRESHOLDS, driftThresholds } from './drift-thresholds.js';
import { handClock, storeLeadsAt } from './test-support/dated-leads.js';

const TRAINING = '2026-01-10T09:00:00.000Z';
const RECENT = '2026-04-20T09:00:00.000Z';
const NOW = Date.parse('2026-05-01T00:00:00.000Z');

const outcomesAt = (ids: readonly string[], at: string, acceptedShare: number) =>
  ids.map((leadId, i) => ({
    leadId,
    type: i < Math.round(acceptedShare * ids.length) ? ('accepted' as const) : ('rejected' as const),
    occurredAt: at,
    source: 'test',
  }));

describeStores('checkDrift', (t) => {
  it('raises nothing when recent leads arrive as the training period’s did', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    const before = await storeLeadsAt(store, clock, TRAINING, 'a', 300, 0.12);
    const after = await storeLeadsAt(store, clock, RECENT, 'b', 300, 0.12);
    await store.leads.addOutcomes([...outcomesAt(before, TRAINING, 0.8), ...outcomesAt(after, RECENT, 0.78)]);
    const report = await checkDrift({ learning: store.learning, models: store.models }, NOW);
    expect(report.leads).toEqual({ baseline: 300, recent: 300 });
    expect(report.features.map((f) => f.column).sort()).toEqual(['Employees', 'source']);
    expect(report.features.every((f) => !f.alert)).toBe(true);
    expect(report.acceptance.level).toBeUndefined();
    expect(report.raised).toEqual([]);
    expect(await store.learning.listAlerts({ limit: 10 })).toEqual([]);
  });

  it('raises with stricter thresholds what the defaults let pass: an 8-point fall in AE acceptance', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    const before = await storeLeadsAt(store, clock, TRAINING, 'a', 300, 0.12);
    const after = await storeLeadsAt(store, clock, RECENT, 'b', 300, 0.12);
    await store.leads.addOutcomes([...outcomesAt(before, TRAINING, 0.8), ...outcomesAt(after, RECENT, 0.72)]);
    const deps = { learning: store.learning, models: store.models };
    const lenient = await checkDrift(deps, NOW, { thresholds: DEFAULT_DRIFT_THRESHOLDS });
    expect(lenient.acceptance.level).toBeUndefined();
    expect(lenient.raised).toEqual([]);
    // 240 of 300 then 216 of 300: 8 points, |z| 2.29 — an alert from 5 points and |z| 2.
    const strict = await checkDrift(deps, NOW, {
      thresholds: driftThresholds({ rate: { moderate: { points: 5 } } }),
    });
    expect(strict.raised.map((a) => [a.kind, a.level, a.text])).toEqual([
      [
        'acceptance_rate',
        'moderate',
        'AE acceptance rate fell from 80 % to 72 % since training (240 of 300, then 216 of 300)',
      ],
    ]);
    // The source mix did not move: a PSI level of 0 with no noise margin alerts on every column, the default on none.
    const touchy = await checkDrift(deps, NOW, {
      save: false,
      thresholds: driftThresholds({ psi: { moderate: 0, noiseMultiple: 0 } }),
    });
    expect(
      touchy.features
        .filter((f) => f.alert)
        .map((f) => f.column)
        .sort(),
    ).toEqual(['Employees', 'source']);
    expect(lenient.features.some((f) => f.alert)).toBe(false);
  });

  it('raises a plain alert when the source mix and AE acceptance move, once, and sends it signed', async () => {
    const received: string[] = [];
    const server = await startLocalServer((request, res) => {
      received.push(request.body);
      answerJson(res, 200, {});
    });
    try {
      const clock = handClock(TRAINING);
      const store = await t.open({ clock });
      const before = await storeLeadsAt(store, clock, TRAINING, 'a', 300, 0.12);
      const after = await storeLeadsAt(store, clock, RECENT, 'b', 300, 0.41);
      await store.leads.addOutcomes([
        ...outcomesAt(before, TRAINING, 0.82),
        ...outcomesAt(after, RECENT, 0.55),
      ]);
      const webhooks = [
        { name: 'ops', url: `${server.base}/alerts`, secrets: ['s3cret'], timeoutMs: 5000, maxAttempts: 3 },
      ];
      const deps = { learning: store.learning, models: store.models, webhooks };
      const report = await checkDrift(deps, NOW);
      const texts = report.raised.map((a) => a.text);
      expect(texts).toContain(
        "Share of leads with source 'paid_search' rose from 12 % to 41 % since training (PSI 0.31)".replace(
          '0.31',
          report.features.find((f) => f.column === 'source')!.psi.toFixed(2),
        ),
      );
      expect(texts).toContain(
        'AE acceptance rate fell from 82 % to 55 % since training (246 of 300, then 165 of 300)',
      );
      expect(report.raised.find((a) => a.kind === 'acceptance_rate')?.level).toBe('major');
      // Employees did not move: no alert about it.
      expect(report.features.find((f) => f.column === 'Employees')?.alert).toBe(false);

      const again = await checkDrift(deps, NOW + 86_400_000);
      expect(again.found.length).toBe(report.found.length);
      expect(again.raised).toEqual([]);
      const listed = await store.learning.listAlerts({ limit: 10 });
      expect(listed.map((a) => a.id).sort()).toEqual(report.raised.map((a) => a.id).sort());

      const sent = await deliverAlerts({ learning: store.learning, webhooks }, NOW);
      expect(sent).toEqual({ delivered: report.raised.length, retrying: 0, dead: 0 });
      const first = server.received[0]!;
      expect(first.headers['leadsift-event']).toBe('alert.raised');
      const ts = String(first.headers['leadsift-timestamp']);
      const mac = createHmac('sha256', 's3cret').update(`${ts}.${first.body}`).digest('hex');
      expect(String(first.headers['leadsift-signature'])).toContain(mac);
      expect(received.map((b) => (JSON.parse(b) as { alert: { text: string } }).alert.text).sort()).toEqual(
        [...texts].sort(),
      );
      expect(await deliverAlerts({ learning: store.learning, webhooks }, NOW)).toEqual({
        delivered: 0,
        retrying: 0,
        dead: 0,
      });
    } finally {
      await server.close();
    }
  });
});
