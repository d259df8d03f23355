import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import { parseCriteria } from '../../criteria/load-criteria.js';
import { reevaluateStore } from '../../scheduler/reevaluate-task.js';
import { decideLead } from '../../scoring/qualify-file.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';

// BANT with the verdict on fit alone, so that a lead stays qualified while it is silent.
const FIT_ONLY = readFileSync(
  new URL('../../../examples/criteria/bant.yaml', import.meta.url),
  'utf8',
).replace(
  'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
  'verdicts: { fitWeight: 1, minScore: 60, minFitGrade: B, minIntentGrade: 4 }',
);

describe('stale leads in the API (SQLite, app.inject)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let reader: string;
  let leadId: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: FIT_ONLY, fileName: 'fit-only.yaml' },
      app: { logLevel: false },
      worker: false,
    });
    reader = (await service.store.service.createApiKey('dashboard', ['leads:read'])).token;
    const { accepted } = intakeJsonLeads(
      [
        {
          email: 'dana@acme-robotics.com',
          name: 'Dana Kim',
          title: 'VP of Sales',
          website: 'acme-robotics.com',
          industry: 'Software',
          employees: '450',
          country: 'US',
        },
      ],
      { origin: 'api', receivedAt: '2026-01-01T00:00:00Z' },
    );
    const [stored] = await service.store.leads.upsertLeads([accepted[0]!.draft]);
    leadId = stored!.id;
    const lead = (await service.store.leads.getLead(leadId))!;
    const first = decideLead(
      { clock: fixedClock('2026-01-10T00:00:00Z') },
      parseCriteria(FIT_ONLY, 'f.yaml'),
      lead,
      [],
    );
    await service.store.leads.saveDecision({ ...first, leadId });
  });
  afterEach(async () => {
    await service.close();
    await database.drop();
  });

  const get = (url: string) =>
    service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader}` } });

  it('lists flagged leads by action and shows the flag on the lead, with its reason', async () => {
    expect((await get('/v1/stale-leads')).json()).toEqual({ flags: [] });
    await reevaluateStore(service.store, { clock: fixedClock('2026-04-01T00:00:00Z') });
    const listed = (await get('/v1/stale-leads?action=re-engage')).json<{
      flags: { leadId: string; reason: { text: string } }[];
    }>();
    expect(listed.flags.map((f) => f.leadId)).toEqual([leadId]);
    expect(listed.flags[0]?.reason.text).toBe(
      'Qualified on 2026-01-10 but silent for 81 days (60 allowed); no event was ever recorded — re-engage: still an A fit',
    );
    expect((await get('/v1/stale-leads?action=remove')).json()).toEqual({ flags: [] });
    const detail = (await get(`/v1/leads/${leadId}`)).json<{ staleFlag: unknown }>();
    expect(detail.staleFlag).toMatchObject({ kind: 'lead', action: 're-engage', silentDays: 81 });
  });

  it('says which filter value is wrong', async () => {
    const res = await get('/v1/stale-leads?action=forget');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('action');
  });
});
