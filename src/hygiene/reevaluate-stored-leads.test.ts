import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import { fixedClock } from '../domain/clock.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { planOccurrences, runDueOccurrences, occurrenceKind } from '../scheduler/run-occurrences.js';
import { reevaluateStore, reevaluateTask } from '../scheduler/reevaluate-task.js';
import { decideLead } from '../scoring/qualify-file.js';
import { describeStores } from '../test-support/describe-stores.js';
import type { ReevaluationSummary } from './reevaluate-stored-leads.js';

const BANT_TEXT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
// The same criteria with the verdict on fit alone: a qualified lead stays qualified while silent.
const FIT_ONLY_TEXT = BANT_TEXT.replace(
  'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
  'verdicts: { fitWeight: 1, minScore: 60, minFitGrade: B, minIntentGrade: 4 }',
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

const WEBHOOK: ResolvedWebhook = {
  name: 'crm-hygiene',
  url: 'http://127.0.0.1:9/hooks',
  secrets: ['s3cret'],
  events: ['lead.stale'],
  timeoutMs: 5000,
  maxAttempts: 3,
};

/** Store one lead with its events and a first decision made at `decidedAt`, under `criteriaText`. */
const storeDecidedLead = async (
  store: StoreHandle,
  criteriaText: string,
  events: readonly { type: 'pricing_page_view' | 'demo_request'; occurredAt: string }[],
  decidedAt: string,
): Promise<string> => {
  const criteria = parseCriteria(criteriaText, 'criteria.yaml');
  await store.service.saveCriteria({
    version: criteria.version,
    name: criteria.name,
    text: criteriaText,
    createdBy: 'test',
  });
  const { accepted } = intakeJsonLeads([DANA], { origin: 'test', receivedAt: '2026-01-01T00:00:00Z' });
  const [result] = await store.leads.upsertLeads([accepted[0]!.draft]);
  const leadId = result!.id;
  await store.leads.addActivities(
    events.map((e) => ({ ...e, leadId, properties: {}, source: 'tracking-snippet' })),
  );
  const lead = (await store.leads.getLead(leadId))!;
  const activities = await store.leads.listActivities(leadId);
  const first = decideLead({ clock: fixedClock(decidedAt) }, criteria, lead, activities);
  await store.leads.saveDecision({ ...first, leadId });
  return leadId;
};

/** The counts of a summary add up as its contract says. */
const expectCountsAddUp = (s: ReevaluationSummary): void => {
  expect(s.stored).toBe(s.reevaluated + s.undecided);
  expect(s.reevaluated).toBe(s.movedUp + s.movedDown + s.rescored + s.unchanged + s.failed);
  expect(s.movedUp + s.movedDown + s.rerouted).toBe(s.routed + s.superseded);
  expect(s.stale).toBe(s.raised + s.kept);
};

const BUSY = [
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-08T10:00:00Z' },
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-09T10:00:00Z' },
  { type: 'demo_request' as const, occurredAt: '2026-01-09T11:00:00Z' },
];

describeStores('re-evaluating stored leads', (t) => {
  it('moves a verdict down as intent decays, stores it as a new decision that says why, and leaves it alone after', async () => {
    const leadId = await storeDecidedLead(t.store, BANT_TEXT, BUSY, '2026-01-10T00:00:00Z');
    const [first] = await t.store.leads.listDecisions(leadId);
    expect(first?.verdict).toBe('qualified');
    const later = await reevaluateStore(t.store, { clock: fixedClock('2026-03-10T00:00:00Z') });
    expect(later).toMatchObject({ stored: 1, reevaluated: 1, movedDown: 1, movedUp: 0, complete: true });
    expectCountsAddUp(later);
    const history = await t.store.leads.listDecisions(leadId);
    expect(history.map((d) => d.verdict)).toEqual(['qualified', 'not_qualified']);
    expect(history[1]?.decidedAt).toBe('2026-03-10T00:00:00.000Z');
    expect(history[1]?.reasons[0]?.text).toMatch(
      new RegExp(
        `^Verdict moved down from qualified to not_qualified \\(score ${first?.score} → \\d+\\): intent fell from \\d+ to \\d+ as its events aged \\(nothing new since 2026-01-09\\)$`,
      ),
    );
    expect((await t.store.leads.latestVerdicts([leadId])).get(leadId)).toBe('not_qualified');
    // A day later intent has hardly moved: no new decision.
    const again = await reevaluateStore(t.store, { clock: fixedClock('2026-03-11T00:00:00Z') });
    expect(again).toMatchObject({ reevaluated: 1, unchanged: 1, movedDown: 0 });
    expect(await t.store.leads.listDecisions(leadId)).toHaveLength(2);
  });

  it('flags a qualified lead silent for 60 days once, sends lead.stale, and clears the flag when it acts again', async () => {
    const leadId = await storeDecidedLead(
      t.store,
      FIT_ONLY_TEXT,
      [{ type: 'pricing_page_view', occurredAt: '2026-01-12T15:00:00Z' }],
      '2026-01-10T09:00:00Z',
    );
    const run = (at: string) =>
      reevaluateStore(t.store, {
        clock: fixedClock(at),
        actions: { webhooks: [WEBHOOK] },
        options: { silentDays: 60 },
      });
    const early = await run('2026-03-13T14:59:00Z'); // 59 days and 23:59 after the last event
    expect(early).toMatchObject({ stale: 0, raised: 0 });
    const due = await run('2026-03-13T15:00:00Z');
    expect(due).toMatchObject({ stale: 1, raised: 1, kept: 0, webhooks: 1 });
    expectCountsAddUp(due);
    const flag = await t.store.hygiene.flagOf(leadId);
    expect(flag).toMatchObject({
      kind: 'lead',
      action: 're-engage',
      silentDays: 60,
      flaggedAt: '2026-03-13T15:00:00.000Z',
    });
    expect(flag?.reason.text).toMatch(
      /^Qualified on 2026-01-10 but silent for 60 days \(60 allowed\); last seen visiting the pricing page on 2026-01-12 — re-engage/,
    );
    expect(
      (await t.store.hygiene.listFlags({ action: 're-engage', limit: 10 })).flags.map((f) => f.leadId),
    ).toEqual([leadId]);
    expect((await t.store.hygiene.listFlags({ action: 'remove', limit: 10 })).flags).toEqual([]);
    const { jobs } = await t.store.jobs.list({ kind: 'webhook', limit: 10 });
    expect(jobs).toHaveLength(1);
    const payload = jobs[0]?.payload as { event: string; webhook: string; body: string };
    expect(payload).toMatchObject({ event: 'lead.stale', webhook: 'crm-hygiene' });
    expect(JSON.parse(payload.body)).toMatchObject({
      type: 'lead.stale',
      lead: { id: leadId, email: 'dana@acme-robotics.com' },
      flag: { kind: 'lead', action: 're-engage', silentDays: 60, since: '2026-01-12T15:00:00.000Z' },
    });
    // Still silent a week later: the flag holds, and no second webhook is sent.
    const week = await run('2026-03-20T15:00:00Z');
    expect(week).toMatchObject({ stale: 1, raised: 0, kept: 1, webhooks: 0 });
    expect((await t.store.jobs.list({ kind: 'webhook', limit: 10 })).jobs).toHaveLength(1);
    // Heard from again: the flag goes.
    await t.store.leads.addActivities([
      { leadId, type: 'email_reply', occurredAt: '2026-03-21T09:00:00Z', properties: {}, source: 'api' },
    ]);
    const back = await run('2026-03-21T12:00:00Z');
    expect(back).toMatchObject({ stale: 0, cleared: 1 });
    expect(await t.store.hygiene.flagOf(leadId)).toBeUndefined();
  });

  it('counts silence from when the lead was qualified, not from a later re-scoring while it stayed qualified', async () => {
    // Mostly fit, a little intent: the verdict stays qualified while decay moves the score.
    const mostlyFit = BANT_TEXT.replace(
      'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
      'verdicts: { fitWeight: 0.8, minScore: 60, minFitGrade: B, minIntentGrade: 4 }',
    );
    const leadId = await storeDecidedLead(t.store, mostlyFit, BUSY, '2026-01-10T00:00:00Z');
    const run = (at: string) =>
      reevaluateStore(t.store, { clock: fixedClock(at), options: { silentDays: 60, minScoreChange: 1 } });
    expect(await run('2026-02-01T00:00:00Z')).toMatchObject({ rescored: 1, stale: 0 });
    expect((await t.store.leads.listDecisions(leadId)).map((d) => d.verdict)).toEqual([
      'qualified',
      'qualified',
    ]);
    expect(await run('2026-03-10T23:59:00Z')).toMatchObject({ stale: 0 });
    expect(await run('2026-03-11T00:00:00Z')).toMatchObject({ stale: 1, raised: 1 });
    expect((await t.store.hygiene.flagOf(leadId))?.reason.text).toMatch(
      /^Qualified on 2026-01-10 but silent for 60 days \(60 allowed\); last seen requesting a demo on 2026-01-09/,
    );
  });

  it('says on a moved decision that its lead has an open opportunity, and flags the opportunity to update once it is silent', async () => {
    const leadId = await storeDecidedLead(t.store, BANT_TEXT, BUSY, '2026-01-10T00:00:00Z');
    await t.store.leads.addOutcomes([
      { leadId, type: 'opportunity_created', occurredAt: '2026-01-12T00:00:00Z', source: 'api' },
    ]);
    const moved = await reevaluateStore(t.store, { clock: fixedClock('2026-03-10T00:00:00Z') });
    expect(moved).toMatchObject({ movedDown: 1, routed: 1, stale: 0 });
    const history = await t.store.leads.listDecisions(leadId);
    expect(history[1]?.reasons[0]?.text).toMatch(
      /^Verdict moved down from qualified to not_qualified .* — its opportunity open since 2026-01-12 is affected: review it with its owner$/,
    );
    // Sixty days after it opened (its last event was before): the open opportunity is stale.
    const due = await reevaluateStore(t.store, { clock: fixedClock('2026-03-13T00:00:00Z') });
    expect(due).toMatchObject({ unchanged: 1, stale: 1, raised: 1 });
    const flag = await t.store.hygiene.flagOf(leadId);
    expect(flag).toMatchObject({ kind: 'opportunity', action: 'update', silentDays: 60 });
    expect(flag?.reason.text).toMatch(/^Open opportunity \(since 2026-01-12\) silent for 60 days/);
    // Once won, it is closed: the flag goes, and later moves no longer name it.
    await t.store.leads.addOutcomes([
      { leadId, type: 'won', occurredAt: '2026-03-14T00:00:00Z', source: 'api' },
    ]);
    expect(await reevaluateStore(t.store, { clock: fixedClock('2026-03-15T00:00:00Z') })).toMatchObject({
      stale: 0,
      cleared: 1,
    });
  });

  it('runs the scheduled re-evaluation once per occurrence when two schedulers race for it', async () => {
    let now = Date.parse('2026-03-09T23:00:00Z');
    const clock: Clock = { now: () => now };
    const a = await t.open({ clock });
    const b = await t.open({ clock });
    const leadId = await storeDecidedLead(a, BANT_TEXT, BUSY, '2026-01-10T00:00:00Z');
    const task = reevaluateTask({ schedule: { cron: '0 0 * * *' } });
    const tick = async (store: StoreHandle, worker: string) => {
      await planOccurrences({ store, clock }, [task]);
      return runDueOccurrences({ store, clock }, [task], { worker, leaseMs: 60_000, log: () => undefined });
    };
    await Promise.all([tick(a, 'a'), tick(b, 'b')]);
    now = Date.parse('2026-03-10T00:00:01Z');
    const [byA, byB] = await Promise.all([tick(a, 'a'), tick(b, 'b')]);
    expect([...byA, ...byB]).toMatchObject([
      { task: 'reevaluate-leads', due: '2026-03-10T00:00:00.000Z', outcome: 'done' },
    ]);
    expect((await a.leads.listDecisions(leadId)).map((d) => d.verdict)).toEqual([
      'qualified',
      'not_qualified',
    ]);
    const { jobs } = await a.jobs.list({
      kind: occurrenceKind('reevaluate-leads'),
      status: 'done',
      limit: 10,
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.result).toMatchObject({ reevaluated: 1, movedDown: 1, at: '2026-03-10T00:00:01.000Z' });
  });
});
