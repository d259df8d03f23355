import { expect, it } from 'vitest';
import type { Clock } from '../domain/clock.js';
import { createLlmClient } from '../llm/create-llm-client.js';
import { startLlmServer } from '../llm/test-support/llm-server.js';
import { parseCampaign } from '../outbound/campaign-config.js';
import { REPLY_PROMPT } from '../outbound/classify-reply-with-llm.js';
import { MESSAGE_PROMPT } from '../outbound/llm-write-message.js';
import { campaignYaml } from '../outbound/test-support/outbound-world.js';
import { createLlmScorer } from '../scoring/decide-with-llm.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { sendCampaignsTask } from './send-campaigns-task.js';
import {
  campaignWorld,
  conversationsFile,
  prepareVendorCampaign,
  runTaskAt,
} from './test-support/campaign-world.js';

const START = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin
const MODEL = 'openai:gpt-4o-mini';

describeStores('campaigns inside serve --llm', (t) => {
  const world = campaignWorld();

  it('writes the next message of the sequence with the model and classifies a reply with it', async () => {
    let now = START;
    const clock: Clock = { now: () => now };
    const vendor = await world.startVendor((d) =>
      d === 'alpha.example'
        ? {
            name: 'Alpha',
            industry: 'Software',
            employees: '51-200',
            country: 'DE',
            people: [{ first_name: 'Ann', last_name: 'Archer', title: 'VP Sales' }],
          }
        : undefined,
    );
    const { port, mailbox } = await world.startRelay(clock, ['alpha.example']);
    // A stand-in model answering by what it is asked: a follow-up, a reply's class; nothing else.
    const llm = await startLlmServer('openai', [], {
      apiKey: 'sk-test',
      judge: (body) => {
        const asked = JSON.stringify(body);
        if (asked.includes('"outbound_message"'))
          return {
            answer: {
              subject: '',
              body: 'Hi Ann, a short follow-up: do hot leads at Alpha still wait for the first call?\n\nDana Kim',
            },
          };
        if (asked.includes('"reply_class"'))
          return {
            answer: {
              class: 'not_now',
              followUpOn: '2027-01-15',
              referralEmail: '',
              referralName: '',
              evidence: 'after the holidays',
            },
          };
        return { status: 500, body: { error: { message: 'not in this script' } } };
      },
    });
    world.closeAfter(llm.close);
    const client = createLlmClient(MODEL, { baseUrl: `${llm.base}/v1`, apiKey: 'sk-test', retries: 0 });
    const conversations = conversationsFile(
      `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@acme.example, timeZone: Europe/Berlin, workingHours: { thu: [["09:00", "17:00"]] } }
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${port}, verifyTls: false, timeoutMs: 5000 }
  webhookTokenEnv: INBOUND_TOKEN
  unsubscribe: { publicUrl: "https://leadsift.acme.example", secretEnv: UNSUBSCRIBE_KEY }
`,
      { emailWebhookToken: 'inbound-secret', unsubscribeSecret: 'unsubscribe-key' },
    );
    const running = await world.startService(t.store, clock, conversations, {
      llm: createLlmScorer(client, 'advise'),
    });
    const store = running.store.outbound;
    await prepareVendorCampaign(running, {
      id: 'q4',
      config: parseCampaign(campaignYaml({ mode: 'autonomous' }), 'campaign.yaml'),
      clock,
      vendorBase: vendor.base,
      domains: ['alpha.example'],
      idPrefix: 'c',
    });
    await store.setStatus('q4', 'active', undefined, 'dana');

    // serve --llm hands the model to the send-campaigns task: the next step is the model's.
    const task = sendCampaignsTask(conversations, undefined, { client });
    now += 60_000;
    const due = new Date(now).toISOString();
    const round = await runTaskAt(task, running, clock, due);
    expect(round).toMatchObject({ campaigns: { q4: { sent: 1, failed: 0 } } });
    const [next] = await store.listMessages('q4', { status: 'queued' });
    expect(next).toMatchObject({
      step: 1,
      text: 'Hi Ann, a short follow-up: do hot leads at Alpha still wait for the first call?\n\nDana Kim',
      subject: 'Re: Alpha and lead routing',
      writtenBy: { by: 'llm', model: MODEL, prompt: MESSAGE_PROMPT },
    });

    // Ann answers through the inbound webhook: the reply is the campaign's, read by the model.
    const first = mailbox[0]?.message;
    const hook = await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=inbound-secret',
      payload: {
        from: 'ann.archer@alpha.example',
        subject: `Re: ${first?.subject ?? ''}`,
        'Message-Id': '<ann-1@alpha.example>',
        'In-Reply-To': first?.messageId ?? '',
        text: 'Not now, we are swamped. Write again after the holidays.',
      },
    });
    expect(hook.statusCode).toBe(202);
    const [reply] = await until('Ann’s reply classified', async () => {
      const replies = await store.listReplies('q4');
      return replies.length === 1 ? replies : undefined;
    });
    expect(reply).toMatchObject({
      class: 'not_now',
      followUpOn: '2027-01-15',
      evidence: 'after the holidays',
      classifiedBy: { by: 'llm', model: MODEL, prompt: REPLY_PROMPT },
    });
    const pending = await until('the follow-up for the date she gave', async () => {
      const queued = await store.listMessages('q4', { status: 'queued' });
      return queued.length === 1 && queued[0]?.dueAt.startsWith('2027-01-15') ? queued : undefined;
    });
    expect(pending[0]?.writtenBy?.by).toBe('llm');
  });
});
