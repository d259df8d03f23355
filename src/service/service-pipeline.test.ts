import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startLocalHubSpot } from '../actions/crm/test-support/local-hubspot.js';
import type { LocalHubSpot } from '../actions/crm/test-support/local-hubspot.js';
import { startLocalServer } from '../actions/test-support/local-server.js';
import type { LocalServer } from '../actions/test-support/local-server.js';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import { describeStores } from '../test-support/describe-stores.js';
import { startService } from './start-service.js';
import type { RunningService, ServiceOptions } from './start-service.js';
import { createLlmClient } from '../llm/index.js';
import { startLlmServer } from '../llm/test-support/llm-server.js';
import { titleJudge } from '../llm/test-support/title-judge.js';
import { createLlmScorer } from '../scoring/decide-with-llm.js';

const TEMPLATE = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
/** The BANT template qualifying on fit alone, so that a good lead qualifies without events. */
const BANT = TEMPLATE.replace(
  'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
  'verdicts: { fitWeight: 0.9, minScore: 50, minFitGrade: B, minIntentGrade: 4 }',
);
/** …with every route held for a person (assisted mode). */
const ASSISTED = BANT.replace(/^ {2}mode: autonomous$/m, '  mode: assisted');

const lead = (n: number, extra: Record<string, unknown> = {}) => ({
  email: `buyer${n}@bigco${n}.com`,
  firstName: `Pat${n}`,
  lastName: 'Lee',
  title: 'VP of Sales',
  company: `Bigco ${n}`,
  employees: 900,
  industry: 'Software',
  country: 'US',
  source: 'demo_request',
  ...extra,
});

