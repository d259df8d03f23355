import { expect, it } from 'vitest';
import { BANT_SLOT_SPECS } from '../../../conversation/dialogue/bant-slots.js';
import type { ConversationState } from '../../../conversation/dialogue/conversation-state.js';
import { startConversation } from '../../../conversation/dialogue/start-conversation.js';
import { scriptDeps } from '../../../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../../../conversation/scripted/script-world.js';
import { readKnowledgeBase } from '../../../conversation/knowledge/read-knowledge-base.js';
import { isAppError } from '../../../domain/app-error.js';
import { fixedClock } from '../../../domain/clock.js';
import { describeStores } from '../../../test-support/describe-stores.js';
import { draftLead } from '../../../test-support/lead-drafts.js';
import { kyselyChannelStore } from '../kysely-channel-store.js';
import { down, up } from './016-booked-slots.js';

const NOW = '2026-11-26T09:00:00.000Z';
const knowledge = new URL('../../../../examples/knowledge', import.meta.url).pathname;

describeStores('migration 016 (booked slots)', (t) => {
  it('copies the meetings booked before it, so a slot booked then is refused to a later conversation', async () => {
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'lee@acme.io' })]);
    const clock = fixedClock(NOW);
    const deps = scriptDeps(
      { now: NOW, knowledge: await readKnowledgeBase(knowledge), calendar: SCRIPT_CALENDAR },
      clock,
      'Europe/Berlin',
    );
    const open = (id: string): ConversationState =>
      startConversation(
        { id, leadId: lead?.id ?? '', channel: 'chat', timeZone: 'Europe/Berlin', slots: BANT_SLOT_SPECS },
        deps,
      ).state;
    const slot = { repId: 'dana', start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:30:00.000Z' };
    const booked = (state: ConversationState): ConversationState => ({
      ...state,
      status: 'ended',
      ending: { kind: 'booked', slot, invite: 'BEGIN:VCALENDAR' },
    });
    await down(t.store.db);
    // Stored as a release without migration 016 stored it: the conversation row alone.
    const first = open('conv-first');
    await t.store.db
      .insertInto('conversations' as never)
      .values({
        id: first.id,
        lead_id: first.leadId,
        channel: 'chat',
        status: 'ended',
        ending: 'booked',
        state: JSON.stringify(booked(first)),
        version: 1,
        created_at: NOW,
        updated_at: NOW,
      } as never)
      .execute();
    await up(t.store.db);
    expect(await kyselyChannelStore(t.store.db).bookedSince(NOW)).toEqual([slot]);
    const second = open('conv-second');
    await t.store.conversations.save(second, 0, []);
    const refused = await t.store.conversations.save(booked(second), 1, []).catch((error: unknown) => error);
    expect(isAppError(refused, 'CONFLICT') && refused.details['slotTaken']).toBe(true);
    // The first conversation saving again keeps its slot.
    await expect(t.store.conversations.save(booked(first), 1, [])).resolves.toBe(2);
  });
});
