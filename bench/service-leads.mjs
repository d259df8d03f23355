// Seeded, varied, demo-like leads as a web form or CRM would post them to `POST /v1/leads`:
// titles, industries and countries drawn with the demo generator's weights and spellings, every
// email distinct (so each post creates a lead), some leads without phone, size or industry.
import { join } from 'node:path';

/** A small seeded generator (mulberry32): the same seed gives the same leads. */
const seeded = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const weighted = (random, pairs) => {
  const total = pairs.reduce((n, [, w]) => n + w, 0);
  let x = random() * total;
  for (const [value, w] of pairs) if ((x -= w) < 0) return value;
  return pairs[pairs.length - 1][0];
};

const SIZES = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+', '35', '120', '800'];
const SOURCES = [
  'Website',
  'Demo Request',
  'Webinar',
  'Content Download',
  'Paid Search',
  'Referral',
  'Trade Show',
];

/**
 * A function that returns the next lead of a seeded sequence; `tag` keeps the emails of separate
 * runs (warm-up, measured phases) apart.
 */
export const leadSource = async (dist, seed, tag) => {
  const { DEMO_TITLES } = await import(join(dist, 'demo', 'demo-titles.js'));
  const { DEMO_INDUSTRIES, DEMO_COUNTRIES } = await import(join(dist, 'demo', 'demo-firmographics.js'));
  const names = await import(join(dist, 'demo', 'demo-names.js'));
  const random = seeded(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const titles = DEMO_TITLES.map((t) => [t.title, t.weight]);
  const industries = DEMO_INDUSTRIES.map((i) => [i, i.weight]);
  const countries = DEMO_COUNTRIES.map((c) => [c, c.weight]);
  let n = 0;
  return () => {
    n += 1;
    const first = pick(names.DEMO_FIRST_NAMES);
    const last = pick(names.DEMO_LAST_NAMES);
    const company = `${pick(names.DEMO_COMPANY_HEADS)}${pick(names.DEMO_COMPANY_TAILS)}`;
    const country = weighted(random, countries);
    const domain = `${company.toLowerCase().replace(/[^a-z0-9]/g, '')}${n % 997}.${country.tld}`;
    const lead = {
      email: `${first.toLowerCase().replace(/[^a-z]/g, '') || 'lead'}.${tag}${n}@${domain}`,
      firstName: first,
      lastName: last,
      title: weighted(random, titles),
      company,
      website: `https://www.${domain}`,
      country: weighted(random, country.spellings),
      source: pick(SOURCES),
    };
    if (random() < 0.85) lead.industry = weighted(random, weighted(random, industries).spellings);
    if (random() < 0.8) lead.employees = pick(SIZES);
    if (random() < 0.5)
      lead.phone = `+${country.dialCode} ${200 + Math.floor(random() * 700)} ${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
    return lead;
  };
};
