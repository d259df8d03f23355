import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import type { Provenance } from '../../domain/provenance.js';
import { loadCriteria, type LoadedCriteria } from '../../criteria/load-criteria.js';
import type { ActivityFacts } from '../../scoring/rules/score-intent.js';
import type { SlotFact } from './conversation-state.js';
import { decideBant } from './decide-bant.js';
import { decideWithCriteria, leadWithAnswers, type DecidableLead } from './decide-with-criteria.js';
import { BANT_SLOT_SPECS } from './bant-slots.js';
import { startConversation } from './start-conversation.js';
import { stepConversation } from './step-conversation.js';

const NOW = '2026-11-26T09:00:00.000Z';
const clock = fixedClock(NOW);
const input: Provenance = { source: 'input', at: NOW };
const said = (value: SlotFact['value']): SlotFact => ({
  value,
  provenance: {
    source: 'prospect',
    at: NOW,
    channel: 'chat',
    conversationId: 'c1',
    messageIndex: 2,
    confidence: 0.8,
  },
});

// A lead that fits examples/criteria/bant.yaml well but gave no title, which the criteria require.
const lead: DecidableLead = {
  person: {
    email: { value: 'lee@acme.io', provenance: input },
    emailType: { value: 'corporate', provenance: input },
    country: { value: 'US', provenance: input },
  },
  company: {
    domain: { value: 'acme.io', provenance: input },
    industry: { value: 'software', provenance: input },
    employees: { value: { min: 150, max: 150 }, provenance: input },
    sizeBand: { value: '51-200', provenance: input },
    country: { value: 'US', provenance: input },
  },
  raw: {},
};
const demo: ActivityFacts[] = [
  { type: 'demo_request', occurredAt: '2026-11-25T10:00:00.000Z', properties: {}, source: 'api' },
];
const BANT_DONE = {
  need: said({ summary: 'lead scoring', keywords: ['lead', 'scoring'] }),
  timeline: said({ horizon: 'dated', from: '2027-01-01', to: '2027-03-31' }),
  authority: said({ role: 'decision_maker' }),
  budget: said({ kind: 'amount', min: 30_000, max: 30_000, approximate: false }),
};

let criteria: LoadedCriteria;
beforeAll(async () => {
  criteria = await loadCriteria(
    fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url)),
  );
});

describe('decideWithCriteria', () => {
  it("asks the criteria's missing question until the prospect gives their role, then decides on it", () => {
    const decide = decideWithCriteria({ clock }, criteria, lead, demo);
    const before = decide('l1', {});
    expect(before.verdict).toBe('needs_info');
    expect(before.missing).toContainEqual({
      field: 'person.title',
      how: 'ask',
      question: 'What is your role?',
    });
    const after = decide('l1', { 'person.title': said('VP of Sales') });
    expect(after.missing).toEqual([]);
    expect(after.verdict).toBe('qualified');
  });

  it('puts the role into the lead with the prospect as its source, and derives seniority from it', () => {
    const merged = leadWithAnswers(lead, { authority: said({ role: 'decision_maker', title: 'CTO' }) });
    expect(merged.person.title).toMatchObject({
      value: 'CTO',
      provenance: { source: 'prospect', messageIndex: 2 },
    });
    expect(merged.person.seniority).toMatchObject({
      value: 'c_level',
      provenance: { source: 'normalization', rule: 'title.seniority' },
    });
    const kept = leadWithAnswers(
      { ...lead, person: { ...lead.person, title: { value: 'Founder', provenance: input } } },
      { 'person.title': said('intern') },
    );
    expect(kept.person.title?.value).toBe('Founder');
  });

  it('takes the stricter of rules and BANT', () => {
    const withBant = decideWithCriteria({ clock }, criteria, lead, demo, decideBant(clock));
    const titled = { 'person.title': said('VP of Sales') };
    expect(withBant('l1', { ...titled, ...BANT_DONE }).verdict).toBe('qualified');
    expect(withBant('l1', { ...titled, ...BANT_DONE, budget: said({ kind: 'none' }) })).toMatchObject({
      verdict: 'not_qualified',
      reason: 'no budget yet',
    });
    const student = {
      ...lead,
      person: {
        ...lead.person,
        email: { value: 'lee@mit.edu', provenance: input },
        emailType: { value: 'education' as const, provenance: input },
      },
    };
    const poor = decideWithCriteria({ clock }, criteria, student, demo, decideBant(clock));
    expect(poor('l1', { ...titled, ...BANT_DONE }).verdict).toBe('not_qualified');
    expect(withBant('l1', titled)).toMatchObject({
      verdict: 'needs_info',
      missing: [{ field: 'need' }, { field: 'timeline' }, { field: 'authority' }, { field: 'budget' }],
    });
  });

  it('asks the role the criteria need after BANT in a conversation, reads the answer, and offers a meeting', () => {
    const deps = {
      clock,
      decide: decideWithCriteria({ clock }, criteria, lead, demo, decideBant(clock)),
      answer: () => ({ found: false }) as const,
      offerSlots: () => [
        { repId: 'dana', start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:30:00.000Z' },
      ],
      book: () => ({ ok: true, invite: '' }) as const,
      formatSlot: (slot: { start: string }) => slot.start,
    };
    let state = startConversation(
      { id: 'c1', leadId: 'l1', channel: 'chat', timeZone: 'UTC', slots: BANT_SLOT_SPECS },
      deps,
    ).state;
    const replies: string[] = [];
    for (const text of ['lead scoring', 'q1', 'I decide', '30k', "I'm the VP of Sales"]) {
      const step = stepConversation(state, { text }, deps);
      replies.push(...step.replies);
      state = step.state;
    }
    expect(replies).toContain('What is your role?');
    expect(state.answers['person.title']?.value).toBe('VP of Sales');
    expect(state.verdict).toBe('qualified');
    expect(state.offered).toHaveLength(1);
  });
});
