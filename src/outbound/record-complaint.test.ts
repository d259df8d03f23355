import { expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead } from '../test-support/lead-drafts.js';
import { parseCampaign } from './campaign-config.js';
import { recordComplaint } from './record-complaint.js';
import { campaignYaml } from './test-support/outbound-world.js';

const AT = '2026-11-26T09:00:00.000Z';

describeStores('recordComplaint', (t) => {
  it("suppresses the address, opts the contact's lead out and pauses the campaign once complaints reach its rate", async () => {
    const store = t.store.outbound;
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'p1@a.example' })]);
    const config = parseCampaign(
      campaignYaml({ mode: 'autonomous', pause: '{ bounceRate: 0.5, complaintRate: 0.2, minSent: 5 }' }),
      'c.yaml',
    );
    await store.createCampaign({ id: 'q4', name: config.name, config }, 'dana');
    const ids = [1, 2, 3, 4, 5];
    await store.savePrepared('q4', {
      accounts: [],
      contacts: ids.map((n) => ({
        id: `c${n}`,
        campaignId: 'q4',
        domain: 'a.example',
        email: `p${n}@a.example`,
        ...(n === 1 && lead !== undefined ? { leadId: lead.id } : {}),
        status: 'active' as const,
        token: `t${n}`,
        createdAt: AT,
        updatedAt: AT,
      })),
      messages: ids.map((n) => ({
        id: `m${n}`,
        campaignId: 'q4',
        contactId: `c${n}`,
        step: 0,
        to: `p${n}@a.example`,
        domain: 'a.example',
        text: 'Hi',
        facts: [],
        status: 'queued' as const,
        dueAt: AT,
        createdAt: AT,
      })),
    });
    await store.setStatus('q4', 'active', undefined, 'dana');
    for (const n of ids) await store.markSent(`m${n}`, { channelMessageId: `<m${n}@x>`, sentAt: AT });
    const deps = { store, leads: t.store.leads, clock: fixedClock(AT) };
    expect(await recordComplaint(deps, 'q4', 'p1@a.example', 'feedback-loop')).toEqual({
      paused: '1 of 5 messages were marked as spam (20.0 %, the limit is 20.0 %)',
    });
    expect((await store.getCampaign('q4'))?.status).toBe('paused');
    expect([...(await store.suppressed(['p1@a.example', 'p2@a.example']))]).toEqual(['p1@a.example']);
    expect((await store.audit('q4')).filter((a) => a.action === 'complaint').map((a) => a.actor)).toEqual([
      'feedback-loop',
    ]);
    // A complaint is an opt-out: no channel writes to them again.
    expect((await t.store.leads.getLead(lead?.id ?? ''))?.consent).toMatchObject({
      email: false,
      sms: false,
      optedOutAt: AT,
    });
  });
});
