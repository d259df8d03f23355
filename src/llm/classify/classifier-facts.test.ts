import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../../criteria/load-criteria.js';
import type { Lead } from '../../domain/lead.js';
import { richDraft } from '../../test-support/lead-drafts.js';
import { qualifiedAnswer, saasLead, submitted } from '../test-support/classifier-input.js';
import { answerSchema } from './answer-schema.js';
import { leadMessage } from './build-prompt.js';
import { classifierFacts, leadFacts, summarizeIntent } from './classifier-facts.js';
import { criteriaSummary } from './criteria-summary.js';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const event = (type: 'page_view' | 'pricing_page_view' | 'custom', occurredAt: string, name?: string) => ({
  type,
  occurredAt,
  properties: name === undefined ? {} : { name },
});

describe('the facts the classifier numbers', () => {
  it('count behaviour per type within the window, custom events by name, most frequent first', () => {
    const summary = summarizeIntent(
      [
        event('page_view', '2026-11-27T10:00:00Z'),
        event('pricing_page_view', '2026-11-20T10:00:00Z'),
        event('pricing_page_view', '2026-11-26T10:00:00Z'),
        event('pricing_page_view', '2026-06-01T10:00:00Z'), // outside 90 days
        event('custom', '2026-11-25T10:00:00Z', 'roi_calculator'),
        event('page_view', '2026-12-30T10:00:00Z'), // in the future: counts as now
      ],
      NOW,
    );
    expect(summary).toEqual({
      windowDays: 90,
      events: [
        { type: 'page_view', count: 2, lastAt: '2026-11-28T12:00:00.000Z' },
        { type: 'pricing_page_view', count: 2, lastAt: '2026-11-26T10:00:00.000Z' },
        { type: 'custom:roi_calculator', count: 1, lastAt: '2026-11-25T10:00:00.000Z' },
      ],
    });
  });

  it('take every fact of a lead with its provenance: person, company, source, custom fields', () => {
    const draft = richDraft();
    const lead: Lead = { ...draft, id: 'L1', createdAt: draft.receivedAt, updatedAt: draft.receivedAt };
    const facts = leadFacts(lead);
    const fields = facts.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['person.email', 'company.name']));
    expect(fields.filter((f) => f.startsWith('custom.'))).toEqual(
      Object.keys(lead.custom).map((k) => `custom.${k}`),
    );
    expect(facts[0]?.provenance).toEqual(Object.values(lead.person)[0]?.provenance);
  });

  it('end with one fact per kind of behaviour, citable like any other', () => {
    const facts = classifierFacts(saasLead());
    expect(facts).toHaveLength(5);
    expect(facts[4]).toEqual({
      field: 'activity.pricing_page_view',
      value: { count: 3, lastAt: '2026-11-27T09:00:00.000Z', windowDays: 90 },
      provenance: { source: 'input', at: '2026-11-27T09:00:00.000Z', origin: 'events' },
    });
  });

  it('cut long text to the limit and say so', () => {
    const input = saasLead([submitted('company.description', 'x'.repeat(5000))]);
    const message = leadMessage(classifierFacts(input), input.intent, 100);
    expect(message.content).toContain(`${'x'.repeat(100)}… [cut at 100 characters]`);
    expect(message.content).not.toContain('x'.repeat(101));
  });
});

describe('the answer schema', () => {
  it('accepts an answer citing known facts and lists every invented citation', () => {
    const schema = answerSchema(['F1', 'F2', 'F3', 'F5']);
    expect(schema.validator.safeParse(qualifiedAnswer()).success).toBe(true);
    const invented = schema.validator.safeParse(qualifiedAnswer(['F1', 'F9', 'X']));
    expect(invented.success).toBe(false);
    if (invented.success) return;
    expect(invented.error.issues.map((i) => i.path.join('.'))).toEqual([
      'reasons.0.facts.1',
      'reasons.0.facts.2',
    ]);
  });

  it('sends a JSON Schema OpenAI strict mode accepts: every property required, no extra ones, no length keywords', () => {
    const text = JSON.stringify(answerSchema(['F1']).jsonSchema);
    expect(text).not.toMatch(/minLength|maxLength|\$schema/);
    const schema = answerSchema(['F1']).jsonSchema as { required: string[]; additionalProperties: boolean };
    expect(schema.required).toEqual([
      'verdict',
      'score',
      'fit',
      'intent',
      'reasons',
      'missing',
      'nextQuestion',
    ]);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('the criteria summary', () => {
  it('states the playbook, fit rules, disqualifiers and required facts of a real template', async () => {
    const criteria = await loadCriteria('examples/criteria/bant.yaml');
    const summary = criteriaSummary(criteria.fallback);
    expect(summary).toMatch(/^Playbook: default/);
    expect(summary).toContain('Fit rules (points out of 100): {');
    expect(summary).toContain('Hard disqualifiers: {');
    expect(summary).toMatch(/Required facts: /);
  });
});
