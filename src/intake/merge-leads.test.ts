import { describe, expect, it } from 'vitest';
import type { Lead, LeadDraft } from '../domain/lead.js';
import type { Provenance } from '../domain/provenance.js';
import { mergeDrafts, mergeLead } from './merge-leads.js';

const at = (iso: string, line: number): Provenance => ({
  source: 'input',
  at: iso,
  origin: 'leads.csv',
  line,
});

const stored: Lead = {
  id: 'lead-1',
  externalId: 'crm-1',
  person: {
    email: { value: 'ann@acme.com', provenance: at('2026-01-01T00:00:00.000Z', 2) },
    title: { value: 'Sales Manager', provenance: at('2026-01-01T00:00:00.000Z', 2) },
    phone: { value: '+14155550123', provenance: at('2026-01-01T00:00:00.000Z', 2) },
  },
  company: { name: { value: 'Acme', provenance: at('2026-01-01T00:00:00.000Z', 2) } },
  consent: { email: true, optedOutAt: '2026-01-01T00:00:00.000Z' },
  custom: { plan: { value: 'free', provenance: at('2026-01-01T00:00:00.000Z', 2) } },
  raw: { Email: 'ann@acme.com', Title: 'Sales Manager' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const newer: LeadDraft = {
  person: {
    email: { value: 'ann@acme.com', provenance: at('2026-03-01T00:00:00.000Z', 7) },
    title: { value: 'VP Sales', provenance: at('2026-03-01T00:00:00.000Z', 7) },
  },
  company: { domain: { value: 'acme.com', provenance: at('2026-03-01T00:00:00.000Z', 7) } },
  consent: { email: true },
  custom: {},
  raw: { Email: 'ann@acme.com', Title: 'VP Sales', Domain: 'acme.com' },
  receivedAt: '2026-03-01T00:00:00.000Z',
};

describe('mergeLead', () => {
  const merged = mergeLead(stored, newer);

  it('keeps the stored id, external id and creation time', () => {
    expect(merged.id).toBe('lead-1');
    expect(merged.externalId).toBe('crm-1');
    expect(merged.createdAt).toBe(stored.createdAt);
    expect(merged.updatedAt).toBe(newer.receivedAt);
  });

  it('takes the more recent value of a field, with its provenance', () => {
    expect(merged.person.title?.value).toBe('VP Sales');
    expect(merged.person.title?.provenance).toMatchObject({ line: 7 });
  });

  it('keeps values the newer record lacks', () => {
    expect(merged.person.phone?.value).toBe('+14155550123');
    expect(merged.company.name?.value).toBe('Acme');
    expect(merged.company.domain?.value).toBe('acme.com');
    expect(merged.custom['plan']?.value).toBe('free');
  });

  it('never turns an opt-out back on', () => {
    expect(merged.consent.optedOutAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('keeps the union of the raw records', () => {
    expect(merged.raw).toEqual({ Email: 'ann@acme.com', Title: 'VP Sales', Domain: 'acme.com' });
  });

  it('keeps an older value when the incoming one is older still', () => {
    const stale: LeadDraft = {
      ...newer,
      person: { title: { value: 'Intern', provenance: at('2025-01-01T00:00:00.000Z', 3) } },
      receivedAt: '2025-01-01T00:00:00.000Z',
    };
    expect(mergeLead(stored, stale).person.title?.value).toBe('Sales Manager');
    expect(mergeLead(stored, stale).updatedAt).toBe(stored.updatedAt);
  });
});

describe('mergeDrafts', () => {
  it('merges two drafts of one person seen in the same file', () => {
    const first: LeadDraft = {
      ...newer,
      person: { phone: stored.person.phone! },
      receivedAt: stored.createdAt,
    };
    const merged = mergeDrafts(first, newer);
    expect(merged.person.phone?.value).toBe('+14155550123');
    expect(merged.person.title?.value).toBe('VP Sales');
    expect(merged.receivedAt).toBe(newer.receivedAt);
  });
});
