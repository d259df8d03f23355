import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENRICHABLE_FIELDS, type EnrichableField } from '../../provider.js';
import { HttpProviderConfig } from './http-provider-config.js';
import { compileResponseMapping, readResponseFields } from './read-response-fields.js';

const mapping = (fields: Partial<Record<EnrichableField, string>>, confidence: unknown = 0.7) =>
  compileResponseMapping(HttpProviderConfig.parse({ name: 'v', url: 'https://x.test/', fields, confidence }));

const values = (document: unknown, fields: Partial<Record<EnrichableField, string>>) =>
  Object.fromEntries(
    readResponseFields(document, mapping(fields), 'GET https://x.test/').map((f) => [f.field, f.value]),
  );

describe('reading fields from a response', () => {
  it('reads employee counts and ranges as ranges', () => {
    const fields = { 'company.employees': 'e' } as const;
    expect(values({ e: 120 }, fields)).toEqual({ 'company.employees': { min: 120, max: 120 } });
    expect(values({ e: '51-200' }, fields)).toEqual({ 'company.employees': { min: 51, max: 200 } });
    expect(values({ e: '10,001+' }, fields)).toEqual({ 'company.employees': { min: 10001 } });
    expect(values({ e: -3 }, fields)).toEqual({});
    expect(values({ e: true }, fields)).toEqual({});
  });

  it('reads revenue in dollars, leaving amounts in other currencies out', () => {
    const fields = { 'company.revenue': 'r' } as const;
    expect(values({ r: '$10M-$50M' }, fields)).toEqual({ 'company.revenue': { min: 10e6, max: 50e6 } });
    expect(values({ r: 2.5e6 }, fields)).toEqual({ 'company.revenue': { min: 2.5e6, max: 2.5e6 } });
    expect(values({ r: '€5M' }, fields)).toEqual({});
  });

  it('reads technologies from a list or a single text, without blanks or repeats', () => {
    const fields = { 'company.technologies': 't' } as const;
    expect(values({ t: ['a', ' ', 'b', 'a', null] }, fields)).toEqual({ 'company.technologies': ['a', 'b'] });
    expect(values({ t: 'hubspot' }, fields)).toEqual({ 'company.technologies': ['hubspot'] });
    expect(values({ t: [{}] }, fields)).toEqual({});
  });

  it('reads text trimmed, skipping blanks, numbers and objects', () => {
    const fields = { 'company.name': 'n' } as const;
    expect(values({ n: '  Acme ' }, fields)).toEqual({ 'company.name': 'Acme' });
    for (const n of ['', 7, { a: 1 }, ['Acme'], null]) expect(values({ n }, fields)).toEqual({});
  });

  it('takes the confidence from a path when configured, within 0..1', () => {
    const at = (score: unknown) =>
      readResponseFields({ n: 'Acme', s: score }, mapping({ 'company.name': 'n' }, 's'), '')[0]?.confidence;
    expect(at(0.42)).toBe(0.42);
    expect(at(3)).toBe(1);
    expect(at('high')).toBe(0.5);
  });

  it('never throws, and gives each field a value of its kind, for any JSON answer', () => {
    const fields = Object.fromEntries(
      ENRICHABLE_FIELDS.map((f, i) => [f, i % 2 === 0 ? 'a' : 'b[]']),
    ) as Partial<Record<EnrichableField, string>>;
    const m = mapping(fields, { path: 'c', outOf: 100 });
    fc.assert(
      fc.property(fc.record({ a: fc.jsonValue(), b: fc.jsonValue(), c: fc.jsonValue() }), (document) => {
        for (const { field, value, confidence } of readResponseFields(document, m, '')) {
          expect(confidence).toBeGreaterThanOrEqual(0);
          expect(confidence).toBeLessThanOrEqual(1);
          if (field === 'company.employees' || field === 'company.revenue') {
            expect(value).toMatchObject({ min: expect.any(Number) });
          } else if (field === 'company.technologies') {
            expect(
              Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'),
            ).toBe(true);
          } else expect(typeof value === 'string' && value.trim() === value && value !== '').toBe(true);
        }
      }),
    );
  });
});
