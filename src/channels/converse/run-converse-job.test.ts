import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { StoreHandle } from '../../adapters/storage/open-store.js';
import type { Clock } from '../../domain/clock.js';
import type { Job } from '../../jobs/job-queue.js';
import { createActiveSetup } from '../../service/active-setup.js';
import { openChannels } from '../../service/open-channels.js';
import { activateCriteriaText } from '../../service/start-service.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import type { InboundMessage } from '../channel-message.js';
import { parseChannelsConfig } from '../channels-config.js';
import { readEmail } from '../email/read-email.js';
import { startSmtpListener } from '../email/smtp-listener.js';
import { askingCriteria } from '../test-support/asking-criteria.js';
import type { ChannelRuntime } from './channel-runtime.js';
import { CONVERSE_JOB } from './converse-deps.js';
import { runConverseJob, type ConversePayload } from './run-converse-job.js';
import { receiveInbound } from './receive-inbound.js';
import { takeTurn } from './take-turn.js';
import { createLlmClient } from '../../llm/create-llm-client.js';
import type { LlmClient } from '../../llm/llm-client.js';
import { startLlmServer } from '../../llm/test-support/llm-server.js';

const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
/** Thursday 26 November 2026, 10:00 in Berlin. */
const MORNING = Date.parse('2026-11-26T09:00:00.000Z');

