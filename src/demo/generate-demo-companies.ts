import type { DemoCompany } from './demo-data.js';
import { DEMO_COUNTRIES, DEMO_INDUSTRIES, DEMO_TECHNOLOGIES } from './demo-firmographics.js';
import type { DemoCountrySpec, DemoIndustrySpec } from './demo-firmographics.js';
import { DEMO_COMPANY_HEADS, DEMO_COMPANY_SUFFIXES, DEMO_COMPANY_TAILS } from './demo-names.js';
import type { SeededRandom } from '../domain/seeded-random.js';
import { writeEmployees, writeRevenue } from './write-firmographic-text.js';

/** A generated company: what is written about it, and the truth the hidden rules use. */
export interface GeneratedCompany {
  readonly company: DemoCompany;
  /** The core of the name without a legal suffix, as leads often type it. */
  readonly shortName: string;
  readonly industry: DemoIndustrySpec;
  readonly country: DemoCountrySpec;
  readonly employees: number;
  readonly revenueUsd: number;
}

const INDUSTRY_PAIRS = DEMO_INDUSTRIES.map((spec) => [spec, spec.weight] as const);
const COUNTRY_PAIRS = DEMO_COUNTRIES.map((spec) => [spec, spec.weight] as const);
const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const pickTld = (rng: SeededRandom, industry: DemoIndustrySpec, country: DemoCountrySpec): string => {
  const r = rng.next();
  if (country.code !== 'US' && r < 0.35) return country.tld;
  if (industry.key === 'software' || industry.key === 'internet') {
    return r < 0.6 ? 'com' : r < 0.8 ? 'io' : r < 0.9 ? 'ai' : 'co';
  }
  return r < 0.85 ? 'com' : r < 0.95 ? 'co' : 'net';
};

const uniqueDomain = (rng: SeededRandom, taken: Set<string>, stem: string, tld: string): string => {
  // Real companies that lose the plain .com register get<name>, <name>hq, try<name>.
  const candidates = [`${stem}.${tld}`, `${stem}.com`, `get${stem}.${tld}`, `${stem}hq.com`, `try${stem}.io`];
  for (const candidate of candidates) if (!taken.has(candidate)) return candidate;
  for (let n = 2; ; n++) {
    const candidate = `${stem}${n}.${rng.pick(['com', 'io', 'co'])}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const pickTechnologies = (rng: SeededRandom): string[] => {
  const technologies: string[] = [];
  for (const [name, share] of DEMO_TECHNOLOGIES) if (rng.chance(share)) technologies.push(name);
  return technologies;
};

const generateCompany = (rng: SeededRandom, taken: Set<string>): GeneratedCompany => {
  const head = rng.pick(DEMO_COMPANY_HEADS);
  const tail = rng.pick(DEMO_COMPANY_TAILS);
  const style = rng.next();
  const shortName =
    style < 0.6 ? head + tail : style < 0.85 ? head + capitalize(tail) : `${head} ${capitalize(tail)}`;
  const name = rng.chance(0.35) ? `${shortName} ${rng.pick(DEMO_COMPANY_SUFFIXES)}` : shortName;
  const industry = rng.weighted(INDUSTRY_PAIRS);
  const country = rng.weighted(COUNTRY_PAIRS);
  const domain = uniqueDomain(rng, taken, (head + tail).toLowerCase(), pickTld(rng, industry, country));
  taken.add(domain);
  // Log-normal head count, median ~120: most companies are small, a few are huge.
  const employees = Math.max(1, Math.min(250_000, Math.round(Math.exp(Math.log(120) + 1.8 * rng.normal()))));
  const revenueUsd = employees * 150_000 * Math.exp(0.6 * rng.normal());
  const company: DemoCompany = {
    name,
    domain,
    industry: rng.weighted(industry.spellings),
    employees: writeEmployees(rng, employees),
    revenue: writeRevenue(rng, revenueUsd),
    country: rng.weighted(country.spellings),
    technologies: pickTechnologies(rng),
  };
  return { company, shortName, industry, country, employees, revenueUsd };
};

/** `count` invented companies with unique domains, deterministic for the generator's state. */
export const generateDemoCompanies = (rng: SeededRandom, count: number): GeneratedCompany[] => {
  const taken = new Set<string>();
  const companies: GeneratedCompany[] = [];
  for (let i = 0; i < count; i++) companies.push(generateCompany(rng, taken));
  return companies;
};
