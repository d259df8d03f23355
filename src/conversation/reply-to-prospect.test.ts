import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { kyselyConversationStore } from '../adapters/storage/kysely-conversation-store.js';
import { isAppError } from '../domain/app-error.js';
import { fixedClock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead } from '../test-support/lead-drafts.js';
import type { ConversationStore } from './conversation-store.js';
import { BANT_SLOT_SPECS } from './dialogue/bant-slots.js';
import { readKnowledgeBase } from './knowledge/read-knowledge-base.js';
import { openConversation, replyToProspect, type ConversationDeps } from './reply-to-prospect.js';
import { scriptDeps } from './scripted/run-script.js';
import { SCRIPT_CALENDAR } from './scripted/script-world.js';

const NOW = '2026-11-26T09:00:00.000Z';
const examples = fileURLToPath(new URL('../../examples/knowledge', import.meta.url));

describeStores('replyToProspect', (t) => {
  const setup = async (wrap: (s: ConversationStore) => ConversationStore = (s) => s) => {
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'lee@acme.io' })]);
    const clock = fixedClock(NOW);
    const world = { now: NOW, knowledge: await readKnowledgeBase(examples), calendar: SCRIPT_CALENDAR };
    const store = wrap(kyselyConversationStore(t.store.db, t.dialect, clock));
    const deps: ConversationDeps = { store, dialogue: scriptDeps(world, clock, 'Europe/Berlin') };
    const start = {
      id: 'c1',
      leadId: lead?.id ?? '',
      channel: 'sms',
      timeZone: 'Europe/Berlin',
      slots: BANT_SLOT_SPECS,
    };
    return { deps, store, start };
  };

  it('holds a whole conversation in the store, message by message, to a booking', async () => {
    const { deps, store, start } = await setup();
    await openConversation(deps, start);
    let last;
    for (const [i, text] of ['lead scoring', 'q1', 'me', '30k', '2'].entries())
      last = await replyToProspect(deps, 'c1', { text, messageId: `SM${i}` });
    expect(last?.ending?.kind).toBe('booked');
    const transcript = await store.transcript('c1');
    expect(transcript.filter((m) => m.direction === 'inbound').map((m) => m.messageId)).toEqual([
      'SM0',
      'SM1',
      'SM2',
      'SM3',
      'SM4',
    ]);
    expect(transcript.at(-1)?.text).toMatch(/^You're booked for/);
    expect((await store.load('c1'))?.state.status).toBe('ended');
  });

  it('redoes a turn from the newer state when another worker stored one in between', async () => {
    let interfere = true;
    const { deps, start } = await setup((inner) => ({
      ...inner,
      save: async (state, version, messages) => {
        if (interfere && version === 1) {
          interfere = false;
          // Another worker answers 'lead scoring' first.
          await replyToProspect({ ...deps, store: inner }, 'c1', { text: 'lead scoring' });
        }
        return inner.save(state, version, messages);
      },
    }));
    await openConversation({ ...deps }, start);
    const step = await replyToProspect(deps, 'c1', { text: 'q1' });
    expect(step.state.inbound).toBe(2);
    expect(Object.keys(step.state.answers).sort()).toEqual(['need', 'timeline']);
  });

  it('says which conversation does not exist', async () => {
    const { deps } = await setup();
    const error = await replyToProspect(deps, 'nope', { text: 'hi' }).catch((e: unknown) => e);
    expect(isAppError(error, 'NOT_FOUND')).toBe(true);
  });
});
