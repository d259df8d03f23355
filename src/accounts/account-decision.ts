import type { CitedFact, MissingFact, Reason, Verdict } from '../domain/decision.js';
import type { JobFunction, Seniority } from '../domain/lead.js';
import type { Subsidiary } from './group-accounts.js';

/**
 * One sentence about an account with its effect on the score and the facts behind it, like a
 * lead decision's reasons; `engagement` and `committee` speak to the contacts as a group.
 */
export interface AccountReason {
  readonly text: string;
  readonly kind: Reason['kind'] | 'engagement' | 'committee';
  readonly effect: number;
  readonly facts: readonly CitedFact[];
}

/** A contact as an account decision shows it. */
export interface AccountContactView {
  readonly leadId: string;
  readonly name?: string;
  readonly title?: string;
  readonly seniority?: Seniority;
  readonly jobFunction?: JobFunction;
  readonly engaged: boolean;
  /** The contact's own decayed intent, 0–100. */
  readonly intent: number;
}

/** A committee seat and who fills it. */
export interface SeatView {
  readonly role: string;
  readonly filledBy?: string;
}

/** An account's verdict, 0–100 score, its four parts, and reasons an AE can read. */
export interface AccountDecision {
  readonly key: string;
  readonly keyedBy: 'domain' | 'name';
  readonly name?: string;
  readonly domains: readonly string[];
  readonly verdict: Verdict;
  readonly score: number;
  /** Fit A–D (company firmographics only; absent when the rules score none) and intent 1–4. */
  readonly grade: string;
  readonly fit: { readonly score: number; readonly grade: 'A' | 'B' | 'C' | 'D'; readonly scored: boolean };
  readonly intent: { readonly score: number; readonly grade: 1 | 2 | 3 | 4 };
  readonly engagement: { readonly score: number; readonly engaged: number; readonly contacts: number };
  readonly committee: {
    readonly score: number;
    readonly filled: number;
    readonly seats: readonly SeatView[];
  };
  readonly contacts: readonly AccountContactView[];
  readonly subsidiaries: readonly Subsidiary[];
  readonly reasons: readonly AccountReason[];
  readonly missing: readonly MissingFact[];
  readonly versions: { readonly engine: string; readonly criteria: string };
  readonly decidedAt: string;
}
