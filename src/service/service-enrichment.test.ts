import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeStores } from '../test-support/describe-stores.js';
import { loadPipelineEnrichment } from './load-enrichment.js';
import { startService } from './start-service.js';
import type { RunningService } from './start-service.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

describeStores('enrichment inside the pipeline', (t) => {
  let dir: string;
  let service: RunningService | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leadsift-enrich-'));
    writeFileSync(
      join(dir, 'firms.csv'),
      'Domain,Company,Industry,Employees,Country\nnorthwind-robotics.com,Northwind Robotics,Software,1800,US\n',
    );
    writeFileSync(
      join(dir, 'providers.yaml'),
      'providers:\n  - type: file\n    name: firmographics\n    path: firms.csv\nfields: [company.industry, company.employees, company.country]\n',
    );
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('enriches a new lead before qualifying it: the decision cites the enriched facts with their provider', async () => {
    const enrichment = await loadPipelineEnrichment(join(dir, 'providers.yaml'), t.store, {});
    service = await startService({
      store: t.store,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      enrichment,
      app: { logLevel: false },
      pollMs: 25,
    });
    const { token } = await t.store.service.createApiKey('forms', ['leads:write', 'leads:read']);
    const response = await service.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      payload: { email: 'kim@northwind-robotics.com', title: 'Director of Sales' },
      headers: { authorization: `Bearer ${token}` },
    });
    const body = response.json();
    expect(body).toMatchObject({ status: 'decided' });
    expect(response.statusCode).toBe(200);
    const cited = body.decision.reasons.flatMap(
      (r: { facts: { field: string; provenance: { source: string; provider?: string } }[] }) => r.facts,
    );
    const employees = cited.find((f: { field: string }) => f.field === 'company.employees');
    expect(employees?.provenance).toMatchObject({ source: 'enrichment', provider: 'firmographics' });

    const stored = await t.store.leads.getLead(body.id);
    expect(stored?.company.industry?.provenance).toMatchObject({
      source: 'enrichment',
      provider: 'firmographics',
    });
    expect(stored?.person.title?.provenance.source).toBe('input');
    const jobs = (await t.store.jobs.list({ leadId: body.id, limit: 10 })).jobs.map(
      (j) => `${j.kind}:${j.status}`,
    );
    expect(jobs.sort()).toEqual(['enrich:done', 'qualify:done']);
    const [enrichJob] = (await t.store.jobs.list({ leadId: body.id, kind: 'enrich', limit: 1 })).jobs;
    expect(enrichJob?.result).toMatchObject({
      filled: expect.arrayContaining(['company.employees ← firmographics']),
    });
  });
});
