import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseCampaign } from '../../outbound/campaign-config.js';
import type { CampaignMessage } from '../../outbound/outbound-store.js';
import { campaignYaml } from '../../outbound/test-support/outbound-world.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService } from '../start-service.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
const AT = '2026-11-26T09:00:00.000Z';

describeStores('the campaigns API', (t) => {
  const setup = async () => {
    const service = await startService({
      store: t.store,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
    });
    const reader = (await t.store.service.createApiKey('dashboard', ['leads:read'])).token;
    const approver = (await t.store.service.createApiKey('dana', ['leads:read', 'review:write'])).token;
    const config = parseCampaign(campaignYaml({ mode: 'review' }), 'campaign.yaml');
    await t.store.outbound.createCampaign({ id: 'q4', name: config.name, config }, 'dana');
    const contact = (n: number) => ({
      id: `c${n}`,
      campaignId: 'q4',
      domain: `d${n}.example`,
      email: `p${n}@d${n}.example`,
      name: `Person ${n}`,
      persona: 'Revenue leader',
      status: 'active' as const,
      token: `token-of-contact-${n}`,
      createdAt: AT,
      updatedAt: AT,
    });
    const message = (n: number): CampaignMessage => ({
      id: `m${n}`,
      campaignId: 'q4',
      contactId: `c${n}`,
      step: 0,
      to: `p${n}@d${n}.example`,
      domain: `d${n}.example`,
      subject: 'Hello',
      text: `Hi Person ${n}`,
      facts: [{ field: 'person.firstName', value: 'Person', provenance: { source: 'input', at: AT } }],
      status: 'awaiting_approval',
      dueAt: AT,
      createdAt: AT,
    });
    await t.store.outbound.savePrepared('q4', {
      accounts: [{ domain: 'd1.example', status: 'reached', company: {} }],
      contacts: [contact(1), contact(2)],
      messages: [message(1), message(2)],
    });
    const call = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
      service.app.inject({
        method,
        url,
        ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
        ...(payload === undefined ? {} : { payload }),
      });
    return { service, reader, approver, call };
  };

  it('lists campaigns and the approval queue, approves per message with the approver logged, pauses and resumes', async () => {
    const { service, reader, approver, call } = await setup();
    try {
      expect((await call('GET', '/v1/campaigns')).statusCode).toBe(401);
      const list = await call('GET', '/v1/campaigns', reader);
      expect(list.json()).toEqual({
        campaigns: [
          expect.objectContaining({
            id: 'q4',
            mode: 'review',
            status: 'draft',
            preparedAt: expect.any(String),
          }),
        ],
      });
      const queue = (await call('GET', '/v1/campaigns/q4/messages', reader)).json<{
        total: number;
        messages: { id: string; name: string; facts: unknown[] }[];
      }>();
      expect(queue.total).toBe(2);
      expect(queue.messages[0]).toMatchObject({
        id: 'm1',
        name: 'Person 1',
        facts: [{ field: 'person.firstName' }],
      });

      expect(
        (
          await call('POST', '/v1/campaigns/q4/messages/decisions', reader, {
            decision: 'approve',
            ids: ['m1'],
          })
        ).statusCode,
      ).toBe(403);
      const decided = await call('POST', '/v1/campaigns/q4/messages/decisions', approver, {
        decision: 'approve',
        ids: ['m1', 'nope'],
      });
      expect(decided.json()).toEqual({
        results: [
          { id: 'm1', ok: true, message: expect.objectContaining({ status: 'queued', decidedBy: 'dana' }) },
          { id: 'nope', ok: false, error: 'campaign q4 has no message nope' },
        ],
      });
      const again = await call('POST', '/v1/campaigns/q4/messages/decisions', approver, {
        decision: 'reject',
        ids: ['m1'],
      });
      expect(again.json<{ results: { error: string }[] }>().results[0]?.error).toMatch(
        /m1 is queued \(by dana\), not awaiting approval/,
      );
      const bad = await call('POST', '/v1/campaigns/q4/messages/decisions', approver, {
        decision: 'maybe',
        ids: [],
      });
      expect(bad.statusCode).toBe(400);

      expect((await call('POST', '/v1/campaigns/q4/resume', approver)).json()).toEqual({
        id: 'q4',
        status: 'active',
      });
      expect(
        (await call('POST', '/v1/campaigns/q4/pause', approver, { reason: 'checking the copy' })).statusCode,
      ).toBe(200);
      const paused = (await call('GET', '/v1/campaigns', reader)).json<{
        campaigns: { status: string; pauseReason: string }[];
      }>();
      expect(paused.campaigns[0]).toMatchObject({ status: 'paused', pauseReason: 'checking the copy' });
      const audit = (await call('GET', '/v1/campaigns/q4/audit', reader)).json<{
        entries: { action: string; actor: string }[];
      }>();
      expect(audit.entries.map((e) => `${e.action} by ${e.actor}`)).toEqual([
        'created by dana',
        'prepared by leadsift',
        'approved by dana',
        'active by dana',
        'paused by dana',
      ]);
      const results = (await call('GET', '/v1/campaigns/q4/results', reader)).json();
      expect(results).toMatchObject({
        status: 'paused',
        messages: { sent: 0, awaitingApproval: 1, queued: 1 },
        contacts: { found: 2 },
      });
      expect((await call('GET', '/v1/campaigns/none/results', reader)).statusCode).toBe(404);
    } finally {
      await service.close();
    }
  });

  it('unsubscribes with the link, without a key: the address is suppressed and nothing more goes to it', async () => {
    const { service, approver, call } = await setup();
    try {
      const res = await call('POST', '/v1/unsubscribe/token-of-contact-2');
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/unsubscribed/);
      expect([...(await t.store.outbound.suppressed(['p2@d2.example']))]).toEqual(['p2@d2.example']);
      expect((await t.store.outbound.getMessage('m2'))?.status).toBe('cancelled');
      expect(await t.store.outbound.getContact('c2')).toMatchObject({
        status: 'stopped',
        reason: 'unsubscribed',
      });
      expect((await call('GET', '/v1/unsubscribe/token-of-contact-2')).statusCode).toBe(200);
      expect((await call('GET', '/v1/unsubscribe/not-a-known-token')).statusCode).toBe(404);
      // A spam complaint: suppressed, stopped, logged (one message sent is under minSent: no pause yet).
      await t.store.outbound.setStatus('q4', 'active', undefined, 'dana');
      await t.store.outbound.markSent('m1', { channelMessageId: '<m1@acme>', sentAt: AT });
      const quiet = await call('POST', '/v1/campaigns/q4/complaints', approver, { email: 'P1@d1.example' });
      expect(quiet.json()).toEqual({});
      expect((await t.store.outbound.getContact('c1'))?.reason).toBe('marked our message as spam');
      expect([...(await t.store.outbound.suppressed(['p1@d1.example']))]).toEqual(['p1@d1.example']);
      expect(
        (await call('POST', '/v1/campaigns/q4/complaints', approver, { email: 'x@nowhere.example' }))
          .statusCode,
      ).toBe(404);
      const openapi = (await call('GET', '/openapi.json')).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining([
          '/v1/campaigns',
          '/v1/campaigns/{id}/messages/decisions',
          '/v1/unsubscribe/{token}',
        ]),
      );
    } finally {
      await service.close();
    }
  });
});
