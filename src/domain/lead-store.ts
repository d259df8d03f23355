import type { Activity } from './activity.js';
import type { Decision } from './decision.js';
import type { Lead, LeadDraft } from './lead.js';
import type { Outcome } from './outcome.js';

/** What `upsertLeads` did with one draft: created a new lead or merged into an existing one. */
export interface UpsertResult {
  readonly id: string;
  readonly action: 'created' | 'updated';
}

/**
 * The storage port for leads and everything hanging off them. The domain owns this interface;
 * `adapters/storage` implements it on SQLite and PostgreSQL.
 */
export interface LeadStore {
  /**
   * Insert or merge leads, idempotently: a draft with an `externalId` matches the lead with that
   * external id; otherwise one with the same normalized email. Returns one result per draft,
   * in order.
   */
  upsertLeads(drafts: readonly LeadDraft[]): Promise<UpsertResult[]>;
  getLead(id: string): Promise<Lead | undefined>;
  findLeadByEmail(email: string): Promise<Lead | undefined>;
  /** Leads in creation order, `limit` at a time after `cursor` (an opaque string). */
  listLeads(options: { limit: number; cursor?: string }): Promise<{ leads: Lead[]; next?: string }>;
  countLeads(): Promise<number>;
  addActivities(activities: readonly Omit<Activity, 'id'>[]): Promise<string[]>;
  listActivities(leadId: string): Promise<Activity[]>;
  addOutcomes(outcomes: readonly Omit<Outcome, 'id'>[]): Promise<string[]>;
  listOutcomes(leadId: string): Promise<Outcome[]>;
  saveDecision(decision: Omit<Decision, 'id'>): Promise<string>;
  listDecisions(leadId: string): Promise<Decision[]>;
  close(): Promise<void>;
}
