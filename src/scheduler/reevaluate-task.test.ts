import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import { answerJson, startLocalServer, type LocalServer } from '../actions/test-support/local-server.js';
import { verifyWebhookSignature } from '../actions/webhooks/sign-webhook.js';
import type { InboundMessage } from '../channels/channel-message.js';
import { parseChannelsConfig } from '../channels/channels-config.js';
import { startSmtpListener } from '../channels/email/smtp-listener.js';
import type { Clock } from '../domain/clock.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { activateCriteriaText, startService, type RunningService } from '../service/start-service.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { reevaluateTask } from './reevaluate-task.js';
import { planOccurrences, runDueOccurrences } from './run-occurrences.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const DANA = {
  email: 'dana@acme-robotics.com',
  name: 'Dana Kim',
  title: 'VP of Sales',
  website: 'acme-robotics.com',
  industry: 'Software',
  employees: '450',
  country: 'US',
};
/** A lead that is not qualified on fit and has no events: nothing about it moves with time. */
const ANN = { email: 'ann@tinyshop.com', name: 'Ann Lo', title: 'Owner', industry: 'Retail', employees: '4' };

const BUSY = [
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-08T10:00:00Z' },
  { type: 'pricing_page_view' as const, occurredAt: '2026-01-09T10:00:00Z' },
  { type: 'demo_request' as const, occurredAt: '2026-01-09T11:00:00Z' },
];

describeStores('scheduled re-evaluation of moved verdicts', (t) => {
  let hooks: LocalServer;
  let service: RunningService | undefined;
  beforeEach(async () => {
    hooks = await startLocalServer((_request, res) => answerJson(res, 200, { ok: true }));
  });
  afterEach(async () => {
    await service?.close();
    service = undefined;
    await hooks.close();
  });

  it('re-routes a lead whose verdict moved down and sends one signed lead.requalified, and nothing for a lead that did not move', async () => {
    let now = Date.parse('2026-01-10T00:00:00Z');
    const clock: Clock = { now: () => now };
    const actions: ResolvedActions = {
      webhooks: [
        {
          name: 'crm',
          url: `${hooks.base}/hooks`,
          secrets: ['s3cret'],
          events: ['lead.requalified'],
          timeoutMs: 5000,
          maxAttempts: 3,
        },
      ],
    };
    service = await startService({
      store: t.store,
      clock,
      actions,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      pollMs: 25,
    });
    const { store } = service;
    const { accepted } = intakeJsonLeads([DANA, ANN], { origin: 'test', receivedAt: '2026-01-10T00:00:00Z' });
    const [dana, ann] = (await store.leads.upsertLeads(accepted.map((a) => a.draft))).map((r) => r.id);
    await store.leads.addActivities(
      BUSY.map((e) => ({ ...e, leadId: dana!, properties: {}, source: 'tracking-snippet' })),
    );
    // The first decisions go through the qualify pipeline: each lead routed once.
    await store.service.requalify([dana!, ann!], 'test', '2026-01-10T00:00:00Z');
    const routedOnce = async (leadId: string) =>
      (await store.service.listTouches(leadId)).length === 1 ? true : undefined;
    await until('both leads are routed', async () => (await routedOnce(dana!)) && (await routedOnce(ann!)));
    const [first] = await store.service.listTouches(dana!);
    expect(first?.route.destination).toBe('ae');

    // Nightly at midnight UTC; the clock is moved by hand to the occurrence two months later.
    const task = reevaluateTask({ schedule: { cron: '0 0 * * *' }, actions });
    const tick = async (at: string) => {
      now = Date.parse(at);
      await planOccurrences({ store, clock }, [task]);
      return runDueOccurrences({ store, clock }, [task], { worker: 'w', leaseMs: 60_000, log: () => {} });
    };
    // The first look at the schedule runs the task at once (nothing has moved half an hour after the
    // first decisions); the move is then the nightly occurrence's, and its webhook signed at its time.
    await tick('2026-01-10T00:30:00Z');
    expect(await store.service.listTouches(dana!)).toHaveLength(1);
    const [run] = await tick('2026-03-10T00:00:01Z');
    expect(run).toMatchObject({ outcome: 'done' });

    const touches = await store.service.listTouches(dana!);
    expect(touches.map((touch) => touch.route.destination)).toEqual(['ae', 'disqualify']);
    expect(await store.service.listTouches(ann!)).toHaveLength(1);
    const delivered = await until('the webhook is delivered', () => hooks.received[0]);
    const body = JSON.parse(delivered.body) as {
      type: string;
      lead: { id: string };
      decision: { verdict: string; reasons: { text: string }[] };
      previousVerdict: string;
      route: { destination: string };
    };
    expect(body).toMatchObject({
      type: 'lead.requalified',
      lead: { id: dana },
      decision: { verdict: 'not_qualified' },
      previousVerdict: 'qualified',
      route: { destination: 'disqualify' },
    });
    expect(body.decision.reasons[0]?.text).toMatch(
      /^Verdict moved down from qualified to not_qualified \(score \d+ → \d+\): intent fell/,
    );
    expect(
      verifyWebhookSignature({
        secret: 's3cret',
        header: String(delivered.headers['leadsift-signature']),
        body: delivered.body,
        nowSeconds: Math.floor(now / 1000),
      }),
    ).toEqual({ ok: true });

    // The next night nothing moved: no decision, no route, nothing sent.
    await tick('2026-03-10T23:00:00Z');
    const [again] = await tick('2026-03-11T00:00:01Z');
    expect(again).toMatchObject({ outcome: 'done' });
    const done = async () => {
      const { jobs } = await store.jobs.list({ kind: 'webhook', limit: 10 });
      return jobs.every((job) => job.status === 'done') ? jobs : undefined;
    };
    expect(await until('the webhooks are done', done)).toHaveLength(1);
    expect(hooks.received).toHaveLength(1);
    expect(await store.service.listTouches(dana!)).toHaveLength(2);
    expect((await store.leads.listDecisions(dana!)).map((d) => d.verdict)).toEqual([
      'qualified',
      'not_qualified',
    ]);
  });
});

