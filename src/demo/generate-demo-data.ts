import { AppError } from '../domain/app-error.js';
import type { DemoData, DemoEvent, DemoLeadTruth, DemoOutcome } from './demo-data.js';
import { generateDemoCompanies } from './generate-demo-companies.js';
import { generateDemoEvents } from './generate-demo-events.js';
import { generateDemoFollowUp } from './generate-demo-follow-up.js';
import { generateDemoLead } from './generate-demo-lead.js';
import type { DemoLeadContext } from './generate-demo-lead.js';
import { generateDemoOutcomes } from './generate-demo-outcomes.js';
import { createSeededRandom, mixSeed } from '../domain/seeded-random.js';

/** What a demo set is determined by. */
export interface DemoOptions {
  readonly seed: number;
  /** Lead rows, duplicates and broken rows included. Default 500. */
  readonly leads?: number;
  /** ISO 8601 "now": created dates fall in the 180 days before it; nothing happens after it. */
  readonly now: string;
}

/** Mixed into a lead's seed for the random stream of its follow-up behaviour. */
const FOLLOW_UP_STREAM = 2;

/** The default number of lead rows. */
export const DEFAULT_DEMO_LEADS = 500;

/**
 * Checks the options and generates the companies (about one per four leads) that every lead
 * row is drawn against. Shared by the in-memory and the streaming generators.
 */
export const createDemoLeadContext = (options: DemoOptions): DemoLeadContext & { readonly leads: number } => {
  const leads = options.leads ?? DEFAULT_DEMO_LEADS;
  const nowMs = Date.parse(options.now);
  if (!Number.isSafeInteger(leads) || leads < 0) {
    throw new AppError('INPUT_INVALID', {
      message: `demo: "leads" must be a whole number ≥ 0, got ${leads}`,
    });
  }
  if (!Number.isFinite(nowMs)) {
    throw new AppError('INPUT_INVALID', {
      message: `demo: "now" must be an ISO 8601 time, got "${options.now}"`,
    });
  }
  if (!Number.isFinite(options.seed)) {
    throw new AppError('INPUT_INVALID', {
      message: `demo: "seed" must be a finite number, got ${options.seed}`,
    });
  }
  const companyCount = Math.max(1, Math.round(leads / 4));
  const companies = generateDemoCompanies(createSeededRandom(mixSeed(options.seed, -1)), companyCount);
  return { seed: options.seed, nowMs, companies, leads };
};

/**
 * A realistic B2B demo set: companies, CRM-export lead rows with deliberate data-quality
 * problems (`DEMO_DATA_QUALITY_RATES`), behaviour events and historical outcomes that follow
 * `DEMO_HIDDEN_RULES`, then the behaviour of the leads sales is still working (`generateDemoFollowUp`). Pure and deterministic for (seed, leads, now).
 */
export const generateDemoData = (options: DemoOptions): DemoData => {
  const context = createDemoLeadContext(options);
  const leads: Record<string, string>[] = [];
  const events: DemoEvent[] = [];
  const outcomes: DemoOutcome[] = [];
  const truth: DemoLeadTruth[] = [];
  for (let index = 0; index < context.leads; index++) {
    const lead = generateDemoLead(context, index);
    const { row, person, rng, createdMs } = lead;
    leads.push(row);
    const leadRef = row['Lead ID'] || row.Email || undefined;
    const base = { kind: person.kind, interest: person.interest };
    if (leadRef === undefined) {
      truth.push(base);
    } else if (lead.duplicateOf !== undefined) {
      truth.push({ ...base, leadRef, duplicateOf: lead.duplicateOf });
    } else {
      const input = { leadRef, createdMs, nowMs: context.nowMs };
      const timed = generateDemoEvents(
        rng,
        { ...input, interest: person.interest, leadSource: row['Lead Source'] },
        events,
      );
      const first = outcomes.length;
      const latent = generateDemoOutcomes(rng, { ...input, person, events: timed }, outcomes);
      generateDemoFollowUp(
        createSeededRandom(mixSeed(context.seed, index, FOLLOW_UP_STREAM)),
        { ...input, interest: person.interest, outcomes: outcomes.slice(first) },
        events,
      );
      truth.push({ ...base, leadRef, latent });
    }
  }
  return { companies: context.companies.map((c) => c.company), leads, events, outcomes, truth };
};