const eventually = async (what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describeStores('the pipeline behind the API', (t) => {
  let receiver: LocalServer;
  let hubspot: LocalHubSpot;
  let service: RunningService | undefined;
  let status = 200;

  beforeEach(async () => {
    status = 200;
    receiver = await startLocalServer((_request, res) => res.writeHead(status).end());
    hubspot = await startLocalHubSpot({
      token: 'hs-token',
      owners: [
        { id: '77', email: 'dana@example.com', firstName: 'Dana', lastName: 'Kim' },
        { id: '78', email: 'omar@example.com', firstName: 'Omar', lastName: 'Haddad' },
      ],
    });
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    await receiver.close();
    await hubspot.close();
  });

  const start = async (criteria: string, actions: ResolvedActions, extra: Partial<ServiceOptions> = {}) => {
    service = await startService({
      ...extra,
      store: t.store,
      criteria: { text: criteria, fileName: 'criteria.yaml' },
      actions,
      app: { logLevel: false },
      pollMs: 25,
    });
    const { token } = await service.store.service.createApiKey('test', ['admin']);
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
      (service as RunningService).app.inject({
        method,
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: { authorization: `Bearer ${token}` },
      });
    return call;
  };

  const webhook = (url: string, extra: Partial<ResolvedActions['webhooks'][number]> = {}) => ({
    name: 'hook',
    url,
    secrets: ['s'],
    timeoutMs: 2000,
    maxAttempts: 3,
    ...extra,
  });

  it('routes qualified leads in turn across the territory’s reps, writes them back to HubSpot with their owner, and times the first touch', async () => {
    const call = await start(BANT, {
      webhooks: [webhook(`${receiver.base}/hook`)],
      crm: { kind: 'hubspot', baseUrl: hubspot.base, token: 'hs-token', timeoutMs: 2000, maxAttempts: 3 },
    });
    const owners: string[] = [];
    for (let n = 0; n < 4; n += 1) {
      const body = (await call('POST', '/v1/leads?wait=true', lead(n, { country: 'DE' }))).json();
      expect(body.decision.verdict).toBe('qualified');
      expect(body.route.destination).toBe('ae');
      owners.push(body.route.owner.id);
    }
    // German leads fall in EMEA, whose reps take turns; the pointer lives in the store between jobs.
    expect(new Set(owners)).toEqual(new Set(['dana', 'omar']));
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners[2]).toBe(owners[0]);
    expect(owners[3]).toBe(owners[1]);
    await eventually('HubSpot holds the four contacts', async () => hubspot.contacts.size === 4);
    expect(hubspot.problems).toEqual([]);
    const contact = [...hubspot.contacts.values()][0];
    expect(contact?.properties).toMatchObject({ leadsift_verdict: 'qualified' });
    expect(['77', '78']).toContain(contact?.properties['hubspot_owner_id']);
    await eventually('every delivery is done', async () => {
      const counts = await t.store.jobs.counts();
      return counts.filter((c) => c.kind !== 'qualify').every((c) => c.status === 'done');
    });
    const detail = (
      await call('GET', `/v1/leads/${[...(await t.store.leads.listLeads({ limit: 1 })).leads][0]?.id ?? ''}`)
    ).json();
    expect(
      detail.deliveries.map((d: { kind: string; status: string }) => `${d.kind}:${d.status}`).sort(),
    ).toEqual(['crm:done', 'webhook:done']);
    expect(detail.routes[0].firstActionAt).toEqual(expect.any(String));
  });

  it('with an LLM deciding, its verdict routes the lead, and the decision keeps its opinion, reasons, cost and version', async () => {
    const llmServer = await startLlmServer('anthropic', [{ status: 529 }], {
      apiKey: 'sk-ant',
      judge: titleJudge,
    });
    try {
      const client = createLlmClient('anthropic:claude-haiku-4-5', {
        baseUrl: llmServer.base,
        apiKey: 'sk-ant',
        retries: 0,
        cache: t.store.llmCache,
      });
      const call = await start(
        BANT,
        { webhooks: [webhook(`${receiver.base}/hook`)] },
        { llm: createLlmScorer(client, 'decide') },
      );
      // The first call meets an overloaded server: the lead is decided without the LLM, saying why.
      const failed = (await call('POST', '/v1/leads?wait=true', lead(1))).json();
      expect(failed.decision.llm).toMatchObject({
        model: 'anthropic:claude-haiku-4-5',
        error: { kind: 'server' },
      });
      expect(failed.decision.verdict).toBe('qualified');
      const manager = (
        await call('POST', '/v1/leads?wait=true', lead(2, { title: 'Account Manager' }))
      ).json();
      expect(manager.decision.llm).toMatchObject({ verdict: 'not_qualified', policy: 'decide' });
      expect(manager.decision.verdict).toBe('not_qualified');
      expect(manager.route.destination).not.toBe('ae');
      const vp = (await call('POST', '/v1/leads?wait=true', lead(3))).json();
      expect(vp.decision).toMatchObject({
        verdict: 'qualified',
        llm: { verdict: 'qualified', agrees: true },
      });
      expect(vp.decision.versions.llm).toBe('anthropic:claude-haiku-4-5 leadsift-classifier@1');
      const detail = (await call('GET', `/v1/leads/${manager.id}`)).json();
      const saved = detail.decisions[0];
      expect(saved.llm).toMatchObject({ verdict: 'not_qualified', inputTokens: expect.any(Number) });
      expect(
        saved.reasons.some((r: { kind: string; facts: unknown[] }) => r.kind === 'llm' && r.facts.length > 0),
      ).toBe(true);
      // Anthropic's wire format, with the lead's facts as data inside the tool-use request.
      const body = llmServer.bodies().at(-1)!;
      expect(body['tool_choice']).toMatchObject({ type: 'tool' });
    } finally {
      await llmServer.close();
    }
  });

  it('holds routes for a person in assisted mode: accept applies the proposed route, override records the reason as an outcome', async () => {
    const call = await start(ASSISTED, {
      webhooks: [webhook(`${receiver.base}/hook`, { destinations: ['ae'] })],
    });
    const first = (await call('POST', '/v1/leads?wait=true', lead(1))).json();
    const second = (await call('POST', '/v1/leads?wait=true', lead(2))).json();
    expect(first.route).toMatchObject({ destination: 'review', proposed: { destination: 'ae' } });
    expect(first.reviewId).toEqual(expect.any(String));
    const queue = (await call('GET', '/v1/reviews')).json();
    expect(queue.reviews.map((r: { leadId: string }) => r.leadId)).toEqual([first.id, second.id]);
    // Nothing reaches the rep's webhook while the route waits.
    await new Promise((r) => setTimeout(r, 200));
    expect(receiver.received).toHaveLength(0);

    const accepted = await call('POST', `/v1/reviews/${first.reviewId}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    await eventually('the accepted route’s webhook arrives', async () => receiver.received.length === 1);
    expect(receiver.received[0]?.headers['leadsift-event']).toBe('review.resolved');
    expect(JSON.parse(receiver.received[0]?.body ?? '{}')).toMatchObject({
      type: 'review.resolved',
      lead: { id: first.id },
      route: { destination: 'ae' },
      review: { id: first.reviewId, status: 'accepted', finalVerdict: 'qualified', by: 'test' },
    });
    expect((await call('POST', `/v1/reviews/${first.reviewId}/accept`, {})).statusCode).toBe(409);

    const noReason = await call('POST', `/v1/reviews/${second.reviewId}/override`, {
      verdict: 'not_qualified',
    });
    expect(noReason.statusCode).toBe(400);
    const overridden = await call('POST', `/v1/reviews/${second.reviewId}/override`, {
      verdict: 'not_qualified',
      reason: 'a reseller, not a buyer',
    });
    expect(overridden.statusCode).toBe(200);
    // The person's verdict is a decision of its own, routed by the rules like any other.
    const personId = overridden.json().personDecisionId;
    const detail = (await call('GET', `/v1/leads/${second.id}`)).json();
    const personal = detail.decisions.find((d: { id: string }) => d.id === personId);
    expect(personal).toMatchObject({ verdict: 'not_qualified', versions: { engine: 'person' } });
    expect(personal.reasons[0]).toMatchObject({
      kind: 'review',
      text: 'test overrode the qualified verdict: a reseller, not a buyer',
    });
    const reroute = detail.routes.find((r: { decisionId: string }) => r.decisionId === personId);
    expect(reroute.route.destination).not.toBe('review');
    expect(reroute.route.destination).not.toBe('ae');
    expect(await t.store.leads.listOutcomes(second.id)).toMatchObject([
      { type: 'rejected', reason: 'a reseller, not a buyer', source: 'review:test' },
    ]);
    expect(await t.store.leads.listOutcomes(first.id)).toMatchObject([{ type: 'accepted' }]);
    const after = (await call('GET', '/v1/reviews')).json();
    expect(after.reviews).toEqual([]);
    expect(after.agreement).toEqual({ pending: 0, resolved: 2, accepted: 1, overridden: 1, rate: 0.5 });
    expect((await call('GET', '/v1/reviews?status=overridden')).json().reviews).toHaveLength(1);
  });

  it('announces a lead’s first decision as lead.decided and a later one as lead.requalified, with the verdict before it', async () => {
    const call = await start(BANT, { webhooks: [webhook(`${receiver.base}/hook`)] });
    const created = (await call('POST', '/v1/leads?wait=true', lead(7, { title: 'Sales Intern' }))).json();
    expect(created.decision.verdict).toBe('not_qualified');
    const events = await call('POST', '/v1/events', {
      events: [{ leadId: created.id, type: 'demo_request', occurredAt: new Date().toISOString() }],
    });
    expect(events.statusCode).toBeLessThan(300);
    await eventually('both webhooks arrive', async () => receiver.received.length === 2);
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(receiver.received.map((r) => r.headers['leadsift-event'])).toEqual([
      'lead.decided',
      'lead.requalified',
    ]);
    expect(bodies[0]).toMatchObject({ type: 'lead.decided', previousVerdict: null, review: null });
    expect(bodies[1]).toMatchObject({ type: 'lead.requalified', previousVerdict: 'not_qualified' });
    expect(bodies[1]?.['id']).not.toBe(bodies[0]?.['id']);
  });

  it('dead-letters a delivery the receiver refuses, and replays it once the receiver is fixed', async () => {
    status = 410;
    const call = await start(BANT, { webhooks: [webhook(`${receiver.base}/hook`)] });
    const created = (await call('POST', '/v1/leads?wait=true', lead(5))).json();
    await eventually(
      'the delivery is dead',
      async () => (await call('GET', '/v1/deliveries?status=dead')).json().deliveries.length === 1,
    );
    const [dead] = (await call('GET', '/v1/deliveries?status=dead')).json().deliveries;
    expect(dead).toMatchObject({
      leadId: created.id,
      kind: 'webhook',
      lastError: expect.stringMatching(/410/),
    });
    status = 200;
    const replay = await call('POST', '/v1/deliveries/replay', { ids: [dead.id] });
    expect(replay.json()).toEqual({ replayed: 1 });
    await eventually(
      'the replayed delivery is done',
      async () => (await t.store.jobs.get(dead.id))?.status === 'done',
    );
    expect(receiver.received.length).toBe(2);
    expect(new Set(receiver.received.map((r) => r.headers['leadsift-delivery']))).toEqual(new Set([dead.id]));
  });
});
