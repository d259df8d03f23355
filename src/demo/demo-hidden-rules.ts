import type { EmailType, JobFunction, Seniority } from '../domain/lead.js';
import type { DemoIndustry } from './demo-firmographics.js';

/**
 * What the hidden rules look at, as of the moment an AE reviewed the lead. Intent inputs are
 * already decayed: each event counts `exp(-ageDays / intent.decayDays)`, age measured back from
 * the review, and only events before the review count (no leakage from the future).
 */
export interface DemoLatent {
  readonly seniority: Seniority;
  readonly jobFunction: JobFunction;
  /** The company's true head count. */
  readonly employees: number;
  readonly industry: DemoIndustry;
  /** ISO 3166-1 alpha-2 of the company. */
  readonly country: string;
  readonly emailType: EmailType;
  /** Decayed pricing-page views in the `intent.windowDays` before the review. */
  readonly pricingViews: number;
  /** Decayed demo request (0 when none). */
  readonly demoRequest: number;
  /** Decayed "ROI calculator" download (0 when none). */
  readonly roiCalculator: number;
  /** Decayed reply to a marketing email (0 when none). */
  readonly emailReply: number;
  /** This lead's standard-normal noise; the rules scale it by `noiseSd`. */
  readonly noise: number;
}

/**
 * The hidden rules behind demo outcomes. One linear score (a logit) adds up:
 * - fit: seniority (director and above good, intern/student bad), job function (executive,
 *   sales, marketing, RevOps good), company size (51–5000 employees is the sweet spot, ≤ 10 bad),
 *   target industries (software, internet, financial services, healthcare), a served country,
 *   and the email type (corporate good, free-mail/education/disposable bad);
 * - intent: pricing-page views in the last 14 days (capped), a demo request, an ROI-calculator
 *   download and an email reply, each decayed with a 21-day time constant;
 * - two interactions: a director-or-above buyer at a target industry (bonus), a demo request
 *   from a free-mail address (penalty);
 * - Gaussian noise.
 * Each funnel stage is then logistic in that score with its own offset: the AE accepts with
 * σ(score + stages.accepted), an accepted lead becomes an opportunity with σ(score +
 * stages.opportunity), an opportunity is won with σ(score + stages.won).
 */
export const DEMO_HIDDEN_RULES = {
  stages: { accepted: -0.3, opportunity: 0.6, won: -2.5 },
  base: -2,
  seniority: {
    founder: 1,
    c_level: 1,
    vp: 1,
    director: 0.8,
    manager: 0.2,
    senior: 0,
    entry: -0.6,
    intern: -2,
  } satisfies Record<Seniority, number>,
  goodFunctions: {
    executive: 0.7,
    sales: 0.8,
    marketing: 0.7,
    operations: 0.5,
    customer_success: 0.1,
  } as Readonly<Partial<Record<JobFunction, number>>>,
  otherFunction: -0.5,
  /** Upper bounds (inclusive) of employee bands and their weights; the last band is open. */
  sizeBands: [
    { maxEmployees: 10, weight: -1.5 },
    { maxEmployees: 50, weight: -0.3 },
    { maxEmployees: 5000, weight: 0.7 },
    { maxEmployees: Number.POSITIVE_INFINITY, weight: 0 },
  ],
  targetIndustries: ['software', 'internet', 'financial_services', 'healthcare'] as readonly DemoIndustry[],
  targetIndustryWeight: 0.7,
  servedCountries: ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'ES'] as readonly string[],
  servedCountryWeight: 0.3,
  unservedCountryWeight: -0.7,
  emailType: {
    corporate: 0.5,
    free: -0.6,
    role: -0.4,
    disposable: -2,
    education: -1.5,
  } satisfies Record<EmailType, number>,
  intent: {
    windowDays: 14,
    decayDays: 21,
    pricingViewWeight: 0.45,
    pricingViewCap: 3,
    demoRequestWeight: 1.2,
    roiCalculatorWeight: 0.6,
    emailReplyWeight: 0.7,
  },
  interactions: { seniorAtTargetIndustry: 0.5, demoRequestFromFreeMail: -0.8 },
  noiseSd: 0.6,
} as const;

const SENIOR: ReadonlySet<Seniority> = new Set(['founder', 'c_level', 'vp', 'director']);

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The hidden linear score (logit) of a lead; see `DEMO_HIDDEN_RULES`. */
export const demoScore = (latent: DemoLatent): number => {
  const r = DEMO_HIDDEN_RULES;
  const senior = SENIOR.has(latent.seniority);
  const target = r.targetIndustries.includes(latent.industry);
  const band = r.sizeBands.find((b) => latent.employees <= b.maxEmployees);
  let score = r.base + r.seniority[latent.seniority];
  score += r.goodFunctions[latent.jobFunction] ?? r.otherFunction;
  score += band?.weight ?? 0;
  score += target ? r.targetIndustryWeight : 0;
  score += r.servedCountries.includes(latent.country) ? r.servedCountryWeight : r.unservedCountryWeight;
  score += r.emailType[latent.emailType];
  score += r.intent.pricingViewWeight * Math.min(latent.pricingViews, r.intent.pricingViewCap);
  score += r.intent.demoRequestWeight * latent.demoRequest;
  score += r.intent.roiCalculatorWeight * latent.roiCalculator;
  score += r.intent.emailReplyWeight * latent.emailReply;
  if (senior && target) score += r.interactions.seniorAtTargetIndustry;
  if (latent.emailType === 'free') score += r.interactions.demoRequestFromFreeMail * latent.demoRequest;
  return score + r.noiseSd * latent.noise;
};

/** Stage probabilities of a lead under the hidden rules; `won` is the chance of the whole funnel. */
export interface DemoConversion {
  readonly score: number;
  readonly accepted: number;
  readonly opportunity: number;
  readonly winGivenOpportunity: number;
  readonly won: number;
}

/** The probability of each funnel stage for a lead, from the hidden rules. */
export const demoConversionProbability = (latent: DemoLatent): DemoConversion => {
  const score = demoScore(latent);
  const stages = DEMO_HIDDEN_RULES.stages;
  const accepted = sigmoid(score + stages.accepted);
  const opportunity = sigmoid(score + stages.opportunity);
  const winGivenOpportunity = sigmoid(score + stages.won);
  return {
    score,
    accepted,
    opportunity,
    winGivenOpportunity,
    won: accepted * opportunity * winGivenOpportunity,
  };
};
