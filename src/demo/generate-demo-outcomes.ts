import type { DemoOutcome } from './demo-data.js';
import { DEMO_HIDDEN_RULES, demoConversionProbability } from './demo-hidden-rules.js';
import type { DemoLatent } from './demo-hidden-rules.js';
import type { DemoPerson } from './draw-demo-person.js';
import { ROI_CALCULATOR } from './generate-demo-events.js';
import type { TimedDemoEvent } from './generate-demo-events.js';
import type { SeededRandom } from '../domain/seeded-random.js';

/** What the outcomes of one lead are generated from. */
export interface DemoOutcomeInput {
  readonly leadRef: string;
  readonly person: DemoPerson;
  readonly createdMs: number;
  readonly nowMs: number;
  /** This lead's events, in time order. */
  readonly events: readonly TimedDemoEvent[];
}

const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
/** Leads younger than this have no outcome yet. */
export const DEMO_OUTCOME_MIN_AGE_DAYS = 30;
const NEVER_WORKED = 0.12;
const GENERIC_REJECTIONS = ['No budget', 'No need', 'Competitor', 'Bad timing', 'Unresponsive'];
const LOSS_REASONS = ['Chose competitor', 'No budget', 'No decision', 'Price', 'Timing', 'Went dark'];

/** The hidden rules' inputs for a lead as of `reviewMs`: only events before it count, decayed. */
export const demoLatentAt = (
  person: DemoPerson,
  events: readonly TimedDemoEvent[],
  reviewMs: number,
  noise: number,
): DemoLatent => {
  const { windowDays, decayDays } = DEMO_HIDDEN_RULES.intent;
  let pricingViews = 0;
  let demoRequest = 0;
  let roiCalculator = 0;
  let emailReply = 0;
  for (const event of events) {
    const ageDays = (reviewMs - event.t) / DAY_MS;
    if (ageDays < 0) break; // events are in time order
    const weight = Math.exp(-ageDays / decayDays);
    if (event.type === 'pricing_page_view' && ageDays <= windowDays) pricingViews += weight;
    else if (event.type === 'demo_request') demoRequest = Math.max(demoRequest, weight);
    else if (event.type === 'email_reply') emailReply = Math.max(emailReply, weight);
    else if (event.type === 'content_download' && event.properties['asset'] === ROI_CALCULATOR) {
      roiCalculator = Math.max(roiCalculator, weight);
    }
  }
  const { title, company, emailType } = person;
  return {
    seniority: title.seniority,
    jobFunction: title.jobFunction,
    employees: company.employees,
    industry: company.industry.key,
    country: company.country.code,
    emailType,
    pricingViews,
    demoRequest,
    roiCalculator,
    emailReply,
    noise,
  };
};

const rejectionReason = (rng: SeededRandom, latent: DemoLatent): string => {
  if (rng.chance(0.25)) return rng.pick(GENERIC_REJECTIONS);
  if (latent.emailType === 'education') return 'Student';
  if (latent.emailType === 'disposable') return 'Spam / fake';
  if (latent.employees <= 10) return 'Too small';
  if (latent.seniority === 'intern' || latent.seniority === 'entry') return 'Wrong persona';
  if (!DEMO_HIDDEN_RULES.servedCountries.includes(latent.country)) return 'Outside territory';
  return rng.pick(GENERIC_REJECTIONS);
};

const dealAmount = (rng: SeededRandom, employees: number): number =>
  Math.round((6000 * Math.min(employees, 20_000) ** 0.35 * Math.exp(0.4 * rng.normal())) / 100) * 100;

/**
 * Draws the lead's latent inputs and, when it is older than `DEMO_OUTCOME_MIN_AGE_DAYS`,
 * appends its outcomes to `out` following the hidden rules: accepted or rejected (with a
 * reason) a few days after creation, then maybe an opportunity, then won or lost unless the
 * deal is still open at `nowMs`. Returns the latent inputs.
 */
export const generateDemoOutcomes = (
  rng: SeededRandom,
  input: DemoOutcomeInput,
  out: DemoOutcome[],
): DemoLatent => {
  const reviewMs = input.createdMs + rng.int(1, 10) * DAY_MS + rng.int(0, 8 * 3600) * 1000;
  const latent = demoLatentAt(input.person, input.events, reviewMs, rng.normal());
  const old = input.createdMs < input.nowMs - DEMO_OUTCOME_MIN_AGE_DAYS * DAY_MS;
  if (!old || rng.chance(NEVER_WORKED)) return latent;
  const p = demoConversionProbability(latent);
  const leadRef = input.leadRef;
  if (!rng.chance(p.accepted)) {
    out.push({ leadRef, type: 'rejected', occurredAt: iso(reviewMs), reason: rejectionReason(rng, latent) });
    return latent;
  }
  out.push({ leadRef, type: 'accepted', occurredAt: iso(reviewMs) });
  if (!rng.chance(p.opportunity)) return latent;
  const oppMs = reviewMs + rng.int(1, 14) * DAY_MS;
  const amount = dealAmount(rng, latent.employees);
  if (oppMs > input.nowMs) return latent;
  out.push({ leadRef, type: 'opportunity_created', occurredAt: iso(oppMs), amount });
  // Bigger companies take longer to close.
  const closeMs = oppMs + (14 + rng.int(0, 30) + 10 * Math.log10(latent.employees + 1)) * DAY_MS;
  const won = rng.chance(p.winGivenOpportunity);
  if (closeMs > input.nowMs) return latent;
  out.push(
    won
      ? { leadRef, type: 'won', occurredAt: iso(closeMs), amount }
      : { leadRef, type: 'lost', occurredAt: iso(closeMs), reason: rng.pick(LOSS_REASONS) },
  );
  return latent;
};
