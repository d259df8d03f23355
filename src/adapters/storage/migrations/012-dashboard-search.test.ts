import { expect, it } from 'vitest';
import { describeStores } from '../../../test-support/describe-stores.js';
import { draftLead } from '../../../test-support/lead-drafts.js';
import { down, up } from './012-dashboard-search.js';

describeStores('migration 012 (lead search)', (t) => {
  it('indexes the leads stored before it, and can be undone and run again', async () => {
    await down(t.store.db);
    const [a, b] = (
      await t.store.leads.upsertLeads([
        draftLead({ email: 'first@acme.io', title: 'Head of Revenue Operations' }),
        draftLead({ email: 'second@globex.com' }),
      ])
    ).map((r) => r.id);
    await up(t.store.db);
    const ids = async (q: string) =>
      (await t.store.service.listLeads({ limit: 10, q })).items.map((i) => i.lead.id);
    expect(await ids('revenue op')).toEqual([a]);
    expect(await ids('GLOBEX')).toEqual([b]);
    // Leads stored after it are indexed as they are written.
    const [c] = (await t.store.leads.upsertLeads([draftLead({ email: 'third@globex.com' })])).map(
      (r) => r.id,
    );
    expect(await ids('globex')).toEqual([c, b]);
  });
});
