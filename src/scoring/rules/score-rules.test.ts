import { describe, expect, it } from 'vitest';
import type { Provenance } from '../../domain/provenance.js';
import { FitRules } from '../../criteria/fit-rules.js';
import { IntentRules } from '../../criteria/intent-rules.js';
import { scoreFit } from './score-fit.js';
import { scoreIntent } from './score-intent.js';
import { eventsBefore } from '../../test-support/events-before.js';

const at: Provenance = {
  source: 'enrichment',
  at: '2026-10-01T00:00:00.000Z',
  provider: 'file',
  confidence: 0.9,
};
const NOW = Date.parse('2026-11-01T00:00:00.000Z');
const event = eventsBefore(NOW);

describe('scoreFit on each kind of rule', () => {
  const rules = FitRules.parse({
    revenue: { min: 10_000_000, points: 20 },
    technologies: { include: ['HubSpot', 'Salesforce'], points: 30 },
    countries: { include: ['DE', 'FR'], points: 10 },
    emailTypes: { corporate: 10, free: -10 },
  });

  it('gives revenue, technology and country points with reasons citing enriched facts', () => {
    const fit = scoreFit(rules, {
      person: {},
      company: {
        revenue: { value: { min: 20_000_000, max: 50_000_000 }, provenance: at },
        technologies: { value: ['hubspot', 'Stripe'], provenance: at },
        country: { value: 'DE', provenance: at },
      },
    });
    expect(fit.max).toBe(70);
    expect(fit.points).toBe(60);
    expect(fit.score).toBe(86);
    expect(fit.reasons.map((r) => [r.text, r.effect])).toEqual([
      ['Revenue of $20,000,000–50,000,000, within the $10,000,000 or more target', 20],
      ['Based in DE, a target country', 10],
      ['Uses hubspot', 30],
    ]);
    expect(fit.reasons[2]?.facts[0]).toMatchObject({
      field: 'company.technologies',
      provenance: { source: 'enrichment', provider: 'file' },
    });
  });

  it('scores nothing, and says nothing, for facts the lead lacks; never below zero', () => {
    expect(scoreFit(rules, { person: {}, company: {} })).toEqual({
      points: 0,
      max: 70,
      score: 0,
      reasons: [],
    });
    const free = scoreFit(rules, { person: { emailType: { value: 'free', provenance: at } }, company: {} });
    expect(free).toMatchObject({
      points: -10,
      score: 0,
      reasons: [{ text: 'Uses a free-mail address', effect: -10 }],
    });
  });
});

describe('scoreIntent on each kind of rule', () => {
  const rules = IntentRules.parse({
    halfLifeDays: 10,
    windowDays: 30,
    rules: [
      { event: 'content_download', asset: 'ROI calculator', points: 20 },
      { event: 'content_download', points: 5 },
      { event: 'page_view', urlContains: '/customers/', points: 6, cap: 10, label: 'Read customer stories' },
    ],
  });

  it('matches named assets before generic downloads, and URLs by their text', () => {
    const intent = scoreIntent(
      rules,
      [
        event('content_download', 0, { asset: 'roi calculator' }),
        event('content_download', 0, { asset: 'Buyer guide' }),
        event('page_view', 0, { url: '/blog/x' }),
      ],
      NOW,
    );
    expect(intent.reasons.map((r) => [r.text, r.effect])).toEqual([
      ['Downloaded the ROI calculator today', 20],
      ['Downloaded content today', 5],
    ]);
    expect(intent.score).toBe(25);
  });

  it('caps a rule, and ignores events outside the window', () => {
    const views = [0, 1, 2, 3].map((d) => event('page_view', d, { url: 'https://x.io/customers/acme' }));
    const intent = scoreIntent(rules, [...views, event('content_download', 31)], NOW);
    expect(intent.reasons).toEqual([
      expect.objectContaining({ text: 'Read customer stories 4 times in the last 3 days', effect: 10 }),
    ]);
    expect(intent.score).toBe(10);
  });
});
