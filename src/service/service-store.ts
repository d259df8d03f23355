import type { PipelineTransaction } from '../pipeline/pipeline-transaction.js';
import type { Decision, Verdict } from '../domain/decision.js';
import type { Lead, LeadDraft } from '../domain/lead.js';
import type { UpsertResult } from '../domain/lead-store.js';
import type { Outcome } from '../domain/outcome.js';
import type { Route } from '../domain/route.js';
import type { NewJob } from '../jobs/job-queue.js';
import type { MetricsData } from '../metrics/dashboard-metrics.js';
import type { LeadOwner } from '../routing/lead-owner.js';

/** What the API answered, kept for a repeated Idempotency-Key. */
export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
}

/** A lead taken in: what the upsert did and the job that will qualify it. */
export type AcceptedLead = UpsertResult & { readonly jobId?: string };

export interface AcceptRequest {
  readonly drafts: readonly LeadDraft[];
  /** When the request arrived: the start of speed to first touch. */
  readonly arrivedAt: string;
  /** The first job of each lead: `qualify`, or `enrich` when enrichment runs first. */
  readonly firstJob?: string;
  readonly idempotency?: { readonly key: string; readonly requestHash: string };
  /** The answer for these results, stored with them under the idempotency key. */
  readonly respond: (leads: readonly AcceptedLead[]) => StoredResponse;
}

/** The result of an accept: fresh, or replayed from an earlier request with the same key. */
export type AcceptResult =
  | { readonly replayed: false; readonly leads: readonly AcceptedLead[]; readonly response: StoredResponse }
  | { readonly replayed: true; readonly response: StoredResponse };

export const SCOPES = [
  'leads:read',
  'leads:write',
  'events:write',
  'outcomes:write',
  'criteria:read',
  'criteria:write',
  'review:write',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: string;
  readonly revokedAt?: string;
  readonly lastUsedAt?: string;
}

export interface CriteriaVersion {
  readonly version: string;
  readonly name: string;
  readonly text: string;
  readonly createdAt: string;
  readonly createdBy?: string;
  readonly active: boolean;
}

/** A routed decision: where the lead went and the times of speed to first touch. */
export interface Touch {
  readonly id: string;
  readonly leadId: string;
  readonly decisionId: string;
  readonly route: Route;
  readonly arrivedAt: string;
  readonly decidedAt: string;
  readonly routedAt: string;
  readonly firstActionAt?: string;
}

export interface Review {
  readonly id: string;
  readonly leadId: string;
  readonly decisionId: string;
  readonly touchId: string;
  readonly verdict: Verdict;
  readonly proposed: Route;
  readonly status: 'pending' | 'accepted' | 'overridden';
  readonly createdAt: string;
  readonly resolvedAt?: string;
  readonly resolvedBy?: string;
  readonly finalVerdict?: Verdict;
  readonly reason?: string;
}

/** A lead in a listing, with its latest decision's key figures and where it was routed. */
export interface LeadSummary {
  readonly lead: Lead;
  readonly latest?: Pick<Decision, 'id' | 'verdict' | 'score' | 'grade' | 'decidedAt'> & {
    readonly fit: number;
    readonly intent: number;
    readonly playbook?: string;
    /** The reason that weighed most (a disqualifier first). */
    readonly topReason?: string;
    readonly owner?: { readonly id: string; readonly name: string };
    readonly destination?: string;
  };
}

/** Leads that arrived in a period, by their newest verdict, and how many became opportunities. */
export interface PeriodConversion {
  readonly from: string;
  readonly to: string;
  /** `qualified`, `rest` (decided otherwise) and `undecided` (no decision: before the AI, or waiting). */
  readonly groups: ReadonlyArray<{
    readonly group: string;
    readonly leads: number;
    readonly opportunities: number;
  }>;
}

/** Orders of the lead list; every one pages with a cursor. Grade ascending is best first (A1). */
export const LEAD_SORTS = [
  'newest',
  'oldest',
  'score_desc',
  'score_asc',
  'fit_desc',
  'fit_asc',
  'intent_desc',
  'intent_asc',
  'grade_asc',
  'grade_desc',
] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export interface LeadFilter {
  readonly verdict?: Verdict;
  readonly grade?: string;
  readonly playbook?: string;
  /** The owner's rep id. */
  readonly owner?: string;
  readonly source?: string;
  /** `newest` by default. */
  readonly sort?: LeadSort;
  /** Matches email, name, company or domain (case-insensitive substring). */
  readonly q?: string;
  readonly limit: number;
  /** Where the previous page ended (`next` of its answer). */
  readonly cursor?: string;
}