describeStores('the agent writing first (converse open jobs)', (t) => {
  let mailbox: InboundMessage[];
  let relay: Awaited<ReturnType<typeof startSmtpListener>>;
  let runtime: ChannelRuntime | undefined;
  let now = MORNING;
  /** The test's store, on a handle that reads this clock (jobs fall due by it). */
  let store: StoreHandle;
  const clock: Clock = { now: () => now };

  beforeEach(async () => {
    now = MORNING;
    mailbox = [];
    relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['bigco.io'],
      clock,
      onMessage: async (message) => void mailbox.push(message),
    });
  });
  afterEach(async () => {
    runtime?.close();
    runtime = undefined;
    await relay.close();
  });

  const setUp = async (opensPerHour = 100, llm?: LlmClient) => {
    store = await t.open({ clock });
    await activateCriteriaText(store, askingCriteria(), 'bant.yaml', 'test');
    const config = parseChannelsConfig(
      `
timeZone: Europe/Berlin
email:
  from: Dana <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${relay.port}, verifyTls: false, timeoutMs: 5000 }
limits: { quietHours: { from: "20:00", to: "08:00" }, agentOpensPerHour: ${opensPerHour} }
`,
      'conversations.yaml',
    );
    const setup = createActiveSetup({ store, clock }, { refreshMs: 0, useModel: false });
    runtime = await openChannels(
      store,
      setup,
      { config, secrets: {}, baseDir: examples },
      { clock, ...(llm === undefined ? {} : { llm }) },
    );
    return runtime;
  };
  const lead = async (email: string) => {
    const [stored] = await store.leads.upsertLeads([draftLead({ email })]);
    return stored?.id ?? '';
  };
  /** Enqueues an open job as a decision would, claims it, runs it; returns the job as it ended. */
  const open = async (rt: ChannelRuntime, leadId: string, decisionId: string): Promise<Job | undefined> => {
    const payload: ConversePayload = { type: 'open', leadId, decisionId };
    const [id] = await store.jobs.enqueue([{ kind: CONVERSE_JOB, leadId, payload }]);
    const [job] = await store.jobs.claim({ worker: 'w', kinds: [CONVERSE_JOB], limit: 1, leaseMs: 60_000 });
    if (job === undefined) throw new Error('no job to claim');
    await runConverseJob(rt.deps, store.jobs, 'w', job);
    return store.jobs.get(id ?? '');
  };
  const ready = async () => (await store.jobs.list({ kind: CONVERSE_JOB, status: 'ready', limit: 10 })).jobs;

  it('opens once per decision: a job redone after a crash sends nothing twice', async () => {
    const rt = await setUp();
    const id = await lead('sam@bigco.io');
    const done = await open(rt, id, 'd1');
    expect(done?.result).toMatchObject({ conversationId: 'agent-d1', sent: 2 });
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0]?.text).toMatch(/your role/);
    // The same job again (as after a crash before it was marked done).
    const again = await open(rt, id, 'd1');
    expect(again?.result).toMatchObject({ conversationId: 'agent-d1', sent: 0 });
    expect(mailbox).toHaveLength(1);
  });

  it('with an LLM, asks its first question in the model’s words once they pass the check', async () => {
    const server = await startLlmServer(
      'openai',
      [{ answer: { question: 'Thanks for getting in touch, Sam! What is your role on the team?' } }],
      { apiKey: 'sk-test' },
    );
    try {
      const llm = createLlmClient('openai:gpt-4o-mini', {
        baseUrl: `${server.base}/v1`,
        apiKey: 'sk-test',
        retries: 0,
      });
      const rt = await setUp(100, llm);
      const id = await lead('sam@bigco.io');
      await open(rt, id, 'd1');
      expect(mailbox[0]?.text).toContain('What is your role on the team?');
      expect(server.bodies()).toHaveLength(1);
      const transcript = await store.conversations.transcript('agent-d1');
      expect(transcript.map((m) => m.text).join('\n')).toContain('What is your role on the team?');
    } finally {
      await server.close();
    }
  });

  it('waits out the prospect’s quiet hours and the hourly limit, by enqueueing itself for later', async () => {
    const rt = await setUp(1);
    now = Date.parse('2026-11-26T21:30:00.000Z'); // 22:30 in Berlin
    const night = await open(rt, await lead('sam@bigco.io'), 'd1');
    expect(night?.result).toEqual({ later: 'quiet hours' });
    expect((await ready()).map((j) => j.runAt)).toEqual(['2026-11-27T07:00:00.000Z']); // 08:00 in Berlin
    expect(mailbox).toHaveLength(0);

    now = Date.parse('2026-11-27T07:00:00.000Z');
    const [morning] = await store.jobs.claim({
      worker: 'w',
      kinds: [CONVERSE_JOB],
      limit: 1,
      leaseMs: 60_000,
    });
    await runConverseJob(rt.deps, store.jobs, 'w', morning as Job);
    expect(mailbox).toHaveLength(1);
    const second = await open(rt, await lead('kim@bigco.io'), 'd2');
    expect(second?.result).toEqual({ later: 'hourly limit' });
    expect((await ready()).map((j) => j.runAt)).toEqual(['2026-11-27T07:15:00.000Z']);
  });

  it('an out-of-office reply pauses the conversation until 09:00 on the return date, then it picks up', async () => {
    const rt = await setUp();
    const id = await lead('sam@bigco.io');
    await open(rt, id, 'd1');
    await takeTurn(rt.deps, 'agent-d1', {
      text: 'I am out of the office until 3 December with limited access to email.',
      messageId: '<ooo@bigco.io>',
    });
    expect((await store.conversations.load('agent-d1'))?.state).toMatchObject({
      status: 'paused',
      pausedUntil: '2026-12-03',
    });
    const [resume] = await ready();
    expect(resume?.runAt).toBe('2026-12-03T08:00:00.000Z'); // 09:00 in Berlin
    now = Date.parse('2026-12-03T08:00:00.000Z');
    const [job] = await store.jobs.claim({ worker: 'w', kinds: [CONVERSE_JOB], limit: 1, leaseMs: 60_000 });
    await runConverseJob(rt.deps, store.jobs, 'w', job as Job);
    expect((await store.jobs.get(job?.id ?? ''))?.result).toMatchObject({ resumed: true, sent: 2 });
    expect(mailbox).toHaveLength(2);
    expect(mailbox[1]?.text).toMatch(/Welcome back[\s\S]*your role/);
    expect(mailbox[1]?.replyTo[0]).toBe('<ooo@bigco.io>');
  });

  it('a permanent bounce ends the conversation, handed to a person', async () => {
    const rt = await setUp();
    await open(rt, await lead('sam@bigco.io'), 'd1');
    const report = await readEmail(
      [
        'From: Mail Delivery System <mailer-daemon@mx.bigco.io>',
        'To: dana@replies.acme.example',
        'Subject: Undelivered Mail Returned to Sender',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'The mail could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.bigco.io',
        '',
        'Final-Recipient: rfc822; Sam@BigCo.io',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
        '',
      ].join('\r\n'),
      new Date(now).toISOString(),
    );
    expect(await receiveInbound(rt.deps, report)).toEqual({ outcome: 'bounce', conversationId: 'agent-d1' });
    expect((await store.conversations.load('agent-d1'))?.state).toMatchObject({
      status: 'ended',
      ending: { kind: 'handoff', reason: 'email bounced (5.1.1)' },
    });
  });

  it('does not write first to a lead who opted out, who said no, or who is already talking', async () => {
    const rt = await setUp();
    const id = await lead('sam@bigco.io');
    await open(rt, id, 'd1');
    expect((await open(rt, id, 'd2'))?.result).toEqual({ skipped: 'already in conversation agent-d1' });
    await takeTurn(rt.deps, 'agent-d1', { text: 'Not interested, thanks.', messageId: '<no@bigco.io>' });
    now += 90 * 86_400_000;
    expect((await open(rt, id, 'd3'))?.result).toEqual({ skipped: 'conversation agent-d1 ended closed' });

    const other = await lead('kim@bigco.io');
    await open(rt, other, 'd4');
    await takeTurn(rt.deps, 'agent-d4', { text: 'unsubscribe', messageId: '<stop@bigco.io>' });
    expect((await store.leads.getLead(other))?.consent.optedOutAt).toBeDefined();
    expect((await open(rt, other, 'd5'))?.result).toEqual({ skipped: 'the lead opted out' });
    // Its goodbye stays unsent: nothing reaches a lead who opted out.
    expect(mailbox.filter((m) => m.to === 'kim@bigco.io')).toHaveLength(1);
  });
});
