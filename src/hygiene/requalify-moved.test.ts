import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria, type LoadedCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import type { NewJob } from '../jobs/job-queue.js';
import { JOB_KINDS, runQualifyJobs, type ActionsFunction } from '../pipeline/qualify-jobs.js';
import { routeWithCriteria } from '../pipeline/route-decision.js';
import { reevaluateStore } from '../scheduler/reevaluate-task.js';
import { describeStores } from '../test-support/describe-stores.js';
import { reevaluateStoredLeads } from './reevaluate-stored-leads.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
/**
 * Mostly fit, a little intent: the verdict stays qualified while intent decays. Hot leads (75 and
 * over) go to an AE, other qualified ones to a nurture sequence: the score decides the destination.
 */
const SCORE_ROUTED = BANT.replace(
  'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
  'verdicts: { fitWeight: 0.8, minScore: 60, minFitGrade: B, minIntentGrade: 4 }',
).replace(
  '    - name: qualified\n      when: { verdicts: [qualified] }\n      to: { assign: [territory, round-robin] }',
  '    - name: qualified\n      when: { verdicts: [qualified] }\n      to: { nurture: warm-up }',
);

const DANA = {
  email: 'dana@acme-robotics.com',
  name: 'Dana Kim',
  title: 'VP of Sales',
  website: 'acme-robotics.com',
  industry: 'Software',
  employees: '450',
  country: 'US',
};

const BUSY = [
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-08T10:00:00Z' },
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-09T10:00:00Z' },
  { type: 'demo_request' as const, occurredAt: '2026-01-09T11:00:00Z' },
];

/** Store Dana (or another person) with her events, and decide and route her through the qualify pipeline at `at`. */
const qualifyFirst = async (
  store: StoreHandle,
  text: string,
  at: string,
  person: typeof DANA = DANA,
): Promise<string> => {
  const criteria: LoadedCriteria = parseCriteria(text, 'criteria.yaml');
  await store.service.saveCriteria({
    version: criteria.version,
    name: criteria.name,
    text,
    createdBy: 'test',
  });
  const { accepted } = intakeJsonLeads([person], { origin: 'test', receivedAt: at });
  const [result] = await store.leads.upsertLeads([accepted[0]!.draft]);
  const leadId = result!.id;
  await store.leads.addActivities(
    BUSY.map((e) => ({ ...e, leadId, properties: {}, source: 'tracking-snippet' })),
  );
  await store.jobs.enqueue([{ kind: JOB_KINDS.qualify, leadId, payload: { arrivedAt: at } }]);
  const jobs = await store.jobs.claim({ worker: 'w', kinds: [JOB_KINDS.qualify], limit: 1, leaseMs: 60_000 });
  await runQualifyJobs(
    {
      clock: fixedClock(at),
      leads: store.leads,
      jobs: store.jobs,
      criteria: () => Promise.resolve(criteria),
      model: () => Promise.resolve(undefined),
      route: routeWithCriteria,
      actions: () => [],
      accountOwners: (domains) => store.service.accountOwners(domains),
      leadOwners: (ids) => store.service.leadOwners(ids),
    },
    'w',
    jobs,
  );
  return leadId;
};

