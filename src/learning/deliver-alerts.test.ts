import { expect, it } from 'vitest';
import { answerJson, startLocalServer } from '../actions/test-support/local-server.js';
import { describeStores } from '../test-support/describe-stores.js';
import { deliverAlerts } from './deliver-alerts.js';
import type { NewAlert } from './learning-store.js';

const NOW = Date.parse('2026-04-29T04:30:00.000Z');
const HOUR = 3_600_000;

const ALERT: NewAlert = {
  kind: 'acceptance_rate',
  subject: 'ae_acceptance',
  level: 'major',
  text: 'AE acceptance rate fell from 82 % to 55 % since training (246 of 300, then 165 of 300)',
  figures: {},
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
  recent: { from: '2026-04-01T00:00:00.000Z', to: '2026-04-29T00:00:00.000Z' },
};

describeStores('alert.raised deliveries', (t) => {
  it('retries a receiver that is down until it answers, and gives up on a refusal or a removed webhook', async () => {
    const statuses = [503, 200];
    const flaky = await startLocalServer((_, res) => answerJson(res, statuses.shift() ?? 200, {}));
    const refusing = await startLocalServer((_, res) => answerJson(res, 400, { error: 'no such hook' }));
    try {
      const hook = (name: string, base: string) => ({
        name,
        url: `${base}/h`,
        secrets: ['k'],
        timeoutMs: 5000,
        maxAttempts: 5,
      });
      const webhooks = [hook('ops', flaky.base), hook('crm', refusing.base)];
      await t.store.learning.saveAlerts(
        [ALERT],
        [...webhooks, { name: 'gone', maxAttempts: 5 }],
        new Date(NOW).toISOString(),
      );
      const deps = { learning: t.store.learning, webhooks };

      expect(await deliverAlerts(deps, NOW)).toEqual({ delivered: 0, retrying: 1, dead: 2 });
      expect(await deliverAlerts(deps, NOW)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      expect(await deliverAlerts(deps, NOW + HOUR)).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      expect(flaky.received).toHaveLength(2);
      // The retry sends the same delivery id, so that the receiver can drop a duplicate.
      expect(flaky.received[1]?.headers['leadsift-delivery']).toBe(
        flaky.received[0]?.headers['leadsift-delivery'],
      );
      expect(refusing.received).toHaveLength(1);
      expect(await deliverAlerts(deps, NOW + 10 * HOUR)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    } finally {
      await flaky.close();
      await refusing.close();
    }
  });
});
