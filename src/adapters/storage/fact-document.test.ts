import { describe, expect, it } from 'vitest';
import type { Provenance } from '../../domain/provenance.js';
import { decodeFacts, encodeFacts, type LeadFactsJson } from './fact-document.js';

const at = '2026-03-01T10:00:00.000Z';
const input = (line: number, column?: string): Provenance =>
  column === undefined
    ? { source: 'input', at, origin: 'leads.csv', line }
    : { source: 'input', at, origin: 'leads.csv', line, column };

const doc: LeadFactsJson = {
  source: { value: 'Webinar', provenance: input(2, 'Lead Source') },
  person: {
    email: { value: 'ann@acme.com', raw: 'Ann@Acme.com', provenance: input(2, 'Email') },
    emailType: {
      value: 'corporate',
      provenance: { source: 'normalization', at, rule: 'email.type', from: 'person.email' },
    },
    title: { value: 'VP Sales', provenance: input(2, 'Job Title') },
    seniority: {
      value: 'vp',
      provenance: { source: 'normalization', at, rule: 'title.seniority', from: 'person.title' },
    },
    city: { value: 'Lyon', provenance: input(2) },
    phone: {
      value: '+33612345678',
      provenance: { source: 'prospect', at, channel: 'chat', messageId: 'm-3' },
    },
  },
  company: {
    employees: { value: { min: 201, max: 500 }, raw: '201-500', provenance: input(2, 'Company Size') },
    industry: {
      value: 'software',
      provenance: { source: 'enrichment', at, provider: 'file', confidence: 0.9, costCents: 0 },
    },
    technologies: { value: ['HubSpot', 'Stripe'], provenance: input(7, 'Tech') },
  },
  consent: { email: true, optedOutAt: at },
  custom: { 'Total Visits': { value: 5, provenance: input(2, 'Total Visits') } },
  raw: { Email: 'Ann@Acme.com', 'Job Title': 'VP Sales' },
};

describe('the stored fact document', () => {
  it('gives back every fact, raw text and provenance exactly', () => {
    expect(decodeFacts(encodeFacts(doc))).toStrictEqual(doc);
  });

  it('writes each distinct provenance once, so a CSV lead takes a fraction of plain JSON', () => {
    const encoded = encodeFacts(doc);
    // Line 2 of the file, two rules, the prospect, the provider, line 7.
    expect(JSON.parse(encoded).p).toHaveLength(6);
    const rowOnly: LeadFactsJson = {
      person: doc.person,
      company: {},
      consent: {},
      custom: doc.custom,
      raw: {},
    };
    expect(encodeFacts(rowOnly).length).toBeLessThan(JSON.stringify(rowOnly).length);
  });

  it('keeps a lead without a source without one', () => {
    const { source: _source, ...rest } = doc;
    expect(decodeFacts(encodeFacts(rest))).toStrictEqual(rest);
  });
});
