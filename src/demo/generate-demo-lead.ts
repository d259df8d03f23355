import type { DemoLeadHeader } from './demo-data.js';
import { DEMO_COUNTRIES, DEMO_INDUSTRIES } from './demo-firmographics.js';
import { DEMO_TITLES } from './demo-titles.js';
import { DEMO_DATA_QUALITY_RATES, demoRowKind, drawDemoPerson } from './draw-demo-person.js';
import type { DemoPerson } from './draw-demo-person.js';
import type { GeneratedCompany } from './generate-demo-companies.js';
import type { SeededRandom } from '../domain/seeded-random.js';
import { writeEmployees, writeRevenue } from './write-firmographic-text.js';
import { writeDemoPhone } from './write-demo-phone.js';

/** What every lead row is generated from: the seed, the clock and the companies. */
export interface DemoLeadContext {
  readonly seed: number;
  readonly nowMs: number;
  readonly companies: readonly GeneratedCompany[];
}

/** A lead row with the person behind it, its creation time and its random stream to go on with. */
export interface GeneratedLead {
  readonly row: Record<DemoLeadHeader, string>;
  readonly person: DemoPerson;
  readonly createdMs: number;
  readonly duplicateOf?: number;
  readonly rng: SeededRandom;
}

const DAY_MS = 86_400_000;
/** How far back created dates reach. */
export const DEMO_HISTORY_DAYS = 180;

const SOURCES = [
  'Website',
  'Webinar',
  'Paid Search',
  'Referral',
  'Partner',
  'Trade Show',
  'Content Download',
  'Demo Request',
  'Cold Outbound',
  'Product Signup',
] as const;
const LOW_INTEREST_SOURCE_WEIGHTS = [5, 2, 4, 1, 1, 2, 5, 0.5, 4, 1.5];
const HIGH_INTEREST_SOURCE_WEIGHTS = [4, 3, 2, 2, 1.5, 1.5, 3, 8, 1, 3];
const PLACEHOLDERS = ['N/A', '-', 'n/a', 'unknown'];
const PLACEHOLDER_FIELDS: readonly DemoLeadHeader[] = [
  'Industry',
  'Company Size',
  'Phone',
  'Annual Revenue',
  'City',
];
const OPT_IN = ['Yes', 'No', 'TRUE', 'false', '1', ''];
const INTERESTS = [
  '',
  '',
  'Lead Scoring',
  'Lead Routing',
  'Data Enrichment',
  'Conversational AI',
  'Lead Scoring; Enrichment',
];
const NOTES = [
  'Met at SaaStr booth',
  'Asked about SOC 2, HIPAA',
  'Call back in Q3',
  'Uses "Salesforce" + Outreach today',
  'Wants pricing for 25 seats,\nannual billing',
  'Existing customer? check',
  'Referred by Dana (partner)',
];
const INVALID_EMAILS = [
  (f: string) => `${f}@`,
  (f: string, l: string, stem: string) => `${f}.${l}@${stem}`,
  (f: string, l: string, stem: string) => `${f}.${l}@@${stem}.com`,
  (f: string, l: string, stem: string) => `${f}.${l}.${stem}.com`,
];

/** `00Q…`: a 15-character id shaped like a Salesforce lead id. */
export const demoLeadId = (index: number): string => `00Q${String(index + 1).padStart(12, '0')}`;

