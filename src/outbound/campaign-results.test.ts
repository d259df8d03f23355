import { expect, it } from 'vitest';
import type { ConversationState } from '../conversation/dialogue/conversation-state.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead } from '../test-support/lead-drafts.js';
import { parseCampaign } from './campaign-config.js';
import { campaignResults } from './campaign-results.js';
import { campaignYaml } from './test-support/outbound-world.js';

const FIRST = '2026-11-23T09:00:00.000Z';
const SECOND = '2026-11-27T09:00:00.000Z';
/** Booked on the 27th for a call on Tuesday 1 December at 15:00 UTC: 198 h (8 days and 6 hours) after the first message. */
const MEETING = { repId: 'rep-1', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T15:30:00.000Z' };

const conversation = (
  id: string,
  leadId: string,
  ending: ConversationState['ending'],
): ConversationState => ({
  id,
  leadId,
  channel: 'email',
  timeZone: 'UTC',
  slots: [],
  answers: {},
  asks: {},
  offers: 1,
  inbound: 2,
  status: 'ended',
  ...(ending === undefined ? {} : { ending }),
  followUps: [],
  injectionAttempts: 0,
  verdict: 'qualified',
});

describeStores('campaignResults', (t) => {
  it('measures the time from the first message to the meeting’s start, not to when it was booked', async () => {
    const store = t.store.outbound;
    const config = parseCampaign(campaignYaml({ mode: 'autonomous' }), 'c.yaml');
    await store.createCampaign({ id: 'q4', name: config.name, config }, 'dana');
    const contact = (n: number) => ({
      id: `c${n}`,
      campaignId: 'q4',
      domain: 'a.example',
      email: `p${n}@a.example`,
      status: 'active' as const,
      token: `t${n}`,
      createdAt: FIRST,
      updatedAt: FIRST,
    });
    const message = (n: number, step: number) => ({
      id: `m${n}-${step}`,
      campaignId: 'q4',
      contactId: `c${n}`,
      step,
      to: `p${n}@a.example`,
      domain: 'a.example',
      text: 'Hi',
      facts: [],
      status: 'queued' as const,
      dueAt: FIRST,
      createdAt: FIRST,
    });
    await store.savePrepared('q4', {
      accounts: [],
      contacts: [contact(1), contact(2)],
      messages: [message(1, 0), message(1, 1), message(2, 0)],
    });
    await store.markSent('m1-0', { channelMessageId: '<m1-0@x>', sentAt: FIRST });
    await store.markSent('m1-1', { channelMessageId: '<m1-1@x>', sentAt: SECOND });
    await store.markSent('m2-0', { channelMessageId: '<m2-0@x>', sentAt: SECOND });
    const [one, two] = await t.store.leads.upsertLeads([
      draftLead({ email: 'p1@a.example' }),
      draftLead({ email: 'p2@a.example' }),
    ]);
    // One booked a meeting, the other handed to a person: only the first is a meeting.
    await t.store.conversations.save(
      conversation('conv-1', one?.id ?? '', { kind: 'booked', slot: MEETING, invite: 'BEGIN:VCALENDAR' }),
      0,
      [],
    );
    await t.store.conversations.save(
      conversation('conv-2', two?.id ?? '', { kind: 'handoff', reason: 'asked for a human' }),
      0,
      [],
    );
    await store.updateContact('c1', { status: 'handed_over', conversationId: 'conv-1' });
    await store.updateContact('c2', { status: 'handed_over', conversationId: 'conv-2' });

    const results = await campaignResults({ store, conversations: t.store.conversations }, 'q4');
    expect(results?.meetingsBooked).toBe(1);
    expect(results?.qualifiedLeads).toBe(2);
    expect(results?.hoursToMeeting).toEqual({ median: 198, each: [198] });
  });
});
