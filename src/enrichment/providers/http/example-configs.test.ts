import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderQuery } from '../../provider.js';
import { createHttpProvider } from './create-http-provider.js';
import { loadHttpProviderConfig } from './load-http-provider-config.js';
import { closeServers, json, serve } from './test-support/local-vendor.js';

const EXAMPLES = join(import.meta.dirname, '../../../../examples/providers');
const ENV = { CLEARBIT_API_KEY: 'sk_test', APOLLO_API_KEY: 'apollo-test', HUNTER_API_KEY: 'hunter-test' };

afterEach(closeServers);

// Answers shaped as each vendor documents them (abridged), served by a local stand-in: the
// examples are never sent to the vendors themselves.
const EXAMPLES_CASES = [
  {
    file: 'clearbit.yaml',
    query: { domain: 'clearbit.com' },
    request: { path: '/v2/companies/find?domain=clearbit.com', header: ['authorization', 'Bearer sk_test'] },
    answer: {
      name: 'Clearbit',
      legalName: 'APIHub, Inc',
      domain: 'clearbit.com',
      category: { sector: 'Information Technology', industry: 'Internet Software & Services' },
      description: 'Clearbit is the marketing data engine for all of your customer interactions.',
      geo: { city: 'San Francisco', state: 'California', country: 'United States', countryCode: 'US' },
      metrics: {
        employees: 200,
        employeesRange: '51-250',
        annualRevenue: null,
        estimatedAnnualRevenue: '$10M-$50M',
      },
      tech: ['google_analytics', 'salesforce', 'stripe'],
    },
    fields: {
      'company.name': 'Clearbit',
      'company.domain': 'clearbit.com',
      'company.industry': 'Internet Software & Services',
      'company.employees': { min: 51, max: 250 },
      'company.revenue': { min: 10e6, max: 50e6 },
      'company.country': 'US',
      'company.city': 'San Francisco',
      'company.description': 'Clearbit is the marketing data engine for all of your customer interactions.',
      'company.technologies': ['google_analytics', 'salesforce', 'stripe'],
    },
    confidence: 0.9,
  },
  {
    file: 'apollo.yaml',
    query: { domain: 'apollo.io' },
    request: { path: '/api/v1/organizations/enrich?domain=apollo.io', header: ['x-api-key', 'apollo-test'] },
    answer: {
      organization: {
        name: 'Apollo.io',
        website_url: 'http://www.apollo.io',
        linkedin_url: 'http://www.linkedin.com/company/apolloio',
        primary_domain: 'apollo.io',
        industry: 'information technology & services',
        estimated_num_employees: 1600,
        annual_revenue: 100_000_000,
        city: 'San Francisco',
        country: 'United States',
        short_description: 'Apollo.io is the sales intelligence platform.',
        current_technologies: [
          { uid: 'salesforce', name: 'Salesforce', category: 'CRM' },
          { uid: 'google_analytics', name: 'Google Analytics', category: 'Analytics and Tracking' },
        ],
      },
    },
    fields: {
      'company.name': 'Apollo.io',
      'company.domain': 'apollo.io',
      'company.industry': 'information technology & services',
      'company.employees': { min: 1600, max: 1600 },
      'company.revenue': { min: 100_000_000, max: 100_000_000 },
      'company.country': 'United States',
      'company.city': 'San Francisco',
      'company.description': 'Apollo.io is the sales intelligence platform.',
      'company.linkedin': 'http://www.linkedin.com/company/apolloio',
      'company.technologies': ['Salesforce', 'Google Analytics'],
    },
    confidence: 0.85,
  },
  {
    file: 'hunter.yaml',
    query: { domain: 'reddit.com', firstName: 'Alexis', lastName: 'Ohanian' },
    request: {
      path: '/v2/email-finder?domain=reddit.com&first_name=Alexis&last_name=Ohanian',
      header: ['x-api-key', 'hunter-test'],
    },
    answer: {
      data: {
        first_name: 'Alexis',
        last_name: 'Ohanian',
        email: 'alexis@reddit.com',
        score: 97,
        domain: 'reddit.com',
        position: 'Cofounder',
        linkedin_url: null,
        phone_number: null,
        verification: { date: '2026-01-05', status: 'valid' },
      },
      meta: { params: { first_name: 'Alexis', last_name: 'Ohanian', domain: 'reddit.com' } },
    },
    fields: { 'person.email': 'alexis@reddit.com', 'person.title': 'Cofounder' },
    confidence: 0.97,
  },
  {
    file: 'hunter-verifier.yaml',
    query: { email: 'alexis@reddit.com', domain: 'reddit.com' },
    request: { path: '/v2/email-verifier?email=alexis%40reddit.com', header: ['x-api-key', 'hunter-test'] },
    answer: {
      data: {
        status: 'valid',
        result: 'deliverable',
        score: 100,
        email: 'alexis@reddit.com',
        regexp: true,
        gibberish: false,
        disposable: false,
        webmail: false,
        mx_records: true,
        smtp_server: true,
        smtp_check: true,
        accept_all: false,
        block: false,
        sources: [],
      },
      meta: { params: { email: 'alexis@reddit.com' } },
    },
    fields: { 'person.email': 'alexis@reddit.com' },
    confidence: 1,
  },
] as const;

describe('the example provider configs', () => {
  it.each(EXAMPLES_CASES)(
    '$file asks as its vendor documents and maps the documented answer',
    async (example) => {
      const { base, seen } = await serve(json(200, example.answer));
      const config = await loadHttpProviderConfig(join(EXAMPLES, example.file));
      const local = { ...config, url: `${base}${new URL(config.url).pathname}` };
      const provider = createHttpProvider(local, ENV);
      const query: ProviderQuery = example.query;
      expect(provider.canAnswer(query)).toBe(true);
      expect(provider.canAnswer({ companyName: 'Acme' })).toBe(false);

      const answer = await provider.lookup(query, new AbortController().signal);
      expect(seen[0]?.url).toBe(example.request.path);
      const [header, value] = example.request.header;
      expect(seen[0]?.headers[header]).toBe(value);
      expect(Object.fromEntries(answer.fields.map((f) => [f.field, f.value]))).toEqual(example.fields);
      expect(new Set(answer.fields.map((f) => f.confidence))).toEqual(new Set([example.confidence]));
    },
  );

  it.each(EXAMPLES_CASES)('$file will not start without its API key', async ({ file }) => {
    const config = await loadHttpProviderConfig(join(EXAMPLES, file));
    expect(() => createHttpProvider(config, {})).toThrow(/set the environment variable [A-Z_]+_API_KEY/);
  });
});
