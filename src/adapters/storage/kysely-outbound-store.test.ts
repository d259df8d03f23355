import { expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { parseCampaign } from '../../outbound/campaign-config.js';
import type { CampaignContact, CampaignMessage } from '../../outbound/outbound-store.js';
import { campaignYaml } from '../../outbound/test-support/outbound-world.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import { down, up } from './migrations/011-outbound.js';

const AT = '2026-11-26T09:00:00.000Z';
const config = parseCampaign(campaignYaml({ mode: 'review' }), 'campaign.yaml');

const contact = (n: number, domain = 'acme.example'): CampaignContact => ({
  id: `c${n}`,
  campaignId: 'q4',
  domain,
  email: `p${n}@${domain}`,
  status: 'active',
  token: `tok${n}`,
  createdAt: AT,
  updatedAt: AT,
});
const message = (n: number, over: Partial<CampaignMessage> = {}): CampaignMessage => ({
  id: `m${n}`,
  campaignId: 'q4',
  contactId: `c${n}`,
  step: 0,
  to: `p${n}@acme.example`,
  domain: 'acme.example',
  text: 'Hi',
  facts: [{ field: 'company.name', value: 'Acme', provenance: { source: 'input', at: AT } }],
  status: 'awaiting_approval',
  dueAt: AT,
  createdAt: AT,
  ...over,
});

describeStores('OutboundStore (migration 011)', (t) => {
  const seed = async () => {
    const store = t.store.outbound;
    await store.createCampaign({ id: 'q4', name: config.name, config }, 'dana');
    await store.savePrepared('q4', {
      accounts: [{ domain: 'acme.example', status: 'reached', company: {} }],
      contacts: [contact(1), contact(2)],
      messages: [message(1), message(2, { status: 'queued' })],
    });
    return store;
  };

  it('keeps campaigns, contacts and messages as written, facts and all, and refuses a second campaign with the same id', async () => {
    const store = await seed();
    expect(await store.getCampaign('q4')).toMatchObject({
      id: 'q4',
      status: 'draft',
      config,
      preparedAt: expect.any(String),
    });
    expect(await store.getMessage('m1')).toEqual(message(1));
    expect(await store.listContacts('q4')).toEqual([contact(1), contact(2)]);
    expect((await store.contactByToken('tok2'))?.id).toBe('c2');
    expect((await store.contactsByEmail('P1@acme.example')).map((c) => c.id)).toEqual(['c1']);
    const again = await store
      .createCampaign({ id: 'q4', name: 'x', config }, 'dana')
      .catch((e: unknown) => e);
    expect(isAppError(again, 'CONFLICT')).toBe(true);
  });

  it('lets one person decide a message once, and logs each decision and send with who approved it', async () => {
    const store = await seed();
    expect(await store.decideMessage('m1', 'approve', 'dana')).toMatchObject({
      status: 'queued',
      decidedBy: 'dana',
    });
    const late = await store.decideMessage('m1', 'reject', 'lee').catch((e: unknown) => e);
    expect(isAppError(late, 'CONFLICT')).toBe(true);
    expect(
      isAppError(await store.decideMessage('none', 'approve', 'x').catch((e: unknown) => e), 'NOT_FOUND'),
    ).toBe(true);
    await store.markSent('m1', { channelMessageId: '<a@acme>', sentAt: AT });
    await store.markSent('m2', { channelMessageId: '<b@acme>', sentAt: AT });
    expect((await store.messageByChannelId('<a@acme>'))?.id).toBe('m1');
    const sent = (await store.audit('q4')).filter((a) => a.action === 'sent');
    expect(sent.map((a) => [a.messageId, a.actor])).toEqual([
      ['m1', 'dana'],
      ['m2', 'autonomous'],
    ]);
  });

  it('says in the audit line of each send whether the model wrote the message, or the template and why', async () => {
    const store = await seed();
    const model = 'openai:gpt-4o-mini';
    await store.addMessages([
      message(3, {
        contactId: 'c2',
        status: 'queued',
        writtenBy: { by: 'llm', model, prompt: 'outbound-message@1' },
      }),
      message(4, {
        contactId: 'c2',
        status: 'queued',
        writtenBy: { by: 'template', model, prompt: 'outbound-message@1', fallback: 'the model failed: 503' },
      }),
    ]);
    for (const id of ['m2', 'm3', 'm4'])
      await store.markSent(id, { channelMessageId: `<${id}@acme>`, sentAt: AT });
    const sent = (await store.audit('q4')).filter((a) => a.action === 'sent');
    expect(sent.map((a) => [a.messageId, a.detail])).toEqual([
      [
        'm2',
        'approved by autonomous mode (within the campaign limits); written from the template; <m2@acme>',
      ],
      [
        'm3',
        `approved by autonomous mode (within the campaign limits); written by ${model} (outbound-message@1); <m3@acme>`,
      ],
      [
        'm4',
        `approved by autonomous mode (within the campaign limits); written from the template (${model} not used: the model failed: 503); <m4@acme>`,
      ],
    ]);
  });

  it('cancels and reschedules only what is not sent, and stores a redelivered reply once', async () => {
    const store = await seed();
    await store.markSent('m2', { channelMessageId: '<b@acme>', sentAt: AT });
    expect(await store.reschedulePending('c2', '2027-01-01T00:00:00.000Z')).toBe(0);
    expect(await store.reschedulePending('c1', '2027-01-01T00:00:00.000Z')).toBe(1);
    expect(await store.cancelPending('c1', 'replied')).toBe(1);
    expect((await store.getMessage('m1'))?.status).toBe('cancelled');
    const reply = {
      id: 'r1',
      campaignId: 'q4',
      contactId: 'c2',
      channelMessageId: '<x@p>',
      class: 'not_now' as const,
      evidence: 'not now',
      text: 'not now',
      receivedAt: AT,
    };
    expect(await store.addReply(reply)).toBe(true);
    expect(await store.addReply({ ...reply, id: 'r2' })).toBe(false);
    expect((await store.listReplies('q4')).map((r) => r.id)).toEqual(['r1']);
  });

  it('counts what the pause check weighs: sends and outright refusals, bounce replies, complaints', async () => {
    const store = t.store.outbound;
    await store.createCampaign({ id: 'q4', name: config.name, config }, 'dana');
    await store.savePrepared('q4', {
      accounts: [{ domain: 'acme.example', status: 'reached', company: {} }],
      contacts: [1, 2, 3, 4, 5].map((n) => contact(n)),
      messages: [1, 2, 3, 4, 5].map((n) => message(n, { status: 'queued' })),
    });
    expect(await store.campaignHealth('q4')).toEqual({ sent: 0, bounced: 0, complaints: 0 });
    await store.markSent('m1', { channelMessageId: '<a@acme>', sentAt: AT });
    await store.markSent('m2', { channelMessageId: '<b@acme>', sentAt: AT });
    await store.markFailed('m3', 'bounced: 550 5.1.1 no such user');
    await store.markFailed('m4', 'the relay timed out'); // not a refusal by the receiving server
    const bounce = {
      campaignId: 'q4',
      contactId: 'c2',
      class: 'bounce' as const,
      evidence: '550',
      text: 'Delivery failed',
      receivedAt: AT,
    };
    await store.addReply({ ...bounce, id: 'r1', channelMessageId: '<dsn1@mx>' });
    await store.addReply({ ...bounce, id: 'r2', channelMessageId: '<n@p>', class: 'not_now' as const });
    await store.addAudit({ campaignId: 'q4', action: 'complaint', actor: 'p1@acme.example', at: AT });
    await store.addAudit({ campaignId: 'q4', action: 'paused', actor: 'dana', at: AT });
    expect(await store.campaignHealth('q4')).toEqual({ sent: 3, bounced: 2, complaints: 1 });
    expect(await store.campaignHealth('other')).toEqual({ sent: 0, bounced: 0, complaints: 0 });
  });

  it('suppresses addresses and whole domains, case-insensitively, and finds stored leads by address and domain', async () => {
    const store = await seed();
    await store.suppress('Gone@Acme.example', 'bounced', 'test');
    await store.suppress('@blocked.example', 'asked for the whole company', 'test');
    expect(
      [...(await store.suppressed(['gone@acme.example', 'x@BLOCKED.example', 'ok@acme.example']))].sort(),
    ).toEqual(['gone@acme.example', 'x@BLOCKED.example']);
    const draft = draftLead({ email: 'dana@acme.example' });
    const domain = { value: 'acme.example', provenance: { source: 'input' as const, at: AT } };
    const [lead] = await t.store.leads.upsertLeads([{ ...draft, company: { domain } }]);
    expect(await store.leadsByEmail(['DANA@acme.example', 'nobody@acme.example'])).toEqual(
      new Map([['dana@acme.example', { leadId: lead?.id }]]),
    );
    expect((await store.leadIdsAtDomains(['acme.example'])).get('acme.example')).toEqual([lead?.id]);
  });

  it('migrates down and up again', async () => {
    await down(t.store.db);
    await up(t.store.db);
    expect(await t.store.outbound.listCampaigns()).toEqual([]);
  });
});
