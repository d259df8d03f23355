import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../read/read-csv.js';
import { applyHeaderMapping } from './apply-header-mapping.js';
import { HEADER_SYNONYMS, NEGATED_SYNONYMS, columnKey, matchSynonym } from './header-synonyms.js';
import { parseColumnMapping } from './load-column-mapping.js';
import { mapHeader } from './map-header.js';
import { datasetPath } from '../../test-support/datasets.js';

const targetOf = (header: string[], name: string) =>
  mapHeader(header).columns.find((c) => c.name === name)?.target;

describe('header synonyms', () => {
  it('never give one name to two fields', () => {
    const owners = new Map<string, string>();
    for (const [field, names] of Object.entries(HEADER_SYNONYMS)) {
      for (const name of names) {
        expect(owners.get(columnKey(name)) ?? field, `${name} is listed under two fields`).toBe(field);
        owners.set(columnKey(name), field);
        expect(matchSynonym(name)?.field).toBe(field);
      }
    }
    for (const name of Object.keys(NEGATED_SYNONYMS)) expect(owners.has(columnKey(name))).toBe(false);
  });

  it.each([
    ['Job Title', 'title'],
    ['Designation', 'title'],
    ['# Employees', 'employees'],
    ['No. of Employees', 'employees'],
    ['Headcount', 'employees'],
    ['E-mail', 'email'],
    ['WORK_EMAIL', 'email'],
    ['fname', 'first_name'],
    ['Surname', 'last_name'],
    ['Contact Name', 'full_name'],
    ['Account Name', 'company'],
    ['Company Website', 'website'],
    ['Company Domain', 'domain'],
    ['Vertical', 'industry'],
    ['Annual Revenue', 'revenue'],
    ['Tel', 'phone'],
    ['Country Code', 'country'],
    ['utm_source', 'source'],
    ['LinkedIn URL', 'linkedin'],
    ['CRM Id', 'external_id'],
    ['Do Not Email', 'opted_out'],
    ['Created At', 'created_at'],
    ['Tech Stack', 'technologies'],
    ['GDPR consent', 'consent_email'],
    ['SMS opt-in', 'consent_sms'],
    ['Person - Email', 'email'],
    ['email_address', 'email'],
  ])('maps %j to %s, ignoring case, spaces and punctuation', (name, field) => {
    expect(matchSynonym(name)?.field).toBe(field);
  });

  it('marks "Do Not Call" as consent_phone with inverted yes/no', () => {
    expect(matchSynonym('Do Not Call')).toMatchObject({ field: 'consent_phone', negated: true });
    expect(matchSynonym('Do Not Email')).toMatchObject({ field: 'opted_out', negated: false });
  });

  it('gives a column to the better-ranked synonym wherever it stands in the header', () => {
    const mapping = mapHeader(['Lead Origin', 'Email', 'Lead Source']);
    expect(mapping.columns.map((c) => c.target)).toEqual([
      { kind: 'custom', name: 'Lead Origin' },
      { kind: 'field', field: 'email', negated: false },
      { kind: 'field', field: 'source', negated: false },
    ]);
    expect(mapping.duplicates).toEqual([{ field: 'source', kept: 'Lead Source', demoted: 'Lead Origin' }]);
  });
});

