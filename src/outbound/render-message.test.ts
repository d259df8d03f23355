import { describe, expect, it } from 'vitest';
import type { Fact, Provenance } from '../domain/provenance.js';
import { renderMessage, sayValue, type TemplateSubject } from './render-message.js';

const typed: Provenance = {
  source: 'input',
  at: '2026-11-01T00:00:00.000Z',
  origin: 'accounts.csv',
  line: 4,
};
const enriched: Provenance = {
  source: 'enrichment',
  at: '2026-11-20T00:00:00.000Z',
  provider: 'clearbit',
  confidence: 0.9,
};
const fact = <T>(value: T, provenance: Provenance = typed): Fact<T> => ({ value, provenance });

const sam: TemplateSubject = {
  person: { firstName: fact('Sam'), title: fact('VP Revenue Operations') },
  company: {
    name: fact('Bigco'),
    industry: fact('financial_services', enriched),
    employees: fact({ min: 201, max: 500 }, enriched),
  },
  custom: {},
};

describe('renderMessage', () => {
  it('fills every variable from a stored fact and keeps the facts it used with their provenance', () => {
    const out = renderMessage(
      {
        subject: '{{company.name}} and lead routing',
        text: 'Hi {{person.firstName}},\n\nTeams at {{company.industry}} companies of {{company.employees}} people…{{#if company.city}} (in {{company.city}}){{/if}}',
      },
      sam,
    );
    expect(out).toEqual({
      ok: true,
      subject: 'Bigco and lead routing',
      text: 'Hi Sam,\n\nTeams at financial services companies of 201–500 people…',
      facts: [
        { field: 'company.name', value: 'Bigco', provenance: typed },
        { field: 'person.firstName', value: 'Sam', provenance: typed },
        { field: 'company.industry', value: 'financial_services', provenance: enriched },
        { field: 'company.employees', value: { min: 201, max: 500 }, provenance: enriched },
      ],
    });
  });

  it('writes nothing when a variable has no fact behind it, and names it; a misspelt scope is named too', () => {
    expect(renderMessage({ text: 'Congrats on {{company.funding}}, {{person.firstName}}!' }, sam)).toEqual({
      ok: false,
      missing: ['company.funding'],
      unknown: [],
    });
    expect(renderMessage({ text: 'Hi {{persn.firstName}}' }, sam)).toEqual({
      ok: false,
      missing: [],
      unknown: ['persn.firstName'],
    });
  });

  it('says values as words: ranges, open ranges, lists, numbers, and one short line', () => {
    expect(sayValue({ min: 1000 })).toBe('1,000+');
    expect(sayValue({ min: 50, max: 50 })).toBe('50');
    expect(sayValue(['HubSpot', 'Salesforce'])).toBe('HubSpot, Salesforce');
    expect(sayValue('line one\nline two')).toBe('line one line two');
    expect(sayValue('x'.repeat(500))).toHaveLength(120);
  });
});
