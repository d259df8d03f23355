import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../domain/clock.js';
import type { LeadDraft } from '../../../domain/lead.js';
import { draftLead } from '../../../test-support/lead-drafts.js';
import { applyEnrichment } from '../../apply-enrichment.js';
import { createProviderCaller } from '../../call-provider.js';
import { enrichLead } from '../../enrich-lead.js';
import { memoryCache } from '../../enrichment-cache.js';
import { subjectOf } from '../../enrichment-subject.js';
import type { EnrichmentProvider } from '../../provider.js';
import { createEmailPatternProvider, learnEmailPatterns } from '../email-pattern/index.js';
import { createHttpProvider } from './create-http-provider.js';
import { HttpProviderConfig } from './http-provider-config.js';
import { loadHttpProviderConfig } from './load-http-provider-config.js';
import { closeServers, serve, type Handler } from './test-support/local-vendor.js';

afterEach(closeServers);

const EXAMPLE = join(import.meta.dirname, '../../../../examples/providers/hunter-verifier.yaml');
const at = '2026-03-01T10:00:00.000Z';

/** A stand-in for Hunter's Email Verifier: the documented answer shape, with a status per address. */
const hunter =
  (statuses: Readonly<Record<string, string>>): Handler =>
  (req, res) => {
    const email = new URL(req.url ?? '/', 'http://x').searchParams.get('email') ?? '';
    const status = statuses[email] ?? 'unknown';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        data: { status, score: status === 'valid' ? 96 : 20, email, accept_all: status === 'accept_all' },
        meta: { params: { email } },
      }),
    );
  };

const verifier = async (statuses: Readonly<Record<string, string>>): Promise<EnrichmentProvider> => {
  const { base } = await serve(hunter(statuses));
  const config = await loadHttpProviderConfig(EXAMPLE);
  return createHttpProvider({ ...config, url: `${base}/v2/email-verifier` }, { HUNTER_API_KEY: 'k' });
};

// The company's known addresses follow first.last, so the guess for Ann Lee is ann.lee@acme.com.
const guesser = createEmailPatternProvider(
  learnEmailPatterns([
    { email: 'bob.stone@acme.com', firstName: 'Bob', lastName: 'Stone' },
    { email: 'cy.young@acme.com', firstName: 'Cy', lastName: 'Young' },
  ]),
);

const waterfall = (providers: EnrichmentProvider[], draft: LeadDraft) =>
  enrichLead(
    {
      callers: providers.map((p) => createProviderCaller(p)),
      cache: memoryCache(),
      clock: fixedClock(at),
    },
    subjectOf(draft),
    { fields: ['person.email'], minConfidence: 0.3 },
    { remainingCents: Infinity },
  );

const annAtAcme = (): LeadDraft => {
  const base = draftLead({ at });
  const provenance = { source: 'input' as const, at };
  return {
    ...base,
    person: { firstName: { value: 'Ann', provenance }, lastName: { value: 'Lee', provenance } },
    company: { domain: { value: 'acme.com', provenance } },
  };
};

/** Ann's lead as an earlier run left it: the guessed address, unconfirmed. */
const withGuess = (email: string): LeadDraft => {
  const lead = annAtAcme();
  const provenance = {
    source: 'enrichment' as const,
    at,
    provider: 'email-pattern',
    confidence: 0.7,
    verified: false,
  };
  return { ...lead, person: { ...lead.person, email: { value: email, provenance } } };
};

const context = { origin: 'leads.csv', receivedAt: at };