/** ISO 8601 without milliseconds, as CRM exports write it. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';

const website = (rng: SeededRandom, domain: string): string => {
  const style = rng.next();
  if (style < 0.35) return `https://www.${domain}`;
  if (style < 0.6) return domain;
  if (style < 0.75) return `www.${domain}`;
  if (style < 0.85) return `http://${domain}/`;
  if (style < 0.9) return `https://${domain}/about`;
  return '';
};

const sourcePairs = (weights: readonly number[]) =>
  SOURCES.map((source, i) => [source, weights[i] ?? 1] as const);
const LOW_INTEREST_SOURCES = sourcePairs(LOW_INTEREST_SOURCE_WEIGHTS);
const HIGH_INTEREST_SOURCES = sourcePairs(HIGH_INTEREST_SOURCE_WEIGHTS);

const sourceFor = (rng: SeededRandom, interest: number): string =>
  rng.weighted(interest > 0.6 ? HIGH_INTEREST_SOURCES : LOW_INTEREST_SOURCES);

const nameCase = (rng: SeededRandom, name: string): string => {
  const r = rng.next();
  return r < 0.03 ? name.toLowerCase() : r < 0.05 ? name.toUpperCase() : name;
};

const baseRow = (rng: SeededRandom, person: DemoPerson, index: number, createdMs: number) => {
  const { company, university } = person;
  const firm = company.company;
  const corporate = person.emailType !== 'free' || rng.chance(0.7);
  const country = rng.chance(0.9) ? company.country : rng.pick(DEMO_COUNTRIES);
  const spec = DEMO_INDUSTRIES.find((s) => s.key === company.industry.key) ?? company.industry;
  const row: Record<DemoLeadHeader, string> = {
    'Lead ID': rng.chance(DEMO_DATA_QUALITY_RATES.missingLeadId) ? '' : demoLeadId(index),
    'First Name': nameCase(rng, person.firstName),
    'Last Name': nameCase(rng, person.lastName),
    Email: person.email,
    'Job Title': person.title.title,
    Company: university?.[0] ?? (corporate ? (rng.chance(0.5) ? firm.name : company.shortName) : ''),
    Website: university === undefined && corporate ? website(rng, firm.domain) : '',
    Industry: rng.chance(0.6) ? firm.industry : rng.weighted(spec.spellings),
    'Company Size': rng.chance(0.6) ? firm.employees : writeEmployees(rng, company.employees),
    'Annual Revenue': rng.chance(0.35)
      ? ''
      : rng.chance(0.5)
        ? firm.revenue
        : writeRevenue(rng, company.revenueUsd),
    Country: rng.weighted(country.spellings),
    City: rng.chance(0.25) ? '' : rng.pick(country.cities),
    Phone: writeDemoPhone(rng, country.code, country.dialCode),
    'Lead Source': sourceFor(rng, person.interest),
    'Created Date': isoSeconds(createdMs),
    'Email Opt-in': rng.pick(OPT_IN),
    'Product Interest': rng.pick(INTERESTS),
    Notes: rng.chance(0.15) ? rng.pick(NOTES) : '',
  };
  if (rng.chance(DEMO_DATA_QUALITY_RATES.missingIndustry)) row.Industry = '';
  if (rng.chance(DEMO_DATA_QUALITY_RATES.missingCompanySize)) row['Company Size'] = '';
  if (rng.chance(DEMO_DATA_QUALITY_RATES.missingPhone)) row.Phone = '';
  if (rng.chance(DEMO_DATA_QUALITY_RATES.placeholder))
    row[rng.pick(PLACEHOLDER_FIELDS)] = rng.pick(PLACEHOLDERS);
  return row;
};

const applyKind = (
  rng: SeededRandom,
  person: DemoPerson,
  row: Record<DemoLeadHeader, string>,
  index: number,
): void => {
  if (person.kind === 'no_identity') {
    row['Lead ID'] = row['First Name'] = row['Last Name'] = row.Email = '';
  } else if (person.kind === 'invalid_email') {
    const f = row['First Name'].toLowerCase().replace(/[^a-z]/g, '') || 'bob';
    const l = row['Last Name'].toLowerCase().replace(/[^a-z]/g, '') || 'doe';
    const stem = person.company.company.domain.split('.')[0] ?? 'acme';
    row.Email = rng.pick(INVALID_EMAILS)(f, l, stem);
    // Keep the id so that events and outcomes can still point at the row.
    row['Lead ID'] = demoLeadId(index);
  }
};

const generateDuplicate = (context: DemoLeadContext, index: number, rng: SeededRandom): GeneratedLead => {
  let original = rng.int(0, index - 1);
  while (original > 0 && demoRowKind(context.seed, original) !== 'lead') original--;
  const earlier = generateDemoLead(context, original);
  const createdMs = earlier.createdMs + rng.next() * Math.min(45 * DAY_MS, context.nowMs - earlier.createdMs);
  const row = { ...earlier.row, 'Lead ID': demoLeadId(index), 'Created Date': isoSeconds(createdMs) };
  // A re-submitted form: the same person, some fields updated or filled in.
  if (rng.chance(0.3)) row['Job Title'] = rng.pick(DEMO_TITLES).title;
  const country = earlier.person.company.country;
  if (row.Phone === '' || rng.chance(0.2)) row.Phone = writeDemoPhone(rng, country.code, country.dialCode);
  if (row.Industry === '') row.Industry = earlier.person.company.company.industry;
  if (row['Company Size'] === '') row['Company Size'] = earlier.person.company.company.employees;
  row['Lead Source'] = sourceFor(rng, earlier.person.interest);
  if (rng.chance(0.2)) row.Email = row.Email.charAt(0).toUpperCase() + row.Email.slice(1);
  const person = { ...earlier.person, kind: 'duplicate' as const };
  return { row, person, createdMs: Math.floor(createdMs / 1000) * 1000, duplicateOf: original, rng };
};

/**
 * Lead row `index` of the demo set, from its own random stream: the same row whether the set
 * is generated in memory or streamed to a file, and whatever rows come before it.
 */
export const generateDemoLead = (context: DemoLeadContext, index: number): GeneratedLead => {
  const { person, rng } = drawDemoPerson(context.seed, index, context.companies);
  if (person.kind === 'duplicate') return generateDuplicate(context, index, rng);
  // Whole seconds, as the CSV writes it: the arrival event then carries the lead's exact created time.
  const createdMs = Math.floor((context.nowMs - rng.next() * DEMO_HISTORY_DAYS * DAY_MS) / 1000) * 1000;
  const row = baseRow(rng, person, index, createdMs);
  applyKind(rng, person, row, index);
  return { row, person, createdMs, rng };
};
