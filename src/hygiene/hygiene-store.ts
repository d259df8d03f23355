import type { Activity } from '../domain/activity.js';
import type { Decision } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { OutcomeType } from '../domain/outcome.js';
import type { NewJob } from '../jobs/job-queue.js';
import type { PipelineTransaction } from '../pipeline/pipeline-transaction.js';
import type { StaleFlag } from './flag-stale.js';

/** A lead's newest decision as re-evaluation compares with it (what `lead_latest` keeps). */
export type LatestDecision = Pick<Decision, 'verdict' | 'score' | 'decidedAt' | 'fit' | 'intent'> & {
  readonly decisionId: string;
};

/** A decided lead, read for re-evaluation: its facts, newest decision, route and current flag. */
export interface DecidedLead {
  readonly lead: Lead;
  readonly latest: LatestDecision;
  /** Where its newest route sent it (webhooks may filter by destination). */
  readonly destination?: string;
  readonly flag?: Pick<StaleFlag, 'kind' | 'action'>;
}

/** A stale flag as stored, with when it was raised or last confirmed. */
export type StoredStaleFlag = StaleFlag & { readonly flaggedAt: string };

/** What one batch of re-evaluation writes, in one transaction. */
export interface ReevaluationWrites {
  /** New same-verdict decisions, not routed again (each becomes its lead's newest; its route stays). */
  readonly decisions: readonly Omit<Decision, 'id'>[];
  /** Flags raised or confirmed now (replacing the lead's flag). */
  readonly flags: readonly StaleFlag[];
  /** Leads whose flag no longer holds (heard from again, closed, or no longer qualified). */
  readonly cleared: readonly string[];
  /** Webhook jobs for newly raised flags. */
  readonly jobs: readonly NewJob[];
  readonly at: string;
}

/**
 * Leads whose verdict moved, to route and act on in a batch's transaction: each with the newest
 * decision re-evaluation compared with. `work` gets the pipeline's writes and the leads whose
 * newest decision is still that one (a lead decided meanwhile — by the qualify pipeline or another
 * re-evaluation — is left out, so that a move is never acted on twice).
 */
export interface RequalifyWork {
  readonly leads: readonly { readonly leadId: string; readonly decisionId: string }[];
  work(tx: PipelineTransaction, current: ReadonlySet<string>): Promise<void>;
}

/**
 * The storage port of pipeline hygiene. The Kysely adapter reads pages of decided leads in id
 * order (never all at once) and writes each batch in one transaction.
 */
export interface HygieneStore {
  /** Up to `limit` decided leads with ids after `cursor`, in id order; `next` when there may be more. */
  decidedLeads(
    cursor: string | undefined,
    limit: number,
  ): Promise<{ readonly leads: DecidedLead[]; readonly next?: string }>;
  /** Each lead's events, oldest first (leads without any are absent). */
  activitiesOf(leadIds: readonly string[]): Promise<Map<string, Activity[]>>;
  /** Each lead's outcomes, oldest first (leads without any are absent). */
  outcomesOf(
    leadIds: readonly string[],
  ): Promise<Map<string, { readonly type: OutcomeType; readonly occurredAt: string }[]>>;
  /**
   * For each lead, when its newest unbroken run of `qualified` decisions began: the time it was
   * qualified, which re-scoring since (still qualified) does not move. Leads never qualified are absent.
   */
  qualifiedSince(leadIds: readonly string[]): Promise<Map<string, string>>;
  /** Write a batch, and run `requalify`'s work in the same transaction (all or nothing). */
  saveReevaluation(writes: ReevaluationWrites, requalify?: RequalifyWork): Promise<void>;
  /** How many leads are stored, and how many of them have a decision. */
  countLeads(): Promise<{ readonly stored: number; readonly decided: number }>;
  /** Flagged leads in lead id order, optionally of one action; `next` is the cursor of the next page. */
  listFlags(query: {
    readonly action?: StaleFlag['action'];
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<{ readonly flags: StoredStaleFlag[]; readonly next?: string }>;
  flagOf(leadId: string): Promise<StoredStaleFlag | undefined>;
}
