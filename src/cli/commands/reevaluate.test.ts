import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { parseCriteria } from '../../criteria/load-criteria.js';
import { fixedClock } from '../../domain/clock.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import { decideLead } from '../../scoring/qualify-file.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { runCli } from '../../test-support/run-cli.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

/** Dana (decided qualified on 2026-01-10 after two events) and Ann (never decided), under the active BANT criteria. */
const storeLeads = async (url: string): Promise<void> => {
  const store = await openStore({ databaseUrl: url });
  const criteria = parseCriteria(BANT, 'bant.yaml');
  await store.service.saveCriteria({
    version: criteria.version,
    name: criteria.name,
    text: BANT,
    createdBy: 'test',
  });
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
      {
        email: 'ann@tinyshop.com',
        name: 'Ann Lo',
        title: 'Owner',
        industry: 'Retail',
        employees: '4',
        country: 'US',
      },
    ],
    { origin: 'test', receivedAt: '2026-01-01T00:00:00Z' },
  );
  const [dana] = await store.leads.upsertLeads(accepted.map((a) => a.draft));
  await store.leads.addActivities([
    {
      leadId: dana!.id,
      type: 'demo_request',
      occurredAt: '2026-01-09T11:00:00Z',
      properties: {},
      source: 'api',
    },
    {
      leadId: dana!.id,
      type: 'pricing_page_view',
      occurredAt: '2026-01-09T12:00:00Z',
      properties: {},
      source: 'api',
    },
  ]);
  const lead = (await store.leads.getLead(dana!.id))!;
  const activities = await store.leads.listActivities(dana!.id);
  await store.leads.saveDecision({
    ...decideLead({ clock: fixedClock('2026-01-10T00:00:00Z') }, criteria, lead, activities),
    leadId: dana!.id,
  });
  await store.close();
};

describe('leadsift reevaluate', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(() => database.drop());

  it('says there is nothing to re-evaluate against before criteria are active, and rejects a bad --now', async () => {
    const none = await runCli(database.url, 'reevaluate', '--db', database.url);
    expect(none.code).toBe(78);
    expect(none.err).toContain('no criteria are active');
    const bad = await runCli(database.url, 'reevaluate', '--now', 'yesterday');
    expect(bad.code).toBe(65);
    expect(bad.err).toContain(
      '--now: expected an ISO 8601 time such as 2026-03-01T03:00:00Z, got "yesterday"',
    );
  });

  it('re-evaluates the stored leads as of --now and prints counts that add up', async () => {
    await storeLeads(database.url);
    const run = await runCli(
      database.url,
      'reevaluate',
      '--db',
      database.url,
      '--now',
      '2026-03-10T00:00:00Z',
    );
    expect(run.code).toBe(0);
    expect(run.out).toBe(
      [
        'Re-evaluated 1 of 2 stored leads at 2026-03-10T00:00:00.000Z; 1 never decided are left to the qualify pipeline.',
        '  0 moved up, 1 moved down, 0 re-scored (same verdict), 0 unchanged, 0 failed.',
        '  Requalified: 1 routed again (0 re-scored to another destination, 0 to review), 0 actions queued.',
        '  Stale: 0 (0 newly flagged, 0 still flagged); 0 flags cleared; 0 lead.stale webhooks queued.',
      ].join('\n'),
    );
  });

  it('queues lead.requalified for --actions once (nothing on a second run), and reads --hygiene, refusing a bad one by line', async () => {
    await storeLeads(database.url);
    const dir = await mkdtemp(join(tmpdir(), 'leadsift-reevaluate-'));
    try {
      const hygiene = join(dir, 'hygiene.yaml');
      await writeFile(hygiene, 'reevaluate:\n  silentDays: 30\n  batch: 1\n');
      const actions = join(dir, 'actions.yaml');
      await writeFile(
        actions,
        [
          'webhooks:',
          '  - name: crm',
          '    url: http://127.0.0.1:9/hooks',
          '    secretEnv: LEADSIFT_TEST_REEVALUATE_SECRET',
          '    events: [lead.requalified]',
        ].join('\n'),
      );
      process.env['LEADSIFT_TEST_REEVALUATE_SECRET'] = 's3cret';
      const args = ['reevaluate', '--hygiene', hygiene, '--actions', actions, '--json'];
      const first = await runCli(database.url, ...args, '--now', '2026-03-10T00:00:00Z');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.out)).toMatchObject({ movedDown: 1, routed: 1, actions: 1 });
      const again = await runCli(database.url, ...args, '--now', '2026-03-11T00:00:00Z');
      expect(JSON.parse(again.out)).toMatchObject({ movedDown: 0, routed: 0, actions: 0 });
      const store = await openStore({ databaseUrl: database.url });
      try {
        const { jobs } = await store.jobs.list({ kind: 'webhook', limit: 10 });
        expect(jobs).toHaveLength(1);
        const payload = jobs[0]?.payload as { event: string; body: string };
        expect(payload.event).toBe('lead.requalified');
        expect(JSON.parse(payload.body)).toMatchObject({
          previousVerdict: 'qualified',
          decision: { verdict: 'not_qualified' },
          route: { destination: 'disqualify' },
        });
      } finally {
        await store.close();
      }
      const bad = await runCli(database.url, 'reevaluate', '--hygiene', actions);
      expect(bad.code).toBe(78);
      expect(bad.err).toContain(
        'actions.yaml:1: unknown key "webhooks"; expected reevaluate, retrain or drift',
      );
    } finally {
      delete process.env['LEADSIFT_TEST_REEVALUATE_SECRET'];
      await rm(dir, { recursive: true, force: true });
    }
  });
  it("queues the agent's first message for a lead moved onto needs_info with --conversations, once", async () => {
    await storeLeads(database.url);
    // The criteria now ask for the company's revenue, which Dana never gave.
    const asking = BANT.replace('required:\n', 'required:\n  - { fact: company.revenue, how: ask }\n');
    const store = await openStore({ databaseUrl: database.url });
    const dir = await mkdtemp(join(tmpdir(), 'leadsift-reevaluate-'));
    try {
      const criteria = parseCriteria(asking, 'bant.yaml');
      await store.service.saveCriteria({ version: criteria.version, name: criteria.name, text: asking });
      const conversations = join(dir, 'conversations.yaml');
      await writeFile(conversations, 'openOn: [needs_info]\n');
      const args = ['reevaluate', '--conversations', conversations, '--json'];
      const first = await runCli(database.url, ...args, '--now', '2026-01-10T01:00:00Z');
      expect(first.code).toBe(0);
      expect(JSON.parse(first.out)).toMatchObject({ movedDown: 1, routed: 1, actions: 1 });
      const again = await runCli(database.url, ...args, '--now', '2026-01-10T02:00:00Z');
      expect(JSON.parse(again.out)).toMatchObject({ movedDown: 0, routed: 0, actions: 0 });
      const { jobs } = await store.jobs.list({ kind: 'converse', limit: 10 });
      const [, moved] = await store.leads.listDecisions(jobs[0]?.leadId ?? '');
      expect(moved?.verdict).toBe('needs_info');
      expect(jobs.map((job) => job.payload)).toEqual([
        { type: 'open', leadId: moved?.leadId, decisionId: moved?.id },
      ]);
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