describeStores('scheduled re-evaluation opening the agent’s conversation', (t) => {
  let service: RunningService | undefined;
  let relay: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  afterEach(async () => {
    await service?.close();
    await relay?.close();
    service = undefined;
    relay = undefined;
  });

  it('emails the first question once to a lead moved from qualified to needs_info, and nothing on the next run', async () => {
    let now = Date.parse('2026-03-10T09:00:00Z');
    const clock: Clock = { now: () => now };
    // The prospect's mail server: what the agent sends to acme-robotics.com lands here.
    const mailbox: InboundMessage[] = [];
    relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['acme-robotics.com'],
      clock,
      onMessage: async (message) => void mailbox.push(message),
    });
    const config = parseChannelsConfig(
      `
knowledge: knowledge
reps:
  - { id: dana, name: Dana Kim, email: dana@acme.example, timeZone: UTC, workingHours: { tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]] } }
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${relay.port}, verifyTls: false, timeoutMs: 5000 }
`,
      'conversations.yaml',
    );
    const conversations = {
      config,
      secrets: {},
      baseDir: fileURLToPath(new URL('../../examples', import.meta.url)),
    };
    service = await startService({
      store: t.store,
      clock,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      conversations,
      app: { logLevel: false },
      pollMs: 25,
      refreshMs: 0,
    });
    const { store } = service;
    const { accepted } = intakeJsonLeads([DANA], { origin: 'test', receivedAt: '2026-03-10T09:00:00Z' });
    const [dana] = (await store.leads.upsertLeads(accepted.map((a) => a.draft))).map((r) => r.id);
    await store.leads.addActivities(
      BUSY.map((e) => ({
        ...e,
        occurredAt: e.occurredAt.replace('2026-01', '2026-03'),
        leadId: dana!,
        properties: {},
        source: 'tracking-snippet',
      })),
    );
    await store.service.requalify([dana!], 'test', '2026-03-10T09:00:00Z');
    await until('Dana is routed', async () =>
      (await store.service.listTouches(dana!)).length === 1 ? true : undefined,
    );
    expect((await store.leads.listDecisions(dana!)).map((d) => d.verdict)).toEqual(['qualified']);

    const task = reevaluateTask({ schedule: { cron: '0 10 * * *' }, openConversationsOn: config.openOn });
    const tick = async (at: string) => {
      now = Date.parse(at);
      await planOccurrences({ store, clock }, [task]);
      return runDueOccurrences({ store, clock }, [task], { worker: 'w', leaseMs: 60_000, log: () => {} });
    };
    // The first look at the schedule (a run at once for a task never run: nothing has moved yet).
    await tick('2026-03-10T09:30:00Z');
    expect(await store.leads.listDecisions(dana!)).toHaveLength(1);

    // The criteria now ask for the company's revenue, which nobody has told: Dana needs info.
    await activateCriteriaText(
      store,
      BANT.replace('required:\n', 'required:\n  - { fact: company.revenue, how: ask }\n'),
      'bant-revenue.yaml',
      'test',
    );
    const [run] = await tick('2026-03-10T10:00:01Z');
    expect(run).toMatchObject({ outcome: 'done', result: { movedDown: 1, routed: 1 } });
    expect((await store.leads.listDecisions(dana!)).map((d) => d.verdict)).toEqual([
      'qualified',
      'needs_info',
    ]);

    const first = await until('the first question', async () => mailbox[0]);
    expect(first).toMatchObject({ to: 'dana@acme-robotics.com', subject: 'A quick question, Dana' });
    expect(first.text).toMatch(/revenue/);

    // The next day nothing moved: no decision, no conversation opened, nothing sent.
    await tick('2026-03-10T23:00:00Z');
    const [again] = await tick('2026-03-11T10:00:01Z');
    expect(again).toMatchObject({ outcome: 'done', result: { movedDown: 0, movedUp: 0, routed: 0 } });
    const settled = async () => {
      const { jobs } = await store.jobs.list({ kind: 'converse', limit: 10 });
      return jobs.every((job) => job.status === 'done') ? jobs : undefined;
    };
    const opened = await until('the converse jobs are done', settled);
    expect(opened.map((job) => job.payload)).toEqual([
      { type: 'open', leadId: dana, decisionId: (await store.leads.listDecisions(dana!))[1]?.id },
    ]);
    expect(mailbox).toHaveLength(1);
  });
});
