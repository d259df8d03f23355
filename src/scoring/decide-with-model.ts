import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { ModelOpinion, Reason } from '../domain/decision.js';
import type { DecisionDraft } from './decide-with-rules.js';
import type { ModelScore } from './model/score-lead-record.js';

/** How close to its playbook's minimum score a rules score must be for the model to move it. */
export const EDGE_POINTS = 15;

const pct = (p: number): string => `${Math.round(100 * p)} %`;

const modelVerdict = (p: number, t: ModelScore['thresholds']): ModelOpinion['verdict'] =>
  p >= t.qualifyAt ? 'qualified' : p <= t.rejectAt ? 'not_qualified' : 'undecided';

/** An edge case: decided by score and grades alone (no hard disqualifier, nothing missing), near the line. */
export const isEdge = (rules: DecisionDraft, criteria: LoadedCriteria): boolean => {
  if (rules.verdict === 'needs_info' || rules.reasons.some((r) => r.kind === 'disqualifier')) return false;
  const ruleset = criteria.playbooks.find((p) => p.playbook === rules.playbook) ?? criteria.fallback;
  return Math.abs(rules.score - ruleset.verdicts.minScore) <= EDGE_POINTS;
};

const factorReasons = (m: ModelScore, at: string): Reason[] =>
  m.factors.map((f) => ({
    text: f.text,
    kind: 'model',
    effect: Math.round(f.points),
    facts: [{ field: f.column, value: f.value, provenance: { source: 'input', at, column: f.column } }],
  }));

/**
 * The conversion model as a second scorer beside the rules. On an edge case (see `isEdge`) it
 * may raise a rules `not_qualified` to `qualified` when such leads convert at least at its
 * `qualifyAt` probability, or lower a rules `qualified` when they convert at most at `rejectAt`;
 * the first reason then says so ("Rules scored 45, but leads like this converted 62 % of the
 * time"). Hard disqualifiers and missing facts are never overridden. Either way the decision
 * records the model's probability, its own verdict and whether it agrees, and its top factors.
 */
export const decideWithModel = (
  rules: DecisionDraft,
  criteria: LoadedCriteria,
  m: ModelScore,
): DecisionDraft => {
  const own = modelVerdict(m.probability, m.thresholds);
  const edge = isEdge(rules, criteria);
  const raise = edge && rules.verdict === 'not_qualified' && own === 'qualified';
  const lower = edge && rules.verdict === 'qualified' && own === 'not_qualified';
  const verdict = raise ? 'qualified' : lower ? 'not_qualified' : rules.verdict;
  const override: Reason[] = raise
    ? [
        {
          text: `Rules scored ${rules.score}, but leads like this converted ${pct(m.probability)} of the time`,
          kind: 'model',
          effect: 0,
          facts: [],
        },
      ]
    : lower
      ? [
          {
            text: `Rules scored ${rules.score}, but leads like this converted only ${pct(m.probability)} of the time`,
            kind: 'model',
            effect: 0,
            facts: [],
          },
        ]
      : [];
  const summary: Reason = {
    text: `The model puts this lead's chance of converting at ${pct(m.probability)}${own === 'undecided' || own === verdict ? '' : `, and would say ${own.replace('_', ' ')}`}`,
    kind: 'model',
    effect: 0,
    facts: [],
  };
  // A model has no opinion on missing facts: needs_info is not a disagreement.
  const agrees = own === 'undecided' || verdict === 'needs_info' || own === verdict;
  return {
    ...rules,
    verdict,
    reasons: [...override, ...rules.reasons, summary, ...factorReasons(m, rules.decidedAt)],
    versions: { ...rules.versions, model: m.version },
    model: {
      version: m.version,
      probability: m.probability,
      verdict: own,
      effect: raise ? 'raised' : lower ? 'lowered' : 'none',
      agrees,
    },
  };
};
