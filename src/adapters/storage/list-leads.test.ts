import { expect, it } from 'vitest';
import type { Decision, Verdict } from '../../domain/decision.js';
import { describeStores } from '../../test-support/describe-stores.js';
import type { StoreTestContext } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';

const decision = (
  leadId: string,
  verdict: Verdict,
  score: number,
  at: string,
  extra: Partial<Omit<Decision, 'id'>> = {},
): Omit<Decision, 'id'> => ({
  leadId,
  verdict,
  score,
  grade: verdict === 'qualified' ? 'A1' : 'D4',
  fit: { score: score - 5, grade: verdict === 'qualified' ? 'A' : 'D' },
  intent: { score: score + 5, grade: verdict === 'qualified' ? 1 : 4 },
  reasons: [
    { text: 'small fit', kind: 'fit', effect: 5, facts: [] },
    { text: 'big intent', kind: 'intent', effect: -20, facts: [] },
  ],
  missing: [],
  versions: { engine: 'test', criteria: 'c@1' },
  decidedAt: at,
  ...extra,
});

/** Decide and route leads through the pipeline's transaction, as the qualify worker does. */
const decideAndRoute = async (
  t: StoreTestContext,
  items: ReadonlyArray<{ d: Omit<Decision, 'id'>; owner?: string; arrivedAt?: string; firstAction?: string }>,
) => {
  const [job = ''] = await t.store.jobs.enqueue([{ kind: 'qualify', payload: {} }]);
  await t.store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
  await t.store.jobs.finish('w', [job], async (tx) => {
    for (const item of items) {
      const decisionId = await tx.saveDecision(item.d);
      const touchId = await tx.saveTouch({
        leadId: item.d.leadId,
        decisionId,
        route: {
          destination: item.owner === undefined ? 'nurture' : 'ae',
          ...(item.owner === undefined
            ? {}
            : { owner: { id: item.owner, name: `Rep ${item.owner}`, email: `${item.owner}@example.com` } }),
          rule: 'r',
          reason: 'test',
        },
        arrivedAt: item.arrivedAt ?? item.d.decidedAt,
        decidedAt: item.d.decidedAt,
        routedAt: item.d.decidedAt,
      });
      if (item.firstAction !== undefined) await tx.markFirstAction(touchId, item.firstAction);
    }
    return new Map();
  });
};

