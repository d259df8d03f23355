import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES } from '../domain/activity.js';
import { isAppError } from '../domain/app-error.js';
import { OUTCOME_TYPES } from '../domain/outcome.js';
import { DEMO_LEAD_HEADERS } from './demo-data.js';
import type { DemoData } from './demo-data.js';
import { DEMO_HIDDEN_RULES } from './demo-hidden-rules.js';
import { DEMO_DATA_QUALITY_RATES } from './draw-demo-person.js';
import { generateDemoData } from './generate-demo-data.js';

const now = '2026-06-01T00:00:00.000Z';
const DAY_MS = 86_400_000;
const big = generateDemoData({ seed: 2026, leads: 20_000, now });
const share = (data: DemoData, test: (row: Readonly<Record<string, string>>) => boolean): number =>
  data.leads.filter(test).length / data.leads.length;

describe('generateDemoData', () => {
  it('gives the same set for the same seed, and a different one for another seed', () => {
    const a = generateDemoData({ seed: 7, leads: 300, now });
    expect(generateDemoData({ seed: 7, leads: 300, now })).toEqual(a);
    expect(generateDemoData({ seed: 8, leads: 300, now }).leads).not.toEqual(a.leads);
  });

  it('makes 500 leads and about a quarter as many companies by default', () => {
    const data = generateDemoData({ seed: 1, now });
    expect(data.leads).toHaveLength(500);
    expect(data.truth).toHaveLength(500);
    expect(data.companies).toHaveLength(125);
  });

  it('gives every lead row every CRM header, as text', () => {
    for (const row of big.leads) expect(Object.keys(row)).toEqual([...DEMO_LEAD_HEADERS]);
  });

  it('gives companies unique domains', () => {
    expect(new Set(big.companies.map((c) => c.domain)).size).toBe(big.companies.length);
  });

  it('points events and outcomes at leads that exist, with known types, never after now', () => {
    const refs = new Set(big.leads.flatMap((row) => [row['Lead ID'], row['Email']]).filter(Boolean));
    const types: readonly string[] = ACTIVITY_TYPES;
    const badEvents = big.events.filter(
      (e) => !refs.has(e.leadRef) || !types.includes(e.type) || e.occurredAt > now,
    );
    const outcomeTypes: readonly string[] = OUTCOME_TYPES;
    const badOutcomes = big.outcomes.filter(
      (o) => !refs.has(o.leadRef) || !outcomeTypes.includes(o.type) || o.occurredAt > now,
    );
    expect(big.events.length).toBeGreaterThan(big.leads.length);
    expect(badEvents).toEqual([]);
    expect(badOutcomes).toEqual([]);
  });

  it('dates leads within the last 180 days and gives outcomes only to leads older than 30 days', () => {
    const nowMs = Date.parse(now);
    const created = new Map(
      big.leads.map((row) => [row['Lead ID'] || row['Email'], Date.parse(row['Created Date'] ?? '')]),
    );
    const outOfRange = [...created.values()].filter((ms) => !(ms >= nowMs - 180 * DAY_MS && ms <= nowMs));
    const tooYoung = big.outcomes.filter((o) => (created.get(o.leadRef) ?? nowMs) >= nowMs - 30 * DAY_MS);
    expect(outOfRange).toEqual([]);
    expect(tooYoung).toEqual([]);
  });

  it('marks duplicates with the earlier row they repeat, sharing its email', () => {
    const duplicates = big.truth.flatMap((t, i) =>
      t.duplicateOf === undefined ? [] : [[i, t.duplicateOf] as const],
    );
    expect(duplicates.length).toBeGreaterThan(0);
    for (const [i, original] of duplicates) {
      expect(original).toBeLessThan(i);
      expect(big.leads[i]?.['Email']?.toLowerCase()).toBe(big.leads[original]?.['Email']?.toLowerCase());
      const created = (row: number) => Date.parse(big.leads[row]?.['Created Date'] ?? '');
      expect(created(i)).toBeGreaterThanOrEqual(created(original));
    }
  });

  it('rejects a negative lead count and an unreadable now with INPUT_INVALID', () => {
    const call = (leads: number, at: string) => () => generateDemoData({ seed: 1, leads, now: at });
    expect(call(-1, now)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    expect(call(10, 'yesterday')).toThrow(/"now" must be an ISO 8601 time/);
    try {
      call(1.5, now)();
    } catch (error) {
      expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
    }
  });

  it('never throws for any seed and any small size', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 60 }), (seed, leads) => {
        expect(generateDemoData({ seed, leads, now }).leads).toHaveLength(leads);
      }),
      { numRuns: 50 },
    );
  });
});

