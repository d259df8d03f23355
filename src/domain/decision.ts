import type { Provenance } from './provenance.js';

export const VERDICTS = ['qualified', 'not_qualified', 'needs_info'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A fact a reason relies on: the field, its value and where the value came from. */
export interface CitedFact {
  readonly field: string;
  readonly value: unknown;
  readonly provenance: Provenance;
}

/** One sentence of explanation with its effect on the score and the facts behind it. */
export interface Reason {
  readonly text: string;
  /** Which part of the decision it speaks to. */
  readonly kind: 'fit' | 'intent' | 'disqualifier' | 'model' | 'llm' | 'missing';
  /** Points added to (positive) or removed from (negative) the score. */
  readonly effect: number;
  readonly facts: readonly CitedFact[];
}

/** A fact the decision needed but did not have, and how to get it. */
export interface MissingFact {
  readonly field: string;
  /** `ask` the prospect, or `enrich` from a provider. */
  readonly how: 'ask' | 'enrich';
  readonly question?: string;
}

/** The versions of everything that made a decision, so that it can be reproduced. */
export interface DecisionVersions {
  readonly engine: string;
  readonly criteria: string;
  readonly model?: string;
  readonly llm?: string;
}

/** A qualification decision: verdict, 0–100 score, grade (fit letter × intent digit), reasons. */
export interface Decision {
  readonly id: string;
  readonly leadId: string;
  readonly verdict: Verdict;
  readonly score: number;
  /** Fit A–D and intent 1–4, e.g. `A1`. */
  readonly grade: string;
  readonly fit: { readonly score: number; readonly grade: 'A' | 'B' | 'C' | 'D' };
  readonly intent: { readonly score: number; readonly grade: 1 | 2 | 3 | 4 };
  readonly playbook?: string;
  readonly reasons: readonly Reason[];
  readonly missing: readonly MissingFact[];
  readonly versions: DecisionVersions;
  readonly decidedAt: string;
}
