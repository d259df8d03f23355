import { expect, it } from 'vitest';
import type { Decision } from '../../domain/decision.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead, fromInput } from '../../test-support/lead-drafts.js';

const decisionAt = (leadId: string, decidedAt: string, score: number): Omit<Decision, 'id'> => ({
  leadId,
  verdict: 'qualified',
  score,
  grade: 'A1',
  fit: { score: 80.5, grade: 'A' },
  intent: { score: 90, grade: 1 },
  playbook: 'smb',
  reasons: [
    {
      text: 'VP at a 201–500 person company',
      kind: 'fit',
      effect: 12.25,
      facts: [{ field: 'person.seniority', value: 'vp', provenance: fromInput(decidedAt, 3, 'Title') }],
    },
  ],
  missing: [{ field: 'company.revenue', how: 'ask', question: 'Roughly what is your annual revenue?' }],
  versions: { engine: '0.1.0', criteria: 'sha256:abc', model: 'gbt-3' },
  decidedAt,
});

describeStores('Lead events', (t) => {
  const newLeadId = async (): Promise<string> => {
    const [result] = await t.store.leads.upsertLeads([draftLead({ email: 'ev@acme.com' })]);
    return result?.id ?? '';
  };

  it('lists activities oldest first, whatever order and time zone they arrived in', async () => {
    const leadId = await newLeadId();
    const base = { leadId, source: 'api', properties: { url: '/pricing', seconds: 42, returning: true } };
    const ids = await t.store.leads.addActivities([
      { ...base, type: 'pricing_page_view', occurredAt: '2026-01-02T10:00:00+02:00' },
      { ...base, type: 'page_view', occurredAt: '2026-01-02T07:00:00Z' },
      { ...base, type: 'demo_request', occurredAt: '2026-01-03T00:00:00.000Z' },
    ]);
    const listed = await t.store.leads.listActivities(leadId);
    expect(listed.map((a) => a.id)).toEqual([ids[1], ids[0], ids[2]]);
    expect(listed[1]).toStrictEqual({
      id: ids[0],
      ...base,
      type: 'pricing_page_view',
      occurredAt: '2026-01-02T08:00:00.000Z',
    });
    expect(await t.store.leads.listActivities('nobody')).toEqual([]);
  });

  it('refuses an activity for a lead that does not exist, storing none of its batch', async () => {
    const leadId = await newLeadId();
    const at = '2026-01-01T00:00:00Z';
    const batch = [
      { leadId, type: 'page_view' as const, occurredAt: at, properties: {}, source: 'api' },
      { leadId: 'missing', type: 'page_view' as const, occurredAt: at, properties: {}, source: 'api' },
    ];
    await expect(t.store.leads.addActivities(batch)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.store.leads.listActivities(leadId)).toEqual([]);
  });

  it('refuses a time that is not ISO 8601, naming the field', async () => {
    const leadId = await newLeadId();
    const bad = { leadId, type: 'won' as const, occurredAt: 'last tuesday', source: 'crm:hubspot' };
    await expect(t.store.leads.addOutcomes([bad])).rejects.toThrow(/outcomes\[0\]\.occurredAt/);
  });

  it('lists outcomes oldest first with their reason and amount', async () => {
    const leadId = await newLeadId();
    const ids = await t.store.leads.addOutcomes([
      {
        leadId,
        type: 'won',
        occurredAt: '2026-03-01T00:00:00.000Z',
        amount: 12_345.67,
        source: 'crm:hubspot',
      },
      { leadId, type: 'accepted', occurredAt: '2026-02-01T00:00:00.000Z', reason: 'good fit', source: 'api' },
    ]);
    expect(await t.store.leads.listOutcomes(leadId)).toStrictEqual([
      {
        id: ids[1],
        leadId,
        type: 'accepted',
        occurredAt: '2026-02-01T00:00:00.000Z',
        reason: 'good fit',
        source: 'api',
      },
      {
        id: ids[0],
        leadId,
        type: 'won',
        occurredAt: '2026-03-01T00:00:00.000Z',
        amount: 12_345.67,
        source: 'crm:hubspot',
      },
    ]);
  });

  it('reads decisions back whole, oldest first', async () => {
    const leadId = await newLeadId();
    const later = decisionAt(leadId, '2026-04-01T00:00:00.000Z', 71.5);
    const earlier = decisionAt(leadId, '2026-03-01T00:00:00.000Z', 64);
    const laterId = await t.store.leads.saveDecision(later);
    const earlierId = await t.store.leads.saveDecision(earlier);
    expect(await t.store.leads.listDecisions(leadId)).toStrictEqual([
      { ...earlier, id: earlierId },
      { ...later, id: laterId },
    ]);
  });
});
