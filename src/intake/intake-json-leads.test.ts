import { describe, expect, it } from 'vitest';
import { intakeJsonLeads } from './intake-json-leads.js';

const context = { origin: 'api', receivedAt: '2026-11-28T10:00:00.000Z' };

describe('intakeJsonLeads', () => {
  it('maps any field names, flat or nested, through the same normalization as files', () => {
    const { accepted, rejected } = intakeJsonLeads(
      [
        {
          email: 'Dana.Kim@Acme.io',
          firstName: 'Dana',
          jobTitle: 'VP of Sales',
          company: { name: 'Acme', employees: 250 },
        },
        {
          'Email Address': 'lee@globex.com',
          'Company Name': 'Globex',
          Country: 'Germany',
          utm_campaign: 'q4',
        },
      ],
      context,
    );
    expect(rejected).toEqual([]);
    const [dana, lee] = accepted.map((a) => a.draft);
    expect(dana?.person.email?.value).toBe('dana.kim@acme.io');
    expect(dana?.person.seniority?.value).toBe('vp');
    expect(dana?.company.name?.value).toBe('Acme');
    expect(dana?.company.sizeBand?.value).toBe('201-500');
    expect(dana?.person.email?.provenance).toMatchObject({
      source: 'input',
      origin: 'api',
      line: 1,
      column: 'email',
    });
    expect(lee?.person.country?.value).toBe('DE');
    expect(lee?.custom['utm_campaign']?.value).toBe('q4');
    expect(lee?.raw).toMatchObject({ 'Email Address': 'lee@globex.com' });
  });

  it('refuses what cannot be a lead, naming the item, the field and the problem', () => {
    const { accepted, rejected } = intakeJsonLeads(
      ['dana@acme.io', { email: 'not an email' }, { notes: 'hello' }, { email: 'ok@acme.io' }],
      context,
    );
    expect(accepted.map((a) => a.index)).toEqual([3]);
    expect(rejected[0]).toMatchObject({ index: 0, problem: expect.stringMatching(/expected a JSON object/) });
    expect(rejected[1]).toMatchObject({ index: 1, field: 'email' });
    expect(rejected[2]).toMatchObject({ index: 2, problem: expect.stringMatching(/identif/) });
  });
});