describe('the deliberate data-quality problems', () => {
  const rates = DEMO_DATA_QUALITY_RATES;
  const near = (actual: number, target: number) => {
    expect(actual).toBeGreaterThan(target * 0.7);
    expect(actual).toBeLessThan(target * 1.3);
  };

  it('repeat an earlier email at about the duplicate rate, with a newer date', () => {
    const firstSeen = new Map<string, string>();
    let repeats = 0;
    for (const row of big.leads) {
      const email = (row['Email'] ?? '').toLowerCase();
      if (email === '') continue;
      const earlier = firstSeen.get(email);
      if (earlier === undefined) firstSeen.set(email, row['Created Date'] ?? '');
      else if ((row['Created Date'] ?? '') >= earlier) repeats++;
    }
    near(repeats / big.leads.length, rates.duplicate);
  });

  it('leave about 1 % of rows with no id, email or name, and about 1 % with an invalid email', () => {
    near(
      share(big, (r) => !r['Lead ID'] && !r['Email'] && !r['First Name'] && !r['Last Name']),
      rates.noIdentity,
    );
    const invalid = (email: string) => email !== '' && !/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email);
    near(
      share(big, (r) => invalid(r['Email'] ?? '')),
      rates.invalidEmail,
    );
  });

  it('leave industry, size and phone empty at about their rates', () => {
    near(
      share(big, (r) => r['Industry'] === ''),
      rates.missingIndustry,
    );
    near(
      share(big, (r) => r['Company Size'] === ''),
      rates.missingCompanySize,
    );
    near(
      share(big, (r) => r['Phone'] === ''),
      rates.missingPhone,
    );
  });

  it('write "N/A"-style placeholders in about 3 % of rows', () => {
    const placeholder = new Set(['N/A', '-', 'n/a', 'unknown']);
    const fields = ['Industry', 'Company Size', 'Phone', 'Annual Revenue', 'City'];
    near(
      share(big, (r) => fields.some((f) => placeholder.has(r[f] ?? ''))),
      rates.placeholder,
    );
  });
});

describe('the hidden rules', () => {
  const outcomesByRef = new Map<string, string[]>();
  for (const o of big.outcomes)
    outcomesByRef.set(o.leadRef, [...(outcomesByRef.get(o.leadRef) ?? []), o.type]);
  const winRate = (keep: (latent: NonNullable<(typeof big.truth)[number]['latent']>) => boolean): number => {
    let worked = 0;
    let won = 0;
    for (const t of big.truth) {
      const types = t.leadRef === undefined ? undefined : outcomesByRef.get(t.leadRef);
      if (t.latent === undefined || types === undefined || !keep(t.latent)) continue;
      worked++;
      if (types.includes('won')) won++;
    }
    return won / worked;
  };

  it('win a fair share of closed deals, between 20 % and 35 %', () => {
    const won = big.outcomes.filter((o) => o.type === 'won').length;
    const lost = big.outcomes.filter((o) => o.type === 'lost').length;
    expect(won / (won + lost)).toBeGreaterThan(0.2);
    expect(won / (won + lost)).toBeLessThan(0.35);
  });

  it('make senior buyers at target industries who viewed pricing win far more than interns and free-mail', () => {
    const senior = new Set(['founder', 'c_level', 'vp', 'director']);
    const strong = winRate(
      (l) =>
        senior.has(l.seniority) &&
        DEMO_HIDDEN_RULES.targetIndustries.includes(l.industry) &&
        l.pricingViews > 0,
    );
    const weak = winRate((l) => l.seniority === 'intern' || l.emailType === 'free');
    expect(strong).toBeGreaterThan(0.2);
    expect(strong).toBeGreaterThan(5 * weak);
  });

  it('make a demo request raise the win rate', () => {
    expect(winRate((l) => l.demoRequest > 0)).toBeGreaterThan(1.5 * winRate((l) => l.demoRequest === 0));
  });
});
