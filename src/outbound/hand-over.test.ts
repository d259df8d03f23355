import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { kyselyChannelStore } from '../adapters/storage/kysely-channel-store.js';
import type { InboundMessage } from '../channels/channel-message.js';
import { createEmailSender } from '../channels/email/send-email.js';
import { startSmtpListener } from '../channels/email/smtp-listener.js';
import { BANT_SLOT_SPECS } from '../conversation/dialogue/bant-slots.js';
import { readKnowledgeBase } from '../conversation/knowledge/read-knowledge-base.js';
import { scriptDeps } from '../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../conversation/scripted/script-world.js';
import { fixedClock } from '../domain/clock.js';
import { startService } from '../service/start-service.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead } from '../test-support/lead-drafts.js';
import { parseCampaign } from './campaign-config.js';
import type { CampaignDeps } from './campaign-deps.js';
import { handOverConversationId } from './hand-over.js';
import { handleReply } from './handle-reply.js';
import { createCampaign } from './run-campaign.js';
import { campaignYaml } from './test-support/outbound-world.js';

const NOW = '2026-11-26T10:00:00.000Z';
const SENT_AT = '2026-11-26T09:00:00.000Z';
const knowledge = fileURLToPath(new URL('../../examples/knowledge', import.meta.url));
const CAMPAIGN_MAIL = '<c1@acme.example>';

