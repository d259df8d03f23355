import { describe, expect, it } from 'vitest';
import { buildLeadDraft } from './build-lead-draft.js';
import type { InputField } from './input-fields.js';
import type { IntakeContext, IntakeRecord } from './intake-record.js';

const context: IntakeContext = { origin: 'leads.csv', receivedAt: '2026-11-01T10:00:00.000Z' };

const COLUMN_NAMES: Partial<Record<InputField, string>> = {
  email: 'Email',
  title: 'Job Title',
  company: 'Company',
  employees: 'Company Size',
  industry: 'Industry',
  phone: 'Phone',
  country: 'Country',
  full_name: 'Name',
};

const record = (
  fields: Partial<Record<InputField, string>>,
  line = 2,
  custom: Record<string, string> = {},
): IntakeRecord => ({
  line,
  fields,
  custom,
  raw: Object.fromEntries(Object.entries(fields).map(([k, v]) => [COLUMN_NAMES[k as InputField] ?? k, v])),
  columns: COLUMN_NAMES,
});

const accepted = (r: IntakeRecord) => {
  const result = buildLeadDraft(context, r);
  if (!result.ok) throw new Error(`expected the record to be accepted: ${result.rejection.problem}`);
  return result;
};

describe('buildLeadDraft', () => {
  it('normalizes a complete record and says where every fact came from', () => {
    const { draft, warnings } = accepted(
      record({
        email: ' Ann.Lee@Acme.COM ',
        title: 'VP, Sales & Marketing',
        company: 'Acme',
        employees: '201-500',
        industry: 'SaaS',
        phone: '+1 (415) 555-0123',
        country: 'USA',
        full_name: 'Ann Lee',
      }),
    );
    expect(warnings).toEqual([]);
    expect(draft.person.email).toEqual({
      value: 'ann.lee@acme.com',
      raw: ' Ann.Lee@Acme.COM ',
      provenance: { source: 'input', at: context.receivedAt, origin: 'leads.csv', line: 2, column: 'Email' },
    });
    expect(draft.person.emailType?.value).toBe('corporate');
    expect(draft.person.seniority).toMatchObject({
      value: 'vp',
      provenance: { source: 'normalization', rule: 'title.seniority', from: 'person.title' },
    });
    expect(draft.person.jobFunction?.value).toBe('sales');
    expect(draft.person.phone?.value).toBe('+14155550123');
    expect(draft.person.country?.value).toBe('US');
    expect(draft.person.firstName?.value).toBe('Ann');
    expect(draft.person.lastName?.value).toBe('Lee');
    expect(draft.company.domain).toMatchObject({
      value: 'acme.com',
      provenance: { source: 'normalization', rule: 'domain.from-email' },
    });
    expect(draft.company.employees?.value).toEqual({ min: 201, max: 500 });
    expect(draft.company.sizeBand?.value).toBe('201-500');
    expect(draft.company.industry?.value).toBe('software');
  });

  it('rejects a record that cannot identify a person, naming its line', () => {
    const result = buildLeadDraft(context, record({ title: 'CEO', industry: 'Retail' }, 17));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejection.line).toBe(17);
      expect(result.rejection.problem).toMatch(/cannot identify the lead/);
      expect(result.rejection.raw).toEqual({ 'Job Title': 'CEO', Industry: 'Retail' });
    }
  });

  it('rejects an invalid email address, naming the field and the problem', () => {
    const result = buildLeadDraft(context, record({ email: 'bob@' }, 9));
    expect(result).toMatchObject({ ok: false, rejection: { line: 9, field: 'email' } });
    if (!result.ok) expect(result.rejection.problem).toMatch(/^"bob@" is not a valid email address: /);
  });

  it('keeps values it cannot normalize as warnings and in the raw record', () => {
    const { draft, warnings } = accepted(
      record({ email: 'a@acme.com', industry: 'Underwater basket weaving', employees: 'Large', phone: '12' }),
    );
    expect(warnings.map((w) => w.field).sort()).toEqual(['employees', 'industry', 'phone']);
    expect(draft.company.industry).toBeUndefined();
    expect(draft.raw['Industry']).toBe('Underwater basket weaving');
  });

  it('does not take a free-mail domain for the company domain', () => {
    const { draft } = accepted(record({ email: 'someone@gmail.com' }));
    expect(draft.person.emailType?.value).toBe('free');
    expect(draft.company.domain).toBeUndefined();
  });

  it('records an opt-out and turns every channel off', () => {
    const { draft } = accepted(record({ email: 'a@acme.com', opted_out: 'Yes', consent_email: 'yes' }));
    expect(draft.consent).toEqual({ email: false, sms: false, phone: false, optedOutAt: context.receivedAt });
  });

  it('uses the record created date as the time its facts were observed', () => {
    const { draft } = accepted(record({ email: 'a@acme.com', created_at: '2026-02-03' }));
    expect(draft.person.email?.provenance.at).toBe('2026-02-03T00:00:00.000Z');
    expect(draft.receivedAt).toBe(context.receivedAt);
  });

  it('keeps other columns as custom fields, numbers as numbers', () => {
    const { draft } = accepted(record({ external_id: 'X-1' }, 3, { 'Total Visits': '5', Tags: 'hot lead' }));
    expect(draft.externalId).toBe('X-1');
    expect(draft.custom['Total Visits']?.value).toBe(5);
    expect(draft.custom['Tags']).toMatchObject({
      value: 'hot lead',
      provenance: { column: 'Tags', line: 3 },
    });
  });
});

describe('buildLeadDraft when only a phone could identify the lead', () => {
  it('accepts a valid phone and rejects an invalid one, naming the phone', () => {
    expect(buildLeadDraft(context, record({ phone: '+1 415 555 0123', title: 'CEO' })).ok).toBe(true);
    const result = buildLeadDraft(context, record({ phone: '12', title: 'CEO' }, 5));
    expect(result).toMatchObject({ ok: false, rejection: { line: 5, field: 'phone' } });
    if (!result.ok) expect(result.rejection.problem).toMatch(/^"12" .*nothing else identifies the lead/);
  });
});

describe('buildLeadDraft on an absurd company size', () => {
  it('rejects the row, naming the field, rather than scoring a company of 5 billion people', () => {
    const result = buildLeadDraft(context, record({ email: 'a@acme.com', employees: '5,000,000,000' }, 8));
    expect(result).toMatchObject({ ok: false, rejection: { line: 8, field: 'employees' } });
    if (!result.ok) expect(result.rejection.problem).toMatch(/is not a plausible company size/);
    expect(buildLeadDraft(context, record({ email: 'a@acme.com', employees: '2,100,000' })).ok).toBe(true);
  });
});
