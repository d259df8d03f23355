import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../domain/clock.js';
import type { LeadDraft } from '../../../domain/lead.js';
import { draftLead, fromInput } from '../../../test-support/lead-drafts.js';
import { applyEnrichment } from '../../apply-enrichment.js';
import { createProviderCaller } from '../../call-provider.js';
import { enrichLeads } from '../../enrich-leads.js';
import { memoryCache } from '../../enrichment-cache.js';
import { subjectOf } from '../../enrichment-subject.js';
import { loadProviders } from '../../load-providers.js';
import { loadProvidersConfig } from '../../providers-config.js';
import { closeServers, html, jsonLd, page, serveSite, text } from './test-support/local-site.js';

const AT = '2026-11-28T12:00:00.000Z';
let dir: string | undefined;

afterEach(async () => {
  await closeServers();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const withDomain = (email: string, domain: string): LeadDraft => {
  const draft = draftLead({ email, at: AT });
  return { ...draft, company: { domain: { value: domain, provenance: fromInput(AT) } } };
};

const ACME = page(
  `<title>Acme | Home</title>${jsonLd({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Acme' },
      {
        '@type': 'Organization',
        name: 'Acme Corp',
        numberOfEmployees: { '@type': 'QuantitativeValue', minValue: 51, maxValue: 200 },
        address: { '@type': 'PostalAddress', addressCountry: 'DE' },
        sameAs: ['https://www.linkedin.com/company/acme-corp'],
      },
    ],
  })}<script src="//js.hs-scripts.com/42.js" id="hs-script-loader" async defer></script>`,
);

describe('the website provider in the waterfall', () => {
  it('is built from a providers file and fills fields whose provenance names it', async () => {
    const site = await serveSite({
      '/robots.txt': text('User-agent: leadsift\nDisallow: /sites/hidden-corp.com/\n'),
      '/sites/acme.com/': html(ACME),
      '/sites/hidden-corp.com/': html(ACME),
    });
    dir = await mkdtemp(join(tmpdir(), 'leadsift-website-'));
    const configPath = join(dir, 'providers.yaml');
    await writeFile(
      configPath,
      [
        'minConfidence: 0.6',
        'providers:',
        '  - type: website',
        '    name: homepage',
        '    timeoutMs: 5000',
        '    maxRedirects: 2',
        `    baseUrl: "${site.base}/sites/{domain}/"`,
        '',
      ].join('\n'),
    );
    const config = await loadProvidersConfig(configPath);
    const providers = await loadProviders(config, { configPath, env: {}, knownEmails: () => [] });
    expect(providers.map((p) => [p.name, p.limits.timeoutMs])).toEqual([['homepage', 5000]]);

    const drafts = [
      withDomain('ann@acme.com', 'acme.com'),
      withDomain('bo@hidden-corp.com', 'hidden-corp.com'),
    ];
    const clock = fixedClock(AT);
    const callers = providers.map((p) => createProviderCaller(p));
    const [acme, hidden] = await enrichLeads(
      { callers, cache: memoryCache(), clock },
      drafts.map(subjectOf),
      {
        minConfidence: config.minConfidence,
      },
    );

    expect(acme?.fields.map((f) => [f.field, f.value, f.provider, f.confidence])).toEqual([
      ['company.name', 'Acme Corp', 'homepage', 0.9],
      ['company.employees', { min: 51, max: 200 }, 'homepage', 0.9],
      ['company.country', 'DE', 'homepage', 0.9],
      ['company.linkedin', 'https://www.linkedin.com/company/acme-corp', 'homepage', 0.9],
      ['company.technologies', ['HubSpot'], 'homepage', 0.8],
    ]);
    expect(hidden?.fields).toEqual([]);
    expect(hidden?.calls).toEqual([
      expect.objectContaining({
        provider: 'homepage',
        outcome: 'answered',
        note: expect.stringContaining('robots.txt disallows it for leadsift') as unknown,
      }),
    ]);

    const { draft, warnings } = applyEnrichment(drafts[0] as LeadDraft, acme?.fields ?? [], {
      origin: 'leads.csv',
      receivedAt: AT,
    });
    expect(warnings).toEqual([]);
    const provenance = { source: 'enrichment', at: AT, provider: 'homepage', costCents: 0 };
    expect(draft.company.name).toMatchObject({
      value: 'Acme Corp',
      provenance: { ...provenance, confidence: 0.9 },
    });
    expect(draft.company.sizeBand).toMatchObject({ value: '51-200' });
    expect(draft.company.technologies).toMatchObject({
      value: ['HubSpot'],
      provenance: { ...provenance, confidence: 0.8 },
    });
    expect(draft.custom['company.linkedin']).toMatchObject({ provenance });
  });

  it('is in the example waterfall, right after the file provider', async () => {
    const config = await loadProvidersConfig(
      join(import.meta.dirname, '../../../../examples/providers/waterfall.yaml'),
    );
    expect(config.providers.map((p) => p.type)).toEqual(['file', 'website', 'http', 'email-pattern']);
  });
});
