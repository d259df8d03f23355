import { describe, expect, it } from 'vitest';
import { draftLead } from '../test-support/lead-drafts.js';
import { applyEnrichment } from './apply-enrichment.js';
import type { EnrichedField } from './enrich-lead.js';
import { subjectOf } from './enrichment-subject.js';

const at = '2026-03-01T10:00:00.000Z';
const context = { origin: 'leads.csv', receivedAt: at };
const found = (
  field: EnrichedField['field'],
  value: EnrichedField['value'],
  provider = 'fortune',
  confidence = 0.95,
): EnrichedField => ({
  field,
  value,
  confidence,
  provider,
  at,
  costCents: 2,
});

describe('applying enrichment to a lead', () => {
  it('normalizes each value as intake would and records the provider, time, confidence and cost', () => {
    const draft = draftLead({ email: 'ann@acme.com', title: 'VP Sales' });
    const { draft: enriched, warnings } = applyEnrichment(
      draft,
      [
        found('company.industry', 'Computer Software'),
        found('company.employees', { min: 120, max: 120 }),
        found('company.revenue', { min: 21_000_000, max: 21_000_000 }),
        found('company.technologies', ['HubSpot', 'Stripe'], 'website', 0.8),
        found('company.city', 'Hamburg', 'website', 0.8),
      ],
      context,
    );
    expect(warnings).toEqual([]);
    expect(enriched.company.industry).toEqual({
      value: 'software',
      raw: 'Computer Software',
      provenance: { source: 'enrichment', at, provider: 'fortune', confidence: 0.95, costCents: 2 },
    });
    expect(enriched.company.employees?.value).toEqual({ min: 120, max: 120 });
    expect(enriched.company.sizeBand).toMatchObject({
      value: '51-200',
      provenance: { source: 'normalization', from: 'company.employees' },
    });
    expect(enriched.company.revenue?.value).toEqual({ min: 21_000_000, max: 21_000_000 });
    expect(enriched.company.technologies?.value).toEqual(['HubSpot', 'Stripe']);
    expect(enriched.company.technologies?.provenance).toMatchObject({
      source: 'enrichment',
      provider: 'website',
    });
    expect(enriched.custom['company.city']).toMatchObject({
      value: 'Hamburg',
      provenance: { provider: 'website' },
    });
  });

  it('never overwrites what the lead itself said', () => {
    const draft = draftLead({ email: 'ann@acme.com', title: 'VP Sales' });
    const { draft: enriched } = applyEnrichment(draft, [found('person.title', 'Intern')], context);
    expect(enriched.person.title).toEqual(draft.person.title);
  });

  it('derives seniority and function from an enriched title, and a guessed email keeps its provider', () => {
    const draft = draftLead({});
    const { draft: enriched } = applyEnrichment(
      draft,
      [
        found('person.title', 'Director of Marketing', 'apollo'),
        found('person.email', 'ann.lee@acme.com', 'email-pattern', 0.7),
      ],
      context,
    );
    expect(enriched.person.seniority?.value).toBe('director');
    expect(enriched.person.jobFunction?.value).toBe('marketing');
    expect(enriched.person.email).toMatchObject({
      value: 'ann.lee@acme.com',
      provenance: { provider: 'email-pattern', confidence: 0.7 },
    });
    expect(enriched.person.emailType?.value).toBe('corporate');
  });

  it('leaves out values intake cannot normalize, with a warning', () => {
    const { draft: enriched, warnings } = applyEnrichment(
      draftLead({}),
      [found('company.industry', 'Quantum Basket Weaving')],
      context,
    );
    expect(enriched.company.industry).toBeUndefined();
    expect(warnings).toMatchObject([{ field: 'industry', kind: 'unrecognized' }]);
  });

  it("replaces the lead's own unconfirmed guess (and what was derived from it) with a verified value", () => {
    const guess = {
      source: 'enrichment',
      at,
      provider: 'email-pattern',
      confidence: 0.6,
      verified: false,
    } as const;
    const draft = draftLead({});
    const guessed = {
      ...draft,
      person: {
        email: { value: 'ann.lee@gmail.com', provenance: guess },
        emailType: {
          value: 'free' as const,
          provenance: { source: 'normalization', at, rule: 'email.type', from: 'person.email' } as const,
        },
      },
    };
    const verified = { ...found('person.email', 'ann@acme.com', 'finder'), verified: true };
    const { draft: enriched } = applyEnrichment(guessed, [verified], context);
    expect(enriched.person.email).toMatchObject({
      value: 'ann@acme.com',
      provenance: { provider: 'finder', verified: true },
    });
    expect(enriched.person.emailType?.value).toBe('corporate');
  });
});

describe('the subject of a lead', () => {
  it('holds what providers can look the lead up by, and the fields it already has', () => {
    const draft = draftLead({ email: 'ann@acme.com', title: 'VP Sales' });
    const s = subjectOf({
      ...draft,
      company: { name: { value: 'Acme', provenance: draft.person.email!.provenance } },
    });
    expect(s.query).toEqual({ email: 'ann@acme.com', companyName: 'Acme', title: 'VP Sales' });
    expect([...s.present].sort()).toEqual(['company.name', 'person.email', 'person.title']);
  });
});