describe('mapHeader', () => {
  it('keeps the first of two columns meaning the same field and demotes the second to custom', () => {
    const mapping = mapHeader(['Email', 'Work Email', 'Favourite colour']);
    expect(mapping.fields).toEqual(['email']);
    expect(mapping.fieldColumns).toEqual([0]);
    expect(mapping.customNames).toEqual(['Work Email', 'Favourite colour']);
    expect(mapping.duplicates).toEqual([{ field: 'email', kept: 'Email', demoted: 'Work Email' }]);
    expect(mapping.columns.map((c) => c.via)).toEqual(['synonym', 'duplicate', 'unknown']);
  });

  it('lets the user mapping override synonyms, add custom fields and ignore columns', () => {
    const user = parseColumnMapping(
      'columns:\n  Lead Source: source\n  What is your current occupation: custom:occupation\n  Tags: ignore\n  Missing: email\n',
      'mapping.yaml',
    );
    const mapping = mapHeader(
      ['Lead Origin', 'Lead Source', 'What is your current occupation', 'Tags'],
      user,
    );
    expect(mapping.columns.map((c) => [c.name, c.target])).toEqual([
      ['Lead Origin', { kind: 'custom', name: 'Lead Origin' }],
      ['Lead Source', { kind: 'field', field: 'source', negated: false }],
      ['What is your current occupation', { kind: 'custom', name: 'occupation' }],
      ['Tags', { kind: 'ignore' }],
    ]);
    expect(mapping.warnings).toEqual(['mapping names column "Missing", which the header does not have']);
  });

  it('gives repeated header names unique raw names', () => {
    expect(mapHeader(['Notes', 'Notes', '']).rawNames).toEqual(['Notes', 'Notes (2)', 'column 3']);
    expect(targetOf(['Notes', 'Notes'], 'Notes (2)')).toEqual({ kind: 'custom', name: 'Notes (2)' });
  });
});

describe('applyHeaderMapping', () => {
  it('trims values, drops sentinels and inverts negated yes/no columns', () => {
    const user = parseColumnMapping('empty: ["N/A", "-"]\nvalues:\n  City:\n    Select: ""\n', 'm.yaml');
    const mapping = mapHeader(['Email', 'City', 'Do Not Call', 'Note'], user);
    const record = applyHeaderMapping(mapping, 7, [' a@b.co ', 'Select', 'Yes', 'n/a']);
    expect(record).toEqual({
      line: 7,
      fields: { email: 'a@b.co', consent_phone: 'no' },
      custom: {},
      raw: { Email: ' a@b.co ', City: 'Select', 'Do Not Call': 'Yes', Note: 'n/a' },
      columns: { email: 'Email', city: 'City', consent_phone: 'Do Not Call' },
    });
  });
});

const LEADS = datasetPath('x-education-lead-scoring/Leads.csv');

describe.skipIf(!existsSync(LEADS))(`mapHeader on the X Education header (needs ${LEADS})`, () => {
  it('maps the columns a lead scorer needs and keeps the rest as custom fields', async () => {
    const source = await readCsv(LEADS);
    await source.batches[Symbol.asyncIterator]().return?.();
    const mapping = mapHeader(source.header);
    const byField = Object.fromEntries(
      mapping.fields.map((f, k) => [f, mapping.rawNames[mapping.fieldColumns[k] ?? -1]]),
    );
    expect(byField).toEqual({
      external_id: 'Prospect ID',
      source: 'Lead Source',
      opted_out: 'Do Not Email',
      consent_phone: 'Do Not Call',
      country: 'Country',
      city: 'City',
    });
    expect(mapping.duplicates).toEqual([{ field: 'source', kept: 'Lead Source', demoted: 'Lead Origin' }]);
    expect(mapping.customNames).toHaveLength(31);
    expect(mapping.fieldNegated[mapping.fields.indexOf('consent_phone')]).toBe(true);
  });
});

describe('values that mean "not answered"', () => {
  it('treats form placeholders such as "Select" as empty in every column, without a mapping file', () => {
    const mapping = mapHeader(['Email', 'Specialization', 'Country']);
    const record = applyHeaderMapping(mapping, 2, ['a@acme.com', 'Select', ' unknown ']);
    expect(record.fields).toEqual({ email: 'a@acme.com' });
    expect(record.custom).toEqual({});
    expect(record.raw).toEqual({ Email: 'a@acme.com', Specialization: 'Select', Country: ' unknown ' });
  });

  it('keeps "NA", which is Namibia, and "none", which is an answer', () => {
    const mapping = mapHeader(['Email', 'Country', 'Tools']);
    const record = applyHeaderMapping(mapping, 2, ['a@acme.com', 'NA', 'none']);
    expect(record.fields.country).toBe('NA');
    expect(record.custom).toEqual({ Tools: 'none' });
  });
});
