import { expect, it } from 'vitest';
import { describeStores } from '../../../test-support/describe-stores.js';
import { draftLead } from '../../../test-support/lead-drafts.js';
import { down, up } from './006-dashboard.js';

describeStores('migration 006 (lead_latest)', (t) => {
  it('copies in the same newest decision and route that saving keeps', async () => {
    const results = await t.store.leads.upsertLeads([
      draftLead({ email: 'a@acme.io' }),
      draftLead({ email: 'b@acme.io' }),
      draftLead({ email: 'c@acme.io' }),
    ]);
    const [a = '', b = ''] = results.map((r) => r.id);
    const base = {
      grade: 'B2',
      fit: { score: 60, grade: 'B' as const },
      intent: { score: 55, grade: 2 as const },
      missing: [],
      versions: { engine: 'test', criteria: 'c@1' },
    };
    await t.store.leads.saveDecision({
      ...base,
      leadId: a,
      verdict: 'needs_info',
      score: 40,
      reasons: [{ text: 'first', kind: 'fit', effect: 1, facts: [] }],
      decidedAt: '2026-11-01T00:00:00Z',
    });
    const [job = ''] = await t.store.jobs.enqueue([{ kind: 'qualify', payload: {} }]);
    await t.store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
    await t.store.jobs.finish('w', [job], async (tx) => {
      for (const [lead, score] of [
        [a, 70],
        [b, 90],
      ] as const) {
        const decisionId = await tx.saveDecision({
          ...base,
          leadId: lead,
          verdict: 'qualified',
          score,
          playbook: 'enterprise',
          reasons: [{ text: `newest of ${lead}`, kind: 'intent', effect: 9, facts: [] }],
          decidedAt: '2026-11-02T00:00:00Z',
        });
        await tx.saveTouch({
          leadId: lead,
          decisionId,
          route: {
            destination: 'review',
            rule: 'r',
            reason: 'assisted',
            proposed: {
              destination: 'ae',
              owner: { id: 'dana', name: 'Dana', email: 'd@x.io' },
              rule: 'r',
              reason: 'x',
            },
          },
          arrivedAt: '2026-11-02T00:00:00Z',
          decidedAt: '2026-11-02T00:00:00Z',
          routedAt: '2026-11-02T00:00:00Z',
        });
      }
      return new Map();
    });
    const read = () => t.store.db.selectFrom('lead_latest').selectAll().orderBy('lead_id').execute();
    const kept = await read();
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatchObject({
      lead_id: a,
      verdict: 'qualified',
      score: 70,
      playbook: 'enterprise',
      top_reason: `newest of ${a}`,
      owner_id: 'dana',
      owner_name: 'Dana',
      destination: 'review',
    });
    await down(t.store.db);
    await up(t.store.db);
    expect(await read()).toEqual(kept);
  });
});
