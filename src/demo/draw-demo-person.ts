import type { EmailType } from '../domain/lead.js';
import type { DemoRowKind } from './demo-data.js';
import { DEMO_STUDENT_TITLES, DEMO_TITLES } from './demo-titles.js';
import type { DemoTitle } from './demo-titles.js';
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_UNIVERSITIES } from './demo-names.js';
import type { GeneratedCompany } from './generate-demo-companies.js';
import { createSeededRandom, mixSeed } from '../domain/seeded-random.js';
import type { SeededRandom } from '../domain/seeded-random.js';

/** Target rates of the deliberate data-quality problems, per lead row. */
export const DEMO_DATA_QUALITY_RATES = {
  /** Same email as an earlier row, newer date, some fields changed or filled in. */
  duplicate: 0.02,
  /** No id, no email, no name. */
  noIdentity: 0.01,
  /** An email without a domain or TLD ("bob@", "jane.doe@acme"). */
  invalidEmail: 0.01,
  /** A web-form row with an email but no CRM id. */
  missingLeadId: 0.02,
  missingIndustry: 0.08,
  missingCompanySize: 0.1,
  missingPhone: 0.3,
  /** One field holds "N/A", "-", "n/a" or "unknown". */
  placeholder: 0.03,
} as const;

/** The person behind a lead row, before the row's own quirks are applied. */
export interface DemoPerson {
  readonly kind: DemoRowKind;
  readonly company: GeneratedCompany;
  readonly university?: readonly [name: string, domain: string];
  readonly title: DemoTitle;
  readonly firstName: string;
  readonly lastName: string;
  readonly emailType: EmailType;
  readonly email: string;
  /** Latent interest in [0, 1]: drives behaviour, never written down. */
  readonly interest: number;
}

const TITLE_PAIRS = DEMO_TITLES.map((title) => [title, title.weight] as const);
const STUDENT_PAIRS = DEMO_STUDENT_TITLES.map((title) => [title, title.weight] as const);
const SENIOR = new Set(['founder', 'c_level', 'vp', 'director']);
const GOOD_FUNCTIONS = new Set(['executive', 'sales', 'marketing', 'operations']);
const FREE_MAIL: readonly (readonly [string, number])[] = [
  ['gmail.com', 6],
  ['yahoo.com', 2],
  ['outlook.com', 2],
  ['hotmail.com', 1],
  ['icloud.com', 0.5],
  ['gmx.de', 0.5],
];
const DISPOSABLE = ['mailinator.com', 'yopmail.com', 'guerrillamail.com', '10minutemail.com'];
const ROLES = ['info', 'sales', 'marketing', 'contact', 'hello', 'admin'];

/** The row kind of lead `index`: a hash of (seed, index), cheap to ask of any earlier row. */
export const demoRowKind = (seed: number, index: number): DemoRowKind => {
  const u = mixSeed(seed, index, 1) / 4294967296;
  const rates = DEMO_DATA_QUALITY_RATES;
  if (index > 0 && u < rates.duplicate) return 'duplicate';
  if (u < rates.duplicate + rates.noIdentity) return 'no_identity';
  if (u < rates.duplicate + rates.noIdentity + rates.invalidEmail) return 'invalid_email';
  return 'lead';
};

const plain = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

const writeEmail = (
  rng: SeededRandom,
  type: EmailType,
  first: string,
  last: string,
  domain: string,
): string => {
  const f = plain(first);
  const l = plain(last);
  if (type === 'free') {
    const style = rng.next();
    const local = style < 0.5 ? `${f}.${l}` : style < 0.8 ? `${f}${l}${rng.int(1, 99)}` : `${f}_${l}`;
    return `${local}@${rng.weighted(FREE_MAIL)}`;
  }
  if (type === 'role') return `${rng.pick(ROLES)}@${domain}`;
  if (type === 'disposable') return `${f}${rng.int(1, 999)}@${rng.pick(DISPOSABLE)}`;
  const style = rng.next();
  if (style < 0.55) return `${f}.${l}@${domain}`;
  if (style < 0.8) return `${f.charAt(0)}${l}@${domain}`;
  if (style < 0.92) return `${f}@${domain}`;
  return `${f}${l.charAt(0)}@${domain}`;
};

const drawInterest = (rng: SeededRandom, title: DemoTitle, emailType: EmailType): number => {
  let bias = 0;
  if (SENIOR.has(title.seniority) && GOOD_FUNCTIONS.has(title.jobFunction)) bias += 0.4;
  if (title.seniority === 'intern' || emailType === 'disposable') bias -= 0.6;
  return 1 / (1 + Math.exp(-(bias - 0.3 + 1.3 * rng.normal())));
};

/**
 * Draws the person of lead `index` from the start of its random stream, so that any row can
 * rebuild an earlier person (for duplicates) without holding it. Returns the stream to go on with.
 */
export const drawDemoPerson = (
  seed: number,
  index: number,
  companies: readonly GeneratedCompany[],
): { person: DemoPerson; rng: SeededRandom } => {
  const rng = createSeededRandom(mixSeed(seed, index));
  const kind = demoRowKind(seed, index);
  // Skewed toward low indexes so that some accounts have many contacts.
  const company = companies[Math.floor(companies.length * rng.next() ** 1.6)] as GeneratedCompany;
  const student = rng.chance(0.03);
  const university = student ? rng.pick(DEMO_UNIVERSITIES) : undefined;
  const title = rng.weighted(student ? STUDENT_PAIRS : TITLE_PAIRS);
  const firstName = rng.pick(DEMO_FIRST_NAMES);
  const lastName = rng.pick(DEMO_LAST_NAMES);
  const emailType: EmailType = student
    ? 'education'
    : rng.weighted<EmailType>([
        ['corporate', 0.8],
        ['free', 0.13],
        ['role', 0.045],
        ['disposable', 0.025],
      ]);
  const domain = university?.[1] ?? company.company.domain;
  const email = writeEmail(rng, emailType, firstName, lastName, domain);
  const interest = drawInterest(rng, title, emailType);
  const person: DemoPerson = { kind, company, title, firstName, lastName, emailType, email, interest };
  return { person: university === undefined ? person : { ...person, university }, rng };
};
