import { describe, expect, it } from 'vitest';
import { employeesOf, readJsonLd } from './read-json-ld.js';

const block = (data: unknown): string => JSON.stringify(data);

describe('reading schema.org organizations from JSON-LD', () => {
  it('reads name, description, size, country, industry and sameAs of an Organization', () => {
    const reading = readJsonLd([
      block({
        '@context': 'https://schema.org',
        '@type': 'Organization',
        name: 'Acme Corp',
        description: ' Rockets   and anvils. ',
        numberOfEmployees: { '@type': 'QuantitativeValue', value: 250 },
        address: { '@type': 'PostalAddress', addressLocality: 'Berlin', addressCountry: 'DE' },
        industry: 'Manufacturing',
        sameAs: ['https://www.linkedin.com/company/acme', 'https://x.com/acme'],
      }),
    ]);
    expect(reading).toEqual({
      malformed: 0,
      organizations: [
        {
          type: 'Organization',
          name: 'Acme Corp',
          description: 'Rockets and anvils.',
          employees: { min: 250, max: 250 },
          country: 'DE',
          industry: 'Manufacturing',
          sameAs: ['https://www.linkedin.com/company/acme', 'https://x.com/acme'],
        },
      ],
    });
  });

  it('finds the organization inside an @graph among other nodes', () => {
    const reading = readJsonLd([
      block({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', '@id': 'https://acme.com/#webpage', name: 'Home' },
          { '@type': 'WebSite', '@id': 'https://acme.com/#website', name: 'Acme website' },
          {
            '@type': ['Organization', 'Brand'],
            '@id': 'https://acme.com/#organization',
            name: 'Acme',
            address: [{ '@type': 'PostalAddress', addressCountry: { '@type': 'Country', name: 'France' } }],
          },
        ],
      }),
    ]);
    expect(reading.organizations).toEqual([
      { type: 'Organization', name: 'Acme', country: 'France', sameAs: [] },
    ]);
  });

  it('skips a block that is not JSON, keeps the others and counts the bad one', () => {
    const reading = readJsonLd([
      '{"@type": "Organization", "name": "Broken",',
      block([{ '@type': 'schema:Corporation', name: 'Acme Inc.' }]),
    ]);
    expect(reading).toEqual({
      malformed: 1,
      organizations: [{ type: 'Corporation', name: 'Acme Inc.', sameAs: [] }],
    });
  });

  it('ignores nodes of other types and unusable values', () => {
    const reading = readJsonLd([
      block({ '@type': 'Product', name: 'Anvil' }),
      block({
        '@type': 'https://schema.org/LocalBusiness',
        name: '  ',
        numberOfEmployees: 'lots',
        sameAs: 7,
      }),
    ]);
    expect(reading.organizations).toEqual([{ type: 'LocalBusiness', sameAs: [] }]);
  });

  it('reads numberOfEmployees as a number, a text range, or a QuantitativeValue range', () => {
    expect(employeesOf(42)).toEqual({ min: 42, max: 42 });
    expect(employeesOf('1,200')).toEqual({ min: 1200, max: 1200 });
    expect(employeesOf('51-200')).toEqual({ min: 51, max: 200 });
    expect(employeesOf({ minValue: 11, maxValue: 50 })).toEqual({ min: 11, max: 50 });
    expect(employeesOf({ minValue: '1001' })).toEqual({ min: 1001 });
    expect(employeesOf({ value: 0 })).toBeUndefined();
    expect(employeesOf({ minValue: 50, maxValue: 10 })).toBeUndefined();
    expect(employeesOf(undefined)).toBeUndefined();
  });
});