describeStores('an interested reply handed over to the agent', (t) => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  /**
   * A campaign q4 whose first message went to Ann (lead and contact `ann`, message m1 sent as
   * CAMPAIGN_MAIL) through a local SMTP relay that hands each message to `onMessage`, the campaign
   * deps with the scripted agent for hand-overs, and Ann's first reply to it.
   */
  const handOverWorld = async (
    onMessage: (message: InboundMessage, raw: Buffer) => Promise<void>,
    requalify?: NonNullable<CampaignDeps['conversation']>['requalify'],
  ) => {
    const clock = fixedClock(NOW);
    let ids = 0;
    const newId = () => `id${++ids}`;
    const relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['alpha.example'],
      clock,
      onMessage,
    });
    closers.push(relay.close);
    const sender = createEmailSender(
      {
        host: '127.0.0.1',
        port: relay.port,
        from: 'Dana Kim <dana@acme.example>',
        messageIdDomain: 'acme.example',
        verifyTls: false,
        timeoutMs: 5000,
      },
      { clock, newId },
    );
    closers.push(() => sender.close());
    const world = { now: NOW, knowledge: await readKnowledgeBase(knowledge), calendar: SCRIPT_CALENDAR };
    const deps: CampaignDeps = {
      store: t.store.outbound,
      leads: t.store.leads,
      clock,
      newId,
      newToken: () => `tok${++ids}`,
      sender,
      unsubscribeUrl: (token) => `https://ls.example/v1/unsubscribe/${token}`,
      conversation: {
        deps: { store: t.store.conversations, dialogue: scriptDeps(world, clock, 'Europe/Berlin') },
        slots: BANT_SLOT_SPECS,
        links: kyselyChannelStore(t.store.db),
        ...(requalify === undefined ? {} : { requalify }),
      },
    };

    // A campaign message went to Ann; she answers it.
    const config = parseCampaign(campaignYaml({ mode: 'autonomous' }), 'q4.yaml');
    await createCampaign(deps, { id: 'q4', config }, 'dana');
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'ann.archer@alpha.example' })]);
    const leadId = lead?.id ?? '';
    const contact = {
      id: 'ann',
      campaignId: 'q4',
      domain: 'alpha.example',
      leadId,
      email: 'ann.archer@alpha.example',
      name: 'Ann Archer',
      status: 'active' as const,
      token: 'tok-ann',
      createdAt: SENT_AT,
      updatedAt: SENT_AT,
    };
    await t.store.outbound.addContact(contact);
    await t.store.outbound.addMessages([
      {
        id: 'm1',
        campaignId: 'q4',
        contactId: 'ann',
        step: 0,
        to: contact.email,
        domain: contact.domain,
        subject: 'Alpha and lead routing',
        text: 'Hi Ann, teams like Alpha lose hot leads. Worth a look?',
        facts: [],
        status: 'queued',
        dueAt: SENT_AT,
        createdAt: SENT_AT,
      },
    ]);
    await t.store.outbound.markSent('m1', { channelMessageId: CAMPAIGN_MAIL, sentAt: SENT_AT });
    const reply: InboundMessage = {
      channel: 'email',
      from: 'ann.archer@alpha.example',
      to: 'dana@acme.example',
      text: 'Sounds interesting, happy to talk.',
      messageId: '<r1@alpha.example>',
      replyTo: [CAMPAIGN_MAIL],
      subject: 'Re: Alpha and lead routing',
      receivedAt: NOW,
    };
    return { deps, leadId, contact, reply };
  };

  it('is answered through the conversation outbox: a send the relay refuses goes on the retry, exactly once, in the campaign thread, and shows on the lead transcript', async () => {
    // The relay refuses the first message it is given (451: try again later), then accepts.
    let refuse = 1;
    const relayed: { message: InboundMessage; raw: string }[] = [];
    const { deps, leadId, contact, reply } = await handOverWorld(async (message, raw) => {
      if (refuse-- > 0) throw new Error('relay busy');
      relayed.push({ message, raw: raw.toString('utf8') });
    });
    // Ann's follow-up, still due.
    await t.store.outbound.addMessages([
      {
        id: 'm2',
        campaignId: 'q4',
        contactId: 'ann',
        step: 1,
        to: contact.email,
        domain: contact.domain,
        text: 'A short follow-up.',
        facts: [],
        status: 'queued',
        dueAt: '2026-11-30T09:00:00.000Z',
        createdAt: SENT_AT,
      },
    ]);

    // The first attempt: handed over and stored, but the relay refuses the answer.
    await expect(handleReply(deps, reply)).rejects.toThrow();
    expect(relayed).toHaveLength(0);
    const conversationId = handOverConversationId('ann');
    expect(await t.store.outbound.getContact('ann')).toMatchObject({ status: 'handed_over', conversationId });
    expect((await t.store.outbound.listReplies('q4')).map((r) => r.class)).toEqual(['interested']);
    expect((await t.store.outbound.getMessage('m2'))?.status).toBe('cancelled');
    const transcript = await t.store.conversations.transcript(conversationId);
    expect(transcript.map((m) => [m.direction, m.messageId])).toEqual([
      ['outbound', CAMPAIGN_MAIL],
      ['inbound', '<r1@alpha.example>'],
      ...transcript.slice(2).map(() => ['outbound', undefined]),
    ]);
    expect(transcript.length).toBeGreaterThan(2);

    // The retry (the inbound job again, or the provider redelivering): the answer goes now, once.
    expect(await handleReply(deps, reply)).toMatchObject({
      class: 'conversation',
      duplicate: true,
      action: "already handled; the agent's answer sent now",
    });
    expect(relayed).toHaveLength(1);
    const [answer] = relayed;
    expect(answer?.message.subject).toBe('Re: Alpha and lead routing');
    expect(answer?.message.replyTo[0]).toBe('<r1@alpha.example>');
    expect(answer?.message.replyTo).toContain(CAMPAIGN_MAIL);
    expect(answer?.message.text).toContain(transcript.at(-1)?.text ?? '-');
    expect(await handleReply(deps, reply)).toMatchObject({ action: 'already handled', duplicate: true });
    expect(relayed).toHaveLength(1);
    const sent = await t.store.conversations.transcript(conversationId);
    expect(sent.filter((m) => m.messageId === undefined)).toEqual([]);
    expect((await t.store.outbound.audit('q4')).filter((a) => a.action === 'reply: interested')).toHaveLength(
      1,
    );

    // A person takes the conversation over on the lead's page: Ann's next message waits for them.
    await kyselyChannelStore(t.store.db).setTakeover(conversationId, 'dana', NOW);
    expect(
      await handleReply(deps, {
        ...reply,
        text: 'We lose track of inbound leads.',
        messageId: '<r2@alpha.example>',
        replyTo: [answer?.message.messageId ?? '', CAMPAIGN_MAIL],
      }),
    ).toMatchObject({ class: 'conversation', action: 'kept for dana, who took the conversation over' });
    expect(relayed).toHaveLength(1);
    const held = await t.store.conversations.transcript(conversationId);
    expect(held.at(-1)).toMatchObject({ direction: 'inbound', messageId: '<r2@alpha.example>' });

    // The dashboard's lead page reads the hand-over from the lead's conversations.
    const service = await startService({ store: t.store, app: { logLevel: false }, worker: false });
    closers.push(() => service.close());
    const { token } = await service.store.service.createApiKey('reader', ['leads:read']);
    const detail = await service.app.inject({
      method: 'GET',
      url: `/v1/leads/${leadId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(detail.statusCode).toBe(200);
    const shown = (detail.json() as { conversations: { id: string; messages: { text: string }[] }[] })
      .conversations;
    expect(shown.map((c) => c.id)).toEqual([conversationId]);
    expect(shown[0]?.messages.map((m) => m.text)).toEqual(held.map((m) => m.text));
    expect(shown[0]?.messages[1]?.text).toBe('Sounds interesting, happy to talk.');

    // While the person holds it, Ann asks to be taken off: honoured at once, not left in the transcript.
    expect(await t.store.outbound.suppressed([contact.email])).toEqual(new Set());
    const optOut = await handleReply(deps, {
      ...reply,
      text: 'Please unsubscribe me from these emails.',
      messageId: '<r3@alpha.example>',
      replyTo: [answer?.message.messageId ?? '', CAMPAIGN_MAIL],
    });
    expect(optOut).toMatchObject({ class: 'conversation' });
    expect(optOut?.action).toMatch(/^opted out/);
    expect(relayed).toHaveLength(1);
    expect(await t.store.outbound.getContact('ann')).toMatchObject({
      status: 'stopped',
      reason: 'unsubscribed',
    });
    expect(await t.store.outbound.suppressed([contact.email])).toEqual(new Set([contact.email]));
    expect((await t.store.leads.getLead(leadId))?.consent.optedOutAt).toBe(NOW);
    expect((await t.store.conversations.load(conversationId))?.state).toMatchObject({
      status: 'ended',
      ending: { kind: 'opted_out' },
    });
    expect((await t.store.outbound.audit('q4')).map((a) => a.action)).toContain('reply: unsubscribe');
  });
  it('keeps what the prospect tells the agent in later replies on the lead and re-decides it, as the service’s conversations do', async () => {
    const relayed: InboundMessage[] = [];
    // The service's qualify job, as the conversations use it: here, which leads were queued and why.
    const requalified: [readonly string[], string][] = [];
    const { deps, leadId, reply } = await handOverWorld(
      async (message) => void relayed.push(message),
      async (leadIds, reason) => void requalified.push([leadIds, reason]),
    );
    expect(await handleReply(deps, reply)).toMatchObject({ class: 'interested' });
    expect(relayed).toHaveLength(1);
    expect((await t.store.leads.getLead(leadId))?.person.title).toBeUndefined();

    // Ann's next message says who she is and that the call is hers: the lead keeps her role, in her words.
    const later = await handleReply(deps, {
      ...reply,
      text: "I'm the CTO at Alpha, and I make the final call. We lose inbound leads every week.",
      messageId: '<r2@alpha.example>',
      replyTo: [relayed[0]?.messageId ?? '', CAMPAIGN_MAIL],
    });
    expect(later).toMatchObject({ class: 'conversation' });
    const remembered = await t.store.leads.getLead(leadId);
    expect(remembered?.person.title).toMatchObject({
      value: 'CTO',
      provenance: { source: 'prospect', channel: 'email', conversationId: handOverConversationId('ann') },
    });
    expect(remembered?.person.seniority?.value).toBe('c_level');
    expect(remembered?.consent.optedOutAt).toBeUndefined();
    expect(requalified.at(-1)).toEqual([[leadId], 'the prospect answered in a conversation']);
    expect(relayed).toHaveLength(2);
  });
});
