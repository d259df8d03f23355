import { expect, it } from 'vitest';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';

describeStores('bulk reads for the pipeline', (t) => {
  it('reads several leads and their events in one call each, each lead’s events oldest first', async () => {
    const [a, b, c] = await t.store.leads.upsertLeads([
      draftLead({ email: 'a@acme.io' }),
      draftLead({ email: 'b@acme.io' }),
      draftLead({ email: 'c@globex.com' }),
    ]);
    const ids = [a?.id ?? '', b?.id ?? '', c?.id ?? ''];
    await t.store.leads.addActivities([
      {
        leadId: ids[1] ?? '',
        type: 'pricing_page_view',
        occurredAt: '2026-11-02T00:00:00Z',
        properties: {},
        source: 'test',
      },
      {
        leadId: ids[0] ?? '',
        type: 'page_view',
        occurredAt: '2026-11-03T00:00:00Z',
        properties: {},
        source: 'test',
      },
      {
        leadId: ids[1] ?? '',
        type: 'demo_request',
        occurredAt: '2026-11-01T00:00:00Z',
        properties: {},
        source: 'test',
      },
    ]);
    const leads = await t.store.leads.getLeads([ids[0] ?? '', ids[1] ?? '', 'no-such-lead']);
    expect([...leads.keys()].sort()).toEqual([ids[0], ids[1]].sort());
    expect(leads.get(ids[1] ?? '')?.person.email?.value).toBe('b@acme.io');
    const events = await t.store.leads.listActivitiesOf(ids);
    expect(events.get(ids[1] ?? '')?.map((e) => e.type)).toEqual(['demo_request', 'pricing_page_view']);
    expect(events.get(ids[0] ?? '')?.map((e) => e.type)).toEqual(['page_view']);
    expect(events.has(ids[2] ?? '')).toBe(false);
    expect(await t.store.leads.getLeads([])).toEqual(new Map());
  });

  it('names each account’s owner from its latest AE route', async () => {
    const [a, b] = await t.store.leads.upsertLeads([
      {
        ...draftLead({ email: 'a@acme.io' }),
        company: {
          domain: {
            value: 'acme.io',
            provenance: { source: 'input', at: '2026-01-01T00:00:00.000Z', origin: 'x', line: 1 },
          },
        },
      },
      {
        ...draftLead({ email: 'b@acme.io' }),
        company: {
          domain: {
            value: 'acme.io',
            provenance: { source: 'input', at: '2026-01-01T00:00:00.000Z', origin: 'x', line: 2 },
          },
        },
      },
    ]);
    const [job = ''] = await t.store.jobs.enqueue([{ kind: 'qualify', payload: {} }]);
    await t.store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
    await t.store.jobs.finish('w', [job], async (tx) => {
      for (const [lead, owner, at] of [
        [a?.id ?? '', 'dana', '2026-11-01T00:00:00.000Z'],
        [b?.id ?? '', 'omar', '2026-11-02T00:00:00.000Z'],
      ] as const) {
        const decisionId = await tx.saveDecision({
          leadId: lead,
          verdict: 'qualified',
          score: 80,
          grade: 'A1',
          fit: { score: 80, grade: 'A' },
          intent: { score: 80, grade: 1 },
          reasons: [],
          missing: [],
          versions: { engine: 'test', criteria: 'criteria@test' },
          decidedAt: at,
        });
        await tx.saveTouch({
          leadId: lead,
          decisionId,
          route: {
            destination: 'ae',
            owner: { id: owner, name: owner, email: `${owner}@example.com` },
            rule: 'r',
            reason: 'test',
          },
          arrivedAt: at,
          decidedAt: at,
          routedAt: at,
        });
      }
      return new Map();
    });
    expect(await t.store.service.accountOwners(['acme.io', 'acme.io', 'nobody.example'])).toEqual(
      new Map([['acme.io', 'omar']]),
    );
  });
});
