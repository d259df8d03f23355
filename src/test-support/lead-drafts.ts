import type { LeadDraft } from '../domain/lead.js';
import type { Provenance } from '../domain/provenance.js';

/** An input provenance: read from `origin` at `line` (column optional) at time `at`. */
export const fromInput = (at: string, line = 2, column?: string): Provenance =>
  column === undefined
    ? { source: 'input', at, origin: 'leads.csv', line }
    : { source: 'input', at, origin: 'leads.csv', line, column };

/** A small lead draft: an email (and optionally an external id and title) read at `at`. */
export const draftLead = (options: {
  readonly email?: string;
  readonly externalId?: string;
  readonly title?: string;
  readonly at?: string;
  readonly line?: number;
}): LeadDraft => {
  const at = options.at ?? '2026-01-01T00:00:00.000Z';
  const provenance = fromInput(at, options.line ?? 2);
  return {
    ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
    person: {
      ...(options.email === undefined ? {} : { email: { value: options.email, provenance } }),
      ...(options.title === undefined ? {} : { title: { value: options.title, provenance } }),
    },
    company: {},
    consent: {},
    custom: {},
    raw: {
      ...(options.email === undefined ? {} : { Email: options.email }),
      ...(options.title === undefined ? {} : { Title: options.title }),
    },
    receivedAt: at,
  };
};

/** A draft carrying every kind of fact and every kind of provenance, for round-trip tests. */
export const richDraft = (): LeadDraft => {
  const at = '2026-02-03T04:05:06.789Z';
  return {
    externalId: 'crm-42',
    source: { value: 'webinar', provenance: fromInput(at, 7, 'Lead Source') },
    person: {
      firstName: { value: 'Ann', raw: 'ANN', provenance: fromInput(at, 7, 'First') },
      lastName: { value: "O'Neil", provenance: fromInput(at, 7, 'Last') },
      email: { value: 'ann@acme.co.uk', raw: ' Ann@Acme.co.uk ', provenance: fromInput(at, 7, 'Email') },
      emailType: {
        value: 'corporate',
        provenance: { source: 'normalization', at, rule: 'email.type', from: 'email' },
      },
      title: { value: 'VP Sales', raw: 'vp, sales', provenance: fromInput(at, 7, 'Title') },
      seniority: {
        value: 'vp',
        provenance: { source: 'normalization', at, rule: 'title.seniority', from: 'title' },
      },
      jobFunction: {
        value: 'sales',
        provenance: { source: 'normalization', at, rule: 'title.function', from: 'title' },
      },
      phone: { value: '+442071838750', raw: '020 7183 8750', provenance: fromInput(at, 7, 'Phone') },
      country: {
        value: 'GB',
        provenance: { source: 'prospect', at, channel: 'email', messageId: '<m1@acme>' },
      },
    },
    company: {
      name: { value: 'Acme Ltd', provenance: fromInput(at, 7, 'Company') },
      domain: { value: 'acme.co.uk', provenance: fromInput(at, 7, 'Website') },
      employees: {
        value: { min: 201, max: 500 },
        provenance: { source: 'enrichment', at, provider: 'clearbit', confidence: 0.87, costCents: 12 },
      },
      revenue: {
        value: { min: 10_000_000 },
        provenance: { source: 'enrichment', at, provider: 'pdl', confidence: 0.5 },
      },
      technologies: { value: ['salesforce', 'hubspot'], provenance: fromInput(at, 7, 'Tech') },
    },
    consent: { email: true, sms: false, optedOutAt: '2026-02-01T00:00:00.000Z' },
    custom: {
      plan: { value: 'pro', provenance: fromInput(at, 7, 'Plan') },
      seats: { value: 12, provenance: fromInput(at, 7, 'Seats') },
      trial: { value: false, provenance: fromInput(at, 7, 'Trial') },
    },
    raw: { First: 'ANN', Email: ' Ann@Acme.co.uk ', 'Ünïcode ✓': 'naïve — “quoted”' },
    receivedAt: at,
  };
};
