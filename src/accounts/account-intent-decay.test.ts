import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { startService, type RunningService } from '../service/start-service.js';
import { describeStores } from '../test-support/describe-stores.js';
import type { AccountDecision } from './account-decision.js';
import { listAccounts } from './list-accounts.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const company = { website: 'acme-robotics.com', industry: 'Software', employees: '450', country: 'US' };
const people = [
  { email: 'dana@acme-robotics.com', name: 'Dana Kim', title: 'VP of Sales', ...company },
  { email: 'lee@acme-robotics.com', name: 'Lee Park', title: 'IT Director', ...company },
];

describeStores('account intent decays with time alone', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('scores an account lower two months after its contacts went quiet: account scores are computed on read', async () => {
    let now = Date.parse('2026-03-10T12:00:00Z');
    const clock: Clock = { now: () => now };
    service = await startService({
      store: t.store,
      clock,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
    });
    const { store } = service;
    const { token } = await store.service.createApiKey('dashboard', ['leads:read']);
    const { accepted } = intakeJsonLeads(people, { origin: 'api', receivedAt: '2026-03-01T00:00:00Z' });
    const [dana, lee] = (await store.leads.upsertLeads(accepted.map((a) => a.draft))).map((r) => r.id);
    await store.leads.addActivities([
      {
        leadId: dana!,
        type: 'demo_request',
        occurredAt: '2026-03-09T10:00:00Z',
        properties: {},
        source: 'api',
      },
      {
        leadId: dana!,
        type: 'pricing_page_view',
        occurredAt: '2026-03-08T10:00:00Z',
        properties: {},
        source: 'api',
      },
      {
        leadId: lee!,
        type: 'pricing_page_view',
        occurredAt: '2026-03-09T15:00:00Z',
        properties: {},
        source: 'api',
      },
    ]);
    const account = async () => {
      const res = await service!.app.inject({
        method: 'GET',
        url: '/v1/accounts/acme-robotics.com',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json<AccountDecision>();
    };
    const busy = await account();
    expect(busy).toMatchObject({ verdict: 'qualified', score: 71, intent: { score: 65, grade: 1 } });
    expect(busy.reasons[1]?.text).toBe('Requested a demo yesterday, by Dana Kim');

    // Two months on, nothing new: the same request answers with the events decayed (the API keeps
    // a report at most a minute, because time alone changes it).
    now += 60 * 86_400_000;
    const quiet = await account();
    expect(quiet).toMatchObject({ verdict: 'not_qualified', score: 56, intent: { score: 3, grade: 4 } });
    expect(quiet.reasons.slice(0, 3).map((r) => r.text)).toEqual([
      'Account score 56 is below the 60 required',
      '2 engaged contacts: Dana Kim (VP of Sales) and Lee Park (IT Director)',
      'Requested a demo 61 days ago, by Dana Kim',
    ]);
    // `leadsift accounts` reads the same way at the clock's time.
    const criteria = parseCriteria(BANT, 'bant.yaml');
    const listed = await listAccounts({ leads: store.leads, clock }, criteria);
    expect(listed.accounts.find((a) => a.key === 'acme-robotics.com')).toEqual(quiet);
  });
});
