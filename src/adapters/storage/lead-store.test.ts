import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import type { Lead } from '../../domain/lead.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead, richDraft } from '../../test-support/lead-drafts.js';
import { MIGRATIONS, migrateToLatest } from './migrate-to-latest.js';

describeStores('LeadStore', (t) => {
  it('runs its migrations once: running them again, or reopening, changes nothing', async () => {
    expect(await migrateToLatest(t.store.db)).toEqual([]);
    await t.open();
    const applied = await t.store.db
      .selectFrom(sql<{ name: string }>`kysely_migration`.as('m'))
      .select('name')
      .execute();
    expect(applied.map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
  });

  it('reads a created lead back with every fact and its provenance exactly', async () => {
    const store = await t.open({ clock: fixedClock('2026-03-01T00:00:00.000Z') });
    const draft = richDraft();
    const [result] = await store.leads.upsertLeads([draft]);
    expect(result?.action).toBe('created');
    const expected: Lead = {
      id: result?.id ?? '',
      externalId: 'crm-42',
      ...(draft.source === undefined ? {} : { source: draft.source }),
      person: draft.person,
      company: draft.company,
      consent: draft.consent,
      custom: draft.custom,
      raw: draft.raw,
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };
    expect(await store.leads.getLead(expected.id)).toStrictEqual(expected);
    expect(await store.leads.findLeadByEmail('ANN@acme.co.uk')).toStrictEqual(expected);
    expect(await store.leads.getLead('no-such-id')).toBeUndefined();
  });

  it('upserts the same draft by external id twice into one lead, the second time as updated', async () => {
    const draft = draftLead({ externalId: 'crm-1', email: 'ann@acme.com' });
    const [first] = await t.store.leads.upsertLeads([draft]);
    const [second] = await t.store.leads.upsertLeads([draft]);
    expect(second).toEqual({ id: first?.id, action: 'updated' });
    expect(await t.store.leads.countLeads()).toBe(1);
  });

  it('merges a draft into the lead with the same normalized email', async () => {
    const [first] = await t.store.leads.upsertLeads([draftLead({ email: 'ann@acme.com', title: 'Manager' })]);
    const later = draftLead({ email: ' ANN@Acme.com', title: 'VP Sales', at: '2026-02-01T00:00:00.000Z' });
    const [second] = await t.store.leads.upsertLeads([later]);
    expect(second).toEqual({ id: first?.id, action: 'updated' });
    const lead = await t.store.leads.getLead(first?.id ?? '');
    expect(lead?.person.title?.value).toBe('VP Sales');
    expect(await t.store.leads.countLeads()).toBe(1);
  });

  it('creates a new lead for every draft with neither an external id nor an email', async () => {
    const results = await t.store.leads.upsertLeads([
      draftLead({ title: 'CEO' }),
      draftLead({ title: 'CEO' }),
    ]);
    expect(results.map((r) => r.action)).toEqual(['created', 'created']);
    expect(await t.store.leads.countLeads()).toBe(2);
  });

  it('merges two drafts with the same email in one batch into one lead', async () => {
    const results = await t.store.leads.upsertLeads([
      draftLead({ email: 'bo@beta.io', title: 'Engineer' }),
      draftLead({ email: 'BO@beta.io', title: 'CTO', at: '2026-01-02T00:00:00.000Z' }),
    ]);
    expect(results.map((r) => r.action)).toEqual(['created', 'updated']);
    expect(results[1]?.id).toBe(results[0]?.id);
    expect((await t.store.leads.findLeadByEmail('bo@beta.io'))?.person.title?.value).toBe('CTO');
  });

  it('leaves one lead per email when two writers upsert the same emails at once', async () => {
    const [a, b] = [t.store, await t.open()];
    const emails = Array.from({ length: 20 }, (_, i) => `p${i}@race.test`);
    // Opposite orders make the writers lock rows in opposite orders: deadlocks must be retried.
    const [ra, rb] = await Promise.all([
      a.leads.upsertLeads(emails.map((email) => draftLead({ email }))),
      b.leads.upsertLeads([...emails].reverse().map((email) => draftLead({ email }))),
    ]);
    expect(await a.leads.countLeads()).toBe(emails.length);
    expect(new Set([...ra, ...rb].map((r) => r.id)).size).toBe(emails.length);
    expect([...ra, ...rb].filter((r) => r.action === 'created')).toHaveLength(emails.length);
  });

  it('reports a draft whose email another lead owns as a conflict and leaves both leads alone', async () => {
    const [x, y] = await t.store.leads.upsertLeads([
      draftLead({ externalId: 'crm-x', email: 'x@acme.com' }),
      draftLead({ externalId: 'crm-y', email: 'y@acme.com' }),
    ]);
    const moved = draftLead({ externalId: 'crm-x', email: 'y@acme.com', at: '2026-05-01T00:00:00.000Z' });
    const [result] = await t.store.leads.upsertLeads([moved]);
    expect(result?.action).toBe('conflict');
    expect(result?.id).toBe(x?.id);
    expect(result?.action === 'conflict' && isAppError(result.error, 'CONFLICT')).toBe(true);
    expect((await t.store.leads.getLead(x?.id ?? ''))?.person.email?.value).toBe('x@acme.com');
    expect((await t.store.leads.findLeadByEmail('y@acme.com'))?.id).toBe(y?.id);
  });

  it('visits every lead exactly once, in creation order, when paging with a cursor', async () => {
    const ids: string[] = [];
    for (let batch = 0; batch < 3; batch += 1) {
      const drafts = Array.from({ length: 9 }, (_, i) => draftLead({ email: `l${batch}-${i}@page.test` }));
      ids.push(...(await t.store.leads.upsertLeads(drafts)).map((r) => r.id));
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.leads.listLeads(cursor === undefined ? { limit: 7 } : { limit: 7, cursor });
      seen.push(...page.leads.map((l) => l.id));
      cursor = page.next;
    } while (cursor !== undefined);
    expect(seen).toEqual(ids);
    await expect(t.store.leads.listLeads({ limit: 0 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('rolls back the whole batch when the database rejects a draft half-way', async () => {
    const [kept] = await t.store.leads.upsertLeads([draftLead({ email: 'kept@acme.com', title: 'Manager' })]);
    const batch = [
      draftLead({ email: 'new1@acme.com' }),
      draftLead({ email: 'kept@acme.com', title: 'Director', at: '2026-06-01T00:00:00.000Z' }),
      // An email of only spaces normalizes to '', which the leads_email_not_empty check refuses.
      draftLead({ email: '   ' }),
      draftLead({ email: 'new2@acme.com' }),
    ];
    const failure = await t.store.leads.upsertLeads(batch).catch((error: unknown) => error);
    expect(isAppError(failure, 'STORAGE_FAILED')).toBe(true);
    expect(await t.store.leads.countLeads()).toBe(1);
    expect((await t.store.leads.getLead(kept?.id ?? ''))?.person.title?.value).toBe('Manager');
  });

  it('keeps everything when the store is closed and opened again', async () => {
    const [lead] = await t.store.leads.upsertLeads([richDraft()]);
    const before = await t.store.leads.getLead(lead?.id ?? '');
    await t.store.close();
    const reopened = await t.open();
    expect(await reopened.leads.getLead(lead?.id ?? '')).toStrictEqual(before);
    expect(await reopened.leads.countLeads()).toBe(1);
  });

  it('merges companies by key, fact by fact, newest provenance winning', async () => {
    const at = (iso: string) => ({ source: 'input' as const, at: iso });
    const [first] = await t.store.leads.upsertCompanies([
      { key: 'Acme.com', name: { value: 'Acme', provenance: at('2026-01-01T00:00:00.000Z') } },
    ]);
    const [second] = await t.store.leads.upsertCompanies([
      { key: 'acme.com', industry: { value: 'software', provenance: at('2026-02-01T00:00:00.000Z') } },
    ]);
    expect(second).toEqual({ id: first?.id, action: 'updated' });
    const company = await t.store.leads.getCompanyByKey('ACME.com');
    expect(company).toMatchObject({ id: first?.id, key: 'acme.com', name: { value: 'Acme' } });
    expect(company?.industry?.value).toBe('software');
  });
});