describe('the http provider as a verifier', () => {
  it('marks the checked address verified for a valid status and unverified otherwise, naming the status', async () => {
    const p = await verifier({ 'a@acme.com': 'valid', 'b@acme.com': 'invalid', 'c@acme.com': 'accept_all' });
    const signal = new AbortController().signal;
    const verdicts = await Promise.all(
      ['a@acme.com', 'b@acme.com', 'c@acme.com'].map(
        async (email) => (await p.lookup({ email }, signal)).fields,
      ),
    );
    expect(verdicts).toMatchObject([
      [
        {
          field: 'person.email',
          value: 'a@acme.com',
          verified: true,
          verification: 'valid',
          confidence: 0.96,
        },
      ],
      [{ field: 'person.email', value: 'b@acme.com', verified: false, verification: 'invalid' }],
      [{ field: 'person.email', value: 'c@acme.com', verified: false, verification: 'unknown' }],
    ]);
    expect(verdicts[2]?.[0]?.detail).toMatch(/data\.email \(data\.status: accept_all\)$/);
  });

  it('refuses a verification of a field its answer does not map', () => {
    const parsed = HttpProviderConfig.safeParse({
      name: 'v',
      url: 'https://verify.example/check',
      query: { email: '{email}' },
      fields: { 'person.title': 'title' },
      verification: { status: 'status', valid: ['ok'] },
    });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('map \\"person.email\\" in fields too');
  });

  it("confirms the email pattern's guess in the same run and records who guessed and who verified", async () => {
    const draft = annAtAcme();
    const r = await waterfall([guesser, await verifier({ 'ann.lee@acme.com': 'valid' })], draft);
    expect(r.fields).toMatchObject([
      {
        field: 'person.email',
        value: 'ann.lee@acme.com',
        provider: 'email-pattern',
        verified: true,
        verifiedBy: 'hunter-verifier',
      },
    ]);
    const applied = applyEnrichment(draft, r.fields, context, r.refuted).draft;
    expect(applied.person.email?.provenance).toMatchObject({
      source: 'enrichment',
      provider: 'email-pattern',
      verified: true,
      verifiedBy: 'hunter-verifier',
    });
  });

  it('never uses a guess the verifier found invalid, and leaves the field to later providers', async () => {
    const finder = createHttpProvider(
      HttpProviderConfig.parse({
        name: 'finder',
        url: `${(await serve((_req, res) => res.end(JSON.stringify({ email: 'al@acme.com' })))).base}/find`,
        query: { domain: '{domain}' },
        requires: ['domain'],
        fields: { 'person.email': 'email' },
        confidence: 0.9,
      }),
      {},
    );
    const draft = annAtAcme();
    const r = await waterfall([guesser, await verifier({ 'ann.lee@acme.com': 'invalid' }), finder], draft);
    expect(r.refuted).toMatchObject([
      { field: 'person.email', value: 'ann.lee@acme.com', verified: false, verifiedBy: 'hunter-verifier' },
    ]);
    expect(r.fields).toMatchObject([{ field: 'person.email', value: 'al@acme.com', provider: 'finder' }]);
    expect(r.calls.map((c) => [c.provider, c.outcome, c.filled])).toEqual([
      ['email-pattern', 'answered', ['person.email']],
      ['hunter-verifier', 'answered', []],
      ['finder', 'answered', ['person.email']],
    ]);
  });

  it("treats a lead's own unconfirmed guess as a gap a verifier confirms, restamping its provenance", async () => {
    const draft = withGuess('ann.lee@acme.com');
    expect(subjectOf(draft).unverified).toEqual(new Map([['person.email', 'ann.lee@acme.com']]));
    const r = await waterfall([guesser, await verifier({ 'ann.lee@acme.com': 'valid' })], draft);
    // The guesser does not guess again: the lead has an address, which the verifier checks.
    expect(r.calls.map((c) => [c.provider, c.outcome])).toEqual([
      ['email-pattern', 'cannot-answer'],
      ['hunter-verifier', 'answered'],
    ]);
    const applied = applyEnrichment(draft, r.fields, context, r.refuted).draft;
    expect(applied.person.email).toMatchObject({
      value: 'ann.lee@acme.com',
      provenance: { source: 'enrichment', verified: true, verifiedBy: 'hunter-verifier' },
    });
  });

  it("marks a lead's own guess refuted when the verifier finds it invalid, keeping the value", async () => {
    const draft = withGuess('ann.lee@acme.com');
    const r = await waterfall([await verifier({ 'ann.lee@acme.com': 'invalid' })], draft);
    expect(r.fields).toEqual([]);
    const applied = applyEnrichment(draft, r.fields, context, r.refuted).draft;
    expect(applied.person.email).toMatchObject({
      value: 'ann.lee@acme.com',
      provenance: { provider: 'email-pattern', verified: false, verifiedBy: 'hunter-verifier' },
    });
  });

  it('never asks a verifier about an address the lead itself gave', async () => {
    const p = await verifier({});
    const draft = draftLead({ email: 'ann@acme.com', at });
    const r = await waterfall([p], draft);
    expect(r.calls).toEqual([]);
  });
});
