import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { fixedClock } from '../../domain/clock.js';
import { BANT_SLOT_SPECS } from '../../conversation/dialogue/bant-slots.js';
import { startConversation } from '../../conversation/dialogue/start-conversation.js';
import { stepConversation } from '../../conversation/dialogue/step-conversation.js';
import { readKnowledgeBase } from '../../conversation/knowledge/read-knowledge-base.js';
import { scriptDeps } from '../../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../../conversation/scripted/script-world.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import { kyselyConversationStore } from './kysely-conversation-store.js';
import { down, up } from './migrations/007-conversations.js';
import * as channels from './migrations/008-channels.js';

const NOW = '2026-11-26T09:00:00.000Z';
const examples = fileURLToPath(new URL('../../../examples/knowledge', import.meta.url));

describeStores('ConversationStore (migration 007)', (t) => {
  const setup = async () => {
    const [lead] = await t.store.leads.upsertLeads([draftLead({ email: 'lee@acme.io' })]);
    const clock = fixedClock(NOW);
    const store = kyselyConversationStore(t.store.db, t.dialect, clock);
    const world = { now: NOW, knowledge: await readKnowledgeBase(examples), calendar: SCRIPT_CALENDAR };
    const deps = scriptDeps(world, clock, 'Europe/Berlin');
    const opened = startConversation(
      {
        id: 'conv-1',
        leadId: lead?.id ?? '',
        channel: 'sms',
        timeZone: 'Europe/Berlin',
        slots: BANT_SLOT_SPECS,
      },
      deps,
    );
    return { store, deps, opened, leadId: lead?.id ?? '' };
  };

  it('keeps each turn — state and transcript — and gives back exactly what was saved', async () => {
    const { store, deps, opened, leadId } = await setup();
    let version = await store.save(
      opened.state,
      0,
      opened.replies.map((text) => ({ direction: 'outbound', text, at: NOW })),
    );
    let state = opened.state;
    for (const [i, text] of ['lead scoring', 'q1'].entries()) {
      const step = stepConversation(state, { text, messageId: `sms-${i}` }, deps);
      version = await store.save(step.state, version, [
        { direction: 'inbound', text, at: NOW, messageId: `sms-${i}` },
        ...step.replies.map((r) => ({ direction: 'outbound' as const, text: r, at: NOW })),
      ]);
      state = step.state;
    }
    expect(version).toBe(3);
    const loaded = await store.load('conv-1');
    expect(loaded).toEqual({ state, version: 3, createdAt: NOW, updatedAt: NOW });
    const transcript = await store.transcript('conv-1');
    expect(transcript.map((m) => m.seq)).toEqual(transcript.map((_m, i) => i + 1));
    expect(transcript.filter((m) => m.direction === 'inbound')).toEqual([
      { seq: 3, direction: 'inbound', text: 'lead scoring', at: NOW, messageId: 'sms-0' },
      { seq: 6, direction: 'inbound', text: 'q1', at: NOW, messageId: 'sms-1' },
    ]);
    expect((await store.ofLead(leadId)).map((c) => c.state.id)).toEqual(['conv-1']);
    expect(await store.load('nope')).toBeUndefined();
  });

  it('refuses a turn computed from a stale version, and writes none of it', async () => {
    const { store, opened } = await setup();
    await store.save(opened.state, 0, []);
    const error = await store
      .save(opened.state, 0, [{ direction: 'inbound', text: 'x', at: NOW }])
      .catch((e: unknown) => e);
    expect(isAppError(error, 'CONFLICT')).toBe(true);
    await store.save(opened.state, 1, []);
    const late = await store
      .save(opened.state, 1, [{ direction: 'inbound', text: 'y', at: NOW }])
      .catch((e: unknown) => e);
    expect(isAppError(late, 'CONFLICT')).toBe(true);
    expect(await store.transcript('conv-1')).toEqual([]);
    expect((await store.load('conv-1'))?.version).toBe(2);
  });

  it('refuses a conversation for a lead that does not exist', async () => {
    const { store, opened } = await setup();
    const error = await store
      .save({ ...opened.state, id: 'conv-2', leadId: 'no-such-lead' }, 0, [])
      .catch((e: unknown) => e);
    expect(isAppError(error, 'NOT_FOUND')).toBe(true);
  });

  it('migrates down and up again (with 008, which builds on it)', async () => {
    const { store, opened } = await setup();
    await store.save(opened.state, 0, []);
    await channels.down(t.store.db);
    await down(t.store.db);
    await up(t.store.db);
    await channels.up(t.store.db);
    expect(await store.load('conv-1')).toBeUndefined();
    await store.save(opened.state, 0, [{ direction: 'outbound', text: 'Hi', at: NOW, author: 'dana' }]);
    expect(await store.transcript('conv-1')).toEqual([
      { seq: 1, direction: 'outbound', text: 'Hi', at: NOW, author: 'dana' },
    ]);
  });
});