describeStores('the lead list and the dashboard metrics', (t) => {
  const seed = async () => {
    const results = await t.store.leads.upsertLeads([
      draftLead({ email: 'a@acme.io' }),
      draftLead({ email: 'b@acme.io' }),
      draftLead({ email: 'c@globex.com' }),
      draftLead({ email: 'd@initech.com', title: 'VP of Sales' }),
    ]);
    const [a = '', b = '', c = '', d = ''] = results.map((r) => r.id);
    await decideAndRoute(t, [
      { d: decision(a, 'not_qualified', 20, '2026-11-01T10:00:00.000Z') },
      {
        d: decision(b, 'qualified', 90, '2026-11-01T11:00:00.000Z', { playbook: 'enterprise' }),
        owner: 'dana',
      },
      { d: decision(c, 'needs_info', 50, '2026-11-02T09:00:00.000Z') },
    ]);
    // A newer decision replaces the older one in the list; its route names the owner.
    await decideAndRoute(t, [
      {
        d: decision(a, 'qualified', 80, '2026-11-02T10:00:00.000Z', {
          playbook: 'smb',
          reasons: [
            { text: 'strong fit', kind: 'fit', effect: 30, facts: [] },
            { text: 'student email', kind: 'disqualifier', effect: -1, facts: [] },
          ],
        }),
        owner: 'omar',
        arrivedAt: '2026-11-02T09:59:59.000Z',
        firstAction: '2026-11-02T10:00:01.000Z',
      },
    ]);
    return { a, b, c, d };
  };

  it('lists each lead with its newest decision, route and top reason, newest first', async () => {
    const { a, b, c, d } = await seed();
    const page = await t.store.service.listLeads({ limit: 10 });
    expect(page.items.map((i) => i.lead.id)).toEqual([d, c, b, a]);
    const first = page.items.find((i) => i.lead.id === a)?.latest;
    expect(first).toMatchObject({
      verdict: 'qualified',
      score: 80,
      fit: 75,
      intent: 85,
      playbook: 'smb',
      topReason: 'student email',
      owner: { id: 'omar', name: 'Rep omar' },
      destination: 'ae',
    });
    expect(page.items.find((i) => i.lead.id === c)?.latest?.topReason).toBe('small fit');
    expect(page.items.find((i) => i.lead.id === d)?.latest).toBeUndefined();
  });

  it('filters by verdict, grade, playbook and owner, and pages by score with a cursor', async () => {
    const { a, b, c, d } = await seed();
    const ids = async (filter: Parameters<typeof t.store.service.listLeads>[0]) =>
      (await t.store.service.listLeads(filter)).items.map((i) => i.lead.id);
    expect(await ids({ limit: 10, verdict: 'qualified' })).toEqual([b, a]);
    expect(await ids({ limit: 10, grade: 'D4' })).toEqual([c]);
    expect(await ids({ limit: 10, playbook: 'enterprise' })).toEqual([b]);
    expect(await ids({ limit: 10, owner: 'omar' })).toEqual([a]);
    // Text search ignores case (the title is stored as "VP of Sales").
    expect(await ids({ limit: 10, q: 'vp of SALES' })).toEqual([d]);
    const one = await t.store.service.listLeads({ limit: 1, sort: 'score_desc' });
    expect(one.items.map((i) => i.lead.id)).toEqual([b]);
    expect(one.next).toBe(`90~${b}`);
    const rest = await t.store.service.listLeads({ limit: 5, sort: 'score_desc', cursor: one.next ?? '' });
    expect(rest.items.map((i) => i.lead.id)).toEqual([a, c]);
    expect(await ids({ limit: 5, sort: 'score_asc' })).toEqual([c, a, b]);
    await expect(
      t.store.service.listLeads({ limit: 5, sort: 'score_asc', cursor: 'nonsense' }),
    ).rejects.toThrow(/cursor/);
  });

  it('orders by fit, intent and grade, paging one lead at a time through ties with the cursor', async () => {
    const { a, b, c } = await seed();
    const walk = async (sort: NonNullable<Parameters<typeof t.store.service.listLeads>[0]['sort']>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i += 1) {
        const page = await t.store.service.listLeads({
          limit: 1,
          sort,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...page.items.map((item) => item.lead.id));
        if (page.next === undefined) return seen;
        cursor = page.next;
      }
      return seen;
    };
    // fit: b 85, a 75, c 45; intent: b 95, a 85, c 55; grade: a and b A1 (ties by id), c D4.
    expect(await walk('fit_desc')).toEqual([b, a, c]);
    expect(await walk('fit_asc')).toEqual([c, a, b]);
    expect(await walk('intent_desc')).toEqual([b, a, c]);
    expect(await walk('intent_asc')).toEqual([c, a, b]);
    expect(await walk('grade_asc')).toEqual([a < b ? a : b, a < b ? b : a, c]);
    expect(await walk('grade_desc')).toEqual([c, a < b ? b : a, a < b ? a : b]);
    const first = await t.store.service.listLeads({ limit: 1, sort: 'grade_desc' });
    expect(first.next).toBe(`D4~${c}`);
  });

  it('searches names, email, title, company and domain by substring, following changes to the lead', async () => {
    const at = '2026-01-01T00:00:00.000Z';
    const provenance = { source: 'input' as const, at, line: 2 };
    const fact = (value: string) => ({ value, provenance });
    const named = (first: string, last: string, email: string, company: string, domain: string) => ({
      ...draftLead({ email }),
      person: { firstName: fact(first), lastName: fact(last), email: fact(email) },
      company: { name: fact(company), domain: fact(domain) },
    });
    const [jose, ana, pct] = (
      await t.store.leads.upsertLeads([
        named('José', 'Müller', 'jm@umbrella.example', 'Umbrella Corp', 'umbrella.example'),
        named('Ana', 'Kim', 'ana@hooli.example', 'Hooli', 'hooli.example'),
        named('Per', 'Cent', 'p_c@x.example', '100% Real "Quotes" Ltd', 'x.example'),
      ])
    ).map((r) => r.id);
    const ids = async (q: string) =>
      (await t.store.service.listLeads({ limit: 10, q })).items.map((i) => i.lead.id);
    expect(await ids('müll')).toEqual([jose]);
    expect(await ids('UMBRELLA CORP')).toEqual([jose]);
    expect(await ids('hooli.exam')).toEqual([ana]);
    expect(await ids('ana kim')).toEqual([ana]);
    // Short queries, LIKE's wildcards and quotes are taken as text.
    expect(await ids('Ki')).toEqual([ana]);
    expect(await ids('100%')).toEqual([pct]);
    expect(await ids('p_c')).toEqual([pct]);
    expect(await ids('%')).toEqual([pct]);
    expect(await ids('"quotes"')).toEqual([pct]);
    expect(await ids('nobody')).toEqual([]);
    // A lead merged with new facts is found by them, and no longer by what they replaced.
    await t.store.leads.upsertLeads([
      { ...named('Ana', 'Park', 'ana@hooli.example', 'Hooli', 'hooli.example') },
    ]);
    expect(await ids('ana park')).toEqual([ana]);
    expect(await ids('ana kim')).toEqual([]);
  });

  it('names the playbooks and owners in use', async () => {
    await seed();
    const facets = await t.store.service.leadFacets();
    expect(facets.playbooks).toEqual(['enterprise', 'smb']);
    expect(facets.owners).toEqual([
      { id: 'dana', name: 'Rep dana' },
      { id: 'omar', name: 'Rep omar' },
    ]);
  });

  it('counts verdicts by day, touch times, AE outcomes, conversion and reviews', async () => {
    const { a, b, c } = await seed();
    await t.store.leads.addOutcomes([
      { leadId: b, type: 'accepted', occurredAt: '2026-11-03T00:00:00Z', source: 'test' },
      { leadId: b, type: 'opportunity_created', occurredAt: '2026-11-04T00:00:00Z', source: 'test' },
      { leadId: b, type: 'won', occurredAt: '2026-11-13T00:00:00Z', source: 'test' },
      { leadId: c, type: 'won', occurredAt: '2026-11-04T00:00:00Z', source: 'test' },
      {
        leadId: a,
        type: 'rejected',
        reason: 'no budget',
        occurredAt: '2026-11-03T00:00:00Z',
        source: 'test',
      },
    ]);
    const data = await t.store.service.metricsData();
    expect(
      [...data.verdictsByDay].sort((x, y) => (x.day + x.verdict).localeCompare(y.day + y.verdict)),
    ).toEqual([
      { day: '2026-11-01', verdict: 'qualified', count: 1 },
      { day: '2026-11-02', verdict: 'needs_info', count: 1 },
      { day: '2026-11-02', verdict: 'qualified', count: 1 },
    ]);
    expect(data.firstTouchMs).toEqual([2000]);
    expect(data.routedMs).toHaveLength(4);
    expect(data.accepted).toBe(1);
    expect(data.rejected).toBe(1);
    const conversion = Object.fromEntries(data.conversion.map((r) => [r.verdict, r]));
    expect(conversion['qualified']).toMatchObject({ leads: 2, opportunities: 1 });
    expect(conversion['needs_info']).toMatchObject({ leads: 1, opportunities: 1 });
    expect(data.reviews).toEqual([]);
    // b: accepted on the 3rd, won on the 13th; c was won with no acceptance or opportunity before.
    expect(data.salesCycleDays).toEqual([10]);
  });

  it('counts conversion of the leads that arrived in a period by newest verdict, undecided leads apart', async () => {
    const { b, c, d } = await seed();
    await t.store.leads.addOutcomes([
      { leadId: b, type: 'opportunity_created', occurredAt: '2026-11-04T00:00:00Z', source: 'test' },
      { leadId: b, type: 'won', occurredAt: '2026-11-13T00:00:00Z', source: 'test' },
      { leadId: c, type: 'accepted', occurredAt: '2026-11-04T00:00:00Z', source: 'test' },
      { leadId: d, type: 'won', occurredAt: '2026-11-04T00:00:00Z', source: 'test' },
    ]);
    const all = await t.store.service.periodConversion({ from: '2000-01-01', to: '2999-01-01' });
    const byGroup = Object.fromEntries(all.groups.map((g) => [g.group, [g.leads, g.opportunities]]));
    // a and b qualified (b an opportunity, counted once), c needs info, d never decided but won.
    expect(byGroup).toEqual({ qualified: [2, 1], rest: [1, 0], undecided: [1, 1] });
    const none = await t.store.service.periodConversion({ from: '1990-01-01', to: '2000-01-01' });
    expect(none.groups).toEqual([]);
  });
});
