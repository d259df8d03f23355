import type { ActivityType } from '../domain/activity.js';
import type { OutcomeType } from '../domain/outcome.js';
import type { DemoLatent } from './demo-hidden-rules.js';

/** A company as a firmographics file or vendor would list it: every field is text as written. */
export interface DemoCompany {
  readonly name: string;
  /** Unique across the set, e.g. `brightforge.io`. */
  readonly domain: string;
  readonly industry: string;
  /** Employee count as written: "200", "201-500", "1k-5k", "approx. 50 employees", … */
  readonly employees: string;
  /** Annual revenue as written: "$12M", "1-5 billion", "500K", … */
  readonly revenue: string;
  readonly country: string;
  readonly technologies: readonly string[];
}

/** A behaviour event. `leadRef` is the lead's "Lead ID", or its "Email" when the row has no id. */
export interface DemoEvent {
  readonly leadRef: string;
  readonly type: ActivityType;
  /** ISO 8601. */
  readonly occurredAt: string;
  readonly properties: Readonly<Record<string, string | number | boolean>>;
}

/** A historical outcome reported by an AE or the CRM. */
export interface DemoOutcome {
  readonly leadRef: string;
  readonly type: OutcomeType;
  /** ISO 8601. */
  readonly occurredAt: string;
  readonly reason?: string;
  /** US dollars, on opportunities and won deals. */
  readonly amount?: number;
}

/** Which deliberate data-quality problem a lead row carries, if any. */
export type DemoRowKind = 'lead' | 'duplicate' | 'invalid_email' | 'no_identity';

/**
 * The hidden truth behind one lead row: what generated it. Never written to CSV; there so that
 * tests and model work can check what a scorer recovers.
 */
export interface DemoLeadTruth {
  readonly kind: DemoRowKind;
  /** The ref events and outcomes use; absent for rows with no id and no email. */
  readonly leadRef?: string;
  /** For duplicates, the row index of the lead it duplicates. */
  readonly duplicateOf?: number;
  /** The latent interest in [0, 1] that drove the lead's behaviour. */
  readonly interest: number;
  /** The inputs of the hidden rules, as of the AE review; absent for duplicates and unreferenced rows. */
  readonly latent?: DemoLatent;
}

/** A demo set: plain data, deterministic for its (seed, leads, now). */
export interface DemoData {
  readonly companies: readonly DemoCompany[];
  /** Rows keyed by CRM-export headers (`DEMO_LEAD_HEADERS`), every row with every header. */
  readonly leads: readonly Readonly<Record<string, string>>[];
  readonly events: readonly DemoEvent[];
  readonly outcomes: readonly DemoOutcome[];
  /** One entry per lead row, in the same order. */
  readonly truth: readonly DemoLeadTruth[];
}

/** The columns of the demo's lead CSV, as a CRM export names them (not leadsift's own names). */
export const DEMO_LEAD_HEADERS = [
  'Lead ID',
  'First Name',
  'Last Name',
  'Email',
  'Job Title',
  'Company',
  'Website',
  'Industry',
  'Company Size',
  'Annual Revenue',
  'Country',
  'City',
  'Phone',
  'Lead Source',
  'Created Date',
  'Email Opt-in',
  'Product Interest',
  'Notes',
] as const;

/** One of the lead CSV's headers. */
export type DemoLeadHeader = (typeof DEMO_LEAD_HEADERS)[number];
