import type { Decision } from '../domain/decision.js';
import type { LeadDraft } from '../domain/lead.js';
import type { UpsertResult } from '../domain/lead-store.js';
import type { Route } from '../domain/route.js';
import type { JobTransaction } from '../jobs/job-queue.js';

/** A routed decision with the times that measure speed to first touch. */
export interface TouchDraft {
  readonly leadId: string;
  readonly decisionId: string;
  readonly route: Route;
  readonly arrivedAt: string;
  readonly decidedAt: string;
  readonly routedAt: string;
}

/** A decision waiting for a person (assisted mode). */
export interface ReviewDraft {
  readonly leadId: string;
  readonly decisionId: string;
  readonly touchId: string;
  readonly verdict: Decision['verdict'];
  readonly proposed: Route;
  readonly createdAt: string;
}

/**
 * What a pipeline job writes when it completes, in the transaction that marks it done: its
 * decision, its route, a review, the routing pointers, the first action's time, next jobs.
 */
export interface PipelineTransaction extends JobTransaction {
  /** Merge drafts into the stored leads (an enriched lead, a prospect's answer). */
  upsertLeads(drafts: readonly LeadDraft[]): Promise<UpsertResult[]>;
  saveDecision(decision: Omit<Decision, 'id'>): Promise<string>;
  saveTouch(touch: TouchDraft): Promise<string>;
  addReview(review: ReviewDraft): Promise<string>;
  /** Routing state by key (JSON), read inside the transaction so concurrent workers serialize. */
  routingState(key: string): Promise<unknown>;
  setRoutingState(key: string, state: unknown): Promise<void>;
  /** Record when the first action for a touch was delivered (kept if one was already). */
  markFirstAction(touchId: string, at: string): Promise<void>;
}