describeStores('acting on re-evaluated leads', (t) => {
  it('routes a same-verdict re-score again when its score sends it to another destination', async () => {
    const leadId = await qualifyFirst(t.store, SCORE_ROUTED, '2026-01-10T00:00:00Z');
    const [first] = await t.store.service.listTouches(leadId);
    expect(first?.route).toMatchObject({ destination: 'ae', rule: 'hot' });
    const later = await reevaluateStore(t.store, {
      clock: fixedClock('2026-03-01T00:00:00Z'),
      options: { minScoreChange: 100 },
    });
    expect(later).toMatchObject({ rescored: 1, rerouted: 1, routed: 1, movedDown: 0 });
    const touches = await t.store.service.listTouches(leadId);
    expect(touches.map((touch) => [touch.route.destination, touch.route.rule])).toEqual([
      ['ae', 'hot'],
      ['nurture', 'qualified'],
    ]);
    const history = await t.store.leads.listDecisions(leadId);
    expect(history.map((d) => d.verdict)).toEqual(['qualified', 'qualified']);
    expect(history[1]?.reasons[0]?.text).toMatch(/^Still qualified, score \d+ → \d+: intent fell/);
  });

  it('leaves a moved verdict alone when the lead was decided again meanwhile, so a move is acted on once', async () => {
    const leadId = await qualifyFirst(t.store, BANT, '2026-01-10T00:00:00Z');
    const hygiene = t.store.hygiene;
    // A qualify job decides the lead between re-evaluation's read and its write.
    const racing: typeof hygiene = {
      ...hygiene,
      saveReevaluation: async (writes, requalify) => {
        const [latest] = (await t.store.leads.listDecisions(leadId)).slice(-1);
        const { id: _id, ...again } = latest!;
        await t.store.leads.saveDecision({ ...again, decidedAt: '2026-03-09T12:00:00.000Z' });
        return hygiene.saveReevaluation(writes, requalify);
      },
    };
    const summary = await reevaluateStore(
      { ...t.store, hygiene: racing },
      { clock: fixedClock('2026-03-10T00:00:00Z') },
    );
    expect(summary).toMatchObject({ movedDown: 1, routed: 0, superseded: 1, actions: 0 });
    expect(await t.store.service.listTouches(leadId)).toHaveLength(1);
    expect((await t.store.leads.listDecisions(leadId)).map((d) => d.verdict)).toEqual([
      'qualified',
      'qualified',
    ]);
    // The next run compares with the newest decision, and acts on the move then.
    const next = await reevaluateStore(t.store, { clock: fixedClock('2026-03-10T00:00:00Z') });
    expect(next).toMatchObject({ movedDown: 1, routed: 1, superseded: 0 });
    expect(await t.store.service.listTouches(leadId)).toHaveLength(2);
  });

  it('writes nothing of a batch whose routing fails half-way, and acts on each move exactly once when run again', async () => {
    const at = '2026-01-10T00:00:00Z';
    const leadIds = [
      await qualifyFirst(t.store, BANT, at),
      await qualifyFirst(t.store, BANT, at, { ...DANA, email: 'lee@acme-robotics.com', name: 'Lee Park' }),
    ];
    const criteria = parseCriteria(BANT, 'criteria.yaml');
    const run = (actions: ActionsFunction) =>
      reevaluateStoredLeads({
        clock: fixedClock('2026-03-10T00:00:00Z'),
        hygiene: t.store.hygiene,
        criteria,
        requalify: {
          route: routeWithCriteria,
          actions,
          accountOwners: (domains) => t.store.service.accountOwners(domains),
          leadOwners: (ids) => t.store.service.leadOwners(ids),
        },
      });
    const webhook = (leadId: string): NewJob[] => [{ kind: JOB_KINDS.webhook, leadId, payload: {} }];
    let calls = 0;
    // The second lead's actions fail after the first lead was saved, routed and acted on.
    await expect(
      run(({ lead }) => {
        calls += 1;
        if (calls === 2) throw new Error('the process died here');
        return webhook(lead.id);
      }),
    ).rejects.toThrow();
    expect(calls).toBe(2);
    for (const leadId of leadIds) {
      expect(await t.store.leads.listDecisions(leadId)).toHaveLength(1);
      expect(await t.store.service.listTouches(leadId)).toHaveLength(1);
    }
    expect((await t.store.jobs.list({ kind: JOB_KINDS.webhook, limit: 10 })).jobs).toEqual([]);
    expect(await run(({ lead }) => webhook(lead.id))).toMatchObject({ movedDown: 2, routed: 2, actions: 2 });
    expect(await run(({ lead }) => webhook(lead.id))).toMatchObject({ movedDown: 0, routed: 0, actions: 0 });
    const { jobs } = await t.store.jobs.list({ kind: JOB_KINDS.webhook, limit: 10 });
    expect(jobs.map((job) => job.leadId).sort()).toEqual([...leadIds].sort());
    for (const leadId of leadIds) expect(await t.store.service.listTouches(leadId)).toHaveLength(2);
  });
});