/** The values the lead list can be filtered by: playbooks, owners and sources in use. */
export interface LeadFacets {
  readonly playbooks: string[];
  readonly owners: Array<{ readonly id: string; readonly name: string }>;
  readonly sources: string[];
}

/**
 * The dashboard's sessions, stored so that a sign-out or a key's revocation is seen by every
 * process sharing the database at once (migration 017).
 */
export interface DashboardSessions {
  /** Keep a new session (and sweep the sessions that ended before `createdAt`). */
  saveSession(session: {
    readonly id: string;
    readonly keyId: string;
    readonly createdAt: string;
    readonly expiresAt: string;
  }): Promise<void>;
  /** The key of a session that exists, has not expired at `at` and whose key is not revoked. */
  sessionKey(
    id: string,
    at: string,
  ): Promise<{ readonly key: ApiKey; readonly expiresAt: string } | undefined>;
  /** End a session; false when there was none. */
  deleteSession(id: string): Promise<boolean>;
}

/** The storage the service needs beyond leads and jobs. */
export interface ServiceStore extends DashboardSessions {
  /** Upsert leads and enqueue their qualification in one transaction (idempotent by key). */
  acceptLeads(request: AcceptRequest): Promise<AcceptResult>;
  /** Enqueue re-qualification of stored leads (a new event, a requalify request). */
  requalify(leadIds: readonly string[], reason: string, arrivedAt: string): Promise<string[]>;
  listLeads(filter: LeadFilter): Promise<{ readonly items: LeadSummary[]; readonly next?: string }>;
  /** The playbooks, owners and sources the lead list can be filtered by. */
  leadFacets(): Promise<LeadFacets>;
  /** Up to `n` decided leads drawn at random, of one latest verdict when given. */
  sampleLeadIds(n: number, verdict?: Verdict): Promise<string[]>;
  /** The counts behind the dashboard's metrics. */
  metricsData(): Promise<MetricsData>;
  /** Conversion of the leads that arrived in [from, to), by newest verdict (a baseline period's too). */
  periodConversion(period: { readonly from: string; readonly to: string }): Promise<PeriodConversion>;
  listTouches(leadId: string): Promise<Touch[]>;
  /**
   * The reps who own these accounts (for each company domain, the owner of the latest AE route of
   * a lead there), in one read; domains without an owner are absent.
   */
  accountOwners(companyDomains: readonly string[]): Promise<Map<string, string>>;
  /**
   * The reps who own these leads from their earlier routes (see `leadOwner`), in one read; leads
   * never assigned to a rep are absent.
   */
  leadOwners(leadIds: readonly string[]): Promise<Map<string, LeadOwner>>;

  createApiKey(
    name: string,
    scopes: readonly Scope[],
  ): Promise<{ readonly key: ApiKey; readonly token: string }>;
  /** The key a bearer token names, when the token is genuine and the key not revoked. */
  verifyApiKey(token: string): Promise<ApiKey | undefined>;
  listApiKeys(): Promise<ApiKey[]>;
  /** Revoke a key and end its dashboard sessions, in one transaction. */
  revokeApiKey(id: string): Promise<boolean>;

  /** Keep a criteria text under its version and make it active. */
  saveCriteria(version: {
    readonly version: string;
    readonly name: string;
    readonly text: string;
    readonly createdBy?: string;
  }): Promise<void>;
  activeCriteria(): Promise<CriteriaVersion | undefined>;
  listCriteria(): Promise<CriteriaVersion[]>;
  activateCriteria(version: string): Promise<boolean>;

  listReviews(options: {
    readonly status?: Review['status'];
    readonly limit: number;
    readonly cursor?: string;
  }): Promise<{ readonly items: Review[]; readonly next?: string }>;
  getReview(id: string): Promise<Review | undefined>;
  /** Reviews by status: how often people confirmed the AI's verdict so far. */
  reviewCounts(): Promise<Readonly<Record<Review['status'], number>>>;
  /**
   * Resolve a pending review, and in the same transaction record the person's verdict as an
   * outcome and enqueue what follows (the actions of the route taken). False when not pending.
   */
  resolveReview(
    id: string,
    resolution: {
      readonly status: 'accepted' | 'overridden';
      readonly finalVerdict: Verdict;
      readonly reason?: string;
      readonly by: string;
      readonly at: string;
    },
    then: {
      readonly outcome?: Omit<Outcome, 'id'>;
      readonly jobs?: readonly NewJob[];
      /** More pipeline writes in the same transaction (a person's decision, its route). */
      readonly work?: (tx: PipelineTransaction) => Promise<void>;
    },
  ): Promise<boolean>;
}
