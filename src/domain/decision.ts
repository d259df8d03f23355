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
  /** Which part of the decision it speaks to (`review`: a person's word on it). */
  readonly kind: 'fit' | 'intent' | 'disqualifier' | 'model' | 'llm' | 'missing' | 'review';
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

/**
 * What the conversion model said about a lead, beside the rules: its calibrated probability,
 * its own verdict at its thresholds (undecided between them), and whether it moved the rules'
 * verdict. Disagreements stay visible even when the model did not move the verdict.
 */
export interface ModelOpinion {
  readonly version: string;
  /** Calibrated probability that a lead like this converts, 0..1. */
  readonly probability: number;
  readonly verdict: 'qualified' | 'not_qualified' | 'undecided';
  /** `raised`/`lowered` when the model changed the rules' verdict on an edge case. */
  readonly effect: 'raised' | 'lowered' | 'none';
  readonly agrees: boolean;
}

/** How far the LLM's verdict counts: shown only, allowed to move edge cases, or deciding. */
export const LLM_POLICIES = ['advise', 'edge', 'decide'] as const;
export type LlmPolicy = (typeof LLM_POLICIES)[number];

/**
 * What the language model said about a lead, beside rules and model: its verdict and score,
 * whether it agrees with the verdict rules and model reached without it (and with the model's
 * own verdict), and whether it changed the verdict under the policy. When the model could not
 * give a valid opinion, `error` says why and the verdict is the rules' (never a guessed one).
 */
export interface LlmVerdictOpinion {
  /** The client's spec, e.g. `openai:gpt-4o-mini`. */
  readonly model: string;
  readonly policy: LlmPolicy;
  readonly verdict?: Verdict;
  readonly score?: number;
  /** `changed` when the policy let the LLM's verdict replace the one reached without it. */
  readonly effect: 'changed' | 'none';
  /** Agreement with the verdict rules and model reached without the LLM. */
  readonly agrees?: boolean;
  /** Agreement with the conversion model's own verdict, when the model had one. */
  readonly agreesWithModel?: boolean;
  readonly nextQuestion?: string;
  readonly error?: { readonly kind: string; readonly message: string };
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd?: number;
  readonly cached: boolean;
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
  /** The conversion model's opinion, when a model took part. */
  readonly model?: ModelOpinion;
  /** The language model's opinion, when an LLM took part. */
  readonly llm?: LlmVerdictOpinion;
  readonly decidedAt: string;
}
