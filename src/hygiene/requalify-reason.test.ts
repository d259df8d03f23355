import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../service/start-service.js';
import { createTestDatabase, type TestDatabase } from '../test-support/describe-stores.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

describe('a lead decided again when its data changes (SQLite, the service)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let admin: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      pollMs: 50,
    });
    admin = (await service.store.service.createApiKey('admin', ['admin'])).token;
  });
  afterEach(async () => {
    await service.close();
    await database.drop();
  });

  const post = (url: string, body: unknown) =>
    service.app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${admin}` },
    });

  it('stores the new decision with a first reason saying how the verdict moved and which new events moved it', async () => {
    const lead = {
      email: 'dana.kim@acme-robotics.com',
      firstName: 'Dana',
      lastName: 'Kim',
      title: 'VP of Sales',
      company: 'Acme Robotics',
      website: 'https://acme-robotics.com',
      employees: '450',
      industry: 'Software',
      country: 'US',
    };
    const created = (await post('/v1/leads?wait=true', lead)).json<{
      id: string;
      decision: { verdict: string; score: number };
    }>();
    const events = await post('/v1/events', {
      events: [
        { leadId: created.id, type: 'demo_request' },
        { leadId: created.id, type: 'pricing_page_view' },
      ],
    });
    const [requalified] = events.json<{ requalifying: { jobId: string }[] }>().requalifying;
    await service.waiter.wait(requalified!.jobId, 10_000);
    const [first, second] = await service.store.leads.listDecisions(created.id);
    expect(first?.reasons[0]?.text).not.toMatch(/^Verdict moved|^Still/);
    expect(second?.reasons[0]?.text).toMatch(
      new RegExp(
        `^(Verdict moved up from ${first?.verdict} to ${second?.verdict} \\(|Still ${second?.verdict}, )score ${first?.score} → ${second?.score}\\)?: intent rose from ${first?.intent.score} to ${second?.intent.score} with 2 new events$`,
      ),
    );
    expect(second?.reasons[0]?.effect).toBe((second?.score ?? 0) - (first?.score ?? 0));
  });
});
