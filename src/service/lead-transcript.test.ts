import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { openConversation, replyToProspect } from '../conversation/reply-to-prospect.js';
import { BANT_SLOT_SPECS } from '../conversation/dialogue/bant-slots.js';
import { readKnowledgeBase } from '../conversation/knowledge/read-knowledge-base.js';
import { scriptDeps } from '../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../conversation/scripted/script-world.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead } from '../test-support/lead-drafts.js';
import { startService, type RunningService } from './start-service.js';

const NOW = '2026-11-26T09:00:00.000Z';
const examples = fileURLToPath(new URL('../../examples/knowledge', import.meta.url));

describeStores('a lead’s conversations in the API', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('GET /v1/leads/:id carries each conversation with its status and transcript', async () => {
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'lee@acme.io' })]);
    const leadId = lead?.id ?? '';
    const clock = fixedClock(NOW);
    const world = { now: NOW, knowledge: await readKnowledgeBase(examples), calendar: SCRIPT_CALENDAR };
    const deps = { store: t.store.conversations, dialogue: scriptDeps(world, clock, 'Europe/Berlin') };
    const opened = await openConversation(deps, {
      id: 'conv-api-1',
      leadId,
      channel: 'email',
      timeZone: 'Europe/Berlin',
      slots: BANT_SLOT_SPECS,
    });
    await replyToProspect(deps, 'conv-api-1', {
      text: 'We need better lead scoring',
      messageId: '<r1@acme.io>',
    });

    service = await startService({ store: t.store, app: { logLevel: false }, worker: false });
    const { token } = await service.store.service.createApiKey('reader', ['leads:read']);
    const detail = await service.app.inject({
      method: 'GET',
      url: `/v1/leads/${leadId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(detail.statusCode).toBe(200);
    const [conversation] = detail.json().conversations;
    expect(conversation).toMatchObject({
      id: 'conv-api-1',
      channel: 'email',
      status: 'active',
      followUps: [],
    });
    const messages = conversation.messages as {
      seq: number;
      direction: string;
      text: string;
      messageId?: string;
    }[];
    expect(messages[0]).toMatchObject({ seq: 1, direction: 'outbound', text: opened.replies[0] });
    expect(messages.find((m) => m.direction === 'inbound')).toMatchObject({
      text: 'We need better lead scoring',
      messageId: '<r1@acme.io>',
    });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_m, i) => i + 1));
  });
});
